"""One plan's part of a store: what that plan says, as if the store held nothing else.

A node or an edge belongs to a plan when it has provenance from it; an entity several
plans name (a banner, an industry) belongs to each of them, with only that plan's quotes.
``PlanView`` wraps any store (as ``CorrectedStore`` does) and answers every question of
the store interface from the base's plan hooks (``plan_nodes``, ``plan_incident``,
``plan_search_index``, ``plan_counts``), which the SQLite store answers from its index of
provenance by plan: a question costs what the plan's part of the graph costs, never a
pass over the whole store.

What an officer's correction made follows the same rule, with two cases of its own: a
node added without a plan belongs to every plan, and an edge a correction made belongs to
every plan both its ends belong to. A shared entity keeps the name, aliases and
attributes the store merged from every plan that names it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TypeVar

from graph.exceptions import StoreError
from graph.identity import Document, PlanLoad
from graph.names import MemoryNameIndex, NameIndex
from graph.records import Edge, Graph, Node, Provenance
from graph.store import GraphStore, PlanGraphs

__all__ = ["PlanView", "belongs", "plans_of"]

R = TypeVar("R", Node, Edge)


def belongs(provenance: Sequence[Provenance], plan_id: str) -> bool:
    """Whether a node with this provenance belongs to ``plan_id``: an entry from that
    plan, or nothing but corrections made without a plan (a node an officer added)."""
    planless = bool(provenance)
    for p in provenance:
        if p.plan == plan_id:
            return True
        planless = planless and p.from_correction and not p.plan
    return planless


def plans_of(record: Node | Edge) -> list[str]:
    """The plans a record comes from, in the order its provenance names them."""
    return list(dict.fromkeys(p.plan for p in record.provenance if p.plan))


def _scoped(record: R, plan_id: str) -> R:
    """The record with the provenance of ``plan_id`` (and every correction's mark) only."""
    kept = [p for p in record.provenance if p.plan == plan_id or p.from_correction]
    return record if len(kept) == len(record.provenance) else record.model_copy(update={"provenance": kept})


class PlanView(GraphStore):
    """``base`` as if it held the records of ``plan_id`` alone. Read-only."""

    def __init__(self, base: GraphStore, plan_id: str) -> None:
        super().__init__()
        self.base = base
        self.scope = plan_id
        self.directory = base.directory
        self.path_bounds = base.path_bounds

    @property
    def plan(self) -> str:
        return str(self.scope)

    @property
    def immutable(self) -> bool:  # type: ignore[override]
        return self.base.immutable

    def generation(self) -> object:
        return self.base.generation()

    def current(self) -> GraphStore:
        base = self.base.current()
        return self if base is self.base else PlanView(base, self.plan)

    @contextmanager
    def reading(self) -> Iterator[GraphStore]:
        with self.base.reading() as base:
            yield self if base is self.base else PlanView(base, self.plan)

    # -- writes are the store's, not a view's ------------------------------------------------
    def write_plans(self, plans: PlanGraphs) -> None:
        raise StoreError(f"the view of {self.plan} is read-only: write to the store itself")

    def load_plans(
        self, plans: PlanGraphs, *, replace: bool = False, texts: Mapping[str, str] | None = None
    ) -> list[PlanLoad]:
        raise StoreError(f"the view of {self.plan} is read-only: write to the store itself")

    def stored_plan(self, plan_id: str) -> Document | None:
        return self.base.stored_plan(plan_id)

    def plan_text(self, plan_id: str) -> str | None:
        return self.base.plan_text(plan_id)

    def keeps_text(self, plan_id: str) -> bool:
        return self.base.keeps_text(plan_id)

    # -- records of the plan -------------------------------------------------------------------
    def _node(self, node: Node | None) -> Node | None:
        if node is None or not belongs(node.provenance, self.plan):
            return None
        return _scoped(node, self.plan)

    def _kept(self, nodes: Iterable[Node | None]) -> list[Node]:
        return [n for n in map(self._node, nodes) if n is not None]

    def node(self, node_id: str) -> Node | None:
        return self._node(self.base.node(node_id))

    def named(self, name: str) -> list[Node]:
        return self._kept(self.base.named(name))

    def nodes(self, types: Iterable[str] | None = None) -> list[Node]:
        return self._kept(self.base.plan_nodes(self.plan, types))

    def nodes_by_id(self, ids: list[str]) -> dict[str, Node]:
        return {n.id: n for n in self._kept(self.base.nodes_by_id(ids).values())}

    def incident(self, ids: list[str], direction: str, types: Iterable[str] | None) -> list[Edge]:
        plan = self.plan
        found = self.base.plan_incident(plan, ids, direction, types)
        kept: list[Edge] = []
        made: list[Edge] = []
        for e in found:
            if any(p.plan == plan and not p.from_correction for p in e.provenance):
                kept.append(e)
            elif any(p.from_correction for p in e.provenance):
                made.append(e)
        if made:  # an officer's edge: where both its ends are
            ends = self.nodes_by_id(sorted({x for e in made for x in (e.source, e.target)}))
            kept = sorted(kept + [e for e in made if e.source in ends and e.target in ends], key=lambda e: e.key)
        return [_scoped(e, plan) for e in kept]

    def snapshot(self) -> Graph:
        nodes = self.nodes()
        edges = self.incident([n.id for n in nodes], "out", None) if nodes else []
        return Graph(nodes=nodes, edges=edges)

    def counts(self) -> dict[str, int]:
        counted = self.base.plan_counts(self.plan)
        return counted if counted is not None else self.snapshot().counts()

    def search_index(self) -> NameIndex:
        return self.base.plan_search_index(self.plan)

    def plan_nodes(self, plan_id: str, types: Iterable[str] | None = None) -> list[Node]:
        return self.nodes(types) if plan_id == self.plan else []

    def plan_incident(self, plan_id: str, ids: list[str], direction: str, types: Iterable[str] | None) -> list[Edge]:
        return self.incident(ids, direction, types) if plan_id == self.plan else []

    def plan_search_index(self, plan_id: str) -> NameIndex:
        return self.search_index() if plan_id == self.plan else MemoryNameIndex([])

    def is_empty(self) -> bool:
        return self.base.is_empty()
