"""The corrected graph: a store seen through the officer's corrections.

``CorrectedStore`` wraps any store and answers every question of the store interface as
if the corrections had been made to it, without ever writing them into the extracted
records: a reload or a re-extraction replaces the records and the corrections apply
again. What a correction did is marked on the record with a provenance whose source is
``correction:<id>``. A correction whose subject is gone is kept and reported as
orphaned; one whose subject's id drifted is re-keyed by its type, name and quote.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from graph import traversal
from graph.corrections import CorrectionsFile
from graph.records import Edge, Graph, Node
from graph.rewrite import Rewrite, resolve_all
from graph.store import GraphStore

__all__ = ["CorrectedStore"]


class CorrectedStore(GraphStore):
    def __init__(self, base: GraphStore, corrections: CorrectionsFile) -> None:
        super().__init__()
        self.base = base
        self.corrections = corrections
        self._rewrite: Rewrite | None = None
        self._stamp: Any = None

    # -- the resolved corrections, recomputed when the file or the base changed ----------
    def rewrite(self) -> Rewrite:
        stamp = (self.corrections.stamp(), self.base.generation())
        if self._rewrite is None or stamp != self._stamp or stamp[1] is None:
            corrections, problems = self.corrections.read()
            self._rewrite, self._stamp = resolve_all(self.base, corrections, problems), stamp
            self.derived.clear()
        return self._rewrite

    def generation(self) -> object:
        return (self.corrections.stamp(), self.base.generation())

    # -- the store interface ----------------------------------------------------------------
    def snapshot(self) -> Graph:
        r = self.rewrite()
        graph = self.base.snapshot()
        nodes = [p for p in (r.node(n) for n in graph.nodes) if p is not None] + list(r.added_nodes.values())
        edges = r.edges([*graph.edges, *r.added_edges.values()])
        return Graph(nodes=sorted(nodes, key=lambda n: n.id), edges=edges)

    def write_plans(self, plans: Sequence[tuple[str, Graph]]) -> None:
        self.base.write_plans(plans)
        self._rewrite = None
        self.derived.clear()

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
        r = self.rewrite()
        wanted = None if types is None else list(types)
        asked = sorted({*ids, *(old for old, new in r.merged.items() if new in set(ids))})
        found = self.base.incident(asked, direction, wanted) + [
            e for e in r.added_edges.values() if wanted is None or e.type in wanted
        ]
        at = set(ids)
        kept = [
            e
            for e in r.edges(found)
            if (direction in ("out", "both") and e.source in at) or (direction in ("in", "both") and e.target in at)
        ]
        return sorted(kept, key=lambda e: e.key)

    def nodes_by_id(self, ids: list[str]) -> dict[str, Node]:
        r = self.rewrite()
        out = {i: r.added_nodes[i] for i in ids if i in r.added_nodes}
        for i, n in self.base.nodes_by_id([i for i in ids if i not in out]).items():
            patched = r.node(n)
            if patched is not None:
                out[i] = patched
        return out

    def paths(
        self, source: str, target: str, types: Iterable[str] | None, directed: bool, max_length: int, limit: int
    ) -> tuple[list[list[Edge]], bool]:
        """Ranked over what both ends reach within ``max_length``, as the Bolt store does."""
        wanted = None if types is None else list(types)
        forward = self.closure(source, "out" if directed else "both", wanted, max_length, 100_000)
        backward = self.closure(target, "in" if directed else "both", wanted, max_length, 100_000)
        shared = {n.id for n in forward.nodes} & {n.id for n in backward.nodes}
        edges = {e.key: e for e in [*forward.edges, *backward.edges] if e.source in shared and e.target in shared}
        simple = traversal.collapse_edges(sorted(edges.values(), key=lambda e: e.key), directed)
        return traversal.paths(simple, source, target, max_length, limit)

    def is_empty(self) -> bool:
        return self.base.is_empty() and not self.rewrite().added_nodes

    def plan_text(self, plan_id: str) -> str | None:
        return self.base.plan_text(plan_id)

    def close(self) -> None:
        self.base.close()
