"""Collect nodes and edges with their provenance while a plan is read.

Adding the same node or edge twice merges: aliases and provenance accumulate, so
every mention of an entity is kept.
"""

from __future__ import annotations

from typing import Any

from graph.ids import node_id
from graph.records import Edge, Graph, Node, Provenance

QUOTE_LIMIT = 80


def _key(p: Provenance) -> tuple[Any, ...]:
    return (p.start, p.end, p.source, p.quote)


class GraphBuilder:
    def __init__(self, text: str, plan_id: str) -> None:
        self.text = text
        self.plan_id = plan_id
        self.nodes: dict[str, Node] = {}
        self.edges: dict[tuple[str, str, str], Edge] = {}
        self._seen: set[tuple[Any, ...]] = set()  # (node or edge, provenance): merging stays linear

    def span(self, start: int, end: int, within: tuple[int, int] | None = None) -> Provenance:
        """Provenance quoting the text around ``start:end`` (at most 80 characters of its sentence)."""
        lo, hi = within if within else (start, end)
        if hi - lo > QUOTE_LIMIT:
            mid = (start + end) // 2
            lo = max(lo, min(start, mid - QUOTE_LIMIT // 2))
            hi = min(hi, lo + QUOTE_LIMIT)
            if hi < end:
                lo, hi = start, min(end, start + QUOTE_LIMIT)
        return Provenance(plan=self.plan_id, quote=self.text[lo:hi], start=lo, end=hi)

    def gazetteer(self, source: str, fact: str) -> Provenance:
        return Provenance(plan=self.plan_id, quote=fact, source=source)

    def node(
        self,
        node_type: str,
        name: str,
        provenance: Provenance,
        aliases: list[str] | tuple[str, ...] = (),
        *,
        scoped: bool = False,
        key: str | None = None,
        **attributes: Any,
    ) -> str:
        """Add (or merge into) the node of ``name``; ``key``, when given, is the name its id
        comes from (one sector written two ways is one node)."""
        nid = node_id(node_type, key or name, self.plan_id if scoped else None)
        node = self.nodes.get(nid)
        if node is None:
            node = Node(id=nid, type=node_type, name=name, attributes={})  # type: ignore[arg-type]
            self.nodes[nid] = node
        for a in (name, *aliases):
            if a and a != node.name and a not in node.aliases:
                node.aliases.append(a)
        for k, v in attributes.items():
            if node.attributes.get(k) in (None, [], {}):
                node.attributes[k] = v
        self._cite(nid, node.provenance, provenance)
        return nid

    def rename(self, nid: str, name: str) -> None:
        """Give a node another of its written names as its name; the old one becomes an alias."""
        node = self.nodes[nid]
        if name != node.name:
            node.aliases = [a for a in (node.name, *node.aliases) if a != name]
            node.name = name

    def edge(self, source: str, target: str, edge_type: str, provenance: Provenance, **attributes: Any) -> None:
        if source == target:
            return
        key = (source, target, edge_type)
        edge = self.edges.get(key)
        if edge is None:
            edge = Edge(source=source, target=target, type=edge_type, attributes={})  # type: ignore[arg-type]
            self.edges[key] = edge
        for k, v in attributes.items():
            edge.attributes.setdefault(k, v)
        self._cite(key, edge.provenance, provenance)

    def _cite(self, owner: Any, cited: list[Provenance], provenance: Provenance) -> None:
        seen = (owner, *_key(provenance))
        if seen not in self._seen:
            self._seen.add(seen)
            cited.append(provenance)

    def graph(self) -> Graph:
        return Graph(nodes=list(self.nodes.values()), edges=list(self.edges.values()))
