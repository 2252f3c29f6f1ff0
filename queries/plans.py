"""The plans a store holds, and a question asked of one of them.

Every question takes a ``plan`` (the API's ``plan=``, the CLI's ``--plan``): it is then
asked of that plan's view of the store (``graph.plan_view.PlanView``), whose answer is
what a store holding only that plan would give.
"""

from __future__ import annotations

import difflib

from pydantic import BaseModel

from graph.exceptions import AmbiguousName, Candidate, EmptyStore, NodeNotFound
from graph.plan_view import PlanView
from graph.records import Node
from graph.store import GraphStore
from queries.exceptions import BadQuery
from queries.suggest import CLOSE, SUGGESTED

__all__ = ["PlanInfo", "PlanList", "plans", "scope"]

PREFIX = "plan:"
MAX_PLANS = 10_000
"""The most plans one listing holds (a country's plans of several years)."""


class PlanInfo(BaseModel):
    """One plan: its id, title and identity (region, year, kind), the file it was read from,
    and whether the store keeps its text (for quotes shown in their sentence)."""

    id: str
    title: str
    region: str | None = None
    year: int | None = None
    kind: str | None = None  # 计划报告, 政府工作报告, 五年规划, 项目清单
    source: str | None = None
    has_text: bool = False


class PlanList(BaseModel):
    plans: list[PlanInfo]
    total: int
    truncated: bool


def _year(node: Node) -> int:
    year = node.attributes.get("year")
    return year if isinstance(year, int) else 0


def _info(store: GraphStore, node: Node) -> PlanInfo:
    a = node.attributes
    return PlanInfo(
        id=node.id,
        title=str(a.get("title") or node.name),
        region=a.get("region"),
        year=_year(node) or None,
        kind=a.get("kind"),
        source=a.get("source"),
        has_text=store.keeps_text(node.id),
    )


def plans(
    store: GraphStore,
    *,
    region: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    limit: int = MAX_PLANS,
) -> PlanList:
    """The plans loaded, by region, year (latest first) and kind, with those filters.

    >>> from queries.testing import tiny_store
    >>> [p.id for p in plans(tiny_store()).plans]
    ['plan:示例计划']
    """
    if not 1 <= limit <= MAX_PLANS:
        raise BadQuery(f"limit must be between 1 and {MAX_PLANS}, not {limit}")
    chosen = [
        n
        for n in store.nodes(["Plan"])
        if (region is None or n.attributes.get("region") == region)
        and (year is None or n.attributes.get("year") == year)
        and (kind is None or n.attributes.get("kind") == kind)
    ]
    chosen.sort(key=lambda n: (str(n.attributes.get("region") or ""), -_year(n), n.id))
    return PlanList(plans=[_info(store, n) for n in chosen[:limit]], total=len(chosen), truncated=len(chosen) > limit)


def plan_node(store: GraphStore, plan: str) -> Node:
    """The Plan node ``plan`` names: its id, its id without ``plan:``, or its title; else
    ``NodeNotFound`` suggesting the plans whose id or title is closest."""
    for ref in (plan,) if plan.startswith(PREFIX) else (plan, PREFIX + plan):
        node = store.node(ref)
        if node is not None and node.type == "Plan":
            return node
    titled = [n for n in store.named(plan) if n.type == "Plan"]
    if len(titled) == 1:
        return titled[0]
    if titled:
        raise AmbiguousName(plan, sorted(n.id for n in titled), {n.id: [n.id] for n in titled})
    if store.is_empty():
        raise EmptyStore()
    raise NodeNotFound(plan, suggestions=_closest(store, plan), what="plan")


def _closest(store: GraphStore, plan: str) -> list[Candidate]:
    """The plans whose id (with or without ``plan:``) or title is closest to ``plan``."""
    nodes = store.nodes(["Plan"])
    keys = {key: n for n in nodes for key in (n.id, n.id.removeprefix(PREFIX), n.name)}
    close = difflib.get_close_matches(plan, list(keys), n=SUGGESTED * 3, cutoff=CLOSE)
    chosen = list(dict.fromkeys(keys[k].id for k in close))[:SUGGESTED]
    by_id = {n.id: n for n in nodes}
    return [Candidate(i, "Plan", by_id[i].name, (i,)) for i in chosen]


def scope(store: GraphStore, plan: str | None) -> GraphStore:
    """``store`` as ``plan`` alone sees it (``store`` itself for None). A store that never
    changes keeps each plan's view, so what the view derives (answers) is kept with it.

    >>> from queries.testing import tiny_store
    >>> from queries.feeds import feeders
    >>> [f.project.name for f in feeders(scope(tiny_store(), "示例计划"), "产值增长10%").feeds]
    ['梅花生物25万吨苏氨酸项目', '通辽玉米仓储项目']
    """
    if plan is None:
        return store
    plan_id = plan_node(store, plan).id
    if not store.immutable:
        return PlanView(store, plan_id)
    views: dict[str, GraphStore] = store.derived.setdefault("plan-views", {})
    if plan_id not in views:
        views[plan_id] = PlanView(store, plan_id)
    return views[plan_id]
