"""Search over a corrected store: the base's name index, with what the corrections
removed left out and what they added or renamed put in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from graph.names import MemoryNameIndex, NameEntry, NameIndex, rank
from graph.plan_view import belongs
from graph.rewrite import Rewrite

if TYPE_CHECKING:
    from graph.store import GraphStore


class CorrectedIndex(NameIndex):
    def __init__(self, base: NameIndex, rewrite: Rewrite, store: GraphStore, plan_id: str | None = None) -> None:
        """``plan_id``: ``base`` is that plan's index, and only corrected nodes of the plan are put in."""
        self.base = base
        self.rewrite = rewrite
        touched = [*rewrite.changes, *rewrite.absorbed, *rewrite.added_nodes]
        nodes = store.nodes_by_id(sorted(set(touched))).values()
        self.extra = MemoryNameIndex(n for n in nodes if plan_id is None or belongs(n.provenance, plan_id))
        self.replaced = set(touched) | rewrite.deleted | set(rewrite.merged)

    def matching(self, tier: str, query: str, types: Sequence[str] | None, cap: int) -> tuple[list[NameEntry], bool]:
        """The base's entries of nodes the corrections leave as they are, and the entries
        of the corrected nodes themselves (their new names, types and aliases)."""
        entries, more = self.base.matching(
            tier, query, None if self.rewrite.retyped_from else types, cap + len(self.replaced)
        )
        kept = [e for e in entries if e.node_id not in self.replaced and (types is None or e.node_type in types)]
        extra, more_extra = self.extra.matching(tier, query, types, cap)
        found = sorted([*kept, *extra], key=rank)
        return found[:cap], more or more_extra or len(found) > cap


__all__ = ["CorrectedIndex"]
