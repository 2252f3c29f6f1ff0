"""Interchange formats: node-link JSON (what the scorer reads) and GraphML."""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx

from graph.records import Edge, Graph, Node


def node_dict(node: Node) -> dict[str, Any]:
    """A node flattened for interchange: attributes beside id, type and name."""
    out: dict[str, Any] = {"id": node.id, "type": node.type, "name": node.name, "aliases": node.aliases}
    out.update(node.attributes)
    out["provenance"] = [p.model_dump(exclude_none=True) for p in node.provenance]
    return out


def edge_dict(edge: Edge) -> dict[str, Any]:
    out: dict[str, Any] = {"source": edge.source, "target": edge.target, "type": edge.type}
    out.update(edge.attributes)
    out["provenance"] = [p.model_dump(exclude_none=True) for p in edge.provenance]
    return out


def to_node_link(graph: Graph) -> dict[str, list[dict[str, Any]]]:
    return {"nodes": [node_dict(n) for n in graph.nodes], "edges": [edge_dict(e) for e in graph.edges]}


def to_json(graph: Graph) -> str:
    """Node-link JSON with Chinese kept as written (``ensure_ascii=False``)."""
    return json.dumps(to_node_link(graph), ensure_ascii=False, indent=1)


def _scalar(value: Any) -> str | int | float | bool:
    if isinstance(value, (str, int, float, bool)):
        return value
    return json.dumps(value, ensure_ascii=False)


def to_graphml(graph: Graph) -> str:
    """GraphML for Gephi, yEd and Cytoscape; lists and maps become JSON strings."""
    g = nx.MultiDiGraph()
    for n in graph.nodes:
        d = node_dict(n)
        g.add_node(n.id, **{k: _scalar(v) for k, v in d.items() if k != "id" and v is not None})
    for e in graph.edges:
        d = edge_dict(e)
        attrs = {k: _scalar(v) for k, v in d.items() if k not in ("source", "target") and v is not None}
        g.add_edge(e.source, e.target, key=e.type, **attrs)
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")


def _cypher(graph: Graph) -> str:
    from graph.neo4j_export import to_cypher

    return to_cypher(graph)


EXPORTERS = {"json": to_json, "graphml": to_graphml, "cypher": _cypher}
"""Formats that are one text; ``neo4j-csv`` writes a directory (``graph.neo4j_export``)."""
