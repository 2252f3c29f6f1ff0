"""Writing plans into the SQLite store, inside the caller's transaction.

Replacing a plan follows ``graph.merge`` record by record: the plan's provenance rows
are deleted (found through their index), records left with none are deleted with the
edges at them, then the plan's graph is merged in: new records inserted, existing ones
given the plan's aliases, missing attributes and provenance (appended after what they
had, as the in-memory merge does). What this costs depends on the plan and the shared
records it mentions, not on the size of the store.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime

from graph import identity
from graph.merge import merged_aliases, merged_edge_attributes, merged_node_attributes
from graph.names import entries_of, fold
from graph.records import Edge, Graph, Node, Provenance


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def fts_chars(folded: str) -> str:
    """A folded name as the character index stores it: one token per character."""
    return " ".join(folded)


def has_tokens(text: str) -> bool:
    """Whether the character index can search ``text`` (it skips punctuation and spaces)."""
    return any(unicodedata.category(ch)[0] in "LN" or unicodedata.category(ch) == "Co" for ch in text)


class PlanWriter:
    """Applies plans to an open connection; ``finish`` records counts and the generation."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.counts: Counter[str] = Counter()
        self.dirty = False
        self._plan_keys: dict[str, int] = {}

    # -- plans --------------------------------------------------------------------------------
    def stored(self, plan_id: str) -> identity.Document | None:
        row = self.con.execute("SELECT title, source, sha256 FROM plans WHERE id = ?", (plan_id,)).fetchone()
        return identity.Document(plan_id, row[0], row[1], row[2]) if row else None

    def replace(self, plan_id: str, graph: Graph, text: str | None) -> None:
        """What ``graph.merge.replace_plan`` does to the whole graph, for one plan."""
        self.dirty = True
        self._remove(self._plan_key(plan_id))
        self.insert(graph, merge=True)
        self._plan_row(plan_id, graph, text)

    def insert(self, graph: Graph, *, merge: bool = False) -> None:
        """Add ``graph``'s records; ``merge`` them into records that exist (else they must not)."""
        self.dirty = True
        for node in graph.nodes:
            self._node(node, merge)
        for edge in graph.edges:
            self._edge(edge, merge)
        if not merge:
            for node in graph.nodes:
                if node.type == "Plan":
                    self._plan_row(node.id, graph, None)

    def finish(self) -> None:
        self.con.executemany(
            "INSERT INTO counts (kind, n) VALUES (?, ?) ON CONFLICT (kind) DO UPDATE SET n = n + excluded.n",
            [(k, v) for k, v in self.counts.items() if v],
        )
        self.con.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")

    def _plan_key(self, plan_id: str) -> int:
        pk = self._plan_keys.get(plan_id)
        if pk is None:
            self.con.execute("INSERT OR IGNORE INTO plan_keys (id) VALUES (?)", (plan_id,))
            pk = self.con.execute("SELECT pk FROM plan_keys WHERE id = ?", (plan_id,)).fetchone()[0]
            self._plan_keys[plan_id] = pk
        return pk

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

    # -- removing a plan's contribution -------------------------------------------------------
    def _remove(self, pk: int) -> None:
        con = self.con
        nids = [r[0] for r in con.execute("SELECT DISTINCT nid FROM node_provenance WHERE plan = ?", (pk,))]
        eids = [r[0] for r in con.execute("SELECT DISTINCT eid FROM edge_provenance WHERE plan = ?", (pk,))]
        con.execute("DELETE FROM node_provenance WHERE plan = ?", (pk,))
        con.execute("DELETE FROM edge_provenance WHERE plan = ?", (pk,))
        dead_nodes = con.execute(
            "SELECT nid, id, type FROM nodes WHERE nid IN (SELECT value FROM json_each(?)) "
            "AND NOT EXISTS (SELECT 1 FROM node_provenance p WHERE p.nid = nodes.nid)",
            (json.dumps(nids),),
        ).fetchall()
        ids = json.dumps([r[1] for r in dead_nodes])
        dead_edges = con.execute(
            "SELECT eid, type FROM edges WHERE eid IN (SELECT value FROM json_each(?1)) "
            "AND NOT EXISTS (SELECT 1 FROM edge_provenance p WHERE p.eid = edges.eid) "
            "UNION SELECT eid, type FROM edges WHERE source IN (SELECT value FROM json_each(?2)) "
            "UNION SELECT eid, type FROM edges WHERE target IN (SELECT value FROM json_each(?2))",
            (json.dumps(eids), ids),
        ).fetchall()
        self._delete_edges(dead_edges)
        self._delete_nodes(dead_nodes)

    def _delete_edges(self, rows: list[tuple[int, str]]) -> None:
        eids = json.dumps([r[0] for r in rows])
        self.con.execute("DELETE FROM edge_provenance WHERE eid IN (SELECT value FROM json_each(?))", (eids,))
        self.con.execute("DELETE FROM edges WHERE eid IN (SELECT value FROM json_each(?))", (eids,))
        self.counts.subtract(t for _, t in rows)

    def _delete_nodes(self, rows: list[tuple[int, str, str]]) -> None:
        nids = json.dumps([r[0] for r in rows])
        for nid, _, _ in rows:
            self._drop_names(nid)
        self.con.execute("DELETE FROM node_provenance WHERE nid IN (SELECT value FROM json_each(?))", (nids,))
        self.con.execute("DELETE FROM nodes WHERE nid IN (SELECT value FROM json_each(?))", (nids,))
        self.counts.subtract(t for _, _, t in rows)

    # -- merging records in -------------------------------------------------------------------
    def _node(self, node: Node, merge: bool) -> None:
        row = None
        if merge:
            row = self.con.execute(
                "SELECT nid, name, aliases, attributes FROM nodes WHERE id = ?", (node.id,)
            ).fetchone()
        if row is None:
            nid = self.con.execute(
                "INSERT INTO nodes (id, type, name, aliases, attributes) VALUES (?, ?, ?, ?, ?)",
                (node.id, node.type, node.name, _json(node.aliases), _json(node.attributes)),
            ).lastrowid
            assert nid is not None
            self.counts[node.type] += 1
            self._add_names(nid, node)
            self._provenance("node_provenance", "nid", nid, node.provenance, fresh=True)
            return
        nid, name, old_aliases, old_attributes = row[0], row[1], json.loads(row[2]), json.loads(row[3])
        aliases = merged_aliases(name, old_aliases, node.aliases)
        attributes = merged_node_attributes(old_attributes, node.attributes)
        if aliases != old_aliases or attributes != old_attributes:
            self.con.execute(
                "UPDATE nodes SET aliases = ?, attributes = ? WHERE nid = ?", (_json(aliases), _json(attributes), nid)
            )
        if aliases != old_aliases:
            self._drop_names(nid)
            self._add_names(nid, node.model_copy(update={"name": name, "aliases": aliases}))
        self._provenance("node_provenance", "nid", nid, node.provenance, fresh=False)

    def _edge(self, edge: Edge, merge: bool) -> None:
        row = None
        if merge:
            row = self.con.execute(
                "SELECT eid, attributes FROM edges WHERE source = ? AND type = ? AND target = ?",
                (edge.source, edge.type, edge.target),
            ).fetchone()
        if row is None:
            eid = self.con.execute(
                "INSERT INTO edges (source, target, type, attributes) VALUES (?, ?, ?, ?)",
                (edge.source, edge.target, edge.type, _json(edge.attributes)),
            ).lastrowid
            assert eid is not None
            self.counts[edge.type] += 1
            self._provenance("edge_provenance", "eid", eid, edge.provenance, fresh=True)
            return
        old = json.loads(row[1])
        attributes = merged_edge_attributes(old, edge.attributes)
        if attributes != old:
            self.con.execute("UPDATE edges SET attributes = ? WHERE eid = ?", (_json(attributes), row[0]))
        self._provenance("edge_provenance", "eid", row[0], edge.provenance, fresh=False)

    def _provenance(self, table: str, owner: str, key: int, provenance: Iterable[Provenance], fresh: bool) -> None:
        """Append provenance after what the record has, skipping what it already holds."""
        seq = 0
        held: set[tuple[object, ...]] = set()
        if not fresh:
            rows = self.con.execute(  # table and column names are this module's own constants
                f'SELECT seq, k.id, quote, start, "end", p.source FROM {table} p '
                f"JOIN plan_keys k ON k.pk = p.plan WHERE {owner} = ?",
                (key,),
            ).fetchall()
            seq = max((r[0] for r in rows), default=-1) + 1
            held = {r[1:] for r in rows}
        out = []
        for p in provenance:
            row = (p.plan, p.quote, p.start, p.end, p.source)
            if row in held:
                continue
            held.add(row)
            out.append((key, seq, self._plan_key(p.plan), p.quote, p.start, p.end, p.source))
            seq += 1
        self.con.executemany(
            f'INSERT INTO {table} ({owner}, seq, plan, quote, start, "end", source) VALUES (?, ?, ?, ?, ?, ?, ?)', out
        )

    # -- names and search keys ----------------------------------------------------------------
    def _add_names(self, nid: int, node: Node) -> None:
        self.con.executemany(
            "INSERT OR IGNORE INTO names (name, nid) VALUES (?, ?)", [(n, nid) for n in [node.name, *node.aliases]]
        )
        for e in entries_of(node):
            folded = fold(e.text)
            sid = self.con.execute(
                "INSERT INTO search (nid, type, text, folded, is_alias, pinyin, initials) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (nid, node.type, e.text, folded, int(e.is_alias), e.pinyin, e.initials),
            ).lastrowid
            self.con.execute("INSERT INTO search_chars (rowid, chars) VALUES (?, ?)", (sid, fts_chars(folded)))
            self.con.execute("INSERT INTO search_pinyin (rowid, pinyin) VALUES (?, ?)", (sid, e.pinyin))

    def _drop_names(self, nid: int) -> None:
        self.con.execute("DELETE FROM names WHERE nid = ?", (nid,))
        rows = self.con.execute("SELECT sid, folded, pinyin FROM search WHERE nid = ?", (nid,)).fetchall()
        for sid, folded, pinyin in rows:
            self.con.execute(
                "INSERT INTO search_chars (search_chars, rowid, chars) VALUES ('delete', ?, ?)",
                (sid, fts_chars(folded)),
            )
            self.con.execute(
                "INSERT INTO search_pinyin (search_pinyin, rowid, pinyin) VALUES ('delete', ?, ?)", (sid, pinyin)
            )
        self.con.execute("DELETE FROM search WHERE nid = ?", (nid,))
