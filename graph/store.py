"""The store interface: what every backend (networkx, Neo4j) offers the layers above."""

from __future__ import annotations

from abc import ABC, abstractmethod

from graph.records import Graph


class GraphStore(ABC):
    """A place that keeps one merged graph of every plan loaded into it."""

    @abstractmethod
    def snapshot(self) -> Graph:
        """Every node and edge, as records."""

    @abstractmethod
    def write_plan(self, plan_id: str, plan_graph: Graph) -> Graph:
        """Replace what ``plan_id`` contributed with ``plan_graph``, all or nothing.

        Returns the graph as stored afterwards.
        """

    def is_empty(self) -> bool:
        return not self.snapshot().nodes

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections; the embedded store has none."""
