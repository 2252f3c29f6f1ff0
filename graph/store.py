"""The store interface: what every backend (networkx, Neo4j) offers the layers above."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence

from graph.records import Edge, Graph, Node


class GraphStore(ABC):
    """A place that keeps one merged graph of every plan loaded into it."""

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
    def edges(self, node_id: str, direction: str = "both", types: Iterable[str] | None = None) -> list[Edge]:
        """Edges at a node: ``out`` (from it), ``in`` (to it) or ``both``."""

    def is_empty(self) -> bool:
        return not self.nodes()

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections; the embedded store has none."""
