"""The store on a Bolt server: Neo4j 5 (or FalkorDB, which speaks Bolt), through the
official ``neo4j`` driver. Same interface and same answers as the embedded store.

All Cypher comes from ``graph.cypher``, and every statement reaches the server through
``Dialect.wire``: on FalkorDB, whose Bolt endpoint writes parameters into the query text
unescaped, every string travels and is stored as hex and every request is checked
against its 4 KB budget before anything of a write is sent (``graph.wire``); values read
back are decoded here. One driver per store, reused: opening and closing many drivers
against FalkorDB leaves sockets that stall later handshakes.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from graph import cypher, traversal, wire
from graph.cypher import Dialect, Statement, Wired
from graph.exceptions import StoreError
from graph.merge import replace_plan
from graph.records import Edge, Graph, Node, Provenance
from graph.store import GraphStore

BOLT_SCHEMES = {"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}


@dataclass(frozen=True)
class BoltConfig:
    uri: str
    user: str = "neo4j"
    password: str = ""
    database: str | None = None

    @classmethod
    def from_env(cls, uri: str | None = None) -> BoltConfig:
        """Flags win over ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``."""
        chosen = uri or os.environ.get("NEO4J_URI")
        if not chosen:
            raise StoreError("no Neo4j server given: pass --neo4j bolt://HOST:7687 or set NEO4J_URI")
        if urlsplit(chosen).scheme not in BOLT_SCHEMES:
            raise StoreError(f"{chosen} is not a Bolt address: use bolt://HOST:7687 or neo4j://HOST:7687 (+s for TLS)")
        return cls(
            uri=chosen,
            user=os.environ.get("NEO4J_USER", "neo4j"),
            password=os.environ.get("NEO4J_PASSWORD", ""),
            database=os.environ.get("NEO4J_DATABASE") or None,
        )


def _reason(exc: BaseException) -> str:
    """The innermost cause of a driver error, on one line ("[Errno 111] Connection refused")."""
    while exc.__cause__ is not None:
        exc = exc.__cause__
    return " ".join(str(exc).split()) or exc.__class__.__name__


BOLT_HANDSHAKE = b"\x60\x60\xb0\x17" + b"\x00\x00\x00\x05" + b"\x00\x00\x04\x04" + bytes(8)


def _wake(uri: str, attempts: int = 10) -> None:
    """Make sure the server answers a Bolt handshake before the driver's first one.

    FalkorDB's Bolt listener leaves each departed client's socket in CLOSE-WAIT, and the
    next handshake then hangs for a minute; every throwaway handshake that goes
    unanswered takes one such turn. To a Neo4j server this is one ordinary handshake.
    """
    parts = urlsplit(uri)
    if parts.scheme not in ("bolt", "neo4j") or not parts.hostname:
        return
    for _ in range(attempts):
        try:
            with socket.create_connection((parts.hostname, parts.port or 7687), timeout=1) as probe:
                probe.sendall(BOLT_HANDSHAKE)
                if len(probe.recv(4)) == 4:
                    return
        except TimeoutError:
            continue
        except OSError:
            return  # the driver reports an unreachable server in its own words


class BoltStore(GraphStore):
    def __init__(self, config: BoltConfig, dialect: Dialect | None = None) -> None:
        super().__init__()
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, ConfigurationError, ServiceUnavailable

        self.config = config
        _wake(config.uri)
        try:
            self.driver = GraphDatabase.driver(config.uri, auth=(config.user, config.password))
        except (ConfigurationError, ValueError) as exc:
            raise StoreError(f"cannot use the graph server address {config.uri}: {_reason(exc)}") from exc
        try:
            self.driver.verify_connectivity()
        except AuthError as exc:
            self.driver.close()
            message = f"the graph server at {config.uri} refused the credentials of user '{config.user}'"
            raise StoreError(message) from exc
        except (ServiceUnavailable, OSError) as exc:
            self.driver.close()
            raise StoreError(f"cannot reach a graph server at {config.uri}: {_reason(exc)}") from exc
        self.dialect = dialect or self._detect()
        self._ensure_schema()

    # -- plumbing --------------------------------------------------------------------------
    def _read(self, statement: Statement) -> list[dict[str, Any]]:
        return self._fetch(self.dialect.wire(statement))

    def _fetch(self, wired: Wired) -> list[dict[str, Any]]:
        def work(tx: Any) -> list[dict[str, Any]]:
            return [dict(r) for r in tx.run(wired.text, wired.params)]

        rows: list[dict[str, Any]] = self._session(lambda s: s.execute_read(work))
        return rows

    def _read_many(self, make: Callable[[list[Any]], Statement], items: list[Any]) -> list[dict[str, Any]]:
        """One read over ``items``, split into as many statements as the server needs."""
        rows: list[dict[str, Any]] = []
        for statement in wire.within_budget(make, items, self.dialect.max_message_bytes):
            rows += self._read(statement)
        return rows

    def _write(self, statements: Iterable[Statement]) -> None:
        """Every statement wired (and so checked) before the first is sent: FalkorDB applies
        each statement at once whatever the transaction says."""
        self._send([self.dialect.wire(st) for st in statements])

    def _send(self, todo: list[Wired]) -> None:
        def work(tx: Any) -> None:
            for st in todo:
                tx.run(st.text, st.params).consume()

        self._session(lambda s: s.execute_write(work))

    def _session(self, job: Callable[[Any], Any]) -> Any:
        from neo4j.exceptions import Neo4jError, ServiceUnavailable

        try:
            with self.driver.session(database=self.config.database) as session:
                return job(session)
        except ServiceUnavailable as exc:
            raise StoreError(f"lost the graph server at {self.config.uri}: {_reason(exc)}") from exc
        except Neo4jError as exc:
            raise StoreError(f"the graph server at {self.config.uri} failed: {exc.message or exc}") from exc

    def _detect(self) -> Dialect:
        try:
            self._fetch(Wired(cypher.PROBE.text))  # no parameters: the same on every server
            return cypher.NEO4J
        except StoreError:
            return cypher.FALKORDB

    def _ensure_schema(self) -> None:
        if self.dialect.existing_schema:
            existing = self._read(Statement(self.dialect.existing_schema))
            if any(r["label"] == "Node" and "id" in r["properties"] for r in existing):
                return
        for text in self.dialect.schema:
            self._write([Statement(text)])

    def close(self) -> None:
        self.driver.close()

    # -- records ---------------------------------------------------------------------------
    def _decoded(self, row: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
        try:
            return {**row, **{f: self.dialect.decode(row[f]) for f in fields}}
        except ValueError as exc:
            raise StoreError(
                f"the graph server at {self.config.uri} holds a value plangraph did not write ({exc}): "
                "clear its graph and push again"
            ) from exc

    def _whole(self, row: dict[str, Any], props: Iterable[str], rest: Callable[[str, int], Statement]) -> None:
        """Read the rest of each long property a row returned only the first window of
        (FalkorDB never delivers a record over 64 KB)."""
        for prop in props:
            size = row.pop(f"{prop}_size", None)
            have: Any = row[prop] or ([] if prop == "aliases" else "")
            if size is not None and len(have) < size:
                parts = [r["part"] for r in self._read(rest(prop, len(have)))]
                row[prop] = have + (parts if prop == "aliases" else "".join(parts))

    def _node(self, raw: dict[str, Any]) -> Node:
        row = self._decoded(raw, ("id", "type", "name"))
        self._whole(row, cypher.APPENDABLE, lambda p, at: cypher.node_rest(row["id"], p, at, self.dialect))
        row = self._decoded(row, tuple(cypher.APPENDABLE))
        return Node(
            id=row["id"],
            type=row["type"],
            name=row["name"],
            aliases=list(row["aliases"] or []),
            attributes=json.loads(row["attributes"] or "{}"),
            provenance=[Provenance(**p) for p in json.loads(row["provenance"] or "[]")],
        )

    def _edge(self, raw: dict[str, Any]) -> Edge:
        row = self._decoded(raw, ("source", "target"))
        edge_type = cypher.edge_type_of(row["type"])

        def rest(prop: str, at: int) -> Statement:
            return cypher.edge_rest(edge_type, row["source"], row["target"], prop, at, self.dialect)

        self._whole(row, cypher.TEXT_PROPERTIES, rest)
        row = self._decoded(row, cypher.TEXT_PROPERTIES)
        return Edge(
            source=row["source"],
            target=row["target"],
            type=edge_type,  # type: ignore[arg-type]
            attributes=json.loads(row["attributes"] or "{}"),
            provenance=[Provenance(**p) for p in json.loads(row["provenance"] or "[]")],
        )

    def _stored(self, keys: Iterable[str]) -> list[str]:
        """The ids or names that can be on this server: a longer one was refused on write,
        so looking it up would only send a request the server cannot take."""
        return [k for k in keys if self.dialect.holds(k)]

    # -- the store interface ---------------------------------------------------------------
    def snapshot(self) -> Graph:
        nodes = sorted((self._node(r) for r in self._read(cypher.all_nodes(self.dialect))), key=lambda n: n.id)
        edges = sorted((self._edge(r) for r in self._read(cypher.all_edges(self.dialect))), key=lambda e: e.key)
        return Graph(nodes=nodes, edges=edges)

    def write_plans(self, plans: Sequence[tuple[str, Graph]]) -> None:
        current = self.snapshot()
        updated = current
        for plan_id, plan_graph in plans:
            updated = replace_plan(updated, plan_id, plan_graph)
        kept_nodes = {n.id for n in updated.nodes}
        kept_edges = {e.key for e in updated.edges}
        gone_nodes = [n.id for n in current.nodes if n.id not in kept_nodes]
        gone_edges = [e for e in current.edges if e.key not in kept_edges]
        upserts = cypher.upserts(updated.nodes, updated.edges, self.dialect)
        statements = [*self._deletions(gone_nodes, gone_edges), *upserts]
        self._write(statements)
        self.derived.clear()

    def _deletions(self, node_ids: list[str], edges: list[Edge]) -> Iterator[Statement]:
        if node_ids:
            yield from wire.within_budget(cypher.delete_nodes, node_ids, self.dialect.max_message_bytes)
        by_type: dict[str, list[dict[str, str]]] = {}
        for e in edges:
            by_type.setdefault(e.type, []).append({"source": e.source, "target": e.target})
        for edge_type, rows in by_type.items():

            def delete(part: list[Any], t: str = edge_type) -> Statement:
                return cypher.delete_edges(t, part)

            yield from wire.within_budget(delete, rows, self.dialect.max_message_bytes)

    def push(self, graph: Graph, progress: Callable[[int], None] = lambda n: None) -> None:
        """Copy ``graph`` in, MERGE by id (pushing twice changes nothing); one batch per call
        of ``progress`` with the number of records it wrote. Every statement is checked
        before the first is sent."""
        wired = [self.dialect.wire(st) for st in cypher.upserts(graph.nodes, graph.edges, self.dialect)]
        for statement in wired:
            self._send([statement])
            progress(len(statement.params.get("rows", ())))
        self.derived.clear()

    def clear(self) -> None:
        """Remove every plangraph node and relationship (other data on the server stays)."""
        self._write([cypher.delete_all()])
        self.derived.clear()

    def node(self, node_id: str) -> Node | None:
        if not self._stored([node_id]):
            return None
        rows = self._read(cypher.node_by_id(node_id, self.dialect))
        return self._node(rows[0]) if rows else None

    def named(self, name: str) -> list[Node]:
        if not self._stored([name]):
            return []
        return [self._node(r) for r in self._read(cypher.nodes_named(name, self.dialect))]

    def nodes(self, types: Iterable[str] | None = None) -> list[Node]:
        return sorted(
            (self._node(r) for r in self._read(cypher.nodes_of_types(types, self.dialect))), key=lambda n: n.id
        )

    def incident(self, ids: list[str], direction: str, types: Iterable[str] | None) -> list[Edge]:
        chosen = None if types is None else list(types)
        if chosen == []:
            return []
        rows = self._read_many(
            lambda part: cypher.incident_edges(part, direction, chosen, self.dialect), self._stored(ids)
        )
        unique = {e.key: e for e in map(self._edge, rows)}
        return [unique[k] for k in sorted(unique)]

    def nodes_by_id(self, ids: list[str]) -> dict[str, Node]:
        rows = self._read_many(lambda part: cypher.nodes_by_ids(part, self.dialect), self._stored(ids))
        return {n.id: n for n in map(self._node, rows)}

    def paths(
        self, source: str, target: str, types: Iterable[str] | None, directed: bool, max_length: int, limit: int
    ) -> tuple[list[list[Edge]], bool]:
        """The server's shortestPath rules out an unconnected pair at once; the paths
        themselves are ranked over the neighbourhood both ends share, as in the embedded store."""
        if len(self._stored([source, target])) < 2:
            return [], False
        wanted = None if types is None else list(types)
        check = self.dialect.shortest_path(directed, wanted)
        if check is not None:
            rows = self._read(Statement(check.text, {"source": source, "target": target}))
            if not rows or rows[0]["length"] > max_length:
                return [], False
        forward = self.closure(source, "out" if directed else "both", wanted, max_length, 100_000)
        backward = self.closure(target, "in" if directed else "both", wanted, max_length, 100_000)
        shared = {n.id for n in forward.nodes} & {n.id for n in backward.nodes}
        edges = {e.key: e for e in [*forward.edges, *backward.edges] if e.source in shared and e.target in shared}
        simple = traversal.collapse_edges(sorted(edges.values(), key=lambda e: e.key), directed)
        return traversal.paths(simple, source, target, max_length, limit)
