"""Combine graphs: one node per id, one edge per (source, target, type).

Merging keeps every provenance (deduplicated), unites aliases, and fills
attributes the existing record lacks. Replacing a plan first removes what only
that plan contributed, so reloading a plan changes nothing.

These functions copy whole graphs: the in-memory store uses them. The SQLite store
applies the same rules record by record (``graph.sqlite_write``), with the field-level
helpers below, so both give the same graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.records import Edge, Graph, Node, Provenance


def _union_provenance(old: list[Provenance], new: Iterable[Provenance]) -> list[Provenance]:
    seen = set(old)
    out = list(old)
    for p in new:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out


def merged_aliases(name: str, old: list[str], new: list[str]) -> list[str]:
    """A node's aliases after a merge: the old ones, then new ones, never its own name."""
    return [a for a in dict.fromkeys([*old, *new]) if a != name]


def merged_node_attributes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Attributes the old record has win; the new record fills what it lacks."""
    attributes = dict(new)
    attributes.update({k: v for k, v in old.items() if v not in (None, [], {})})
    return attributes


def merged_edge_attributes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    return {**new, **old}


def _merge_node(old: Node, new: Node) -> Node:
    return old.model_copy(
        update={
            "aliases": merged_aliases(old.name, old.aliases, new.aliases),
            "attributes": merged_node_attributes(old.attributes, new.attributes),
            "provenance": _union_provenance(old.provenance, new.provenance),
        }
    )


def _merge_edge(old: Edge, new: Edge) -> Edge:
    return old.model_copy(
        update={
            "attributes": merged_edge_attributes(old.attributes, new.attributes),
            "provenance": _union_provenance(old.provenance, new.provenance),
        }
    )


def merge(base: Graph, addition: Graph) -> Graph:
    """Return ``base`` with ``addition`` merged in; neither input is changed."""
    nodes = {n.id: n for n in base.nodes}
    for n in addition.nodes:
        nodes[n.id] = _merge_node(nodes[n.id], n) if n.id in nodes else n
    edges = {e.key: e for e in base.edges}
    for e in addition.edges:
        edges[e.key] = _merge_edge(edges[e.key], e) if e.key in edges else e
    return Graph(nodes=list(nodes.values()), edges=list(edges.values()))


def without_plan(graph: Graph, plan_id: str) -> Graph:
    """Drop ``plan_id``'s provenance; records left with none are dropped too."""

    def keep(ps: list[Provenance]) -> list[Provenance]:
        return [p for p in ps if p.plan != plan_id]

    nodes = []
    for n in graph.nodes:
        rest = keep(n.provenance)
        if rest:
            nodes.append(n.model_copy(update={"provenance": rest}))
    alive = {n.id for n in nodes}
    edges = []
    for e in graph.edges:
        rest = keep(e.provenance)
        if rest and e.source in alive and e.target in alive:
            edges.append(e.model_copy(update={"provenance": rest}))
    return Graph(nodes=nodes, edges=edges)


def replace_plan(base: Graph, plan_id: str, plan_graph: Graph) -> Graph:
    """The graph after (re)loading one plan: its old contribution out, the new one in."""
    return merge(without_plan(base, plan_id), plan_graph)
