"""The graph in memory: what ``plangraph serve`` answers from (a copy of the database,
see ``graph.served_store``), and the store of examples, tests and benchmarks.

Each node's edges are kept in two lists (out, in) in (source, target, type) order, so a
level of a traversal reads them without sorting; the path algorithms run networkx over
the neighbourhood a query gathers, and ``networkx()`` gives the whole graph as a
networkx multigraph when something needs it. Writes merge in memory (``graph.merge``)
and are never persisted; the embedded store on disk is ``graph.sqlite_store``.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable
from operator import attrgetter

import networkx as nx

from graph.merge import replace_plan
from graph.records import NODE_TYPES, Edge, Graph, Node
from graph.store import GraphStore, PlanGraphs

HUB = 64
"""A node with more edges than this one way has them split by type when first asked."""


class NetworkxStore(GraphStore):
    def __init__(self, graph: Graph | None = None) -> None:
        super().__init__()
        self._writes = 0
        self._set(graph or Graph())

    @classmethod
    def in_memory(cls, graph: Graph) -> NetworkxStore:
        """A store over ``graph`` that is never written to disk (examples, tests, benchmarks)."""
        return cls(graph)

    def _set(self, graph: Graph) -> None:
        self._graph = graph
        self._by_id = {n.id: n for n in graph.nodes}
        out: dict[str, list[Edge]] = {}
        into: dict[str, list[Edge]] = {}
        for e in sorted(graph.edges, key=attrgetter("key")):  # so each node's lists are in key order
            out.setdefault(e.source, []).append(e)
            into.setdefault(e.target, []).append(e)
        self._out, self._in = out, into
        names: dict[str, list[Node]] = {}
        for n in graph.nodes:
            for key in dict.fromkeys([n.name, *n.aliases]):
                names.setdefault(key, []).append(n)
        self._names = names
        self._counts = graph.counts()
        self._sorted: dict[str, dict[str, list[Node]]] = {}
        self._nx: nx.MultiDiGraph | None = None
        self._typed: dict[tuple[int, str], dict[str, list[Edge]]] = {}
        self._by_plan: dict[str, list[Node]] | None = None
        self.derived.clear()

    def warm(self) -> None:
        """Build the listing orders now rather than on the first request that needs them."""
        for order in ("name", "degree"):
            self._ordered(order)

    def snapshot(self) -> Graph:
        return self._graph

    def generation(self) -> object:
        return self._writes

    def write_plans(self, plans: PlanGraphs) -> None:
        updated = self._graph
        for plan_id, plan_graph in plans:
            updated = replace_plan(updated, plan_id, plan_graph)
        self._set(updated)
        self._writes += 1

    def node(self, node_id: str) -> Node | None:
        return self._by_id.get(node_id)

    def named(self, name: str) -> list[Node]:
        return list(self._names.get(name, []))

    def nodes(self, types: Iterable[str] | None = None) -> list[Node]:
        wanted = set(types) if types is not None else None
        return [n for n in self._graph.nodes if wanted is None or n.type in wanted]

    def _at(self, side: dict[str, list[Edge]], node_id: str, wanted: set[str] | None) -> list[Edge]:
        """A node's edges one way, of the wanted types, in key order. A hub's list is split
        by type once, so asking for its few edges of one type does not read all the others."""
        found = side.get(node_id, ())
        if wanted is None:
            return list(found)
        if len(found) <= HUB:
            return [e for e in found if e.type in wanted]
        by_type = self._typed.get((id(side), node_id))
        if by_type is None:
            by_type = {}
            for e in found:
                by_type.setdefault(e.type, []).append(e)
            self._typed[(id(side), node_id)] = by_type
        lists = [by_type.get(t, []) for t in wanted]
        return lists[0][:] if len(lists) == 1 else sorted((e for x in lists for e in x), key=attrgetter("key"))

    def incident(self, ids: list[str], direction: str, types: Iterable[str] | None) -> list[Edge]:
        wanted = set(types) if types is not None else None
        sides = [s for d, s in (("out", self._out), ("in", self._in)) if direction in (d, "both")]
        if len(ids) == 1 and len(sides) == 1:  # one node, one way: its list is in key order already
            return self._at(sides[0], ids[0], wanted)
        unique: dict[tuple[str, str, str], Edge] = {}
        for node_id in ids:
            for side in sides:
                for e in self._at(side, node_id, wanted):
                    unique[(e.source, e.target, e.type)] = e
        return [unique[k] for k in sorted(unique)]

    def plan_nodes(self, plan_id: str, types: Iterable[str] | None = None) -> list[Node]:
        """A plan's nodes, from lists per plan made on the first call (one pass over the
        graph, kept until the next write)."""
        by_plan = self._by_plan
        if by_plan is None:
            by_plan = {}
            for n in self._graph.nodes:
                for plan in dict.fromkeys(p.plan for p in n.provenance):
                    by_plan.setdefault(plan, []).append(n)
            for listed in by_plan.values():
                listed.sort(key=attrgetter("id"))
            self._by_plan = by_plan
        wanted = set(types) if types is not None else None
        return [n for n in by_plan.get(plan_id, ()) if wanted is None or n.type in wanted]

    def nodes_by_id(self, ids: list[str]) -> dict[str, Node]:
        by_id = self._by_id
        return {i: by_id[i] for i in ids if i in by_id}

    def _fanout(self, ids: list[str], direction: str) -> int:
        sides = [s for d, s in (("out", self._out), ("in", self._in)) if direction in (d, "both")]
        return sum(len(side.get(i, ())) for side in sides for i in ids)

    def degree(self, node_id: str) -> int:
        return len(self._out.get(node_id, ())) + len(self._in.get(node_id, ()))

    def counts(self) -> dict[str, int]:
        return dict(self._counts)

    def is_empty(self) -> bool:
        return not self._graph.nodes

    def _ordered(self, order: str) -> dict[str, list[Node]]:
        """Nodes per type in listing order, computed once per graph."""
        if order not in self._sorted:
            by_type: dict[str, list[Node]] = {t: [] for t in NODE_TYPES}
            for n in self._graph.nodes:
                by_type.setdefault(n.type, []).append(n)
            for nodes in by_type.values():
                if order == "degree":
                    nodes.sort(key=lambda n: (-self.degree(n.id), n.name))
                else:
                    nodes.sort(key=lambda n: n.name)
            self._sorted[order] = by_type
        return self._sorted[order]

    def node_page(self, types: Iterable[str] | None, order: str, offset: int, limit: int) -> tuple[list[Node], int]:
        by_type = self._ordered(order)
        chosen = sorted(set(types) if types is not None else by_type)
        lists = [by_type.get(t, []) for t in chosen]
        total = sum(map(len, lists))
        if order == "degree":
            merged = heapq.merge(*lists, key=lambda n: (-self.degree(n.id), n.type, n.name))
            return list(itertools.islice(merged, offset, offset + limit)), total
        page: list[Node] = []
        for nodes in lists:
            if offset >= len(nodes):
                offset -= len(nodes)
                continue
            page += nodes[offset : offset + limit - len(page)]
            offset = 0
            if len(page) >= limit:
                break
        return page, total

    def networkx(self) -> nx.MultiDiGraph:
        """The graph as a networkx multigraph keyed by edge type, built on first use."""
        if self._nx is None:
            self._nx = to_networkx(self._graph)
        return self._nx


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for n in graph.nodes:
        g.add_node(n.id, record=n)
    for e in graph.edges:
        g.add_edge(e.source, e.target, key=e.type, record=e)
    return g
