"""The embedded store as ``plangraph serve`` holds it: the database, and a networkx copy
of it in memory that every request reads.

The copy is made in one read transaction, so it is one committed state of the database.
A watcher thread compares the database's generation with the copy's every
``poll_seconds``; when another process (``plangraph load``) has written, it builds a new
copy beside the old one and swaps it in. A request takes the copy current when it starts
(``reading``) and keeps it: it sees the old graph or the new, never a mix. Writes go to
the database, never from the copy, so no process writes back a stale graph. Search asks
the database's persisted index, keeping the hits the copy holds.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager

from graph.exceptions import GraphError
from graph.identity import Document, PlanLoad
from graph.names import NameEntry, NameIndex
from graph.nx_store import NetworkxStore
from graph.records import Edge, Graph, Node, Subgraph
from graph.sqlite_store import SqliteStore
from graph.store import GraphStore, PlanGraphs

log = logging.getLogger(__name__)

SYNC_REFRESH_NODES = 50_000
"""Up to this size a write through the server waits for the new copy (a second or less);
beyond it the copy is rebuilt in the background and the old one serves meanwhile."""


class _Held(NameIndex):
    """The database's name index, keeping only nodes the copy holds."""

    def __init__(self, index: NameIndex, copy: NetworkxStore) -> None:
        self.index = index
        self.copy = copy

    def matching(self, tier: str, query: str, types: Sequence[str] | None, cap: int) -> tuple[list[NameEntry], bool]:
        entries, more = self.index.matching(tier, query, types, cap)
        return [e for e in entries if self.copy.node(e.node_id) is not None], more


class Copy(NetworkxStore):
    """One state of the database in memory; writes through it go to the database."""

    immutable = True

    def __init__(self, graph: Graph, served: ServedStore, generation: int) -> None:
        super().__init__(graph)
        self.served = served
        self.directory = served.directory
        self.made_from = generation  # the database's generation it is a copy of

    def generation(self) -> object:
        return self.made_from

    def write_plans(self, plans: PlanGraphs) -> None:
        self.served.write_plans(plans)

    def load_plans(
        self, plans: PlanGraphs, *, replace: bool = False, texts: Mapping[str, str] | None = None
    ) -> list[PlanLoad]:
        return self.served.load_plans(plans, replace=replace, texts=texts)

    def stored_plan(self, plan_id: str) -> Document | None:
        return self.served.db.stored_plan(plan_id)

    def plan_text(self, plan_id: str) -> str | None:
        return self.served.db.plan_text(plan_id)

    def search_index(self) -> NameIndex:
        return _Held(self.served.db.search_index(), self)

    def plan_nodes(self, plan_id: str, types: Iterable[str] | None = None) -> list[Node]:
        """The plan's nodes as the database's index by plan names them, those the copy
        holds: no pass over the copy (a million nodes would stall the event loop)."""
        by_id = self._by_id
        return [by_id[i] for i in self.served.db.plan_node_ids(plan_id, types) if i in by_id]

    def plan_search_index(self, plan_id: str) -> NameIndex:
        return _Held(self.served.db.plan_search_index(plan_id), self)

    def plan_counts(self, plan_id: str) -> dict[str, int] | None:
        """The database's tallies of the plan (counting the copy's records would read every
        edge at the banners and industries a thousand plans share)."""
        return self.served.db.plan_counts(plan_id)

    def keeps_text(self, plan_id: str) -> bool:
        return self.served.db.keeps_text(plan_id)


class ServedStore(GraphStore):
    def __init__(self, db: SqliteStore, *, poll_seconds: float = 0.5) -> None:
        super().__init__()
        self.db = db
        self.directory = db.directory
        self.poll_seconds = poll_seconds
        self._building = threading.Lock()
        self._current = self._build()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="plangraph-store-watcher", daemon=True)
        self._watcher.start()

    # -- the copy ---------------------------------------------------------------------------
    def _build(self) -> Copy:
        """A new copy, built with the cyclic garbage collector paused (its passes over
        millions of new objects tripled the time) and then frozen out of its view: the
        copy holds no cycles, refcounting frees an old one, and a full collection over a
        copy of a million nodes would stall every request for seconds."""
        enabled = gc.isenabled()
        gc.disable()
        try:
            with self.db.reading():
                generation = self.db.generation()
                graph = self.db.snapshot()
            copy = Copy(graph, self, generation)
            copy.warm()
        finally:
            if enabled:
                gc.enable()
        gc.freeze()
        return copy

    def refresh(self) -> bool:
        """Replace the copy if the database moved on since it was made; whether it did."""
        with self._building:
            if self.db.generation() == self._current.made_from:
                return False
            self._current = self._build()
            return True

    def _watch(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self.poll_seconds)
            self._wake.clear()
            try:
                self.refresh()
            except GraphError as exc:  # the database is unreadable for now: keep serving the copy
                log.warning("cannot reload the store %s: %s", self.directory, exc)

    def current(self) -> Copy:
        return self._current

    def generation(self) -> object:
        return self._current.made_from

    @contextmanager
    def reading(self) -> Iterator[GraphStore]:
        yield self._current

    def close(self) -> None:
        self._stop.set()
        self._wake.set()
        self._watcher.join(timeout=10)
        self.db.close()

    # -- writes go to the database ----------------------------------------------------------
    def _after_write(self) -> None:
        if len(self._current.snapshot().nodes) <= SYNC_REFRESH_NODES:
            self.refresh()
        else:
            self._wake.set()

    def write_plans(self, plans: PlanGraphs) -> None:
        self.db.write_plans(plans)
        self._after_write()

    def load_plans(
        self, plans: PlanGraphs, *, replace: bool = False, texts: Mapping[str, str] | None = None
    ) -> list[PlanLoad]:
        loads = self.db.load_plans(plans, replace=replace, texts=texts)
        self._after_write()
        return loads

    def stored_plan(self, plan_id: str) -> Document | None:
        return self.db.stored_plan(plan_id)

    def plan_text(self, plan_id: str) -> str | None:
        return self.db.plan_text(plan_id)

    def keeps_text(self, plan_id: str) -> bool:
        return self.db.keeps_text(plan_id)

    # -- reads ask the current copy ---------------------------------------------------------
    def snapshot(self) -> Graph:
        return self._current.snapshot()

    def node(self, node_id: str) -> Node | None:
        return self._current.node(node_id)

    def named(self, name: str) -> list[Node]:
        return self._current.named(name)

    def nodes(self, types: Iterable[str] | None = None) -> list[Node]:
        return self._current.nodes(types)

    def incident(self, ids: list[str], direction: str, types: Iterable[str] | None) -> list[Edge]:
        return self._current.incident(ids, direction, types)

    def nodes_by_id(self, ids: list[str]) -> dict[str, Node]:
        return self._current.nodes_by_id(ids)

    def closure(
        self, node_id: str, direction: str, types: Iterable[str] | None, max_depth: int, limit: int
    ) -> Subgraph:
        return self._current.closure(node_id, direction, types, max_depth, limit)

    def counts(self) -> dict[str, int]:
        return self._current.counts()

    def is_empty(self) -> bool:
        return self._current.is_empty()

    def search_index(self) -> NameIndex:
        return self._current.search_index()

    def plan_nodes(self, plan_id: str, types: Iterable[str] | None = None) -> list[Node]:
        return self._current.plan_nodes(plan_id, types)

    def plan_incident(self, plan_id: str, ids: list[str], direction: str, types: Iterable[str] | None) -> list[Edge]:
        return self._current.plan_incident(plan_id, ids, direction, types)

    def plan_search_index(self, plan_id: str) -> NameIndex:
        return self._current.plan_search_index(plan_id)
