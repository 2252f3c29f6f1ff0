"""How an industry chain is built up, and where.

The links of a sector's chain come from the industry taxonomy (the Industry node's
``chain`` attribute: each link and the links it feeds); a project sits on the link
its ``supports`` edge names. Neighbouring sectors come from ``upstream-of`` edges and
sub-industries from ``part-of``.
"""

from __future__ import annotations

from graphlib import TopologicalSorter
from typing import Any

from pydantic import BaseModel

from graph.records import Edge, Node
from graph.store import GraphStore
from queries.bounds import check
from queries.lookup import resolve
from queries.models import DEFAULT_DEPTH, DEFAULT_LIMIT, NodeRef, origin

__all__ = ["ChainAnswer", "ChainLink", "ChainProject", "chain"]


class ChainProject(BaseModel):
    project: NodeRef
    enterprises: list[NodeRef]
    banners: list[NodeRef]
    origin: str = "text"  # where the edge that puts it on the chain comes from (correction:… when an officer added it)


class ChainLink(BaseModel):
    name: str
    feeds: list[str]
    upstream: list[str]  # every link that feeds this one, directly or not
    projects: list[ChainProject]


class ChainAnswer(BaseModel):
    industry: NodeRef
    upstream: list[NodeRef]  # sectors upstream of this one
    downstream: list[NodeRef]
    sub_industries: list[NodeRef]
    links: list[ChainLink]
    unplaced: list[ChainProject]  # projects of the sector that no link claims
    truncated: bool


def _sectors(store: GraphStore, node: Node, direction: str, max_depth: int, limit: int) -> tuple[list[NodeRef], bool]:
    sub = store.closure(node.id, direction, ["upstream-of"], max_depth, limit)
    return [NodeRef.of(n) for n in sub.nodes if n.id != node.id], sub.truncated


def _project(store: GraphStore, project: Node, placed: Edge) -> ChainProject:
    enterprises = [store.node(e.source) for e in store.edges(project.id, "in", ["responsible-for"])]
    banners = [store.node(e.target) for e in store.edges(project.id, "out", ["located-in"])]
    return ChainProject(
        project=NodeRef.of(project),
        enterprises=[NodeRef.of(n) for n in enterprises if n is not None],
        banners=[NodeRef.of(n) for n in banners if n is not None],
        origin=origin(placed),
    )


def _upstream_of(links: list[dict[str, Any]]) -> dict[str, list[str]]:
    feeders: dict[str, set[str]] = {link["name"]: set() for link in links}
    for link in links:
        for down in link.get("feeds", []):
            feeders.setdefault(down, set()).add(link["name"])
    order = list(TopologicalSorter(feeders).static_order())
    closure: dict[str, set[str]] = {}
    for name in order:
        closure[name] = set(feeders.get(name, set()))
        for up in feeders.get(name, set()):
            closure[name] |= closure.get(up, set())
    rank = {name: i for i, name in enumerate(order)}
    return {name: sorted(closure[name], key=rank.__getitem__) for name in order}


def chain(
    store: GraphStore, industry: str, *, max_depth: int = DEFAULT_DEPTH, limit: int = DEFAULT_LIMIT
) -> ChainAnswer:
    """The chain around ``industry``: its links upstream to downstream with their projects.

    >>> from queries.testing import tiny_store
    >>> answer = chain(tiny_store(), "玉米合成生物产业")
    >>> [p.project.name for p in answer.unplaced]
    ['梅花生物25万吨苏氨酸项目']
    """
    check(max_depth, limit)
    node = resolve(store, industry, ["Industry"])
    upstream, cut_up = _sectors(store, node, "in", max_depth, limit)
    downstream, cut_down = _sectors(store, node, "out", max_depth, limit)
    subs = [store.node(e.source) for e in store.edges(node.id, "in", ["part-of"])]
    links_data: list[dict[str, Any]] = node.attributes.get("chain") or []
    order = _upstream_of(links_data)
    by_link: dict[str, list[ChainProject]] = {name: [] for name in order}
    unplaced: list[ChainProject] = []
    supporters = store.edges(node.id, "in", ["supports"], limit=limit + 1)
    for e in supporters[:limit]:
        project = store.node(e.source)
        if project is None or project.type != "Project":
            continue
        entry = _project(store, project, e)
        link = str(e.attributes.get("link", ""))
        by_link.get(link, unplaced).append(entry)
    feeds = {link["name"]: link.get("feeds", []) for link in links_data}
    links = [
        ChainLink(name=name, feeds=feeds.get(name, []), upstream=order[name], projects=by_link[name]) for name in order
    ]
    return ChainAnswer(
        industry=NodeRef.of(node),
        upstream=upstream,
        downstream=downstream,
        sub_industries=[NodeRef.of(n) for n in subs if n is not None],
        links=links,
        unplaced=unplaced,
        truncated=cut_up or cut_down or len(supporters) > limit,
    )
