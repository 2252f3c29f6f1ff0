"""The store interface: what every backend (SQLite, networkx, Neo4j) offers the layers above.

A backend implements the abstract methods; everything else has a default built on them,
which a backend overrides where it can do better (the SQLite store answers counts,
search and incident edges from its indexes).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graph import identity, traversal
from graph.identity import Document, PlanLoad
from graph.names import MemoryNameIndex, NameIndex
from graph.records import Edge, Graph, Node, Subgraph

DIRECTIONS = ("in", "out", "both")
PlanGraphs = Sequence[tuple[str, Graph]]


class GraphStore(ABC):
    """A place that keeps one merged graph of every plan loaded into it."""

    path_bounds = traversal.PathBounds()
    directory: Path | None = None
    """The folder the store keeps its files in (the embedded stores), where the store's
    corrections and local lists live too; None for a server."""
    immutable = False
    """True for a store that never changes (a served copy): what is derived from it may be kept."""
    scope: str | None = None
    """The plan a view answers for (``graph.plan_view.PlanView``); None: the whole graph."""

    def __init__(self) -> None:
        self.derived: dict[str, Any] = {}
        """Indexes derived from the graph in this process (search); cleared on every write."""

    # -- what every backend implements ------------------------------------------------------
    @abstractmethod
    def snapshot(self) -> Graph:
        """Every node and edge, as records."""

    @abstractmethod
    def write_plans(self, plans: PlanGraphs) -> None:
        """Replace what each plan contributed with its new graph, all plans or none."""

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

    # -- defaults ---------------------------------------------------------------------------
    def write_plan(self, plan_id: str, plan_graph: Graph) -> None:
        self.write_plans([(plan_id, plan_graph)])

    def load_plans(
        self, plans: PlanGraphs, *, replace: bool = False, texts: Mapping[str, str] | None = None
    ) -> list[PlanLoad]:
        """Write plans under the identity policy (``graph.identity``): the same document
        again changes nothing, another document under a stored plan's id raises
        ``PlanConflict`` unless ``replace``. ``texts`` maps plan ids to their decoded
        source text, kept where the store can (see ``plan_text``)."""
        texts = texts or {}
        loads = [identity.decide(p, g, texts.get(p), self.stored_plan(p), replace) for p, g in plans]
        changed = [pg for pg, done in zip(plans, loads, strict=True) if done.outcome != "unchanged"]
        if changed:
            self.write_plans(changed)
        return loads

    def stored_plan(self, plan_id: str) -> Document | None:
        """The document the store holds under ``plan_id``, or None."""
        node = self.node(plan_id)
        return identity.document_of(node) if node is not None and node.type == "Plan" else None

    def plan_text(self, plan_id: str) -> str | None:
        """The decoded source text of a plan, where the store keeps it."""
        return None

    @contextmanager
    def reading(self) -> Iterator[GraphStore]:
        """A view that sees one state of the store for the whole block: a write by
        another process is seen entirely or not at all."""
        yield self

    def counts(self) -> dict[str, int]:
        """Nodes per type and edges per type, as ``Graph.counts``."""
        return self.snapshot().counts()

    def edges(
        self, node_id: str, direction: str = "both", types: Iterable[str] | None = None, limit: int | None = None
    ) -> list[Edge]:
        """Edges at a node: ``out`` (from it), ``in`` (to it) or ``both``; the first
        ``limit`` of them by (source, target, type) when given."""
        found = self.incident([node_id], direction, types)
        return found if limit is None else found[:limit]

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

    def paths(
        self, source: str, target: str, types: Iterable[str] | None, directed: bool, max_length: int, limit: int
    ) -> tuple[list[list[Edge]], bool]:
        """Simple paths from ``source`` to ``target``, shortest first, of at most
        ``max_length`` edges and at most ``limit`` of them; and whether more existed or
        the search bounds (``path_bounds``: expansions, seconds) cut it."""
        wanted = None if types is None else list(types)
        return traversal.bounded_paths(
            lambda ids, direction: self.incident(ids, direction, wanted),
            source,
            target,
            directed,
            max_length,
            limit,
            self.path_bounds,
            self._fanout,
        )

    def _fanout(self, ids: list[str], direction: str) -> int:
        """How many edges expanding ``ids`` would fetch, or an estimate (here: one each)."""
        return len(ids)

    def search_index(self) -> NameIndex:
        """The name index search asks; by default built in memory once per process."""
        index: NameIndex | None = self.derived.get("names")
        if index is None:
            index = self.derived["names"] = MemoryNameIndex(self.nodes())
        return index

    # -- one plan's records, for ``graph.plan_view`` ---------------------------------------
    def plan_nodes(self, plan_id: str, types: Iterable[str] | None = None) -> list[Node]:
        """The nodes with provenance from ``plan_id`` (of ``types``), sorted by id. By
        default a scan of every node; a backend that indexes provenance by plan asks its index."""
        return sorted(
            (n for n in self.nodes(types) if any(p.plan == plan_id for p in n.provenance)), key=lambda n: n.id
        )

    def plan_incident(self, plan_id: str, ids: list[str], direction: str, types: Iterable[str] | None) -> list[Edge]:
        """``incident``, keeping the edges with provenance from ``plan_id``."""
        return [e for e in self.incident(ids, direction, types) if any(p.plan == plan_id for p in e.provenance)]

    def plan_counts(self, plan_id: str) -> dict[str, int] | None:
        """Nodes and edges per type of one plan's records where the backend counts them
        from an index; None where the plan's view counts what it holds."""
        return None

    def plan_search_index(self, plan_id: str) -> NameIndex:
        """The name index of one plan's nodes; by default built in memory once per process."""
        key = f"names:{plan_id}"
        index: NameIndex | None = self.derived.get(key)
        if index is None:
            index = self.derived[key] = MemoryNameIndex(self.plan_nodes(plan_id))
        return index

    def keeps_text(self, plan_id: str) -> bool:
        """Whether the store keeps the decoded text of a plan (``plan_text``)."""
        return self.plan_text(plan_id) is not None

    def node_page(self, types: Iterable[str] | None, order: str, offset: int, limit: int) -> tuple[list[Node], int]:
        """One page of the nodes of ``types`` sorted by (type, name), or most connected
        first when ``order`` is ``degree``; and how many there are in all."""
        nodes = self.nodes(types)
        if order == "degree":
            degree = {n.id: len(self.edges(n.id)) for n in nodes}
            nodes.sort(key=lambda n: (-degree[n.id], n.type, n.name))
        else:
            nodes.sort(key=lambda n: (n.type, n.name))
        return nodes[offset : offset + limit], len(nodes)

    def is_empty(self) -> bool:
        return not self.nodes()

    def generation(self) -> object:
        """Changes whenever the stored graph does (None: a store only this process writes,
        whose own writes say when it changed)."""
        return None

    def current(self) -> GraphStore:
        """The store as it is now, for one request to read (a served store's current copy)."""
        return self

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections; the embedded stores have none to release."""
