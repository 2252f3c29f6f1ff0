"""Rows of the embedded store's tables read back as records: a node or an edge row with
its provenance rows, and a whole table with its provenance read side by side."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from graph.records import Edge, Node, Provenance


def node_of(row: Sequence[Any], provenance: list[Any]) -> Node:
    return Node.model_validate(
        {
            "id": row[1],
            "type": row[2],
            "name": row[3],
            "aliases": json.loads(row[4]),
            "attributes": json.loads(row[5]),
            "provenance": provenance,
        }
    )


def edge_of(row: Sequence[Any], provenance: list[Any]) -> Edge:
    return Edge.model_validate(
        {
            "source": row[1],
            "target": row[2],
            "type": row[3],
            "attributes": json.loads(row[4]),
            "provenance": provenance,
        }
    )


def joined(
    con: sqlite3.Connection, select: str, order: str, ptable: str, owner: str, plans: dict[int, str], make: Any
) -> list[Any]:
    """Every record ``select`` gives with its provenance: both read in row-number order,
    side by side. Equal provenance (the same span cited by a node and its edges) is one
    object, and equal quotes one string, which a whole-graph copy in memory needs."""
    records = con.execute(f"{select} ORDER BY {order}")
    provenance = con.execute(f'SELECT {owner}, plan, quote, start, "end", source FROM {ptable} ORDER BY {owner}, seq')
    shared: dict[tuple[Any, ...], Provenance] = {}
    quotes: dict[str, str] = {}
    pending = next(provenance, None)
    out = []
    for row in records:
        mine = []
        while pending is not None and pending[0] <= row[0]:
            if pending[0] == row[0]:
                key = pending[1:]
                p = shared.get(key)
                if p is None:
                    _, plan, quote, start, end, source = pending
                    quote = quotes.setdefault(quote, quote)
                    p = shared[key] = Provenance(plan=plans[plan], quote=quote, start=start, end=end, source=source)
                mine.append(p)
            pending = next(provenance, None)
        out.append(make(row, mine))
    return out
