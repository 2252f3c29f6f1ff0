"""One plan's records in the embedded store, for ``graph.plan_view``: every question goes
through the provenance tables' index by plan (``node_provenance_by_plan``,
``edge_provenance_by_plan``), so it costs what that plan's rows cost, whatever else the
store holds. The plan is named by id and found by its key in one scalar subquery."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from graph.records import EDGE_TYPES, NODE_TYPES

Query = Callable[[str, Sequence[Any]], list[Any]]

PLAN_KEY = "(SELECT pk FROM plan_keys WHERE id = ?)"
NODES_OF_PLAN = f"nid IN (SELECT nid FROM node_provenance WHERE plan = {PLAN_KEY})"
"""A condition on ``nodes`` (or on ``search`` as ``s``): the node has provenance from the plan."""
EDGE_OF_PLAN = f"EXISTS (SELECT 1 FROM edge_provenance p WHERE p.plan = {PLAN_KEY} AND p.eid = e.eid)"
"""A condition on ``edges e``: one probe of the index by (plan, edge) per edge."""
NODE_IN_PLAN = f"EXISTS (SELECT 1 FROM node_provenance p WHERE p.plan = {PLAN_KEY} AND p.nid = s.nid)"
"""A condition on ``search s`` (the name index): one probe by (plan, node) per entry."""
COUNTS = (
    f"SELECT type, count(*) FROM nodes WHERE {NODES_OF_PLAN} GROUP BY type UNION ALL "
    f"SELECT type, count(*) FROM edges WHERE eid IN (SELECT eid FROM edge_provenance WHERE plan = {PLAN_KEY}) "
    "GROUP BY type"
)


def nodes_where(plan_id: str, types: Iterable[str] | None) -> tuple[str, list[Any]]:
    """The ``WHERE`` clause (and its parameters) of the plan's nodes of ``types``, by id."""
    if types is None:
        return f"WHERE {NODES_OF_PLAN} ORDER BY id", [plan_id]
    return (
        f"WHERE {NODES_OF_PLAN} AND type IN (SELECT value FROM json_each(?)) ORDER BY id",
        [plan_id, json.dumps(list(types), ensure_ascii=False)],
    )


def node_ids(q: Query, plan_id: str, types: Iterable[str] | None) -> list[str]:
    where, params = nodes_where(plan_id, types)
    return [row[0] for row in q(f"SELECT id FROM nodes {where}", params)]


def counts(q: Query, plan_id: str) -> dict[str, int]:
    """Nodes and edges per type of the plan's records, as ``Graph.counts``."""
    found = dict(q(COUNTS, [plan_id, plan_id]))
    return {kind: found.get(kind, 0) for kind in (*NODE_TYPES, *EDGE_TYPES)}


def keeps_text(q: Query, plan_id: str) -> bool:
    rows = q("SELECT text IS NOT NULL FROM plans WHERE id = ?", [plan_id])
    return bool(rows and rows[0][0])
