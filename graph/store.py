"""The store interface: what every backend (networkx, Neo4j) offers the layers above."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from typing import Any

from graph import traversal
from graph.records import Edge, Graph, Node, Subgraph

DIRECTIONS = ("in", "out", "both")


class GraphStore(ABC):
    """A place that keeps one merged graph of every plan loaded into it."""

    def __init__(self) -> None:
        self.derived: dict[str, Any] = {}
        """Indexes the query layer derives from the graph (search); cleared on every write."""

    @abstractmethod
    def snapshot(self) -> Graph:
        """Every node and edge, as records."""

    @abstractmethod
    def write_plans(self, plans: Sequence[tuple[str, Graph]]) -> None:
        """Replace what each plan contributed with its new graph, all plans or none."""

    def write_plan(self, plan_id: str, plan_graph: Graph) -> None:
        self.write_plans([(plan_id, plan_graph)])

    @abstractmethod
    def node(self, node_id: str) -> Node | None:
        """The node with this id, or None."""

    @abstractmethod
    def named(self, name: str) -> list[Node]:
        """Nodes whose name or an alias is exactly ``name``."""

    @abstractmethod
    def nodes(self, types: Iterable[str] | None = None) -> list[Node]:
        """Every node, or those of the given types."""

    @abstractmethod
    def incident(self, ids: list[str], direction: str, types: Iterable[str] | None) -> list[Edge]:
        """Edges at any of ``ids``: ``out`` (from them), ``in`` (to them) or ``both``,
        of the given types (all when None), sorted by (source, target, type)."""

    @abstractmethod
    def nodes_by_id(self, ids: list[str]) -> dict[str, Node]:
        """The nodes of those ids that exist."""

    def edges(self, node_id: str, direction: str = "both", types: Iterable[str] | None = None) -> list[Edge]:
        """Edges at a node: ``out`` (from it), ``in`` (to it) or ``both``."""
        return self.incident([node_id], direction, types)

    def closure(
        self, node_id: str, direction: str, types: Iterable[str] | None, max_depth: int, limit: int
    ) -> Subgraph:
        """Nodes reached from ``node_id`` along edges of ``types`` (``in``: against them,
        ``out``: along them, ``both``), breadth first, at most ``max_depth`` hops and
        ``limit`` nodes besides the start; the edges between what was reached."""
        start = self.node(node_id)
        if start is None:
            return Subgraph()
        wanted = None if types is None else list(types)
        return traversal.bfs(
            start, lambda ids: self.incident(ids, direction, wanted), self.nodes_by_id, max_depth, limit
        )

    @abstractmethod
    def paths(
        self, source: str, target: str, types: Iterable[str] | None, directed: bool, max_length: int, limit: int
    ) -> tuple[list[list[Edge]], bool]:
        """Simple paths from ``source`` to ``target``, shortest first, of at most
        ``max_length`` edges and at most ``limit`` of them; and whether more existed."""

    def plan_text(self, plan_id: str) -> str | None:
        """The text of a loaded plan that its provenance offsets index, or None when this
        store does not keep it."""
        return None

    def is_empty(self) -> bool:
        return not self.nodes()

    def generation(self) -> object:
        """Changes whenever the stored graph does (None: the store cannot tell, so what is
        derived from it must be derived again)."""
        return None

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections; the embedded store has none."""
