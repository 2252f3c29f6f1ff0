"""Making, listing, undoing and moving corrections, for the CLI and the API alike.

A request names nodes as users do (an id, or an unambiguous name or alias, resolved on
the corrected graph); the correction remembers each node as a ``Subject`` so that it
finds it again after a re-extraction.
"""

from __future__ import annotations

import getpass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.corrections import (
    AddEdge,
    AddNode,
    Correction,
    CorrectionsError,
    DeleteEdge,
    DeleteNode,
    Merge,
    Rename,
    Retype,
    SetAttribute,
    parse_lines,
)
from graph.overlay import CorrectedStore
from graph.records import EdgeType, NodeType
from graph.rewrite import Status, subject_of
from queries.exceptions import BadQuery
from queries.lookup import resolve

__all__ = [
    "CorrectionRequest",
    "Listing",
    "export_lines",
    "import_lines",
    "listing",
    "made",
    "record",
    "status_of",
    "undo",
]

Op = Literal["delete-node", "delete-edge", "rename", "retype", "set-attribute", "merge", "add-node", "add-edge"]
NEEDS: dict[str, tuple[str, ...]] = {
    "delete-node": ("node",),
    "delete-edge": ("source", "target", "edge_type"),
    "rename": ("node", "name"),
    "retype": ("node", "type"),
    "set-attribute": ("node", "key"),
    "merge": ("node", "into"),
    "add-node": ("type", "name"),
    "add-edge": ("source", "target", "edge_type"),
}


class CorrectionRequest(BaseModel):
    """A correction as a user asks for it: nodes named by id or by name."""

    model_config = ConfigDict(extra="forbid")

    op: Op
    node: str | None = Field(default=None, description="the node corrected", examples=["banner:赤峰市"])
    into: str | None = Field(default=None, description="merge: the node that absorbs it")
    source: str | None = Field(default=None, description="an edge's source")
    target: str | None = Field(default=None, description="an edge's target")
    edge_type: EdgeType | None = None
    name: str | None = Field(default=None, description="rename: the new name; add-node: the name")
    type: NodeType | None = Field(default=None, description="retype: the new type; add-node: the type")
    key: str | None = None
    value: Any = None
    aliases: list[str] = Field(default_factory=list)
    attributes: dict[str, Any] = Field(default_factory=dict)
    quote: str | None = Field(default=None, description="the plan's words that justify an addition")
    note: str | None = None
    plan: str | None = Field(default=None, description="add-node of a Section, Task or Target: its plan id")
    who: str = Field(default="", description="who asks (default: the OS user, or 'api')")
    why: str = ""


def _make(store: CorrectedStore, r: CorrectionRequest, who: str) -> Correction:
    missing = [f for f in NEEDS[r.op] if getattr(r, f) in (None, "")]
    if missing:
        raise BadQuery(f"a {r.op} correction needs {', '.join(missing)}")
    meta: dict[str, Any] = {"who": r.who or who, "why": r.why}

    def subject(ref: str | None) -> Any:
        return subject_of(resolve(store, str(ref)))

    if r.op == "delete-node":
        return DeleteNode(node=subject(r.node), **meta)
    if r.op == "rename":
        return Rename(node=subject(r.node), name=str(r.name), **meta)
    if r.op == "retype":
        return Retype(node=subject(r.node), type=r.type, **meta)  # type: ignore[arg-type]
    if r.op == "set-attribute":
        return SetAttribute(node=subject(r.node), key=str(r.key), value=r.value, **meta)
    if r.op == "merge":
        return Merge(node=subject(r.node), into=subject(r.into), **meta)
    if r.op == "add-node":
        fields = {"aliases": r.aliases, "attributes": r.attributes, "quote": r.quote, "note": r.note, "plan": r.plan}
        return AddNode(type=r.type, name=str(r.name), **fields, **meta)  # type: ignore[arg-type]
    edge = {"source": subject(r.source), "target": subject(r.target), "edge_type": r.edge_type}
    if r.op == "delete-edge":
        return DeleteEdge(**edge, **meta)
    return AddEdge(**edge, quote=r.quote, note=r.note, **meta)


def record(store: CorrectedStore, request: CorrectionRequest, who: str | None = None) -> Correction:
    """Add one correction to the store's overlay and return it (with its id)."""
    correction = _make(store, request, who or getpass.getuser())
    with store.corrections.editing() as corrections:
        corrections.append(correction)
    return correction


def undo(store: CorrectedStore, correction_id: str) -> Correction:
    """Remove a correction from the overlay; the graph is as if it had never been made."""
    with store.corrections.editing() as corrections:
        for i, c in enumerate(corrections):
            if c.id == correction_id:
                return corrections.pop(i)
    raise BadQuery(f"no correction '{correction_id}' in {store.corrections.path}")


class Entry(BaseModel):
    correction: dict[str, Any]
    status: Status


class Listing(BaseModel):
    file: str
    entries: list[Entry]
    problems: list[str]
    writable: bool = False  # whether corrections can be made here (over HTTP: a token is configured)

    def count(self, state: str) -> int:
        return sum(1 for e in self.entries if e.status.state == state)


def listing(store: CorrectedStore, *, writable: bool = False) -> Listing:
    """Every correction with what became of it (applied, re-keyed, orphaned), and the
    lines of the file that are not corrections."""
    corrections, problems = store.corrections.read()
    status = {s.id: s for s in store.rewrite().status}
    entries = [Entry(correction=c.model_dump(), status=status[c.id]) for c in corrections]
    return Listing(file=str(store.corrections.path), entries=entries, problems=problems, writable=writable)


def status_of(store: CorrectedStore, correction: Correction) -> Status:
    """What became of a correction on the graph as it is now."""
    return next(s for s in store.rewrite().status if s.id == correction.id)


def made(store: CorrectedStore, correction: Correction) -> dict[str, Any]:
    """A correction just recorded, as the API answers it: its fields, its ``status``, and
    for a node added and applied, the new node's id (``node_id``)."""
    status = status_of(store, correction)
    answer = {**correction.model_dump(), "status": status.model_dump()}
    if correction.op == "add-node":
        answer["node_id"] = status.detail if status.state == "applied" else None
    return answer


def export_lines(store: CorrectedStore) -> str:
    corrections, _ = store.corrections.read()
    return "".join(c.model_dump_json() + "\n" for c in corrections)


def import_lines(store: CorrectedStore, text: str, where: str) -> tuple[int, int]:
    """Add the corrections of a JSON Lines text (by id: one already present is kept as
    it is); all or none. Returns (added, already present)."""
    incoming, problems = parse_lines(text, where)
    if problems:
        raise CorrectionsError(problems[0])
    with store.corrections.editing() as corrections:
        have = {c.id for c in corrections}
        new = [c for c in incoming if c.id not in have]
        corrections.extend(new)
    return len(new), len(incoming) - len(new)
