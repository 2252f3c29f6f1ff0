"""Clause-level helpers shared by the recognisers: where a clause starts, the verbs and
adverbs that open a phrase before a name, and the status verb a plan attaches to a name.
All word lists are the lexicon's; every scan is bounded, so a sentence without
punctuation costs no more than a short one."""

from __future__ import annotations

from functools import cache

from loaders.gazetteer import load, words

BREAK = "，,。；;：:、"
CLAUSE_BREAK = "，,。；;：:"
QUOTES = {"“": "”", "《": "》", "（": "）", "(": ")"}
MAX_BACK = 60


def clause_start(text: str, pos: int, breaks: str = BREAK) -> int:
    """Index where the clause holding ``pos`` starts (at most ``MAX_BACK`` back)."""
    i, floor = pos, max(0, pos - MAX_BACK)
    depth = 0
    while i > floor:
        c = text[i - 1]
        if c in QUOTES.values():
            depth += 1
        elif c in QUOTES:
            if depth == 0:
                break
            depth -= 1
        elif c in breaks and depth == 0:
            break
        i -= 1
    return i


@cache
def leading_words() -> dict[str, tuple[str, ...]]:
    """First character → the words that open a phrase with it, longest first."""
    keys = ("leading_words", "status_verbs", "framing_words", "change_words")
    out: dict[str, list[str]] = {}
    for w in sorted({w for k in keys for w in load("lexicon")[k]}, key=len, reverse=True):
        out.setdefault(w[0], []).append(w)
    return {c: tuple(ws) for c, ws in out.items()}


def strip_leading(text: str, keep: int = 2) -> tuple[str, int]:
    """Drop the verbs and adverbs that open a phrase (加快推进, 开工建设, 高质量建设 …),
    leaving at least ``keep`` characters; returns the rest and how much was cut."""
    cut = 0
    lead = leading_words()
    while True:
        options = lead.get(text[cut : cut + 1], ())
        w = next((w for w in options if text.startswith(w, cut) and len(text) - cut - len(w) >= keep), None)
        if w is None:
            return text[cut:], cut
        cut += len(w)


def status_after(text: str, end: int) -> str | None:
    """The status verb right after a name (…项目建成投产), 建设 skipped when another follows."""
    rest = text[end : end + 12]
    if rest.startswith("建设") and not rest.startswith("建设进度"):
        rest = rest[2:]
    return next((w for w in words("status_verbs") if rest.startswith(w)), None)


def balanced(text: str) -> bool:
    return all(text.count(a) == text.count(b) for a, b in QUOTES.items())


def split_items(region: str) -> list[tuple[str, int]]:
    """The items of a ``、`` list with their offsets, keeping quoted and bracketed parts whole."""
    items: list[tuple[str, int]] = []
    depth, start = 0, 0
    for i, c in enumerate(region):
        if c in QUOTES:
            depth += 1
        elif c in QUOTES.values():
            depth = max(0, depth - 1)
        elif c == "、" and depth == 0:
            items.append((region[start:i], start))
            start = i + 1
    items.append((region[start:], start))
    return [(x, p) for x, p in items if x]
