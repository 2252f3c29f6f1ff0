"""Find a node by id or by an unambiguous name or alias, and describe it."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel

from graph.exceptions import AmbiguousName, EmptyStore, NodeNotFound
from graph.plan_view import plans_of
from graph.records import Edge, Node
from graph.store import GraphStore
from queries.bounds import check
from queries.models import MAX_LIMIT
from queries.suggest import suggestions

__all__ = ["Neighbour", "NodeView", "describe", "resolve"]


def resolve(store: GraphStore, ref: str, types: Iterable[str] | None = None) -> Node:
    """The node ``ref`` names: an id, else a name or alias naming exactly one node.

    Raises ``NodeNotFound`` with the nearest names as suggestions (``EmptyStore`` when
    the store holds nothing at all) or ``AmbiguousName`` (listing the candidates' ids
    with the plans each comes from). A plan's view (``queries.plans.scope``) resolves a
    name among that plan's nodes.
    """
    node = store.node(ref)
    wanted = set(types) if types is not None else None
    if node is not None and (wanted is None or node.type in wanted):
        return node
    candidates = [n for n in store.named(ref) if wanted is None or n.type in wanted]
    exact = [n for n in candidates if n.name == ref]
    pick = exact if len(exact) == 1 else candidates
    if len(pick) == 1:
        return pick[0]
    if not pick:
        if store.is_empty():
            raise EmptyStore()
        raise NodeNotFound(ref, scope=store.scope, suggestions=suggestions(store, ref, wanted))
    raise AmbiguousName(ref, sorted(n.id for n in pick), {n.id: plans_of(n) for n in pick})


class Neighbour(BaseModel):
    direction: str  # "out" when the edge leaves the node, "in" when it arrives
    edge: Edge
    node: Node


class NodeView(BaseModel):
    node: Node
    neighbours: list[Neighbour]
    truncated: bool = False  # the node has more edges than ``limit`` in a direction


def describe(store: GraphStore, ref: str, *, limit: int = MAX_LIMIT) -> NodeView:
    """A node with its attributes, its edges and the nodes at their other ends (at most
    ``limit`` edges each way, by id).

    >>> from queries.testing import tiny_store
    >>> view = describe(tiny_store(), "梅花生物")
    >>> [(n.direction, n.edge.type, n.node.name) for n in view.neighbours]
    [('out', 'responsible-for', '梅花生物25万吨苏氨酸项目')]
    """
    check(limit=limit)
    node = resolve(store, ref)
    out_edges = store.edges(node.id, "out", limit=limit + 1)
    in_edges = store.edges(node.id, "in", limit=limit + 1)
    truncated = len(out_edges) > limit or len(in_edges) > limit
    out_edges, in_edges = out_edges[:limit], in_edges[:limit]
    others = store.nodes_by_id(sorted({e.target for e in out_edges} | {e.source for e in in_edges}))
    neighbours = [Neighbour(direction="out", edge=e, node=others[e.target]) for e in out_edges if e.target in others]
    neighbours += [Neighbour(direction="in", edge=e, node=others[e.source]) for e in in_edges if e.source in others]
    return NodeView(node=node, neighbours=neighbours, truncated=truncated)
