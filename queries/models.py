"""Plain answer records shared by the query families."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from graph.records import Edge, Node

DEFAULT_DEPTH = 6
MAX_DEPTH = 20
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


class NodeRef(BaseModel):
    """A node named in an answer: enough to show it and to ask for more."""

    model_config = ConfigDict(extra="forbid")

    id: str
    type: str
    name: str
    corrected: bool = False  # an officer's correction changed or added it

    @classmethod
    def of(cls, node: Node) -> NodeRef:
        return cls(id=node.id, type=node.type, name=node.name, corrected=node.corrected)


class Hop(BaseModel):
    """One edge of a path, with the quote from the plan that justifies it."""

    model_config = ConfigDict(extra="forbid")

    source: NodeRef
    target: NodeRef
    type: str
    quote: str | None
    start: int | None = None
    end: int | None = None
    origin: str = "text"  # where the quote comes from: text, gazetteer:…, correction:…


def origin(edge: Edge) -> str:
    """Where an edge's first quote comes from: ``text``, ``gazetteer:…``, ``table:…`` or
    ``correction:<id>`` (an officer's correction made it)."""
    return edge.provenance[0].source if edge.provenance else "text"


def hop(edge: Edge, nodes: dict[str, Node]) -> Hop:
    p = edge.provenance[0] if edge.provenance else None
    return Hop(
        source=NodeRef.of(nodes[edge.source]),
        target=NodeRef.of(nodes[edge.target]),
        type=edge.type,
        quote=p.quote if p else None,
        start=p.start if p else None,
        end=p.end if p else None,
        origin=p.source if p else "text",
    )


def path_text(hops: list[Hop]) -> str:
    """A path on one line, each edge in its own direction:
    ``光伏帮扶工程 -supports→ 新能源产业 ←supports- 新增新能源并网400万千瓦``."""
    if not hops:
        return ""
    parts = [hops[0].source.name]
    for h in hops:
        if h.source.name == parts[-1]:
            parts += [f"-{h.type}→", h.target.name]
        else:
            parts += [f"←{h.type}-", h.source.name]
    return " ".join(parts)
