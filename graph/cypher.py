"""Every Cypher statement plangraph runs or writes, built here and nowhere else.

Builders return a ``Statement``: text plus parameters. Values always travel as
parameters; the only words composed into a statement are labels and relationship
types, and those come from the model's fixed vocabulary (``NODE_TYPES``,
``EDGE_TYPES``), never from data. Where FalkorDB's Cypher differs from Neo4j's, the
difference lives in ``Dialect`` below and nowhere else.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.records import EDGE_TYPES, NODE_TYPES, Edge, Node

RESERVED = {"id", "type", "name", "aliases", "attributes", "provenance"}


@dataclass(frozen=True)
class Statement:
    text: str
    params: dict[str, Any] = field(default_factory=dict)


def label(node_type: str) -> str:
    """The label of a node type (the type itself, checked against the model)."""
    if node_type not in NODE_TYPES:
        raise ValueError(f"unknown node type {node_type!r}")
    return node_type


def rel_type(edge_type: str) -> str:
    """``located-in`` → ``LOCATED_IN``: Neo4j's convention for relationship types."""
    if edge_type not in EDGE_TYPES:
        raise ValueError(f"unknown edge type {edge_type!r}")
    return edge_type.upper().replace("-", "_")


def edge_type_of(rel: str) -> str:
    return rel.lower().replace("_", "-")


# -- the one place where the two servers' Cypher differ --------------------------------------
@dataclass(frozen=True)
class Dialect:
    """How a server spells what not every Cypher spells the same way."""

    name: str
    schema: tuple[str, ...]
    existing_schema: str | None  # a query listing indexes, where creating one twice is an error
    undirected_shortest_path: bool
    max_message_bytes: int | None  # a request larger than this breaks the server

    def shortest_path(self, directed: bool, types: Sequence[str] | None) -> Statement | None:
        """The statement for the shortest path between ``$source`` and ``$target``
        (relationship types as a pattern, values as parameters), or None where the server
        cannot answer it (FalkorDB has no undirected shortestPath)."""
        if not directed and not self.undirected_shortest_path:
            return None
        rels = ":" + "|".join(rel_type(t) for t in types) if types else ""
        arrow = "->" if directed else "-"
        pattern = f"(a)-[{rels}*]{arrow}(b)"
        ends = "MATCH (a:Node {id: $source}), (b:Node {id: $target})"
        hops = "[r IN relationships(p) | [startNode(r).id, type(r), endNode(r).id]] AS hops"
        if self.name == "falkordb":  # shortestPath is allowed only inside WITH or RETURN
            return Statement(f"{ends} WITH a, b WITH shortestPath({pattern}) AS p WHERE p IS NOT NULL RETURN {hops}")
        return Statement(f"{ends} MATCH p = shortestPath({pattern}) RETURN {hops}")


NEO4J = Dialect(
    name="neo4j",
    schema=("CREATE CONSTRAINT plangraph_node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE",),
    existing_schema=None,
    undirected_shortest_path=True,
    max_message_bytes=None,
)
FALKORDB = Dialect(
    name="falkordb",
    schema=("CREATE INDEX FOR (n:Node) ON (n.id)",),  # no constraints; an index for the MERGE lookups
    existing_schema="CALL db.indexes() YIELD label, properties RETURN label, properties",
    undirected_shortest_path=False,
    max_message_bytes=3000,  # its Bolt listener crashes on requests of about 4 KB and more
)
PROBE = Statement("CALL dbms.components() YIELD name RETURN name")  # Neo4j answers, FalkorDB does not


# -- rows: records as the properties a server can store --------------------------------------
def node_row(node: Node) -> dict[str, Any]:
    """Neo4j properties hold scalars and lists of scalars: attributes and provenance travel
    as JSON text; scalar attributes are also copied out for Neo4j Browser and Bloom."""
    props: dict[str, Any] = {
        "type": node.type,
        "name": node.name,
        "aliases": list(node.aliases),
        "attributes": json.dumps(node.attributes, ensure_ascii=False),
        "provenance": json.dumps([p.model_dump() for p in node.provenance], ensure_ascii=False),
    }
    for key, value in node.attributes.items():
        if key not in RESERVED and isinstance(value, str | int | float | bool):
            props[key] = value
    return {"id": node.id, "props": props}


def edge_row(edge: Edge) -> dict[str, Any]:
    return {
        "source": edge.source,
        "target": edge.target,
        "props": {
            "attributes": json.dumps(edge.attributes, ensure_ascii=False),
            "provenance": json.dumps([p.model_dump() for p in edge.provenance], ensure_ascii=False),
        },
    }


# -- writes ------------------------------------------------------------------------------------
def merge_nodes(node_type: str, rows: list[dict[str, Any]]) -> Statement:
    return Statement(
        f"UNWIND $rows AS row MERGE (n:Node {{id: row.id}}) SET n:{label(node_type)} SET n += row.props",
        {"rows": rows},
    )


def merge_edges(edge_type: str, rows: list[dict[str, Any]]) -> Statement:
    return Statement(
        "UNWIND $rows AS row MATCH (a:Node {id: row.source}), (b:Node {id: row.target}) "
        f"MERGE (a)-[r:{rel_type(edge_type)}]->(b) SET r += row.props",
        {"rows": rows},
    )


TEXT_PROPERTIES = ("attributes", "provenance")  # the JSON texts, the only properties that grow long


def append_node_text(node_id: str, key: str, part: str) -> Statement:
    if key not in TEXT_PROPERTIES:
        raise ValueError(f"not a text property: {key!r}")
    return Statement(f"MATCH (n:Node {{id: $id}}) SET n.{key} = n.{key} + $part", {"id": node_id, "part": part})


def append_edge_text(edge_type: str, source: str, target: str, key: str, part: str) -> Statement:
    if key not in TEXT_PROPERTIES:
        raise ValueError(f"not a text property: {key!r}")
    return Statement(
        f"MATCH (a:Node {{id: $source}})-[r:{rel_type(edge_type)}]->(b:Node {{id: $target}}) "
        f"SET r.{key} = r.{key} + $part",
        {"source": source, "target": target, "part": part},
    )


def delete_all() -> Statement:
    """Every plangraph node (label ``Node``) and its relationships; nothing else."""
    return Statement("MATCH (n:Node) DETACH DELETE n")


def delete_nodes(ids: list[str]) -> Statement:
    return Statement("UNWIND $ids AS id MATCH (n:Node {id: id}) DETACH DELETE n", {"ids": ids})


def delete_edges(edge_type: str, rows: list[dict[str, str]]) -> Statement:
    return Statement(
        f"UNWIND $rows AS row MATCH (a:Node {{id: row.source}})-[r:{rel_type(edge_type)}]->(b:Node {{id: row.target}}) "
        "DELETE r",
        {"rows": rows},
    )


# -- reads -------------------------------------------------------------------------------------
NODE_FIELDS = (
    "n.id AS id, n.type AS type, n.name AS name, n.aliases AS aliases, "
    "n.attributes AS attributes, n.provenance AS provenance"
)
EDGE_FIELDS = "a.id AS source, type(r) AS type, b.id AS target, r.attributes AS attributes, r.provenance AS provenance"


def all_nodes() -> Statement:
    return Statement(f"MATCH (n:Node) RETURN {NODE_FIELDS}")


def all_edges() -> Statement:
    return Statement(f"MATCH (a:Node)-[r]->(b:Node) RETURN {EDGE_FIELDS}")


def nodes_by_ids(ids: list[str]) -> Statement:
    return Statement(f"UNWIND $ids AS id MATCH (n:Node {{id: id}}) RETURN {NODE_FIELDS}", {"ids": ids})


def node_by_id(node_id: str) -> Statement:
    return Statement(f"MATCH (n:Node {{id: $id}}) RETURN {NODE_FIELDS}", {"id": node_id})


def nodes_named(name: str) -> Statement:
    return Statement(f"MATCH (n:Node) WHERE n.name = $name OR $name IN n.aliases RETURN {NODE_FIELDS}", {"name": name})


def nodes_of_types(types: Iterable[str] | None) -> Statement:
    chosen = None if types is None else [label(t) for t in types]
    return Statement(f"MATCH (n:Node) WHERE $types IS NULL OR n.type IN $types RETURN {NODE_FIELDS}", {"types": chosen})


def incident_edges(ids: list[str], direction: str, types: Iterable[str] | None) -> Statement:
    """Edges at any of ``ids``: ``out`` leaving them, ``in`` arriving, ``both``."""
    rels = None if types is None else [rel_type(t) for t in types]
    where = "WHERE $types IS NULL OR type(r) IN $types"
    outgoing = f"UNWIND $ids AS id MATCH (a:Node {{id: id}})-[r]->(b:Node) {where} RETURN {EDGE_FIELDS}"
    incoming = f"UNWIND $ids AS id MATCH (a:Node)-[r]->(b:Node {{id: id}}) {where} RETURN {EDGE_FIELDS}"
    text = {"out": outgoing, "in": incoming, "both": f"{outgoing} UNION ALL {incoming}"}[direction]
    return Statement(text, {"ids": ids, "types": rels})


# -- a script for cypher-shell (literal values, escaped) ---------------------------------------
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_ESCAPES |= {chr(c): f"\\u{c:04x}" for c in [*range(0x20), 0x2028, 0x2029] if chr(c) not in _ESCAPES}


def literal(value: Any) -> str:
    """A Cypher literal for ``value``; strings single-quoted with \\ ' and control characters
    escaped (NUL and the line separators as \\uXXXX), every other character (Chinese,
    emoji, $) written as itself; map keys in backticks, a backtick in them doubled."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return "'" + "".join(_ESCAPES.get(ch, ch) for ch in value) + "'"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"`{k.replace('`', '``')}`: {literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


def inline(statement: Statement) -> str:
    """A statement with its parameters written out as literals (one pass over the
    template, so nothing inside a value is ever read as a parameter), for a script."""
    return re.sub(r"\$(\w+)", lambda m: literal(statement.params[m.group(1)]), statement.text) + ";"


# -- batched writes within a dialect's message budget ------------------------------------------
BATCH = 500


def _size(rows: list[dict[str, Any]]) -> int:
    return len(json.dumps(rows, ensure_ascii=False).encode()) + 200  # the statement around them


def _parts(text: str, budget: int) -> list[str]:
    """``text`` cut into pieces of at most ``budget`` UTF-8 bytes."""
    out: list[str] = []
    piece: list[str] = []
    size = 0
    for ch in text:
        n = len(ch.encode())
        if size + n > budget:
            out.append("".join(piece))
            piece, size = [], 0
        piece.append(ch)
        size += n
    out.append("".join(piece))
    return out


def _fit(
    rows: list[dict[str, Any]], budget: int | None, appender: Callable[[dict[str, Any], str, str], Statement]
) -> Iterator[tuple[list[dict[str, Any]], list[Statement]]]:
    """Batches of rows within ``budget``; a row too large alone is written with its long
    texts empty, and the texts follow in appended parts."""
    batch: list[dict[str, Any]] = []
    for row in rows:
        if budget is not None and _size([row]) > budget:
            short = {**row, "props": {**row["props"], **{k: "" for k in TEXT_PROPERTIES if k in row["props"]}}}
            room = max(200, budget - 400)
            appends = [
                appender(row, k, part)
                for k in TEXT_PROPERTIES
                if k in row["props"]
                for part in _parts(row["props"][k], room)
            ]
            yield [short], appends
            continue
        if batch and (len(batch) >= BATCH or (budget is not None and _size([*batch, row]) > budget)):
            yield batch, []
            batch = []
        batch.append(row)
    if batch:
        yield batch, []


def within_budget(make: Callable[[list[Any]], Statement], items: list[Any], dialect: Dialect) -> Iterator[Statement]:
    """``make(part)`` for consecutive parts of ``items``, each statement within the
    dialect's message budget (one statement where there is none)."""
    budget = dialect.max_message_bytes
    if budget is None:
        yield make(items)
        return
    part: list[Any] = []
    for item in items:
        if part and _size([*part, item]) > budget:
            yield make(part)
            part = []
        part.append(item)
    if part:
        yield make(part)


def upserts(nodes: Iterable[Node], edges: Iterable[Edge], dialect: Dialect) -> Iterator[Statement]:
    """MERGE statements for every node (by type), then every edge (by type), batched
    within the dialect's message budget."""
    by_type: dict[str, list[dict[str, Any]]] = {}
    for n in nodes:
        by_type.setdefault(n.type, []).append(node_row(n))
    for node_type, rows in by_type.items():
        for batch, appends in _fit(rows, dialect.max_message_bytes, lambda r, k, p: append_node_text(r["id"], k, p)):
            yield merge_nodes(node_type, batch)
            yield from appends
    by_edge: dict[str, list[dict[str, Any]]] = {}
    for e in edges:
        by_edge.setdefault(e.type, []).append(edge_row(e))
    for edge_type, rows in by_edge.items():

        def append(r: dict[str, Any], k: str, p: str, t: str = edge_type) -> Statement:
            return append_edge_text(t, r["source"], r["target"], k, p)

        for batch, appends in _fit(rows, dialect.max_message_bytes, append):
            yield merge_edges(edge_type, batch)
            yield from appends
