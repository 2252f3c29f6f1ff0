"""Build a graph N times larger than a loaded one: renamed copies of each plan,
cross-linked to the same banners and industries (shared entities stay shared)."""

from __future__ import annotations

from graph.records import Edge, Graph, Node

SHARED_TYPES = {"Banner", "Industry"}


def _rename(node_id: str, copy: int) -> str:
    kind, _, rest = node_id.partition(":")
    return f"{kind}:{rest}·{copy}"


def scaled(graph: Graph, copies: int) -> Graph:
    """``copies`` renamed copies of ``graph``; copy 0 keeps the original names."""
    shared = {n.id for n in graph.nodes if n.type in SHARED_TYPES}
    nodes: list[Node] = [n for n in graph.nodes if n.id in shared]
    edges: list[Edge] = []
    for copy in range(copies):

        def rid(node_id: str, copy: int = copy) -> str:
            return node_id if node_id in shared or copy == 0 else _rename(node_id, copy)

        suffix = "" if copy == 0 else f"·{copy}"
        for n in graph.nodes:
            if n.id not in shared:
                nodes.append(n.model_copy(update={"id": rid(n.id), "name": n.name + suffix, "aliases": []}))
        for e in graph.edges:
            if e.source in shared and e.target in shared and copy:
                continue  # gazetteer links between shared entities exist once
            edges.append(e.model_copy(update={"source": rid(e.source), "target": rid(e.target)}))
    return Graph(nodes=nodes, edges=edges)
