"""Find nodes by name, alias, Chinese substring or pinyin (``kerqin`` finds 科尔沁区).

The store's name index (``GraphStore.search_index``) hands out candidates one tier at a
time, the best tier first and each tier's entries in rank order, as many as the answer
can use; once more nodes are held than will be returned, the lower tiers cannot change
the answer and are not asked. When a tier held more, the answer says ``truncated``.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel

from graph.ids import plan_of
from graph.names import SUBSEQUENCE_MIN, TIERS, NameEntry, dropped_letters, fold
from graph.records import NODE_TYPES
from graph.store import GraphStore
from queries.bounds import check, node_types
from queries.exceptions import BadQuery
from queries.models import NodeRef

__all__ = ["Hit", "SearchAnswer", "search"]

DEFAULT_HITS = 20
ENTRIES_PER_HIT = 4
"""Index entries asked per hit wanted: a node's name and aliases may each match."""


class Hit(BaseModel):
    node: NodeRef
    score: int
    matched: str  # the name or alias that matched
    plan: str | None = None  # the plan of a section, task, target or plan: what tells two of one name apart


class SearchAnswer(BaseModel):
    query: str
    hits: list[Hit]
    truncated: bool


def _score(q: str, e: NameEntry) -> int:
    text = e.folded
    alias = 5 if e.is_alias else 0
    if text == q:
        return 100 - alias
    if text.startswith(q):
        return 80 - alias
    if q in text:
        return 60 - alias
    if not q.isascii():
        return 0
    if e.pinyin.startswith(q) or e.initials.startswith(q):
        return 50 - alias
    if q in e.pinyin:
        return 40 - alias
    if dropped_letters(q, e.pinyin):
        return 30 - alias  # kerqin ≈ keerqin: a letter or two dropped between syllables
    return 0


def _tiers(query: str) -> list[str]:
    if not query.isascii():
        return list(TIERS[:3])
    return [t for t in TIERS if t != "subsequence" or len(query) >= SUBSEQUENCE_MIN]


def search(store: GraphStore, q: str, *, types: Iterable[str] | None = None, limit: int = DEFAULT_HITS) -> SearchAnswer:
    """Nodes whose name or alias matches ``q``, best first.

    >>> from queries.testing import tiny_store
    >>> [h.node.name for h in search(tiny_store(), "kerqin").hits]
    ['科尔沁区']
    """
    check(limit=limit)
    query = fold(q)
    if not query:
        raise BadQuery("q must not be empty")
    wanted = node_types(types) or None
    index = store.search_index()
    best: dict[str, Hit] = {}
    cut = False
    for tier in _tiers(query):
        entries, more = index.matching(tier, query, wanted, ENTRIES_PER_HIT * (limit + 1))
        cut = cut or more
        for e in entries:
            score = _score(query, e)
            if score and (e.node_id not in best or best[e.node_id].score < score):
                node = NodeRef(id=e.node_id, type=e.node_type, name=e.node_name)
                best[e.node_id] = Hit(node=node, score=score, matched=e.text, plan=plan_of(e.node_id))
        if len(best) > limit:
            break  # every lower tier scores below what is already held
    ranked = sorted(
        best.values(),
        key=lambda h: (-h.score, len(h.node.name), NODE_TYPES.index(h.node.type), h.node.name, h.node.id),
    )
    return SearchAnswer(query=q, hits=ranked[:limit], truncated=cut or len(ranked) > limit)
