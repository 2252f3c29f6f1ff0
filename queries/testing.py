"""A tiny plan graph as data, for the docstring examples and the unit tests."""

from __future__ import annotations

from graph.nx_store import NetworkxStore
from graph.records import Edge, Graph, Node, Provenance

PLAN = "plan:示例计划"


def _p(quote: str) -> list[Provenance]:
    return [Provenance(plan=PLAN, quote=quote, start=0, end=len(quote))]


def tiny_graph() -> Graph:
    """One task, its target, two projects feeding it, their enterprise, banner and industry."""
    q = "玉米合成生物产业。开工建设梅花生物25万吨苏氨酸项目，力争产值增长10%"
    nodes = [
        Node(id=PLAN, type="Plan", name="示例计划", provenance=_p("示例计划")),
        Node(id="task:示例计划/玉米合成生物产业", type="Task", name="玉米合成生物产业", provenance=_p(q)),
        Node(
            id="target:示例计划/产值增长10%",
            type="Target",
            name="产值增长10%",
            attributes={"indicator": "产值", "change": "增长", "value": 10.0, "unit": "%", "qualifier": None},
            provenance=_p(q),
        ),
        Node(
            id="project:梅花生物25万吨苏氨酸项目",
            type="Project",
            name="梅花生物25万吨苏氨酸项目",
            attributes={"capacity": {"value": 25.0, "unit": "万吨"}},
            provenance=_p(q),
        ),
        Node(id="project:通辽玉米仓储项目", type="Project", name="通辽玉米仓储项目", provenance=_p(q)),
        Node(id="enterprise:梅花生物", type="Enterprise", name="梅花生物", provenance=_p(q)),
        Node(id="banner:科尔沁区", type="Banner", name="科尔沁区", aliases=["科区"], provenance=_p(q)),
        Node(id="industry:玉米合成生物产业", type="Industry", name="玉米合成生物产业", provenance=_p(q)),
    ]
    edges = [
        Edge(
            source="target:示例计划/产值增长10%",
            target="task:示例计划/玉米合成生物产业",
            type="supports",
            provenance=_p(q),
        ),
        Edge(
            source="project:梅花生物25万吨苏氨酸项目",
            target="target:示例计划/产值增长10%",
            type="supports",
            provenance=_p(q),
        ),
        Edge(
            source="project:梅花生物25万吨苏氨酸项目",
            target="industry:玉米合成生物产业",
            type="supports",
            provenance=_p(q),
        ),
        Edge(
            source="project:通辽玉米仓储项目",
            target="task:示例计划/玉米合成生物产业",
            type="supports",
            provenance=_p(q),
        ),
        Edge(
            source="enterprise:梅花生物",
            target="project:梅花生物25万吨苏氨酸项目",
            type="responsible-for",
            provenance=_p(q),
        ),
        Edge(source="project:梅花生物25万吨苏氨酸项目", target="banner:科尔沁区", type="located-in", provenance=_p(q)),
    ]
    return Graph(nodes=nodes, edges=edges)


def tiny_store() -> NetworkxStore:
    return NetworkxStore.in_memory(tiny_graph())
