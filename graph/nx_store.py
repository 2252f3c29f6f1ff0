"""The graph in memory as networkx: what ``plangraph serve`` answers from (a copy of the
database, see ``graph.served_store``), and the store of examples, tests and benchmarks.

Writes merge in memory (``graph.merge``) and are never persisted; the embedded store on
disk is ``graph.sqlite_store``.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable

import networkx as nx

from graph.merge import replace_plan
from graph.records import NODE_TYPES, Edge, Graph, Node
from graph.store import GraphStore, PlanGraphs


class NetworkxStore(GraphStore):
    def __init__(self, graph: Graph | None = None) -> None:
        super().__init__()
        self._set(graph or Graph())

    @classmethod
    def in_memory(cls, graph: Graph) -> NetworkxStore:
        """A store over ``graph`` that is never written to disk (examples, tests, benchmarks)."""
        return cls(graph)

    def _set(self, graph: Graph) -> None:
        self._graph = graph
        self._nx = to_networkx(graph)
        names: dict[str, list[Node]] = {}
        for n in graph.nodes:
            for key in dict.fromkeys([n.name, *n.aliases]):
                names.setdefault(key, []).append(n)
        self._names = names
        self._counts = graph.counts()
        self._sorted: dict[str, dict[str, list[Node]]] = {}
        self.derived.clear()

    def warm(self) -> None:
        """Build the listing orders now rather than on the first request that needs them."""
        for order in ("name", "degree"):
            self._ordered(order)

    def snapshot(self) -> Graph:
        return self._graph

    def write_plans(self, plans: PlanGraphs) -> None:
        updated = self._graph
        for plan_id, plan_graph in plans:
            updated = replace_plan(updated, plan_id, plan_graph)
        self._set(updated)

    def node(self, node_id: str) -> Node | None:
        data = self._nx.nodes.get(node_id)
        return data["record"] if data is not None else None

    def named(self, name: str) -> list[Node]:
        return list(self._names.get(name, []))

    def nodes(self, types: Iterable[str] | None = None) -> list[Node]:
        wanted = set(types) if types is not None else None
        return [n for n in self._graph.nodes if wanted is None or n.type in wanted]

    def incident(self, ids: list[str], direction: str, types: Iterable[str] | None) -> list[Edge]:
        g = self._nx
        wanted = set(types) if types is not None else None
        unique: dict[tuple[str, str, str], Edge] = {}
        for node_id in ids:
            if node_id not in g:
                continue
            if direction in ("out", "both"):
                for _, _, edge in g.out_edges(node_id, data="record"):
                    if wanted is None or edge.type in wanted:
                        unique[edge.key] = edge
            if direction in ("in", "both"):
                for _, _, edge in g.in_edges(node_id, data="record"):
                    if wanted is None or edge.type in wanted:
                        unique[edge.key] = edge
        return [unique[k] for k in sorted(unique)]

    def nodes_by_id(self, ids: list[str]) -> dict[str, Node]:
        g = self._nx
        return {i: g.nodes[i]["record"] for i in ids if i in g}

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
                    nodes.sort(key=lambda n: (-self._nx.degree(n.id), n.name))
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
            merged = heapq.merge(*lists, key=lambda n: (-self._nx.degree(n.id), n.type, n.name))
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
        """The graph as a networkx multigraph keyed by edge type (for graph/ and queries' use)."""
        return self._nx


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for n in graph.nodes:
        g.add_node(n.id, record=n)
    for e in graph.edges:
        g.add_edge(e.source, e.target, key=e.type, record=e)
    return g
