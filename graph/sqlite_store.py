"""The embedded default store: a SQLite database (the standard library's, WAL mode) in
a directory, ``graph.sqlite``.

Every question is answered from indexed tables (a node by id or by name, the edges at a
set of nodes, search keys), so a command on a large store reads what its answer needs
and never the whole graph. Writing plans is one ``BEGIN IMMEDIATE`` transaction: readers
keep reading the state before it until it commits, a second writer waits up to
``busy_seconds`` and is then refused with ``StoreBusy``, and a process killed at any
moment leaves the last committed state (SQLite's write-ahead log). Each thread has its
own connection. An old JSON store in the directory is converted on first open
(``graph.migration``).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple

from platformdirs import user_data_dir

from graph import identity, migration, sqlite_plans, sqlite_schema, traversal
from graph.exceptions import StoreBusy, StoreError
from graph.identity import Document, PlanLoad
from graph.names import NameIndex, fold
from graph.records import EDGE_TYPES, NODE_TYPES, Edge, Graph, Node, Subgraph
from graph.sqlite_records import edge_of, joined, node_of
from graph.sqlite_write import STORED, PlanWriter
from graph.store import GraphStore, PlanGraphs

DB_FILE = "graph.sqlite"
BUSY_SECONDS = 30.0
"""How long a write waits for another process's write to finish before giving up."""
RECORDS_KEPT = 100_000
"""Records a thread keeps between read transactions of the same generation, at most."""

NODE_COLUMNS = "nid, id, type, name, aliases, attributes"
EDGE_SELECT = (
    "SELECT e.eid, s.id, t.id, e.type, e.attributes FROM edges e "
    "JOIN nodes s ON s.nid = e.source JOIN nodes t ON t.nid = e.target"
)
KEY_SELECT = (
    "SELECT s.id, t.id, e.type, e.eid FROM edges e JOIN nodes s ON s.nid = e.source JOIN nodes t ON t.nid = e.target"
)
ENDS = "(SELECT nid FROM nodes WHERE id IN (SELECT value FROM json_each(?1)))"


def default_store_dir() -> Path:
    """``$PLANGRAPH_STORE``, else ``plangraph/graph`` in the user's data directory."""
    env = os.environ.get("PLANGRAPH_STORE")
    return Path(env) if env else Path(user_data_dir("plangraph")) / "graph"


class EdgeKey(NamedTuple):
    """An edge without its record: what traversals walk before they keep anything."""

    source: str
    target: str
    type: str
    eid: int


def _ids(values: Iterable[Any]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _refuse_nul(plans: PlanGraphs) -> None:
    """SQLite reads a NUL as the end of a string in the JSON lists its lookups take, so an
    id holding one would find another node: refused (no plan text carries one)."""
    for plan_id, graph in plans:
        for nid in (plan_id, *(n.id for n in graph.nodes)):
            if "\x00" in nid:
                raise StoreError(f"the id {nid!r} holds a NUL character, which the embedded store refuses")


class SqliteStore(GraphStore):
    directory: Path

    def __init__(self, directory: str | os.PathLike[str] | None = None, *, busy_seconds: float = BUSY_SECONDS) -> None:
        super().__init__()
        self.directory = Path(directory) if directory is not None else default_store_dir()
        self.path = self.directory / DB_FILE
        self.busy_seconds = busy_seconds
        self._local = threading.local()
        self._open: list[sqlite3.Connection] = []
        self._guard = threading.Lock()
        self.migration: str | None = migration.prepare(self.directory, self.path, self._initialise)
        """What opening did to an old JSON store, in one line (None when there was none)."""

    # -- connections ------------------------------------------------------------------------
    def _connect(self, target: str | Path) -> sqlite3.Connection:
        try:
            con = sqlite3.connect(target, timeout=self.busy_seconds, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from exc
        with self._guard:
            self._open.append(con)
        return con

    def _initialise(self, con: sqlite3.Connection) -> None:
        """Give a new database file its tables (idempotent: a killed first write left none)."""
        try:
            con.execute("PRAGMA journal_mode = WAL")
            con.executescript(sqlite_schema.SCRIPT)
        except sqlite3.OperationalError as exc:
            self._busy_or_fail(exc, "create")

    def _con(self) -> sqlite3.Connection:
        """This thread's connection: to the file once it exists, else to an empty database."""
        local = self._local
        con: sqlite3.Connection | None = getattr(local, "con", None)
        if con is not None and (not local.empty or local.__dict__.get("depth") or not self.path.exists()):
            return con
        if self.path.exists():
            con = self._connect(self.path)
            self._check_schema(con)
            local.empty = False
        else:
            con = self._connect(":memory:")
            con.executescript(sqlite_schema.SCRIPT)
            local.empty = True
        local.con = con
        return con

    def _check_schema(self, con: sqlite3.Connection) -> None:
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.OperationalError:
            row = None  # an empty file: its first write was killed before its tables were made
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot read the store {self.path}: {exc}") from exc
        if row is None:
            self._initialise(con)
        elif row[0] > sqlite_schema.VERSION:
            raise StoreError(f"the store {self.path} was written by a newer plangraph (schema {row[0]})")

    def _q(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        try:
            return self._con().execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot read the store {self.path}: {exc}") from exc

    def _busy_or_fail(self, exc: sqlite3.OperationalError, doing: str) -> None:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreBusy(str(self.directory), self.busy_seconds) from exc
        raise StoreError(f"cannot {doing} the store {self.path}: {exc}") from exc

    @contextmanager
    def reading(self) -> Iterator[GraphStore]:
        """One read transaction; inside it records are kept once built (a hub named in
        thousands of plans has as many provenance rows), for as long as no write
        changes the generation."""
        con = self._con()
        local = self._local
        depth = getattr(local, "depth", 0)
        if depth == 0:
            con.execute("BEGIN")
            generation = self.generation()
            if getattr(local, "generation", None) != generation or len(local.records) > RECORDS_KEPT:
                local.records, local.generation = {}, generation
        local.depth = depth + 1
        try:
            yield self
        finally:
            local.depth = depth
            if depth == 0:
                con.execute("COMMIT")

    def _kept(self) -> dict[tuple[str, int], Any] | None:
        """The records this thread may reuse: only inside a read transaction."""
        return self._local.records if getattr(self._local, "depth", 0) else None

    @contextmanager
    def _writing(self) -> Iterator[PlanWriter]:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot write to the store {self.directory}: {exc.strerror or exc}") from exc
        con = self._connect(self.path)
        try:
            self._check_schema(con)
            try:
                con.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                self._busy_or_fail(exc, "write")
            writer = PlanWriter(con)
            try:
                yield writer
                if writer.dirty:
                    writer.finish()
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError as exc:
            self._busy_or_fail(exc, "write")
        finally:
            self._forget(con)
        self.derived.clear()

    def _forget(self, con: sqlite3.Connection) -> None:
        con.close()
        with self._guard:
            self._open.remove(con)

    def close(self) -> None:
        with self._guard:
            for con in self._open:
                con.close()
            self._open.clear()
        self._local = threading.local()

    def generation(self) -> int:
        """A number every write increments: a reader holding a copy compares it."""
        return int(self._q("SELECT value FROM meta WHERE key = 'generation'")[0][0])

    # -- writing ----------------------------------------------------------------------------
    def write_plans(self, plans: PlanGraphs) -> None:
        _refuse_nul(plans)
        with self._writing() as writer:
            for plan_id, graph in plans:
                writer.replace(plan_id, graph, None)

    def load_plans(
        self, plans: PlanGraphs, *, replace: bool = False, texts: Mapping[str, str] | None = None
    ) -> list[PlanLoad]:
        """The identity policy and the writes in one transaction: no other writer can
        slip a document in between the check and the write."""
        texts = texts or {}
        _refuse_nul(plans)
        with self._writing() as writer:
            loads = [identity.decide(p, g, texts.get(p), writer.stored(p), replace) for p, g in plans]
            for (plan_id, graph), done in zip(plans, loads, strict=True):
                if done.outcome != "unchanged":
                    writer.replace(plan_id, graph, texts.get(plan_id))
        return loads

    def write_graph(self, graph: Graph) -> None:
        """Add a whole merged graph to an empty store, as it is (the JSON migration)."""
        with self._writing() as writer:
            writer.insert(graph)

    def stored_plan(self, plan_id: str) -> Document | None:
        rows = self._q(STORED, (plan_id,))
        return Document(plan_id, *rows[0]) if rows else None

    def plan_text(self, plan_id: str) -> str | None:
        rows = self._q("SELECT text FROM plans WHERE id = ?", (plan_id,))
        return rows[0][0] if rows else None

    # -- records ----------------------------------------------------------------------------
    def _plan_ids(self) -> dict[int, str]:
        return dict(self._q("SELECT pk, id FROM plan_keys"))

    def _provenance(self, table: str, owner: str, keys: list[int]) -> dict[int, list[dict[str, Any]]]:
        out: dict[int, list[dict[str, Any]]] = {}
        if not keys:
            return out
        rows = self._q(  # table and column names are this module's own constants
            f'SELECT p.{owner}, k.id, p.quote, p.start, p."end", p.source FROM {table} p '
            f"JOIN plan_keys k ON k.pk = p.plan WHERE p.{owner} IN (SELECT value FROM json_each(?)) "
            f"ORDER BY p.{owner}, p.seq",
            (_ids(keys),),
        )
        for key, plan, quote, start, end, source in rows:
            out.setdefault(key, []).append({"plan": plan, "quote": quote, "start": start, "end": end, "source": source})
        return out

    def _nodes_where(self, where: str, params: Sequence[Any] = ()) -> list[Node]:
        rows = self._q(f"SELECT {NODE_COLUMNS} FROM nodes {where}", params)
        return self._records("n", rows, "node_provenance", "nid", node_of)

    def _edges_of(self, rows: list[Any]) -> list[Edge]:
        return self._records("e", rows, "edge_provenance", "eid", edge_of)

    def _records(self, kind: str, rows: list[Any], ptable: str, owner: str, make: Any) -> list[Any]:
        kept = self._kept()
        if kept is None:
            provenance = self._provenance(ptable, owner, [r[0] for r in rows])
            return [make(r, provenance.get(r[0], [])) for r in rows]
        missing = [r for r in rows if (kind, r[0]) not in kept]
        provenance = self._provenance(ptable, owner, [r[0] for r in missing])
        for r in missing:
            kept[(kind, r[0])] = make(r, provenance.get(r[0], []))
        return [kept[(kind, r[0])] for r in rows]

    def _edges_by_eid(self, keys: Sequence[EdgeKey]) -> list[Edge]:
        rows = self._q(f"{EDGE_SELECT} WHERE e.eid IN (SELECT value FROM json_each(?))", (_ids(k.eid for k in keys),))
        by_eid = {e_row[0]: e for e_row, e in zip(rows, self._edges_of(rows), strict=True)}
        return [by_eid[k.eid] for k in keys if k.eid in by_eid]

    def snapshot(self) -> Graph:
        with self.reading():
            plans = self._plan_ids()
            con = self._con()
            nodes = joined(con, f"SELECT {NODE_COLUMNS} FROM nodes", "nid", "node_provenance", "nid", plans, node_of)
            edges = joined(con, EDGE_SELECT, "e.eid", "edge_provenance", "eid", plans, edge_of)
        nodes.sort(key=attrgetter("id"))
        edges.sort(key=attrgetter("key"))
        return Graph(nodes=nodes, edges=edges)

    # -- the store interface ----------------------------------------------------------------
    def node(self, node_id: str) -> Node | None:
        found = self._nodes_where("WHERE id = ?", (node_id,))
        return found[0] if found else None

    def named(self, name: str) -> list[Node]:
        return self._nodes_where(
            "WHERE nid IN (SELECT nid FROM search WHERE folded = ? AND text = ?) ORDER BY id", (fold(name), name)
        )

    def nodes(self, types: Iterable[str] | None = None) -> list[Node]:
        if types is None:
            return self._nodes_where("ORDER BY id")
        return self._nodes_where("WHERE type IN (SELECT value FROM json_each(?)) ORDER BY id", (_ids(types),))

    def nodes_by_id(self, ids: list[str]) -> dict[str, Node]:
        found = self._nodes_where("WHERE id IN (SELECT value FROM json_each(?))", (_ids(ids),))
        return {n.id: n for n in found}

    def _incident_rows(
        self, select: str, ids: list[str], direction: str, types: Iterable[str] | None, plan_id: str | None = None
    ) -> list[Any]:
        params: list[Any] = [_ids(ids)]
        typed = ""
        if types is not None:
            typed = " AND e.type IN (SELECT value FROM json_each(?2))"
            params.append(_ids(types))
        if plan_id is not None:  # the plan's edges only (graph.sqlite_plans)
            typed += " AND " + sqlite_plans.EDGE_OF_PLAN.replace("?", f"?{len(params) + 1}")
            params.append(plan_id)
        parts = []
        if direction in ("out", "both"):
            parts.append(f"{select} WHERE e.source IN {ENDS}{typed}")
        if direction in ("in", "both"):
            parts.append(f"{select} WHERE e.target IN {ENDS}{typed}")
        return self._q(" UNION ".join(parts), params)

    def incident(self, ids: list[str], direction: str, types: Iterable[str] | None) -> list[Edge]:
        found = self._edges_of(self._incident_rows(EDGE_SELECT, ids, direction, types))
        return sorted(found, key=attrgetter("key"))

    def _keys(self, ids: list[str], direction: str, types: Iterable[str] | None) -> list[EdgeKey]:
        return [EdgeKey(*r) for r in self._incident_rows(KEY_SELECT, ids, direction, types)]

    # -- one plan's records, from the provenance index by plan (graph.sqlite_plans) ----------
    def plan_nodes(self, plan_id: str, types: Iterable[str] | None = None) -> list[Node]:
        where, params = sqlite_plans.nodes_where(plan_id, types)
        return self._nodes_where(where, params)

    def plan_node_ids(self, plan_id: str, types: Iterable[str] | None = None) -> list[str]:
        return sqlite_plans.node_ids(self._q, plan_id, types)

    def plan_incident(self, plan_id: str, ids: list[str], direction: str, types: Iterable[str] | None) -> list[Edge]:
        found = self._edges_of(self._incident_rows(EDGE_SELECT, ids, direction, types, plan_id))
        return sorted(found, key=attrgetter("key"))

    def plan_counts(self, plan_id: str) -> dict[str, int]:
        return sqlite_plans.counts(self._q, plan_id)

    def plan_search_index(self, plan_id: str) -> NameIndex:
        from graph.sqlite_search import SqliteNameIndex

        return SqliteNameIndex(self._q, plan_id)

    def keeps_text(self, plan_id: str) -> bool:
        return sqlite_plans.keeps_text(self._q, plan_id)

    def edges(
        self, node_id: str, direction: str = "both", types: Iterable[str] | None = None, limit: int | None = None
    ) -> list[Edge]:
        if limit is None or direction == "both":
            return super().edges(node_id, direction, types, limit)
        end, other = ("e.target", "s.id") if direction == "in" else ("e.source", "t.id")
        params: list[Any] = [_ids([node_id])]
        typed = ""
        if types is not None:
            typed = " AND e.type IN (SELECT value FROM json_each(?2))"
            params.append(_ids(types))
        rows = self._q(
            f"{EDGE_SELECT} WHERE {end} IN {ENDS}{typed} ORDER BY {other}, e.type LIMIT {int(limit)}", params
        )
        return self._edges_of(rows)

    def closure(
        self, node_id: str, direction: str, types: Iterable[str] | None, max_depth: int, limit: int
    ) -> Subgraph:
        start = self.node(node_id)
        if start is None:
            return Subgraph()
        wanted = None if types is None else list(types)
        with self.reading():
            return traversal.bfs(
                start,
                lambda ids: self._keys(ids, direction, wanted),
                self.nodes_by_id,
                max_depth,
                limit,
                self._edges_by_eid,
            )

    def paths(
        self, source: str, target: str, types: Iterable[str] | None, directed: bool, max_length: int, limit: int
    ) -> tuple[list[list[Edge]], bool]:
        wanted = None if types is None else list(types)
        with self.reading():
            found, truncated = traversal.bounded_paths(
                lambda ids, direction: self._keys(ids, direction, wanted),
                source,
                target,
                directed,
                max_length,
                limit,
                self.path_bounds,
                self._fanout,
            )
            keys = [k for path in found for k in path]
            records = dict(zip((k.eid for k in keys), self._edges_by_eid(keys), strict=True))
        return [[records[k.eid] for k in path] for path in found], truncated

    def _fanout(self, ids: list[str], direction: str) -> int:
        parts = []
        if direction in ("out", "both"):
            parts.append(f"(SELECT count(*) FROM edges WHERE source IN {ENDS})")
        if direction in ("in", "both"):
            parts.append(f"(SELECT count(*) FROM edges WHERE target IN {ENDS})")
        return int(self._q("SELECT " + " + ".join(parts), [_ids(ids)])[0][0])

    def counts(self) -> dict[str, int]:
        stored = dict(self._q("SELECT kind, n FROM counts"))
        return {kind: stored.get(kind, 0) for kind in (*NODE_TYPES, *EDGE_TYPES)}

    def is_empty(self) -> bool:
        return not self._q("SELECT 1 FROM nodes LIMIT 1")

    def node_page(self, types: Iterable[str] | None, order: str, offset: int, limit: int) -> tuple[list[Node], int]:
        if order == "degree":
            return super().node_page(types, order, offset, limit)
        chosen = list(types) if types is not None else list(NODE_TYPES)
        with self.reading():
            counts = self.counts()
            page = self._nodes_where(
                "WHERE type IN (SELECT value FROM json_each(?)) ORDER BY type, name, id LIMIT ? OFFSET ?",
                (_ids(chosen), limit, offset),
            )
        return page, sum(counts.get(t, 0) for t in chosen)

    def search_index(self) -> NameIndex:
        from graph.sqlite_search import SqliteNameIndex

        return SqliteNameIndex(self._q)
