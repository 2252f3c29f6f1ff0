"""Writing plans into the SQLite store, inside the caller's transaction.

Replacing a plan gives the graph ``graph.merge.replace_plan`` gives, record by record:
the plan's provenance rows are deleted (found through their index); records left with
none are *orphans*, and so are the edges at orphaned nodes. The plan's graph is then
merged in: an orphan it names again is refreshed in place as the new record (the merge
would drop it and add the new one: same result, but its row, its number and its index
entries stay put), records still held by other plans get the plan's aliases, missing
attributes and provenance appended after theirs, new records are inserted, and the
orphans left over are deleted. Reloading a plan therefore rewrites its provenance and
whatever changed, and what a write costs follows the plan, not the size of the store.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import UTC, datetime

from graph import identity
from graph.merge import merged_aliases, merged_edge_attributes, merged_node_attributes
from graph.records import Edge, Graph, Node
from graph.sqlite_rows import Rows

STORED = f"""SELECT p.title, p.source, p.sha256, json_extract(n.attributes, '$.{identity.RECORDS}')
    FROM plans p LEFT JOIN nodes n ON n.id = p.id WHERE p.id = ?"""
"""The document a plan id holds, and the fingerprint of what it was extracted into."""


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


class PlanWriter:
    """Applies plans to an open connection; ``finish`` records counts and the generation."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.rows = Rows(con)
        self.counts: Counter[str] = Counter()
        self.dirty = False
        self._nids: dict[str, int] = {}  # node ids met in this write and their row numbers

    # -- plans --------------------------------------------------------------------------------
    def stored(self, plan_id: str) -> identity.Document | None:
        row = self.con.execute(STORED, (plan_id,)).fetchone()
        return identity.Document(plan_id, *row) if row else None

    def replace(self, plan_id: str, graph: Graph, text: str | None) -> None:
        """What ``graph.merge.replace_plan`` does to the whole graph, for one plan."""
        self.dirty = True
        self.rows.writing = plan_id
        orphan_nodes, orphan_edges = self._orphans(self.rows.plan_key(plan_id))
        for node in graph.nodes:
            self._node(node, orphan_nodes)
        self._delete_nodes(list(orphan_nodes.values()))
        for edge in graph.edges:
            self._edge(edge, orphan_edges)
        self._delete_edges(list(orphan_edges.items()))
        self._plan_row(plan_id, graph, text)

    def insert(self, graph: Graph) -> None:
        """Add a whole merged graph, as it is, to an empty store (the JSON migration)."""
        self.dirty = True
        for node in graph.nodes:
            self._insert_node(node)
        for edge in graph.edges:
            self._edge(edge, {})
        for node in graph.nodes:
            if node.type == "Plan":
                self._plan_row(node.id, graph, None)

    def finish(self) -> None:
        self.con.executemany(
            "INSERT INTO counts (kind, n) VALUES (?, ?) ON CONFLICT (kind) DO UPDATE SET n = n + excluded.n",
            [(k, v) for k, v in self.counts.items() if v],
        )
        self.con.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")

    def _plan_row(self, plan_id: str, graph: Graph, text: str | None) -> None:
        doc = identity.document_of(identity.plan_node(plan_id, graph), text)
        if doc is None:
            self.con.execute("DELETE FROM plans WHERE id = ?", (plan_id,))
            return
        if text is None and doc.sha256:  # the same document written again without its text keeps it
            kept = self.con.execute("SELECT text FROM plans WHERE id = ? AND sha256 = ?", (plan_id, doc.sha256))
            text = next((r[0] for r in kept), None)
        self.con.execute(
            "INSERT OR REPLACE INTO plans (id, title, source, sha256, loaded_at, text) VALUES (?, ?, ?, ?, ?, ?)",
            (plan_id, doc.title, doc.source, doc.sha256, datetime.now(UTC).isoformat(timespec="seconds"), text),
        )

    # -- what the plan alone held -------------------------------------------------------------
    def _orphans(self, pk: int) -> tuple[dict[str, tuple[int, str]], dict[int, str]]:
        """Delete the plan's provenance; the nodes left with none (id → (row, type)) and the
        edges left with none or at such a node (row → type)."""
        con = self.con
        nids = [r[0] for r in con.execute("SELECT DISTINCT nid FROM node_provenance WHERE plan = ?", (pk,))]
        eids = [r[0] for r in con.execute("SELECT DISTINCT eid FROM edge_provenance WHERE plan = ?", (pk,))]
        con.execute("DELETE FROM node_provenance WHERE plan = ?", (pk,))
        con.execute("DELETE FROM edge_provenance WHERE plan = ?", (pk,))
        nodes = con.execute(
            "SELECT id, nid, type FROM nodes WHERE nid IN (SELECT value FROM json_each(?)) "
            "AND NOT EXISTS (SELECT 1 FROM node_provenance p WHERE p.nid = nodes.nid)",
            (json.dumps(nids),),
        ).fetchall()
        dead = json.dumps([r[1] for r in nodes])
        edges = con.execute(
            "SELECT eid, type FROM edges WHERE eid IN (SELECT value FROM json_each(?1)) "
            "AND NOT EXISTS (SELECT 1 FROM edge_provenance p WHERE p.eid = edges.eid) "
            "UNION SELECT eid, type FROM edges WHERE source IN (SELECT value FROM json_each(?2)) "
            "UNION SELECT eid, type FROM edges WHERE target IN (SELECT value FROM json_each(?2))",
            (json.dumps(eids), dead),
        ).fetchall()
        return {r[0]: (r[1], r[2]) for r in nodes}, dict(edges)

    def _delete_nodes(self, rows: list[tuple[int, str]]) -> None:
        nids = json.dumps([nid for nid, _ in rows])
        self.rows.drop_names(nids)
        self.con.execute("DELETE FROM node_provenance WHERE nid IN (SELECT value FROM json_each(?))", (nids,))
        self.con.execute("DELETE FROM nodes WHERE nid IN (SELECT value FROM json_each(?))", (nids,))
        self.counts.subtract(t for _, t in rows)
        self._nids = {k: v for k, v in self._nids.items() if v not in {nid for nid, _ in rows}}

    def _delete_edges(self, rows: list[tuple[int, str]]) -> None:
        eids = json.dumps([eid for eid, _ in rows])
        self.con.execute("DELETE FROM edge_provenance WHERE eid IN (SELECT value FROM json_each(?))", (eids,))
        self.con.execute("DELETE FROM edges WHERE eid IN (SELECT value FROM json_each(?))", (eids,))
        self.counts.subtract(t for _, t in rows)

    # -- nodes --------------------------------------------------------------------------------
    def _nid(self, node_id: str) -> int | None:
        nid = self._nids.get(node_id)
        if nid is None:
            row = self.con.execute("SELECT nid FROM nodes WHERE id = ?", (node_id,)).fetchone()
            if row is not None:
                nid = self._nids[node_id] = row[0]
        return nid

    def _node(self, node: Node, orphans: dict[str, tuple[int, str]]) -> None:
        if node.id in orphans:
            self._refresh_node(orphans.pop(node.id)[0], node)
            return
        row = self.con.execute("SELECT nid, name, aliases, attributes FROM nodes WHERE id = ?", (node.id,)).fetchone()
        if row is None:
            self._insert_node(node)
            return
        nid, name, old_aliases, old_attributes = row[0], row[1], json.loads(row[2]), json.loads(row[3])
        self._nids[node.id] = nid
        aliases = merged_aliases(name, old_aliases, node.aliases)
        attributes = merged_node_attributes(old_attributes, node.attributes)
        if aliases != old_aliases or attributes != old_attributes:
            self.con.execute(
                "UPDATE nodes SET aliases = ?, attributes = ? WHERE nid = ?", (_json(aliases), _json(attributes), nid)
            )
        if aliases != old_aliases:
            self.rows.rename(nid, node.model_copy(update={"name": name, "aliases": aliases}))
        self.rows.provenance("node_provenance", "nid", nid, node.provenance, fresh=False)

    def _insert_node(self, node: Node) -> None:
        nid = self.con.execute(
            "INSERT INTO nodes (id, type, name, aliases, attributes) VALUES (?, ?, ?, ?, ?)",
            (node.id, node.type, node.name, _json(node.aliases), _json(node.attributes)),
        ).lastrowid
        assert nid is not None
        self._nids[node.id] = nid
        self.counts[node.type] += 1
        self.rows.add_names(nid, node)
        self.rows.provenance("node_provenance", "nid", nid, node.provenance, fresh=True)

    def _refresh_node(self, nid: int, node: Node) -> None:
        """An orphan the plan names again becomes the plan's record, in its old row."""
        name, aliases = self.con.execute("SELECT name, aliases FROM nodes WHERE nid = ?", (nid,)).fetchone()
        self.con.execute(
            "UPDATE nodes SET name = ?, aliases = ?, attributes = ? WHERE nid = ?",
            (node.name, _json(node.aliases), _json(node.attributes), nid),
        )
        if (name, json.loads(aliases)) != (node.name, node.aliases):
            self.rows.rename(nid, node)
        self._nids[node.id] = nid
        self.rows.provenance("node_provenance", "nid", nid, node.provenance, fresh=True)

    # -- edges --------------------------------------------------------------------------------
    def _edge(self, edge: Edge, orphans: dict[int, str]) -> None:
        """An edge joins two stored nodes; one whose ends are not both in the store once
        the plan's nodes are written is not kept (no loader produces such an edge)."""
        source, target = self._nid(edge.source), self._nid(edge.target)
        if source is None or target is None:
            return
        row = self.con.execute(
            "SELECT eid, attributes FROM edges WHERE source = ? AND type = ? AND target = ?",
            (source, edge.type, target),
        ).fetchone()
        if row is None:
            eid = self.con.execute(
                "INSERT INTO edges (source, target, type, attributes) VALUES (?, ?, ?, ?)",
                (source, target, edge.type, _json(edge.attributes)),
            ).lastrowid
            assert eid is not None
            self.counts[edge.type] += 1
            self.rows.provenance("edge_provenance", "eid", eid, edge.provenance, fresh=True)
        elif orphans.pop(row[0], None) is not None:  # refreshed in place as the plan's edge
            self.con.execute("DELETE FROM edge_provenance WHERE eid = ?", (row[0],))
            self.con.execute("UPDATE edges SET attributes = ? WHERE eid = ?", (_json(edge.attributes), row[0]))
            self.rows.provenance("edge_provenance", "eid", row[0], edge.provenance, fresh=True)
        else:
            old = json.loads(row[1])
            attributes = merged_edge_attributes(old, edge.attributes)
            if attributes != old:
                self.con.execute("UPDATE edges SET attributes = ? WHERE eid = ?", (_json(attributes), row[0]))
            self.rows.provenance("edge_provenance", "eid", row[0], edge.provenance, fresh=False)
