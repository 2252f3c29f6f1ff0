"""Backend-neutral records: nodes, edges, provenance and whole graphs.

Loaders produce these, stores consume them, queries and the API return them.
Nothing from networkx or the neo4j driver crosses this boundary.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

NodeType = Literal["Plan", "Section", "Task", "Target", "Project", "Enterprise", "Banner", "Industry"]
EdgeType = Literal["supports", "located-in", "responsible-for", "part-of", "upstream-of"]

NODE_TYPES: tuple[str, ...] = NodeType.__args__  # type: ignore[attr-defined]
EDGE_TYPES: tuple[str, ...] = EdgeType.__args__  # type: ignore[attr-defined]

TEXT = "text"
CORRECTION = "correction:"  # the source prefix of what an officer's correction made


class Provenance(BaseModel):
    """Where a node or edge comes from: a span of a plan, or a named gazetteer."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    plan: str = Field(description="id of the Plan node whose load produced this")
    quote: str = Field(description="the exact text that justifies it (a gazetteer entry for structural facts)")
    start: int | None = Field(default=None, description="character offset of the quote in the source text")
    end: int | None = Field(default=None, description="character offset just past the quote")
    source: str = Field(default=TEXT, description="'text', or 'gazetteer:<name>' for knowledge not taken from the text")

    @property
    def from_correction(self) -> bool:
        """Made by an officer's correction (``correction:<id>``), not by a plan's load."""
        return self.source.startswith(CORRECTION)


class Node(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    type: NodeType
    name: str
    aliases: list[str] = Field(default_factory=list)
    attributes: dict[str, Any] = Field(default_factory=dict)
    provenance: list[Provenance] = Field(default_factory=list)

    @property
    def corrected(self) -> bool:
        """Changed or added by a correction. Corrections are applied after every load and
        each appends its marker (``graph.rewrite``), so a corrected node's last provenance
        is a correction's: one look, however many plans name the node."""
        return bool(self.provenance) and self.provenance[-1].from_correction


class Edge(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: str
    target: str
    type: EdgeType
    attributes: dict[str, Any] = Field(default_factory=dict)
    provenance: list[Provenance] = Field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.target, self.type)


class Graph(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nodes: list[Node] = Field(default_factory=list)
    edges: list[Edge] = Field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Number of nodes per type and edges per type, types in model order."""
        tally: Counter[str] = Counter(n.type for n in self.nodes)
        tally.update(e.type for e in self.edges)
        return {t: tally[t] for t in (*NODE_TYPES, *EDGE_TYPES)}


class Subgraph(Graph):
    """Part of a graph returned by a bounded traversal; ``truncated`` when a bound cut it."""

    truncated: bool = False
