"""The upstream or downstream closure of a node, as a subgraph."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel

from graph.store import GraphStore
from queries.bounds import check, edge_types
from queries.lookup import resolve
from queries.models import DEFAULT_DEPTH, DEFAULT_LIMIT, Hop, NodeRef, hop

__all__ = ["DependencyAnswer", "dependencies"]

Direction = Literal["upstream", "downstream", "both"]
STORE_DIRECTION = {"upstream": "in", "downstream": "out", "both": "both"}


class DependencyAnswer(BaseModel):
    root: NodeRef
    direction: Direction
    nodes: list[NodeRef]
    edges: list[Hop]
    truncated: bool


def dependencies(
    store: GraphStore,
    node: str,
    *,
    direction: Direction = "upstream",
    max_depth: int = DEFAULT_DEPTH,
    limit: int = DEFAULT_LIMIT,
    types: Iterable[str] | None = None,
) -> DependencyAnswer:
    """What ``node`` depends on (``upstream``: whatever points at it — supporters,
    owners, contents) or what depends on it (``downstream``), within the bounds.

    >>> from queries.testing import tiny_store
    >>> answer = dependencies(tiny_store(), "梅花生物25万吨苏氨酸项目", types=["responsible-for"])
    >>> [n.name for n in answer.nodes]
    ['梅花生物']
    """
    check(max_depth, limit)
    if direction not in STORE_DIRECTION:
        from queries.exceptions import BadQuery

        raise BadQuery(f"direction must be upstream, downstream or both, not {direction!r}")
    root = resolve(store, node)
    sub = store.closure(root.id, STORE_DIRECTION[direction], edge_types(types), max_depth, limit)
    nodes = {n.id: n for n in sub.nodes}
    return DependencyAnswer(
        root=NodeRef.of(root),
        direction=direction,
        nodes=sorted((NodeRef.of(n) for n in sub.nodes if n.id != root.id), key=lambda r: (r.type, r.name)),
        edges=[hop(e, nodes) for e in sub.edges],
        truncated=sub.truncated,
    )
