"""Graphs N times larger than a loaded plan: renamed copies of it, each a plan of its own,
cross-linked to the same banners and industries (shared by every copy) and enterprises
(shared by groups of ``ENTERPRISE_GROUP`` copies), as a province's or a country's plans
would share them. About 240 nodes a copy on the Tongliao plan: 4 200 copies ≈ 1 M nodes.
"""

from __future__ import annotations

from collections.abc import Iterator

from graph.records import Edge, Graph, Node, Provenance

SHARED_TYPES = {"Banner", "Industry"}
ENTERPRISE_GROUP = 10


def _rename(node_id: str, suffix: str) -> str:
    kind, _, rest = node_id.partition(":")
    return f"{kind}:{rest}{suffix}"


def plan_copies(plan_id: str, graph: Graph, copies: int, start: int = 0) -> Iterator[tuple[str, Graph]]:
    """Copies ``start`` … ``copies - 1`` of the plan as ``(plan id, graph)``; copy 0 is the plan."""
    shared = {n.id for n in graph.nodes if n.type in SHARED_TYPES}
    enterprises = {n.id for n in graph.nodes if n.type == "Enterprise"}
    for copy in range(start, copies):
        suffix = f"·{copy}" if copy else ""
        group = copy // ENTERPRISE_GROUP
        group_suffix = f"·g{group}" if group else ""
        new_plan = _rename(plan_id, suffix)

        def rid(node_id: str, suffix: str = suffix, group_suffix: str = group_suffix) -> str:
            if node_id in shared:
                return node_id
            return _rename(node_id, group_suffix if node_id in enterprises else suffix)

        def prov(ps: list[Provenance], new_plan: str = new_plan) -> list[Provenance]:
            return [p.model_copy(update={"plan": new_plan}) for p in ps]

        nodes = []
        for n in graph.nodes:
            update: dict[str, object] = {"id": rid(n.id), "provenance": prov(n.provenance)}
            if n.id not in shared:
                tail = group_suffix if n.id in enterprises else suffix
                update.update({"name": n.name + tail, "aliases": [] if tail else n.aliases})
            nodes.append(n.model_copy(update=update))
        edges = [
            e.model_copy(update={"source": rid(e.source), "target": rid(e.target), "provenance": prov(e.provenance)})
            for e in graph.edges
        ]
        yield new_plan, Graph(nodes=nodes, edges=edges)


def scaled(graph: Graph, copies: int) -> Graph:
    """All ``copies`` merged, as a store holding them would hold them (shared records
    once, with every copy's provenance)."""
    plan_id = next(n.id for n in graph.nodes if n.type == "Plan")
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str, str], Edge] = {}
    for _, g in plan_copies(plan_id, graph, copies):
        for n in g.nodes:
            held = nodes.get(n.id)
            nodes[n.id] = n if held is None else held.model_copy(update={"provenance": held.provenance + n.provenance})
        for e in g.edges:
            was = edges.get(e.key)
            edges[e.key] = e if was is None else was.model_copy(update={"provenance": was.provenance + e.provenance})
    return Graph(nodes=list(nodes.values()), edges=list(edges.values()))
