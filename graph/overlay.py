"""The corrected graph: a store seen through the officer's corrections.

``CorrectedStore`` wraps any store and answers every question of the store interface as
if the corrections had been made to it, without ever writing them into the extracted
records: a reload or a re-extraction replaces the records and the corrections apply
again. What a correction did is marked on the record with a provenance whose source is
``correction:<id>``. A correction whose subject is gone is kept and reported as
orphaned; one whose subject's id drifted is re-keyed by its type, name and quote.

The live store resolves the corrections again whenever their file or the base changed;
``current()`` and ``reading()`` hand out frozen views (one state of the base, one state
of the corrections) for a request or a command to read from.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graph.corrections import FILE, CorrectionsFile
from graph.identity import Document, PlanLoad
from graph.names import NameIndex
from graph.overlay_index import CorrectedIndex
from graph.plan_view import belongs
from graph.records import Edge, Graph, Node
from graph.rewrite import Rewrite, resolve_all
from graph.store import GraphStore, PlanGraphs

__all__ = ["CorrectedStore"]


class CorrectedStore(GraphStore):
    def __init__(self, base: GraphStore, corrections: CorrectionsFile, frozen: Rewrite | None = None) -> None:
        super().__init__()
        self.base = base
        self.corrections = corrections
        self.directory = base.directory or corrections.path.parent
        self._rewrite: Rewrite | None = frozen
        self._frozen = frozen is not None
        self._stamp: Any = None
        self._view: tuple[Any, CorrectedStore] | None = None
        self._lock = threading.Lock()

    @classmethod
    def in_directory(cls, base: GraphStore, directory: Path) -> CorrectedStore:
        """``base`` seen through the corrections kept in ``directory`` (``corrections.jsonl``)."""
        return cls(base, CorrectionsFile(directory / FILE))

    # -- the resolved corrections --------------------------------------------------------
    def rewrite(self) -> Rewrite:
        """The corrections resolved against the base (again, when either changed)."""
        if self._frozen and self._rewrite is not None:
            return self._rewrite
        stamp = self.generation()
        if self._rewrite is None or stamp != self._stamp:
            self._rewrite, self._stamp = _resolve(self.base, self.corrections), stamp
            self.derived.clear()
        return self._rewrite

    def generation(self) -> object:
        return (self.corrections.stamp(), self.base.generation())

    @property
    def immutable(self) -> bool:  # type: ignore[override]
        return self._frozen and self.base.immutable

    def _frozen_over(self, base: GraphStore) -> CorrectedStore:
        return CorrectedStore(base, self.corrections, frozen=_resolve(base, self.corrections))

    def current(self) -> GraphStore:
        """A frozen view over the base's current state; the same one while neither the
        base's state nor the corrections change, so what it derives (answers) is kept."""
        base = self.base.current()
        key = (self.corrections.stamp(), id(base), base.generation())
        with self._lock:
            if self._view is None or self._view[0] != key:
                self._view = (key, self._frozen_over(base))
            return self._view[1]

    @contextmanager
    def reading(self) -> Iterator[GraphStore]:
        with self.base.reading() as base:
            yield self._frozen_over(base)

    # -- writes go to the base -----------------------------------------------------------
    def write_plans(self, plans: PlanGraphs) -> None:
        self.base.write_plans(plans)
        self._forget()

    def load_plans(
        self, plans: PlanGraphs, *, replace: bool = False, texts: Mapping[str, str] | None = None
    ) -> list[PlanLoad]:
        loads = self.base.load_plans(plans, replace=replace, texts=texts)
        self._forget()
        return loads

    def _forget(self) -> None:
        if not self._frozen:
            self._rewrite = None
            self.derived.clear()

    def stored_plan(self, plan_id: str) -> Document | None:
        return self.base.stored_plan(plan_id)

    def plan_text(self, plan_id: str) -> str | None:
        return self.base.plan_text(plan_id)

    # -- reads, patched --------------------------------------------------------------------
    def snapshot(self) -> Graph:
        r = self.rewrite()
        graph = self.base.snapshot()
        nodes = [p for p in (r.node(n) for n in graph.nodes) if p is not None] + list(r.added_nodes.values())
        edges = r.edges([*graph.edges, *r.added_edges.values()])
        return Graph(nodes=sorted(nodes, key=lambda n: n.id), edges=edges)

    def node(self, node_id: str) -> Node | None:
        r = self.rewrite()
        if node_id in r.added_nodes:
            return r.added_nodes[node_id]
        found = self.base.node(node_id)
        return r.node(found) if found is not None else None

    def named(self, name: str) -> list[Node]:
        r = self.rewrite()
        ids = [r.merged.get(n.id, n.id) for n in self.base.named(name)] + r.named.get(name, [])
        found = self.nodes_by_id(list(dict.fromkeys(ids)))
        return [n for n in found.values() if name in (n.name, *n.aliases)]

    def nodes(self, types: Iterable[str] | None = None) -> list[Node]:
        r = self.rewrite()
        wanted = None if types is None else set(types)
        asked = None if wanted is None else wanted | r.retyped_from
        patched = [p for p in (r.node(n) for n in self.base.nodes(asked)) if p is not None]
        patched += r.added_nodes.values()
        return sorted((n for n in patched if wanted is None or n.type in wanted), key=lambda n: n.id)

    def incident(self, ids: list[str], direction: str, types: Iterable[str] | None) -> list[Edge]:
        return self._patched_edges(self.base.incident, ids, direction, types)

    def _patched_edges(
        self, fetch: Callable[[list[str], str, list[str] | None], list[Edge]], ids: list[str], direction: str,
        types: Iterable[str] | None,
    ) -> list[Edge]:  # fmt: skip
        """The edges at ``ids`` as corrected: those ``fetch`` finds at them and at the nodes
        merged into them, and the edges corrections added."""
        r = self.rewrite()
        wanted = None if types is None else list(types)
        at = set(ids)
        asked = sorted({*ids, *(old for old, new in r.merged.items() if new in at)})
        found = fetch(asked, direction, wanted) + [
            e for e in r.added_edges.values() if wanted is None or e.type in wanted
        ]
        out, into = direction in ("out", "both"), direction in ("in", "both")
        kept = [e for e in r.edges(found) if (out and e.source in at) or (into and e.target in at)]
        return sorted(kept, key=lambda e: e.key)

    def nodes_by_id(self, ids: list[str]) -> dict[str, Node]:
        r = self.rewrite()
        out = {i: r.added_nodes[i] for i in ids if i in r.added_nodes}
        for i, n in self.base.nodes_by_id([i for i in ids if i not in out]).items():
            patched = r.node(n)
            if patched is not None:
                out[i] = patched
        return out

    def counts(self) -> dict[str, int]:
        r = self.rewrite()
        return r.counts(self.base.counts(), self.base) if r.touches_anything else self.base.counts()

    def search_index(self) -> NameIndex:
        index = self.derived.get("names")
        if index is None:
            index = self.derived["names"] = CorrectedIndex(self.base.search_index(), self.rewrite(), self)
        return index

    # -- one plan's records, corrected (for graph.plan_view) -------------------------------------
    def plan_nodes(self, plan_id: str, types: Iterable[str] | None = None) -> list[Node]:
        """The base's nodes of the plan as corrected, the nodes that absorbed one of them
        (a merge), and the nodes corrections added to the plan."""
        r = self.rewrite()
        wanted = None if types is None else set(types)
        asked = None if wanted is None else wanted | r.retyped_from
        found = {n.id: n for n in (r.node(m) for m in self.base.plan_nodes(plan_id, asked)) if n is not None}
        absorbers = [i for i, ms in r.absorbed.items() if any(belongs(m.provenance, plan_id) for _, m in ms)]
        found.update(self.nodes_by_id([i for i in absorbers if i not in found]))
        found.update({i: n for i, n in r.added_nodes.items() if belongs(n.provenance, plan_id)})
        return sorted((n for n in found.values() if wanted is None or n.type in wanted), key=lambda n: n.id)

    def plan_incident(self, plan_id: str, ids: list[str], direction: str, types: Iterable[str] | None) -> list[Edge]:
        """The plan's edges at ``ids`` as corrected, and every edge corrections added there
        (the plan's view keeps those whose ends are in the plan)."""
        return self._patched_edges(
            lambda asked, way, wanted: self.base.plan_incident(plan_id, asked, way, wanted), ids, direction, types
        )

    def plan_counts(self, plan_id: str) -> dict[str, int] | None:
        return None if self.rewrite().touches_anything else self.base.plan_counts(plan_id)

    def plan_search_index(self, plan_id: str) -> NameIndex:
        r = self.rewrite()
        key = f"names:{plan_id}"
        index = self.derived.get(key)
        if index is None:
            index = self.derived[key] = CorrectedIndex(self.base.plan_search_index(plan_id), r, self, plan_id)
        return index

    def keeps_text(self, plan_id: str) -> bool:
        return self.base.keeps_text(plan_id)

    def node_page(self, types: Iterable[str] | None, order: str, offset: int, limit: int) -> tuple[list[Node], int]:
        """The base's page where no correction touches a node of ``types``; else the
        corrected nodes sorted here (a cost in what the corrections touch: they are few)."""
        if not self.rewrite().touches_types(None if types is None else set(types), self.base):
            return self.base.node_page(types, order, offset, limit)
        return super().node_page(types, order, offset, limit)

    def is_empty(self) -> bool:
        return self.base.is_empty() and not self.rewrite().added_nodes

    def close(self) -> None:
        self.base.close()


def _resolve(base: GraphStore, corrections: CorrectionsFile) -> Rewrite:
    found, problems = corrections.read()
    return resolve_all(base, found, problems)
