"""Bounded traversals shared by every store, so that all of them give the same answers.

A store supplies how to fetch one level (the edges at a set of nodes) and how to look
nodes up; breadth-first closure and path ranking happen here. Ties are broken by ids,
never by storage order. A level may hand out full ``Edge`` records or lighter keys with
``source``, ``target`` and ``type`` (the SQLite store fetches records only for the edges
an answer keeps); ``materialise`` turns the kept ones into records.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Protocol, TypeVar

import networkx as nx

from graph.records import Edge, Node, Subgraph


class EdgeLike(Protocol):
    @property
    def source(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def type(self) -> Any: ...


E = TypeVar("E", bound=EdgeLike)
Level = Callable[[list[str]], Iterable[Any]]
Lookup = Callable[[list[str]], dict[str, Node]]
Materialise = Callable[[list[Any]], list[Edge]]
SAFETY = 50  # at most this many times ``limit`` paths are examined for ranking


@dataclass(frozen=True)
class PathBounds:
    """What one path search may spend: nodes expanded from both ends together, and time."""

    expansions: int = 20_000
    seconds: float = 0.5


def key(edge: EdgeLike) -> tuple[str, str, str]:
    return (edge.source, edge.target, str(edge.type))


def _records(edges: list[Any]) -> list[Edge]:
    return edges


def bfs(
    start: Node, level: Level, lookup: Lookup, max_depth: int, limit: int, materialise: Materialise = _records
) -> Subgraph:
    """Nodes reached from ``start`` in at most ``max_depth`` levels and at most ``limit``
    nodes besides it (first come by level, then by id), with the edges among them.
    Linear in the edges it fetches."""
    seen = {start.id}
    frontier = [start.id]
    edges: dict[tuple[str, str, str], Any] = {}
    truncated = False
    depth = 0
    while frontier and depth < max_depth:
        depth += 1
        reached: set[str] = set()
        for edge in level(frontier):
            source, target = edge.source, edge.target
            if source not in seen:
                reached.add(source)
            if target not in seen:
                reached.add(target)
            edges[(source, target, edge.type)] = edge
        room = max(0, limit + 1 - len(seen))
        truncated = truncated or len(reached) > room
        frontier = sorted(reached)[:room]
        seen.update(frontier)
    if frontier and depth == max_depth and not truncated:
        truncated = any(e.source not in seen or e.target not in seen for e in level(frontier))
    nodes = lookup(sorted(seen - {start.id}))
    nodes[start.id] = start
    kept = [edges[k] for k in sorted(k for k, e in edges.items() if e.source in seen and e.target in seen)]
    return Subgraph(nodes=[nodes[i] for i in sorted(nodes)], edges=materialise(kept), truncated=truncated)


def collapse_edges(edges: Iterable[E], directed: bool) -> nx.Graph:
    """A simple graph over ``edges`` (Yen's algorithm needs one); each pair keeps its
    records, sorted, the first of which stands for the pair in a path."""
    simple: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    for edge in sorted(edges, key=key):
        u, v = edge.source, edge.target
        if simple.has_edge(u, v):
            simple[u][v]["records"].append(edge)
        else:
            simple.add_edge(u, v, records=[edge])
    return simple


@dataclass
class _Side:
    seen: dict[str, int]
    frontier: list[str]
    direction: str
    depth: int = 0


Fanout = Callable[[list[str], str], int]


def _count(ids: list[str], direction: str) -> int:
    return len(ids)


def neighbourhood(
    level: Callable[[list[str], str], Iterable[E]],
    source: str,
    target: str,
    directed: bool,
    max_length: int,
    budget: int,
    deadline: float,
    fanout: Fanout = _count,
) -> tuple[list[E], bool, bool]:
    """The edges every path of at most ``max_length`` edges between the two ends uses:
    breadth first from both ends, the side whose next level is smaller first (``fanout``
    estimates it: the frontier's size, or its edges where the store can count them),
    until the two depths add up to ``max_length`` (each edge of such a path is at a node
    one side expanded). Returns the edges, whether the ends met, and whether a bound
    stopped the search."""
    forward = _Side({source: 0}, [source], "out" if directed else "both")
    backward = _Side({target: 0}, [target], "in" if directed else "both")
    found: dict[tuple[str, str, str], E] = {}
    expanded = 0
    while forward.depth + backward.depth < max_length and forward.frontier and backward.frontier:
        side = min(forward, backward, key=lambda s: fanout(s.frontier, s.direction))
        if expanded + len(side.frontier) > budget or time.monotonic() > deadline:
            return list(found.values()), True, True
        expanded += len(side.frontier)
        side.depth += 1
        reached: list[str] = []
        for edge in level(side.frontier, side.direction):
            found[key(edge)] = edge
            for n in (edge.source, edge.target):
                if n not in side.seen:
                    side.seen[n] = side.depth
                    reached.append(n)
        side.frontier = reached
    met = any(n in backward.seen for n in forward.seen)
    return list(found.values()), met, False


def paths(
    simple: nx.Graph, source: str, target: str, max_length: int, limit: int, deadline: float = float("inf")
) -> tuple[list[list[Any]], bool]:
    """Simple paths of at most ``max_length`` edges ranked by (length, node ids); the
    first ``limit`` of them, and whether more existed (or the deadline cut the search)."""
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
            if len(found) >= SAFETY * limit or time.monotonic() > deadline:
                truncated = True
                break
    except nx.NetworkXNoPath:
        return [], False
    found.sort(key=lambda p: (len(p), p))
    truncated = truncated or len(found) > limit
    return [[simple[u][v]["records"][0] for u, v in pairwise(p)] for p in found[:limit]], truncated


def bounded_paths(
    level: Callable[[list[str], str], Iterable[E]],
    source: str,
    target: str,
    directed: bool,
    max_length: int,
    limit: int,
    bounds: PathBounds = PathBounds(),
    fanout: Fanout = _count,
) -> tuple[list[list[E]], bool]:
    """``paths`` over the neighbourhood the two ends share, within ``bounds``: what a
    path search costs depends on the neighbourhood, never on the size of the store."""
    deadline = time.monotonic() + bounds.seconds
    edges, met, cut = neighbourhood(level, source, target, directed, max_length, bounds.expansions, deadline, fanout)
    if not met and not cut:
        return [], False
    found, truncated = paths(collapse_edges(edges, directed), source, target, max_length, limit, deadline)
    return found, truncated or cut
