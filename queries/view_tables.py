"""The tables of one view of the page: a chain's links with their projects, a banner's
projects with the targets they feed, a node's edges (the relations view). Same ``Table``
as the whole-graph tables (``queries.tables``), same files."""

from __future__ import annotations

from graph.plan_view import plans_of
from graph.store import GraphStore
from queries.banners import banner
from queries.chains import chain
from queries.lookup import describe
from queries.models import MAX_LIMIT
from queries.tables import Cell, Table, columns, origins, project_row

__all__ = ["banner_table", "chain_table", "node_table"]


CHAIN_COLUMNS = columns(
    [
        ("link", "环节"),
        ("feeds", "下游环节"),
        ("project", "项目"),
        ("enterprise", "企业"),
        ("banner", "旗县市区"),
        ("status", "状态"),
        ("capacity", "规模"),
        ("investment", "总投资"),
        ("project_id", "项目编号"),
    ]
)


def chain_table(store: GraphStore, industry: str) -> Table:
    """One row per project on a chain, by link from upstream to downstream (links without
    a project get a row of their own; projects no link claims come last as 未归链)."""
    answer = chain(store, industry, limit=MAX_LIMIT)
    rows: list[dict[str, Cell]] = []
    placed = [(link.name, "、".join(link.feeds) or None, link.projects) for link in answer.links]
    for name, feeds, projects in [*placed, ("未归链", None, answer.unplaced)]:
        if not projects and name != "未归链":
            rows.append({"link": name, "feeds": feeds})
        for p in projects:
            node = store.node(p.project.id)
            row = project_row(store, node) if node is not None else {}
            rows.append(
                {
                    "link": name,
                    "feeds": feeds,
                    "project": p.project.name,
                    "enterprise": "、".join(e.name for e in p.enterprises) or None,
                    "banner": "、".join(b.name for b in p.banners) or None,
                    "status": row.get("status"),
                    "capacity": row.get("capacity"),
                    "investment": row.get("investment"),
                    "project_id": p.project.id,
                }
            )
    return Table(name="chain", title=f"{answer.industry.name}产业链", columns=CHAIN_COLUMNS, rows=rows,
                 truncated=answer.truncated)  # fmt: skip


BANNER_COLUMNS = columns(
    [
        ("project", "项目"),
        ("located_in", "所在"),
        ("enterprise", "企业"),
        ("status", "状态"),
        ("capacity", "规模"),
        ("investment", "总投资"),
        ("targets", "支撑目标"),
        ("project_id", "项目编号"),
    ]
)


def banner_table(store: GraphStore, banner_ref: str) -> Table:
    """One row per project located in a banner or the units below it, with the targets it feeds."""
    answer = banner(store, banner_ref, limit=MAX_LIMIT)
    rows: list[dict[str, Cell]] = []
    for p in answer.projects:
        node = store.node(p.project.id)
        row = project_row(store, node) if node is not None else {}
        rows.append(
            {
                "project": p.project.name,
                "located_in": p.located_in.name,
                "enterprise": "、".join(e.name for e in p.enterprises) or None,
                "status": row.get("status"),
                "capacity": row.get("capacity"),
                "investment": row.get("investment"),
                "targets": "、".join(t.name for t in p.targets) or None,
                "project_id": p.project.id,
            }
        )
    title = f"{answer.banner.name}项目"
    return Table(name="banner", title=title, columns=BANNER_COLUMNS, rows=rows, truncated=answer.truncated)


NODE_COLUMNS = columns(
    [
        ("direction", "方向"),
        ("edge", "关系"),
        ("neighbour", "相邻节点"),
        ("type", "类型"),
        ("quote", "引文"),
        ("origin", "来源"),
        ("plan", "计划"),
        ("neighbour_id", "相邻节点编号"),
    ]
)
TYPE_TITLES = {
    "Plan": "计划",
    "Section": "部分",
    "Task": "任务",
    "Target": "目标",
    "Project": "项目",
    "Enterprise": "企业",
    "Banner": "旗县市区",
    "Industry": "产业",
}
EDGE_TITLES = {
    "supports": "支撑",
    "located-in": "位于",
    "responsible-for": "承担",
    "part-of": "属于",
    "upstream-of": "上游",
}
DIRECTIONS = {"out": "指向", "in": "来自"}


def node_table(store: GraphStore, ref: str) -> Table:
    """One row per edge at a node (the relations view): which way it runs, its type, the
    node at its other end, its first quote, where it comes from and its plans."""
    view = describe(store, ref, limit=MAX_LIMIT)
    rows: list[dict[str, Cell]] = []
    for nb in view.neighbours:
        e = nb.edge
        rows.append(
            {
                "direction": DIRECTIONS[nb.direction],
                "edge": EDGE_TITLES.get(e.type, e.type),
                "neighbour": nb.node.name,
                "type": TYPE_TITLES.get(nb.node.type, nb.node.type),
                "quote": e.provenance[0].quote if e.provenance else None,
                "origin": origins(p.source for p in e.provenance),
                "plan": ", ".join(plans_of(e)) or None,
                "neighbour_id": nb.node.id,
            }
        )
    title = f"{view.node.name}的关系"
    return Table(name="node", title=title, columns=NODE_COLUMNS, rows=rows, truncated=view.truncated)
