"""Bounded traversals shared by every store, so that all of them give the same answers.

A store supplies how to fetch one level (the edges at a set of nodes) and how to look
nodes up; breadth-first closure and path ranking happen here. Ties are broken by ids,
never by storage order.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import networkx as nx

from graph.records import Edge, Node, Subgraph

Level = Callable[[list[str]], list[Edge]]
Lookup = Callable[[list[str]], dict[str, Node]]
SAFETY = 50  # at most this many times ``limit`` paths are examined for ranking


def bfs(start: Node, level: Level, lookup: Lookup, max_depth: int, limit: int) -> Subgraph:
    """Nodes reached from ``start`` in at most ``max_depth`` levels and at most ``limit``
    nodes besides it (first come by level, then by id), with the edges among them."""
    seen = {start.id}
    frontier = [start.id]
    edges: dict[tuple[str, str, str], Edge] = {}
    truncated = False
    depth = 0
    while frontier and depth < max_depth:
        depth += 1
        found = sorted(level(frontier), key=lambda e: e.key)
        reached: list[str] = []
        for edge in found:
            for other in (edge.source, edge.target):
                if other not in seen and other not in reached:
                    reached.append(other)
            edges[edge.key] = edge
        reached.sort()
        room = max(0, limit + 1 - len(seen))
        truncated = truncated or len(reached) > room
        frontier = reached[:room]
        seen.update(frontier)
    if frontier and depth == max_depth and not truncated:
        truncated = any(e.source not in seen or e.target not in seen for e in level(frontier))
    nodes = lookup(sorted(seen - {start.id}))
    nodes[start.id] = start
    kept = [e for k, e in sorted(edges.items()) if e.source in seen and e.target in seen]
    return Subgraph(nodes=[nodes[i] for i in sorted(nodes)], edges=kept, truncated=truncated)


def collapse_edges(edges: list[Edge], directed: bool) -> nx.Graph:
    """A simple graph over ``edges`` (Yen's algorithm needs one); each pair keeps its
    records, sorted, the first of which stands for the pair in a path."""
    simple: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    for edge in sorted(edges, key=lambda e: e.key):
        u, v = edge.source, edge.target
        if simple.has_edge(u, v):
            simple[u][v]["records"].append(edge)
        else:
            simple.add_edge(u, v, records=[edge])
    return simple


def paths(simple: nx.Graph, source: str, target: str, max_length: int, limit: int) -> tuple[list[list[Edge]], bool]:
    """Simple paths of at most ``max_length`` edges ranked by (length, node ids); the
    first ``limit`` of them, and whether more existed."""
    if source not in simple or target not in simple:
        return [], False
    found: list[list[str]] = []
    truncated = False
    try:
        for node_path in nx.shortest_simple_paths(simple, source, target):
            length = len(node_path) - 1
            if length > max_length:
                break
            if len(found) >= limit and length > len(found[limit - 1]) - 1:
                truncated = True  # the tie group of the last kept path is complete
                break
            found.append(node_path)
            if len(found) >= SAFETY * limit:
                truncated = True
                break
    except nx.NetworkXNoPath:
        return [], False
    found.sort(key=lambda p: (len(p), p))
    truncated = truncated or len(found) > limit
    return [[simple[u][v]["records"][0] for u, v in pairwise(p)] for p in found[:limit]], truncated
