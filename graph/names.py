"""The name index behind search: every name and alias of a node with its search keys
(folded text, pinyin, pinyin initials), and the ways a query can match them.

The keys are computed once, when a plan is written (the SQLite store persists them);
stores without a persisted index build one in memory on first use. Either way a query
asks for the entries of one *tier* at a time, best tier first, so that it can stop as
soon as it holds more hits than it will return.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from graph.records import NODE_TYPES, Node

TIERS = ("exact", "prefix", "substring", "pinyin-prefix", "pinyin-substring", "subsequence")
"""How a query can match a name, best first; the pinyin tiers are for ASCII queries only."""

SUBSEQUENCE_MIN = 4
"""A query this long or longer may match pinyin with letters dropped (kerqin ≈ keerqin)."""
DROPPED = 2
"""At most this many letters of the pinyin may be missing from such a query, all within
its first ``len(query) + DROPPED`` letters."""

_HAN = re.compile(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")


@dataclass(frozen=True, slots=True)
class NameEntry:
    """One name or alias of a node, with its search keys."""

    node_id: str
    node_type: str
    node_name: str
    text: str  # the name or alias as written
    is_alias: bool
    pinyin: str  # syllables joined, lower case
    initials: str
    folded: str  # the text as queries are compared with it (``fold``)
    position: int  # 0 for the name, then the aliases in order


def fold(text: str) -> str:
    """What queries and names are compared as: lower case, no whitespace."""
    return re.sub(r"\s+", "", text).lower()


@lru_cache(maxsize=65536)
def _han_keys(run: str) -> tuple[str, str]:
    from pypinyin import Style, lazy_pinyin

    syllables = (re.sub(r"[^a-z0-9]", "", s.lower()) for s in lazy_pinyin(run, errors="ignore"))
    initials = lazy_pinyin(run, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(s for s in syllables if s), "".join(i.lower() for i in initials if i.isalnum())


def pinyin_keys(text: str) -> tuple[str, str]:
    """``(pinyin, initials)`` of the Chinese in ``text``: 科尔沁区 → keerqinqu, keqq.

    Each run of Chinese characters is converted on its own (as pypinyin does) and cached,
    so the many names that share words cost one conversion.

    >>> pinyin_keys("科尔沁区·2025")
    ('keerqinqu', 'keqq')
    """
    parts = [_han_keys(m.group()) for m in _HAN.finditer(text)]
    return "".join(p for p, _ in parts), "".join(i for _, i in parts)


def entries_of(node: Node) -> list[NameEntry]:
    """The name and every alias of ``node`` as index entries."""
    out = []
    for position, text in enumerate([node.name, *node.aliases]):
        full, initials = pinyin_keys(text)
        out.append(NameEntry(node.id, node.type, node.name, text, position > 0, full, initials, fold(text), position))
    return out


def rank(e: NameEntry) -> tuple[bool, int, int, str, str, int]:
    """The order entries of one tier are handed out in, best first: names before aliases,
    then as search ranks its hits (shorter names first, by type, by name), then by id."""
    return (e.is_alias, len(e.node_name), NODE_TYPES.index(e.node_type), e.node_name, e.node_id, e.position)


def is_subsequence(query: str, text: str) -> bool:
    it = iter(text)
    return all(ch in it for ch in query)


def dropped_letters(query: str, pinyin: str) -> bool:
    """``query`` is ``pinyin``'s start with at most ``DROPPED`` letters left out (kerqin, keerqinqu)."""
    return (
        len(query) >= SUBSEQUENCE_MIN
        and pinyin[:1] == query[:1]
        and is_subsequence(query, pinyin[: len(query) + DROPPED])
    )


def tier_matches(tier: str, q: str, e: NameEntry) -> bool:
    """Whether entry ``e`` belongs to ``tier`` for the folded query ``q``."""
    text = e.folded
    if tier == "exact":
        return text == q
    if tier == "prefix":
        return text.startswith(q)
    if tier == "substring":
        return q in text
    if tier == "pinyin-prefix":
        return e.pinyin.startswith(q) or e.initials.startswith(q)
    if tier == "pinyin-substring":
        return q in e.pinyin
    return dropped_letters(q, e.pinyin)


class NameIndex(ABC):
    """Entries by tier; a store hands one out through ``GraphStore.search_index``."""

    @abstractmethod
    def matching(self, tier: str, query: str, types: Sequence[str] | None, cap: int) -> tuple[list[NameEntry], bool]:
        """Entries of nodes of ``types`` (all when None) that match the folded ``query``
        in ``tier``, best first (``rank``), at most ``cap`` of them, and whether more existed."""


class MemoryNameIndex(NameIndex):
    """The index of a store that keeps none: built once from its nodes, scanned per tier."""

    def __init__(self, nodes: Iterable[Node]) -> None:
        self.entries = [e for n in nodes for e in entries_of(n)]

    def matching(self, tier: str, query: str, types: Sequence[str] | None, cap: int) -> tuple[list[NameEntry], bool]:
        wanted = None if types is None else set(types)
        found = [e for e in self.entries if (wanted is None or e.node_type in wanted) and tier_matches(tier, query, e)]
        found.sort(key=rank)
        return found[:cap], len(found) > cap
