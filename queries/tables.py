"""The graph as tables an officer can hand on: targets, projects, and which project
feeds which target (one row per pair, direct or via the target's task, each hop quoted).

Every table has Chinese column titles; the same tables go to xlsx, CSV and JSON. The
tables of one view of the page (a chain, a banner, a node) are ``queries.view_tables``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel

from graph.records import Node
from graph.store import GraphStore
from queries.feeds import Feed, feeders
from queries.models import MAX_LIMIT, path_text

__all__ = [
    "TABLES",
    "Column",
    "Table",
    "TableSpec",
    "build",
    "columns",
    "feeds_table",
    "origin_label",
    "origins",
    "project_row",
    "projects_table",
    "targets_table",
]

Cell = str | float | int | None


class Column(BaseModel):
    key: str
    title: str


class Table(BaseModel):
    name: str
    title: str
    columns: list[Column]
    rows: list[dict[str, Cell]]
    truncated: bool = False

    def model_post_init(self, context: Any) -> None:
        """Every row holds every column (None where it has no value)."""
        self.rows = [{c.key: row.get(c.key) for c in self.columns} for row in self.rows]


def columns(pairs: Iterable[tuple[str, str]]) -> list[Column]:
    return [Column(key=k, title=t) for k, t in pairs]


def _quantity(value: Any) -> str | None:
    """``{"value": 55.0, "unit": "万吨"}`` → ``55 万吨``."""
    if not isinstance(value, dict) or value.get("value") is None:
        return None
    number = value["value"]
    shown = f"{number:g}" if isinstance(number, float) else str(number)
    return f"{shown} {value.get('unit') or ''}".strip()


def _plan_of(node: Node) -> str | None:
    plans = dict.fromkeys(p.plan for p in node.provenance if p.source == "text")
    return ", ".join(plans) or None


def _names(store: GraphStore, ids: Iterable[str]) -> str | None:
    found = store.nodes_by_id(sorted(set(ids)))
    return "、".join(sorted(n.name for n in found.values())) or None


def _heading_chain(store: GraphStore, target: Node) -> tuple[str | None, str | None]:
    """The task a target quantifies and the section above it."""
    tasks = [e.target for e in store.edges(target.id, "out", ["supports"])]
    task = next((n for n in store.nodes_by_id(tasks).values() if n.type == "Task"), None)
    if task is None:
        return None, None
    seen: set[str] = {task.id}
    current: Node | None = task
    while current is not None and current.type != "Section":
        ups = [e.target for e in store.edges(current.id, "out", ["supports"]) if e.target not in seen]
        seen.update(ups)
        current = next(iter(store.nodes_by_id(ups).values()), None)
    return task.name, current.name if current is not None else None


TARGET_COLUMNS = columns(
    [
        ("name", "目标"),
        ("indicator", "指标"),
        ("change", "变化"),
        ("value", "数值"),
        ("unit", "单位"),
        ("qualifier", "限定"),
        ("task", "任务"),
        ("section", "篇章"),
        ("plan", "计划"),
        ("id", "编号"),
    ]
)


def targets_table(store: GraphStore) -> Table:
    """One row per target: its figures, the task it quantifies, the section, the plan."""
    rows = []
    for t in sorted(store.nodes(["Target"]), key=lambda n: n.id):
        task, section = _heading_chain(store, t)
        a = t.attributes
        rows.append(
            {
                "name": t.name,
                "indicator": a.get("indicator"),
                "change": a.get("change"),
                "value": a.get("value"),
                "unit": a.get("unit"),
                "qualifier": a.get("qualifier"),
                "task": task,
                "section": section,
                "plan": _plan_of(t),
                "id": t.id,
            }
        )
    return Table(name="targets", title="目标", columns=TARGET_COLUMNS, rows=rows)


PROJECT_COLUMNS = columns(
    [
        ("name", "项目"),
        ("capacity", "规模"),
        ("phase", "期次"),
        ("status", "状态"),
        ("enterprise", "企业"),
        ("banner", "旗县市区"),
        ("investment", "总投资"),
        ("investment_wan_yuan", "总投资(万元)"),
        ("years", "起止年限"),
        ("plan", "计划"),
        ("id", "编号"),
    ]
)


def project_row(store: GraphStore, p: Node) -> dict[str, Cell]:
    a = p.attributes
    investment: dict[str, Any] = a["investment"] if isinstance(a.get("investment"), dict) else {}
    return {
        "name": p.name,
        "capacity": _quantity(a.get("capacity")),
        "phase": a.get("phase"),
        "status": a.get("status"),
        "enterprise": _names(store, (e.source for e in store.edges(p.id, "in", ["responsible-for"]))),
        "banner": _names(store, (e.target for e in store.edges(p.id, "out", ["located-in"]))),
        "investment": _quantity(investment),
        "investment_wan_yuan": investment.get("wan_yuan"),
        "years": a.get("years"),
        "plan": _plan_of(p),
        "id": p.id,
    }


def projects_table(store: GraphStore) -> Table:
    """One row per project: capacity, status, enterprise, banner, investment, years."""
    rows = [project_row(store, p) for p in sorted(store.nodes(["Project"]), key=lambda n: n.id)]
    return Table(name="projects", title="项目", columns=PROJECT_COLUMNS, rows=rows)


FEED_COLUMNS = columns(
    [
        ("target", "目标"),
        ("project", "项目"),
        ("way", "方式"),
        ("enterprise", "企业"),
        ("banner", "旗县市区"),
        ("status", "状态"),
        ("capacity", "规模"),
        ("investment", "总投资"),
        ("path", "路径"),
        ("quotes", "引文"),
        ("origin", "来源"),
        ("plan", "计划"),
        ("target_id", "目标编号"),
        ("project_id", "项目编号"),
    ]
)
WAYS = {"direct": "直接", "via-task": "经任务"}
ORIGINS = {"text": "文本", "gazetteer": "资料库", "table": "表格", "correction": "更正"}
"""Where a fact comes from: the plan's text, a gazetteer, a project table, an officer's correction."""


def origin_label(source: str) -> str:
    """``correction:fix-1a2b`` → 更正, ``table:清单.xlsx#…`` → 表格."""
    return ORIGINS.get(source.split(":", 1)[0], source)


def origins(sources: Iterable[str]) -> str | None:
    return "、".join(dict.fromkeys(origin_label(s) for s in sources)) or None


def _feed_row(store: GraphStore, target: Node, feed: Feed) -> dict[str, Cell]:
    project = store.node(feed.project.id)
    row = project_row(store, project) if project is not None else {}
    hops = feed.paths[0] if feed.paths else []
    return {
        "target": target.name,
        "project": feed.project.name,
        "way": WAYS[feed.way],
        "enterprise": row.get("enterprise"),
        "banner": row.get("banner"),
        "status": row.get("status"),
        "capacity": row.get("capacity"),
        "investment": row.get("investment"),
        "path": path_text(hops),
        "quotes": "\n".join(f"「{h.quote}」" for h in hops if h.quote),
        "origin": origins(h.origin for h in hops),
        "plan": _plan_of(target),
        "target_id": target.id,
        "project_id": feed.project.id,
    }


def feeds_table(store: GraphStore, targets: Iterable[Node] | None = None) -> Table:
    """One row per (target, feeding project) pair, exactly the pairs ``feeders`` answers."""
    chosen = sorted(store.nodes(["Target"]) if targets is None else targets, key=lambda n: n.id)
    rows: list[dict[str, Cell]] = []
    truncated = False
    for t in chosen:
        answer = feeders(store, t.id, limit=MAX_LIMIT)
        truncated = truncated or answer.truncated
        rows += [_feed_row(store, t, f) for f in answer.feeds]
    return Table(name="feeds", title="目标←项目", columns=FEED_COLUMNS, rows=rows, truncated=truncated)


class TableSpec(BaseModel):
    """What a table holds, known before it is built."""

    name: str
    title: str
    columns: list[Column]


TABLES: dict[str, tuple[TableSpec, Callable[[GraphStore], Table]]] = {
    "targets": (TableSpec(name="targets", title="目标", columns=TARGET_COLUMNS), targets_table),
    "projects": (TableSpec(name="projects", title="项目", columns=PROJECT_COLUMNS), projects_table),
    "feeds": (TableSpec(name="feeds", title="目标←项目", columns=FEED_COLUMNS), lambda store: feeds_table(store)),
}
"""Every whole-graph table by name, in the order of an xlsx workbook's sheets."""


def build(store: GraphStore, name: str) -> Table:
    return TABLES[name][1](store)
