"""Common words: where a word begins and ends, and whether a phrase is generic wording.

A phrase is generic when it splits into common words (``大型智算中心``, ``文旅大数据中心``);
whatever does not split is a proper part (``佳鹤``, ``尔王庄``, ``帕西尼``): the anchor
that makes a name a name. The words are ``gazetteers/words.json`` (built from jieba's
dictionary) and the lexicon's ``modern_words`` (usage newer than that dictionary).
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from functools import cache

from loaders.gazetteer import load

LONGEST = 4


@cache
def common_words() -> frozenset[str]:
    return frozenset(load("words")["common"]) | frozenset(load("lexicon")["modern_words"])


@cache
def crossing_words() -> frozenset[str]:
    return frozenset(load("words")["crossing"])


@cache
def place_names() -> frozenset[str]:
    """Place names that are no administrative unit (南港, 松辽)."""
    return frozenset(load("words")["names"])


@cache
def all_words() -> frozenset[str]:
    return common_words() | place_names()


@cache
def nouns() -> frozenset[str]:
    """Common words and the dictionary's rarer nouns (``gazetteers/pos.json``): the
    vocabulary products and facilities are named with (苏氨酸, 传感器, 易拉罐)."""
    return common_words() | frozenset(load("pos")["nouns"])


@cache
def brand_words() -> frozenset[str]:
    """Common words the dictionary tags as names (蓝天, 曙光, 华为): a brand may be one."""
    return frozenset(load("pos")["names"])


@cache
def verbs() -> frozenset[str]:
    """The dictionary's verbs and adverbs (成立, 滚动, 陆续), by their part of speech."""
    return frozenset(load("pos")["verbs"])


def opens_with(text: str, vocabulary: AbstractSet[str]) -> int:
    """The length of the longest word of ``vocabulary`` that ``text`` opens with (0: none)."""
    return next((n for n in range(min(LONGEST, len(text)), 1, -1) if text[:n] in vocabulary), 0)


def generic(text: str, *known: AbstractSet[str]) -> bool:
    """Is ``text`` all vocabulary (nouns, common words, ``known``), no proper part?"""
    return not proper_parts(text, nouns(), *known)


def boundaries(text: str) -> set[int]:
    """Word boundaries of ``text`` by forward maximum matching over common words and
    place names; an uncovered character is a word of its own."""
    words = all_words()
    out, i = {0}, 0
    while i < len(text):
        size = next((n for n in range(min(LONGEST, len(text) - i), 1, -1) if text[i : i + n] in words), 1)
        i += size
        out.add(i)
    return out


def proper_parts(text: str, *known: AbstractSet[str]) -> list[str]:
    """Runs of two or more characters that no common word (or word of a ``known`` set) covers, by
    backward maximum matching (forward matching as well when that finds none); a run of
    two or more Latin letters or digits (G203, MSD) is proper too, a lone letter (A级) not."""
    return _runs(text, known, backward=True) or _runs(text, known, backward=False)


def _runs(text: str, known: tuple[AbstractSet[str], ...], backward: bool) -> list[str]:
    words = common_words()
    seq = text[::-1] if backward else text
    out: list[str] = []
    run = ""
    i = 0
    while i < len(seq):
        size = next(
            (n for n in range(min(LONGEST, len(seq) - i), 1, -1) if _known(seq[i : i + n], backward, words, known)),
            0,
        )
        if size:
            out, run = _close(out, run, backward), ""
            i += size
            continue
        if run and run[-1].isascii() != seq[i].isascii():
            out, run = _close(out, run, backward), ""
        run += seq[i]
        i += 1
    return _close(out, run, backward)


def _known(piece: str, backward: bool, words: frozenset[str], known: tuple[AbstractSet[str], ...]) -> bool:
    word = piece[::-1] if backward else piece
    return word in words or any(word in k for k in known)


def _close(out: list[str], run: str, backward: bool) -> list[str]:
    if len(run) >= 2 and not (run.isascii() and not run.isalnum()):
        out.append(run[::-1] if backward else run)
    return out


def crosses(text: str, start: int, end: int, left: bool = True, right: bool = True) -> bool:
    """Does a common word straddle the edge of ``text[start:end]`` (示范县 for 范县 at the
    left, 黄河南岸 for 河南 at both)? Then the span is no word of its own."""
    words = crossing_words()
    for inside, outside in ((1, 1), (1, 2), (2, 1)):  # characters of the span, and beyond it
        if inside >= end - start:
            continue
        if left and start - outside >= 0 and text[start - outside : start + inside] in words:
            return True
        if right and end + outside <= len(text) and text[end - inside : end + outside] in words:
            return True
    return False


def only_verbs(text: str) -> bool:
    """Is ``text`` a run of verbs and adverbs of the dictionary (稳妥推进, 滚动实施)?"""
    vocabulary, i = verbs(), 0
    while i < len(text):
        n = opens_with(text[i:], vocabulary)
        if not n:
            return False
        i += n
    return bool(text)


def straddled(text: str, start: int, end: int) -> bool:
    """Does a common word of two to four characters cross an edge of ``text[start:end]``
    (行动 in 扩中行动 for 中行, 其中 in 其中粮食 for 中粮)?"""
    words = common_words()
    for a in range(max(0, start - 3), end):
        for b in range(max(a + 2, start + 1), min(len(text), a + 4) + 1):
            crosses_edge = (a < start < b < end + 1 and b <= end) or (start <= a < end < b)
            if crosses_edge and text[a:b] in words and not (a <= start and end <= b):
                return True
    return False
