"""Did you mean …? The nearest names to one that names no node, from the search index.

The name is searched whole and in pieces (halves, and thirds of a long one), so that a
wrong character anywhere still leaves a piece that finds the right name; what the pieces
find is ranked by how close its name, alias, pinyin or initials is to what was asked
(``difflib``'s ratio). At most ``PIECES`` searches of ``PER_PIECE`` hits each: bounded
whatever the store holds.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from graph.exceptions import Candidate
from graph.names import fold, pinyin_keys
from graph.records import NODE_TYPES
from graph.store import GraphStore
from queries.exceptions import BadQuery
from queries.search import Hit, search

__all__ = ["suggestions"]

SUGGESTED = 5
CLOSE = 0.6
"""How close (0–1) a name must be to be suggested."""
PER_PIECE = 30
LONGEST = 100
"""A reference longer than this gets no suggestions (it is no name a user typed)."""
SHORTEST_PIECE = 2
PIECES = 6  # the whole, two halves, three thirds
_TYPED = re.compile(r"^(" + "|".join(t.lower() for t in NODE_TYPES) + r"):(.+)$", re.S)


def _asked(ref: str, types: Iterable[str] | None) -> tuple[str, list[str] | None]:
    """The name inside an id (``project:锦联…`` → ``锦联…``, of type Project), else the reference."""
    wanted = list(types) if types is not None else None
    m = _TYPED.match(ref)
    if not m:
        return ref, wanted
    kind = next(t for t in NODE_TYPES if t.lower() == m.group(1))
    name = m.group(2).split("/", 1)[-1]
    return name, [kind] if wanted is None or kind in wanted else wanted


def _pieces(q: str) -> list[str]:
    cuts = [q]
    for parts in (2, 3) if len(q) >= 9 else (2,) if len(q) >= 4 else ():
        size = -(-len(q) // parts)
        cuts += [q[i : i + size] for i in range(0, len(q), size)]
    return list(dict.fromkeys(c for c in cuts if len(c) >= SHORTEST_PIECE))


def _closeness(q: str, hit: Hit) -> float:
    texts = {fold(hit.matched), fold(hit.node.name)}
    if q.isascii():
        for text in list(texts):
            texts.update(k for k in pinyin_keys(text) if k)
    return max(difflib.SequenceMatcher(None, q, t, autojunk=False).ratio() for t in texts)


def suggestions(store: GraphStore, ref: str, types: Iterable[str] | None = None) -> list[Candidate]:
    """Up to ``SUGGESTED`` nodes whose names are close to ``ref``, closest first.

    >>> from queries.testing import tiny_store
    >>> [c.name for c in suggestions(tiny_store(), "梅花生物25万吨苏氨酸工程")]
    ['梅花生物25万吨苏氨酸项目']
    """
    name, wanted = _asked(ref, types)
    q = fold(name)
    if not q or len(q) > LONGEST:
        return []
    found: dict[str, Hit] = {}
    for piece in _pieces(q)[:PIECES]:
        try:
            hits = search(store, piece, types=wanted, limit=PER_PIECE).hits
        except BadQuery:
            continue
        for h in hits:
            found.setdefault(h.node.id, h)
    scored = sorted(
        ((round(_closeness(q, h), 3), h) for h in found.values()),
        key=lambda sh: (-sh[0], len(sh[1].node.name), sh[1].node.name, sh[1].node.id),
    )
    return [
        Candidate(h.node.id, h.node.type, h.node.name, (h.plan,) if h.plan else ())
        for score, h in scored[:SUGGESTED]
        if score >= CLOSE
    ]
