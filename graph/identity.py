"""Plan identity: a plan id holds one document, and loading another never replaces it
silently.

A document is known by the sha256 of its decoded text (the Plan node's ``sha256``
attribute, or computed here from the text the caller passes). Reloading the same
document changes nothing; a different document under a stored plan's id is refused
with ``PlanConflict`` unless the caller asks to replace it. Plans stored without a
sha256 (loaded before plans carried one) are reloaded as before.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Literal

from graph.exceptions import PlanConflict
from graph.records import Graph, Node

Outcome = Literal["added", "unchanged", "replaced", "reloaded", "removed"]


RECORDS = "records_sha256"
"""The Plan node attribute fingerprinting what the document was extracted into."""


@dataclass(frozen=True)
class Document:
    """What a store keeps about the document behind a plan."""

    plan: str
    title: str
    source: str | None  # the file it was read from
    sha256: str | None
    records: str | None = None  # fingerprint of its records (``fingerprint``), where known

    @property
    def label(self) -> str:
        return self.source or self.title


@dataclass(frozen=True)
class PlanLoad:
    """What loading one plan did."""

    plan: str
    outcome: Outcome
    previous: str | None = None  # the document it replaced, when it replaced one


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stamped(plan_id: str, graph: Graph) -> Graph:
    """``graph`` with its Plan node carrying the fingerprint of its records, so that the
    same document extracted otherwise (another version of plangraph, the store's local
    lists) is written again rather than taken as unchanged."""
    body = json.dumps(
        [
            sorted(n.model_dump_json() for n in graph.nodes if n.id != plan_id),
            sorted(e.model_dump_json() for e in graph.edges),
        ],
        ensure_ascii=False,
    )
    fingerprint = hashlib.sha256(body.encode("utf-8")).hexdigest()
    nodes = [
        n.model_copy(update={"attributes": {**n.attributes, RECORDS: fingerprint}}) if n.id == plan_id else n
        for n in graph.nodes
    ]
    return Graph(nodes=nodes, edges=graph.edges)


def document_of(node: Node | None, text: str | None = None) -> Document | None:
    """The document a Plan node describes; ``text``, when given, supplies a missing sha256."""
    if node is None:
        return None
    attributes = node.attributes
    sha = attributes.get("sha256") or (sha256_of(text) if text is not None else None)
    source = attributes.get("source")
    if not isinstance(source, str) or source == node.id:
        source = None  # plans read before issue 9 name themselves as their source
    records = attributes.get(RECORDS)
    return Document(
        plan=node.id,
        title=str(attributes.get("title") or node.name),
        source=source,
        sha256=sha,
        records=records if isinstance(records, str) else None,
    )


def plan_node(plan_id: str, graph: Graph) -> Node | None:
    return next((n for n in graph.nodes if n.id == plan_id and n.type == "Plan"), None)


def decide(plan_id: str, graph: Graph, text: str | None, stored: Document | None, replace: bool) -> PlanLoad:
    """What writing ``graph`` as plan ``plan_id`` over the ``stored`` document means;
    raises ``PlanConflict`` for another document under that id unless ``replace``."""
    new = document_of(plan_node(plan_id, graph), text)
    if new is None:
        return PlanLoad(plan_id, "reloaded" if graph.nodes else "removed")
    if stored is None:
        return PlanLoad(plan_id, "added")
    if not (new.sha256 and stored.sha256):
        return PlanLoad(plan_id, "reloaded")
    if new.sha256 == stored.sha256:
        extracted_again = new.records is not None and new.records != stored.records
        return PlanLoad(plan_id, "reloaded" if extracted_again else "unchanged")
    if not replace:
        raise PlanConflict(plan_id, stored.label, stored.sha256, new.label, new.sha256)
    return PlanLoad(plan_id, "replaced", previous=stored.label)
