"""Corrections resolved against a store: what to drop, rename, retype, merge and add.

``resolve_all`` reads the corrections in order, finds each one's subject (by id; by
name and type, or by quote, when the id drifted in a re-extraction; else orphaned) and
returns a ``Rewrite`` that patches records as the store hands them out.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel

from graph.corrections import (
    AddEdge,
    AddNode,
    Correction,
    DeleteEdge,
    DeleteNode,
    Merge,
    Rename,
    Retype,
    SetAttribute,
    Subject,
)
from graph.ids import PLAN_SCOPED, node_id
from graph.records import CORRECTION, Edge, Node, Provenance
from graph.store import GraphStore

State = Literal["applied", "re-keyed", "orphaned"]
Changing = Rename | Retype | SetAttribute


class Status(BaseModel):
    """What became of one correction on the graph as it is now."""

    id: str
    op: str
    state: State
    detail: str


@dataclass
class Rewrite:
    deleted: set[str] = field(default_factory=set)
    deleted_edges: set[tuple[str, str, str]] = field(default_factory=set)
    merged: dict[str, str] = field(default_factory=dict)  # merged-away id -> the id it lives on as
    absorbed: dict[str, list[tuple[Merge, Node]]] = field(default_factory=dict)
    changes: dict[str, list[Changing]] = field(default_factory=dict)
    added_nodes: dict[str, Node] = field(default_factory=dict)
    added_edges: dict[tuple[str, str, str], Edge] = field(default_factory=dict)
    named: dict[str, list[str]] = field(default_factory=dict)  # names corrections gave -> node ids
    retyped_from: set[str] = field(default_factory=set)
    status: list[Status] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def node(self, node: Node) -> Node | None:
        """The node as corrected, or None when a correction deleted or merged it away."""
        if node.id in self.deleted or node.id in self.merged:
            return None
        absorbed, changes = self.absorbed.get(node.id, []), self.changes.get(node.id, [])
        if not absorbed and not changes:
            return node
        n = node.model_copy(deep=True)
        for merge, other in absorbed:
            n.aliases += [a for a in (other.name, *other.aliases) if a != n.name and a not in n.aliases]
            n.provenance += other.provenance
            n.attributes = {**other.attributes, **n.attributes}
            n.provenance.append(_marker(merge, n, f"并入「{other.name}」"))
        for c in changes:
            if isinstance(c, Rename):
                if n.name not in n.aliases:
                    n.aliases.append(n.name)
                n.provenance.append(_marker(c, n, f"更名为「{c.name}」（原名「{n.name}」）"))
                n.name = c.name
                n.aliases = [a for a in n.aliases if a != c.name]
            elif isinstance(c, Retype):
                n.provenance.append(_marker(c, n, f"类型改为 {c.type}（原为 {n.type}）"))
                n.type = c.type
            else:
                if c.value is None:
                    n.attributes.pop(c.key, None)
                else:
                    n.attributes[c.key] = c.value
                n.provenance.append(_marker(c, n, f"{c.key} 改为 {c.value}"))
        return n

    @property
    def touches_anything(self) -> bool:
        return bool(
            self.deleted or self.merged or self.changes or self.added_nodes or self.added_edges or self.deleted_edges
        )

    def listed_types(self, base: GraphStore) -> set[str]:
        """The node types whose listing the corrections change: of nodes deleted, merged
        away, renamed or retyped (before and after), and of nodes added."""
        ids = sorted(self.deleted | set(self.merged) | set(self.changes))
        types = {n.type for n in base.nodes_by_id(ids).values()} | {n.type for n in self.added_nodes.values()}
        return types | {c.type for cs in self.changes.values() for c in cs if isinstance(c, Retype)}

    def touches_types(self, types: set[str] | None, base: GraphStore) -> bool:
        listed = self.listed_types(base)
        return bool(listed) if types is None else bool(listed & types)

    def counts(self, counts: dict[str, int], base: GraphStore) -> dict[str, int]:
        """``counts`` of the base as corrected: only the nodes and edges the corrections
        touch are looked at."""
        out = dict(counts)
        removed = self.deleted | set(self.merged)
        changed = sorted(removed | set(self.changes))
        for node in base.nodes_by_id(changed).values():
            patched = self.node(node)
            out[node.type] -= 1
            if patched is not None:
                out[patched.type] = out.get(patched.type, 0) + 1
        for node in self.added_nodes.values():
            out[node.type] = out.get(node.type, 0) + 1
        ends = {x for key in [*self.deleted_edges, *self.added_edges] for x in key[:2]}
        touched = sorted(removed | set(self.merged.values()) | ends)
        before = base.incident(touched, "both", None)
        for e in before:
            out[e.type] -= 1
        for e in self.edges([*before, *self.added_edges.values()]):
            out[e.type] = out.get(e.type, 0) + 1
        return out

    def edges(self, edges: Iterable[Edge]) -> list[Edge]:
        """The edges as corrected: ends moved to where merged nodes live on, deleted ones
        dropped, two edges that became one kept as one with both provenances."""
        out: dict[tuple[str, str, str], Edge] = {}
        for e in edges:
            s, t = self.merged.get(e.source, e.source), self.merged.get(e.target, e.target)
            key = (s, t, e.type)
            if s == t or s in self.deleted or t in self.deleted or key in self.deleted_edges:
                continue
            if key in out:
                out[key] = out[key].model_copy(update={"provenance": out[key].provenance + e.provenance})
            else:
                out[key] = e if (s, t) == (e.source, e.target) else e.model_copy(update={"source": s, "target": t})
        return [out[k] for k in sorted(out)]


def _plan_of(node: Node) -> str:
    return next((p.plan for p in node.provenance if p.plan), "")


def _marker(c: Correction, node: Node, text: str) -> Provenance:
    return _mark(c, _plan_of(node), text)


def _mark(c: Correction, plan: str, text: str) -> Provenance:
    """The provenance a correction leaves: what it says, why, and its id as the source."""
    return Provenance(plan=plan, quote=f"{text}：{c.why}" if c.why else text, source=f"{CORRECTION}{c.id}")


def subject_of(node: Node) -> Subject:
    """How a correction remembers a node: id, type, name and its first quote."""
    quote = next((p.quote for p in node.provenance if p.source == "text"), None)
    return Subject(id=node.id, type=node.type, name=node.name, quote=quote)


class _Resolver:
    def __init__(self, base: GraphStore, rewrite: Rewrite) -> None:
        self.base, self.r = base, rewrite

    def exists(self, node_id: str) -> bool:
        return node_id in self.r.added_nodes or (node_id not in self.r.deleted and self.base.node(node_id) is not None)

    def locate(self, subject: Subject) -> tuple[str | None, State]:
        mapped = self.r.merged.get(subject.id, subject.id)
        if self.exists(mapped):
            return mapped, "applied"
        if subject.name:
            same = [n for n in self.base.named(subject.name) if subject.type in (None, n.type) and self.exists(n.id)]
            if len(same) == 1:
                return same[0].id, "re-keyed"
        if subject.quote and subject.type:
            best = max(
                (
                    (difflib.SequenceMatcher(None, subject.name or "", n.name).ratio(), n.id)
                    for n in self.base.nodes([subject.type])
                    if self.exists(n.id) and any(p.quote == subject.quote for p in n.provenance)
                ),
                default=(0.0, ""),
            )
            if best[0] >= 0.6:
                return best[1], "re-keyed"
        return None, "orphaned"

    def apply(self, c: Correction) -> tuple[State, str]:
        if isinstance(c, AddNode):
            return self.add_node(c)
        if isinstance(c, DeleteEdge | AddEdge):
            return self.edge(c)
        found, state = self.locate(c.node)
        if found is None:
            return "orphaned", f"no node {c.node.id} ({c.node.name}) in the graph"
        if isinstance(c, DeleteNode):
            self.r.deleted.add(found)
        elif isinstance(c, Merge):
            return self.merge(c, found, state)
        else:
            self.r.changes.setdefault(found, []).append(c)
            if isinstance(c, Rename):
                self.r.named.setdefault(c.name, []).append(found)
            if isinstance(c, Retype) and (old := self.base.node(found)) is not None:
                self.r.retyped_from.add(old.type)
        return state, found

    def merge(self, c: Merge, found: str, state: State) -> tuple[State, str]:
        into, into_state = self.locate(c.into)
        old = self.base.node(found)
        if into is None or old is None or into == found:
            return "orphaned", f"nothing to merge {c.node.id} into ({c.into.id})"
        for k, v in list(self.r.merged.items()):
            if v == found:
                self.r.merged[k] = into
        self.r.merged[found] = into
        self.r.absorbed.setdefault(into, []).append((c, old))
        for name in (old.name, *old.aliases):
            self.r.named.setdefault(name, []).append(into)
        return ("re-keyed" if "re-keyed" in (state, into_state) else "applied"), f"{found} → {into}"

    def add_node(self, c: AddNode) -> tuple[State, str]:
        if c.type in PLAN_SCOPED and not c.plan:
            return "orphaned", f"a {c.type} needs its plan"
        nid = node_id(c.type, c.name, c.plan if c.type in PLAN_SCOPED else None)
        mark = _mark(c, c.plan or "", c.quote or c.note or "补充")
        node = Node(id=nid, type=c.type, name=c.name, aliases=c.aliases, attributes=c.attributes, provenance=[mark])
        self.r.added_nodes[nid] = node
        for name in (c.name, *c.aliases):
            self.r.named.setdefault(name, []).append(nid)
        return "applied", nid

    def edge(self, c: DeleteEdge | AddEdge) -> tuple[State, str]:
        (s, s_state), (t, t_state) = self.locate(c.source), self.locate(c.target)
        if s is None or t is None:
            return "orphaned", f"no {'source' if s is None else 'target'} node for {c.source.id} → {c.target.id}"
        key = (s, t, c.edge_type)
        if isinstance(c, DeleteEdge):
            self.r.deleted_edges.add(key)
        else:
            source = self.r.added_nodes.get(s) or self.base.node(s)
            mark = _mark(c, _plan_of(source) if source is not None else "", c.quote or c.note or "补充")
            self.r.added_edges[key] = Edge(source=s, target=t, type=c.edge_type, provenance=[mark])
        return ("re-keyed" if "re-keyed" in (s_state, t_state) else "applied"), " → ".join(key[:2])


def resolve_all(base: GraphStore, corrections: list[Correction], problems: list[str]) -> Rewrite:
    """The corrections, in order, resolved against ``base``."""
    rewrite = Rewrite(problems=list(problems))
    resolver = _Resolver(base, rewrite)
    for c in corrections:
        state, detail = resolver.apply(c)
        rewrite.status.append(Status(id=c.id, op=c.op, state=state, detail=detail))
    return rewrite
