"""What is planned in a banner (旗县市区) and its sub-units, and which targets it feeds."""

from __future__ import annotations

from pydantic import BaseModel

from graph.store import GraphStore
from queries.bounds import check
from queries.feeds import impacts
from queries.lookup import resolve
from queries.models import DEFAULT_DEPTH, DEFAULT_LIMIT, NodeRef

__all__ = ["BannerAnswer", "BannerProject", "banner"]


class BannerProject(BaseModel):
    project: NodeRef
    located_in: NodeRef
    enterprises: list[NodeRef]
    targets: list[NodeRef]


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
    units = {n.id: n for n in inside.nodes if n.type == "Banner"}
    projects: list[BannerProject] = []
    enterprises: dict[str, NodeRef] = {}
    targets: dict[str, NodeRef] = {}
    for edge in inside.edges:
        located = next((n for n in inside.nodes if n.id == edge.source), None)
        if located is None or edge.target not in units:
            continue
        if located.type == "Enterprise":
            enterprises[located.id] = NodeRef.of(located)
        elif located.type == "Project" and all(p.project.id != located.id for p in projects):
            fed = [i.target for i in impacts(store, located.id, max_depth=max_depth).targets]
            owners = [store.node(e.source) for e in store.edges(located.id, "in", ["responsible-for"])]
            projects.append(
                BannerProject(
                    project=NodeRef.of(located),
                    located_in=NodeRef.of(units[edge.target]),
                    enterprises=[NodeRef.of(o) for o in owners if o is not None],
                    targets=fed,
                )
            )
            targets.update({t.id: t for t in fed})
    projects.sort(key=lambda p: p.project.name)
    return BannerAnswer(
        banner=NodeRef.of(root),
        sub_units=sorted((NodeRef.of(n) for i, n in units.items() if i != root.id), key=lambda r: r.name),
        projects=projects[:limit],
        enterprises=sorted(enterprises.values(), key=lambda r: r.name),
        targets=sorted(targets.values(), key=lambda r: r.name),
        truncated=inside.truncated or len(projects) > limit,
    )
