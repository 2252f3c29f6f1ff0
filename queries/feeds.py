"""Which projects feed a target, and what is at risk if a project slips.

A project feeds target T *directly* when a ``supports`` path leads from it to T, and
*via T's task* when it supports the task that T quantifies (T → Task), through
sub-tasks or not, without passing another target.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any, Literal

import networkx as nx
from pydantic import BaseModel

from graph.records import Edge, Node, Subgraph
from graph.store import GraphStore
from queries.bounds import check
from queries.lookup import resolve
from queries.models import DEFAULT_DEPTH, DEFAULT_LIMIT, Hop, NodeRef, hop

__all__ = ["Feed", "FeedersAnswer", "Impact", "ImpactsAnswer", "feeders", "impacts"]

Way = Literal["direct", "via-task"]
PATHS_PER_PROJECT = 3
SUPPORTS = ["supports"]


class Feed(BaseModel):
    project: NodeRef
    way: Way
    paths: list[list[Hop]]
    banners: list[NodeRef] = []  # where the project is
    investment: dict[str, Any] | None = None  # total investment, from a project table


class FeedersAnswer(BaseModel):
    target: NodeRef
    feeds: list[Feed]
    tasks: list[NodeRef]
    industries: list[NodeRef]
    truncated: bool


class Impact(BaseModel):
    target: NodeRef
    way: Way
    path: list[Hop]


class ImpactsAnswer(BaseModel):
    project: NodeRef
    targets: list[Impact]
    tasks: list[NodeRef]
    industries: list[NodeRef]
    truncated: bool


def _digraph(sub: Subgraph, skip: set[str] = frozenset()) -> nx.DiGraph:  # type: ignore[assignment]
    g = nx.DiGraph()
    for e in sub.edges:
        if e.source not in skip and e.target not in skip and not g.has_edge(e.source, e.target):
            g.add_edge(e.source, e.target, record=e)
    return g


def _paths(g: nx.DiGraph, source: str, target: str, nodes: dict[str, Node]) -> list[list[Hop]]:
    out = []
    try:
        for node_path in nx.all_shortest_paths(g, source, target):
            out.append([hop(g[u][v]["record"], nodes) for u, v in itertools.pairwise(node_path)])
            if len(out) == PATHS_PER_PROJECT:
                break
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return []
    return out


def _shortest_from(g: nx.DiGraph, source: str, nodes: dict[str, Node]) -> Callable[[str], list[Hop]]:
    """One shortest path from ``source`` to each node, by one breadth-first search."""
    found = nx.single_source_shortest_path(g, source) if source in g else {}

    def path_to(target: str) -> list[Hop]:
        node_path = found.get(target) or []
        return [hop(g[u][v]["record"], nodes) for u, v in itertools.pairwise(node_path)]

    return path_to


def _on_the_way(paths: list[list[Hop]], kind: str) -> list[NodeRef]:
    seen: dict[str, NodeRef] = {}
    for path in paths:
        for h in path:
            for ref in (h.source, h.target):
                if ref.type == kind:
                    seen.setdefault(ref.id, ref)
    return list(seen.values())


def _contributions(
    store: GraphStore, ref: str, node_type: str, direction: str, max_depth: int, limit: int
) -> tuple[Node, Subgraph, dict[str, Node], nx.DiGraph]:
    """The node, what reaches it (``in``) or what it reaches (``out``) along ``supports``,
    and that subgraph indexed for paths."""
    check(max_depth, limit)
    node = resolve(store, ref, [node_type])
    sub = store.closure(node.id, direction, SUPPORTS, max_depth, limit * 10)
    return node, sub, {n.id: n for n in sub.nodes}, _digraph(sub)


def _quantified_tasks(store: GraphStore, target: Node) -> list[tuple[Edge, Node]]:
    out = []
    for e in store.edges(target.id, "out", SUPPORTS):
        task = store.node(e.target)
        if task is not None and task.type == "Task":
            out.append((e, task))
    return out


def feeders(
    store: GraphStore, target: str, *, max_depth: int = DEFAULT_DEPTH, limit: int = DEFAULT_LIMIT
) -> FeedersAnswer:
    """Every project that feeds ``target``, each path hop with its quote.

    >>> from queries.testing import tiny_store
    >>> answer = feeders(tiny_store(), "产值增长10%")
    >>> [(f.project.name, f.way) for f in answer.feeds]
    [('梅花生物25万吨苏氨酸项目', 'direct'), ('通辽玉米仓储项目', 'via-task')]
    """
    t, up, nodes, g = _contributions(store, target, "Target", "in", max_depth, limit)
    feeds: dict[str, Feed] = {}
    for n in up.nodes:
        if n.type == "Project":
            feeds[n.id] = Feed(project=NodeRef.of(n), way="direct", paths=_paths(g, n.id, t.id, nodes))
    truncated = up.truncated
    for quantifies, task in _quantified_tasks(store, t):
        below = store.closure(task.id, "in", SUPPORTS, max(1, max_depth - 1), limit * 10)
        truncated = truncated or below.truncated
        task_nodes = {n.id: n for n in below.nodes} | {t.id: t}
        others = {n.id for n in below.nodes if n.type in ("Target", "Section")}
        tg = _digraph(below, others)
        last = hop(quantifies, task_nodes)
        for n in below.nodes:
            if n.type == "Project" and n.id not in feeds:
                paths = [[*p, last] for p in _paths(tg, n.id, task.id, task_nodes)]
                if paths:
                    feeds[n.id] = Feed(project=NodeRef.of(n), way="via-task", paths=paths)
    ordered = sorted(feeds.values(), key=lambda f: (f.way != "direct", f.project.name))[:limit]
    projects = store.nodes_by_id([f.project.id for f in ordered])
    for f in ordered:
        f.banners = _banners_of(store, f.project.id)
        f.investment = projects[f.project.id].attributes.get("investment") if f.project.id in projects else None
    all_paths = [p for f in ordered for p in f.paths]
    tasks = {r.id: r for r in _on_the_way(all_paths, "Task")}
    tasks.update({task.id: NodeRef.of(task) for _, task in _quantified_tasks(store, t)})
    return FeedersAnswer(
        target=NodeRef.of(t),
        feeds=ordered,
        tasks=list(tasks.values()),
        industries=_industries_served(store, ordered),
        truncated=truncated or len(feeds) > limit,
    )


def _banners_of(store: GraphStore, node_id: str) -> list[NodeRef]:
    found = [store.node(e.target) for e in store.edges(node_id, "out", ["located-in"])]
    return [NodeRef.of(n) for n in found if n is not None]


def _industries_served(store: GraphStore, feeds: list[Feed]) -> list[NodeRef]:
    """The industries the feeding projects build up (each project's ``supports`` to an Industry)."""
    seen: dict[str, NodeRef] = {}
    for f in feeds:
        for e in store.edges(f.project.id, "out", SUPPORTS):
            node = store.node(e.target)
            if node is not None and node.type == "Industry":
                seen.setdefault(node.id, NodeRef.of(node))
    return list(seen.values())


def impacts(
    store: GraphStore, project: str, *, max_depth: int = DEFAULT_DEPTH, limit: int = DEFAULT_LIMIT
) -> ImpactsAnswer:
    """What is downstream of ``project``: the targets at risk if it slips, and the
    tasks and industries it serves.

    >>> from queries.testing import tiny_store
    >>> [(i.target.name, i.way) for i in impacts(tiny_store(), "通辽玉米仓储项目").targets]
    [('产值增长10%', 'via-task')]
    """
    p, down, nodes, g = _contributions(store, project, "Project", "out", max_depth, limit)
    path_to = _shortest_from(g, p.id, nodes)
    found: dict[str, Impact] = {}
    for n in down.nodes:
        if n.type == "Target":
            found[n.id] = Impact(target=NodeRef.of(n), way="direct", path=path_to(n.id))
    for task in [n for n in down.nodes if n.type == "Task"]:
        for e in store.edges(task.id, "in", SUPPORTS):
            source = store.node(e.source)
            if source is not None and source.type == "Target" and source.id not in found:
                back = hop(e, {**nodes, source.id: source})
                found[source.id] = Impact(target=NodeRef.of(source), way="via-task", path=[*path_to(task.id), back])
    ordered = sorted(found.values(), key=lambda i: (i.way != "direct", len(i.path), i.target.name))
    return ImpactsAnswer(
        project=NodeRef.of(p),
        targets=ordered[:limit],
        tasks=[NodeRef.of(n) for n in down.nodes if n.type == "Task"],
        industries=[NodeRef.of(n) for n in down.nodes if n.type == "Industry"],
        truncated=down.truncated or len(ordered) > limit,
    )
