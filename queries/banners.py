"""What is planned in a banner (旗县市区) and its sub-units, and which targets it feeds."""

from __future__ import annotations

from pydantic import BaseModel

from graph.records import Edge, Node
from graph.store import GraphStore
from queries.bounds import check
from queries.feeds import impacts
from queries.lookup import resolve
from queries.models import DEFAULT_DEPTH, DEFAULT_LIMIT, NodeRef, origin

__all__ = ["BannerAnswer", "BannerProject", "banner"]


class BannerProject(BaseModel):
    project: NodeRef
    located_in: NodeRef
    enterprises: list[NodeRef]
    targets: list[NodeRef]
    origin: str = "text"  # where its located-in edge comes from (correction:… when an officer added it)


class BannerAnswer(BaseModel):
    banner: NodeRef
    sub_units: list[NodeRef]
    projects: list[BannerProject]
    enterprises: list[NodeRef]
    targets: list[NodeRef]
    truncated: bool


def banner(
    store: GraphStore, banner: str, *, max_depth: int = DEFAULT_DEPTH, limit: int = DEFAULT_LIMIT
) -> BannerAnswer:
    """Projects and enterprises located in ``banner`` (by name or abbreviation) or in
    the units below it, with the targets those projects feed.

    >>> from queries.testing import tiny_store
    >>> [p.project.name for p in banner(tiny_store(), "科区").projects]
    ['梅花生物25万吨苏氨酸项目']
    """
    check(max_depth, limit)
    root = resolve(store, banner, ["Banner"])
    inside = store.closure(root.id, "in", ["located-in"], max_depth, limit * 10)
    reached = {n.id: n for n in inside.nodes}
    units = {i: n for i, n in reached.items() if n.type == "Banner"}
    located: dict[str, tuple[Node, Node, Edge]] = {}  # project id -> (project, the unit it is in, the edge)
    enterprises: dict[str, NodeRef] = {}
    for edge in inside.edges:
        node = reached.get(edge.source)
        if node is None or edge.target not in units:
            continue
        if node.type == "Enterprise":
            enterprises[node.id] = NodeRef.of(node)
        elif node.type == "Project":
            located.setdefault(node.id, (node, units[edge.target], edge))
    rows = sorted(located.values(), key=lambda pair: pair[0].name)
    projects: list[BannerProject] = []
    targets: dict[str, NodeRef] = {}
    for project, unit, edge in rows[:limit]:
        fed = [i.target for i in impacts(store, project.id, max_depth=max_depth).targets]
        owners = [store.node(e.source) for e in store.edges(project.id, "in", ["responsible-for"])]
        projects.append(
            BannerProject(
                project=NodeRef.of(project),
                located_in=NodeRef.of(unit),
                enterprises=[NodeRef.of(o) for o in owners if o is not None],
                targets=fed,
                origin=origin(edge),
            )
        )
        targets.update({t.id: t for t in fed})
    return BannerAnswer(
        banner=NodeRef.of(root),
        sub_units=sorted((NodeRef.of(n) for i, n in units.items() if i != root.id), key=lambda r: r.name),
        projects=projects,
        enterprises=sorted(enterprises.values(), key=lambda r: r.name),
        targets=sorted(targets.values(), key=lambda r: r.name),
        truncated=inside.truncated or len(rows) > limit,
    )
