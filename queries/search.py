"""Find nodes by name, alias, Chinese substring or pinyin (``kerqin`` finds 科尔沁区)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel

from graph.records import NODE_TYPES, Node
from graph.store import GraphStore
from queries.bounds import check, node_types
from queries.exceptions import BadQuery
from queries.models import NodeRef

__all__ = ["Hit", "SearchAnswer", "search"]

DEFAULT_HITS = 20


class Hit(BaseModel):
    node: NodeRef
    score: int
    matched: str  # the name or alias that matched


class SearchAnswer(BaseModel):
    query: str
    hits: list[Hit]
    truncated: bool


@dataclass(frozen=True)
class _Entry:
    node: Node
    text: str
    is_alias: bool
    full: str  # pinyin, syllables joined
    initials: str


def _pinyin(text: str) -> tuple[str, str]:
    from pypinyin import Style, lazy_pinyin

    syllables = [s.lower() for s in lazy_pinyin(text, errors="ignore")]
    syllables = [re.sub(r"[^a-z0-9]", "", s) for s in syllables]
    syllables = [s for s in syllables if s]
    initials = lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(syllables), "".join(i.lower() for i in initials if i.isalnum())


def _index(store: GraphStore) -> list[_Entry]:
    cached = store.derived.get("search")
    if cached is None:
        cached = []
        for node in store.nodes():
            for text, is_alias in [(node.name, False), *((a, True) for a in node.aliases)]:
                full, initials = _pinyin(text)
                cached.append(_Entry(node, text, is_alias, full, initials))
        store.derived["search"] = cached
    entries: list[_Entry] = cached
    return entries


def _subsequence(query: str, text: str) -> bool:
    it = iter(text)
    return all(ch in it for ch in query)


def _score(q: str, e: _Entry) -> int:
    text = e.text.lower()
    alias = 5 if e.is_alias else 0
    if text == q:
        return 100 - alias
    if text.startswith(q):
        return 80 - alias
    if q in text:
        return 60 - alias
    if not q.isascii():
        return 0
    if e.full.startswith(q) or e.initials.startswith(q):
        return 50 - alias
    if q in e.full:
        return 40 - alias
    if len(q) >= 4 and e.full[:1] == q[:1] and _subsequence(q, e.full):
        return 30 - alias  # kerqin ≈ keerqin: a letter dropped between syllables
    return 0


def search(store: GraphStore, q: str, *, types: Iterable[str] | None = None, limit: int = DEFAULT_HITS) -> SearchAnswer:
    """Nodes whose name or alias matches ``q``, best first.

    >>> from queries.testing import tiny_store
    >>> [h.node.name for h in search(tiny_store(), "kerqin").hits]
    ['科尔沁区']
    """
    check(limit=limit)
    query = re.sub(r"\s+", "", q).lower()
    if not query:
        raise BadQuery("q must not be empty")
    wanted = set(node_types(types) or NODE_TYPES)
    best: dict[str, Hit] = {}
    for e in _index(store):
        if e.node.type not in wanted:
            continue
        score = _score(query, e)
        if score and (e.node.id not in best or best[e.node.id].score < score):
            best[e.node.id] = Hit(node=NodeRef.of(e.node), score=score, matched=e.text)
    ranked = sorted(
        best.values(), key=lambda h: (-h.score, len(h.node.name), NODE_TYPES.index(h.node.type), h.node.name)
    )
    return SearchAnswer(query=q, hits=ranked[:limit], truncated=len(ranked) > limit)
