"""Bounded traversals over the networkx multigraph (the embedded store's query engine)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice, pairwise

import networkx as nx

from graph.records import Edge, Node, Subgraph


def _wanted(types: Iterable[str] | None) -> set[str] | None:
    return set(types) if types is not None else None


def closure(
    g: nx.MultiDiGraph, start: str, direction: str, types: Iterable[str] | None, max_depth: int, limit: int
) -> Subgraph:
    wanted = _wanted(types)
    seen = {start}
    frontier = [start]
    edges: dict[tuple[str, str, str], Edge] = {}
    truncated = False
    for _ in range(max_depth):
        nxt = []
        for node in frontier:
            for edge in _incident(g, node, direction):
                if wanted is not None and edge.type not in wanted:
                    continue
                other = edge.target if edge.source == node else edge.source
                if other not in seen:
                    if len(seen) > limit:
                        truncated = True
                        continue
                    seen.add(other)
                    nxt.append(other)
                edges[edge.key] = edge
        frontier = nxt
        if not frontier:
            break
    else:
        truncated = truncated or any(
            (wanted is None or e.type in wanted) and (e.source not in seen or e.target not in seen)
            for n in frontier
            for e in _incident(g, n, direction)
        )
    nodes: list[Node] = [g.nodes[n]["record"] for n in seen]
    kept = [e for e in edges.values() if e.source in seen and e.target in seen]
    return Subgraph(nodes=nodes, edges=kept, truncated=truncated)


def _incident(g: nx.MultiDiGraph, node: str, direction: str) -> list[Edge]:
    out: list[Edge] = []
    if direction in ("out", "both"):
        out += [d["record"] for _, _, d in g.out_edges(node, data=True)]
    if direction in ("in", "both"):
        out += [d["record"] for _, _, d in g.in_edges(node, data=True)]
    return out


def collapse(g: nx.MultiDiGraph, types: Iterable[str] | None, directed: bool) -> nx.Graph:
    """The graph with parallel edges collapsed (Yen's algorithm needs a simple graph);
    each pair keeps its edge records."""
    wanted = _wanted(types)
    simple: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    for u, v, d in g.edges(data=True):
        edge: Edge = d["record"]
        if wanted is None or edge.type in wanted:
            if simple.has_edge(u, v):
                simple[u][v]["records"].append(edge)
            else:
                simple.add_edge(u, v, records=[edge])
    return simple


def paths(simple: nx.Graph, source: str, target: str, max_length: int, limit: int) -> tuple[list[list[Edge]], bool]:
    """Simple paths, shortest first, within the bounds."""
    if source not in simple or target not in simple:
        return [], False
    found: list[list[Edge]] = []
    truncated = False
    try:
        for node_path in islice(nx.shortest_simple_paths(simple, source, target), limit + 1):
            if len(node_path) - 1 > max_length or len(found) == limit:
                truncated = len(found) == limit and len(node_path) - 1 <= max_length
                break
            found.append([simple[u][v]["records"][0] for u, v in pairwise(node_path)])
    except nx.NetworkXNoPath:
        return [], False
    return found, truncated
