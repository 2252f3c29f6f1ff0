"""How two nodes are connected: the shortest path and bounded simple paths."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel

from graph.records import Node
from graph.store import GraphStore
from queries.bounds import check, edge_types
from queries.exceptions import NoPath
from queries.lookup import resolve
from queries.models import DEFAULT_DEPTH, Hop, NodeRef, hop

__all__ = ["PathsAnswer", "paths"]

DEFAULT_PATHS = 10


class PathsAnswer(BaseModel):
    source: NodeRef
    target: NodeRef
    shortest: list[Hop]
    paths: list[list[Hop]]
    truncated: bool


def paths(
    store: GraphStore,
    source: str,
    target: str,
    *,
    max_length: int = DEFAULT_DEPTH,
    limit: int = DEFAULT_PATHS,
    types: Iterable[str] | None = None,
    directed: bool = False,
) -> PathsAnswer:
    """Paths between ``source`` and ``target``, shortest first; raises ``NoPath``.

    The search is bounded by ``max_length`` and by the store's ``path_bounds`` (nodes
    expanded, seconds); when a bound cut it the answer says ``truncated``, and may hold
    fewer paths, or none.

    >>> from queries.testing import tiny_store
    >>> answer = paths(tiny_store(), "梅花生物", "科区")
    >>> [h.target.name for h in answer.shortest]
    ['梅花生物25万吨苏氨酸项目', '科尔沁区']
    """
    check(max_length, limit)
    s, t = resolve(store, source), resolve(store, target)
    found, truncated = store.paths(s.id, t.id, edge_types(types), directed, max_length, limit)
    if not found and not truncated:
        raise NoPath(source, target)
    nodes: dict[str, Node] = {}
    for path in found:
        for e in path:
            for nid in (e.source, e.target):
                if nid not in nodes:
                    node = store.node(nid)
                    if node is not None:
                        nodes[nid] = node
    hops = [[hop(e, nodes) for e in path] for path in found]
    shortest = hops[0] if hops else []  # none found before the search bounds cut it: truncated
    return PathsAnswer(source=NodeRef.of(s), target=NodeRef.of(t), shortest=shortest, paths=hops, truncated=truncated)
