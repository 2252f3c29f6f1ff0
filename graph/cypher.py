"""Every Cypher statement plangraph runs or writes, built here and nowhere else.

Builders return a ``Statement``: text plus parameters. Values always travel as
parameters; the only words composed into a statement are labels and relationship
types, and those come from the model's fixed vocabulary (``NODE_TYPES``,
``EDGE_TYPES``), never from data. Where FalkorDB's Cypher differs from Neo4j's, the
difference lives in ``Dialect`` below and nowhere else; that includes the form values
take on the wire (``Dialect.wire``: FalkorDB's parameters as hex, see ``graph.wire``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph import wire
from graph.exceptions import StoreError
from graph.records import EDGE_TYPES, NODE_TYPES, Edge, Node

RESERVED = {"id", "type", "name", "aliases", "attributes", "provenance"}


@dataclass(frozen=True)
class Statement:
    text: str
    params: dict[str, Any] = field(default_factory=dict)


class Wired(Statement):
    """A statement in the form its server receives (``Dialect.wire``); never wired twice."""


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
    hex_strings: bool  # strings travel and are stored as hex (FalkorDB's parameters are not escaped)
    max_message_bytes: int | None  # the largest request the server composes safely
    max_key_bytes: int | None  # the longest id, name or alias (UTF-8) that every lookup can carry
    read_window: int | None  # long properties are read in slices of this many characters

    def wire(self, statement: Statement) -> Wired:
        """``statement`` as it is sent: on FalkorDB its parameters encoded and the request
        checked against the budget, so nothing unsafe or too large can reach the server."""
        if isinstance(statement, Wired):
            raise TypeError("this statement is wired already: encoding it again would change its values")
        if not self.hex_strings:
            return Wired(statement.text, statement.params)
        params = wire.encoded(statement.params)
        size = wire.request_size(statement.text, params)
        if self.max_message_bytes is not None and size > self.max_message_bytes:
            raise StoreError(f"a request of {size} bytes is more than {self.name} takes ({self.max_message_bytes})")
        return Wired(statement.text, params)

    def decode(self, value: Any) -> Any:
        """A value read back from a stored property, as plangraph wrote it."""
        return wire.decode(value) if self.hex_strings else value

    def holds(self, key: str) -> bool:
        """Whether an id, name or alias this long can be stored (and so found) on this server."""
        return self.max_key_bytes is None or len(key.encode()) <= self.max_key_bytes

    def check_keys(self, what: str, values: Iterable[str]) -> None:
        for value in values:
            if not self.holds(value):
                shown = value[:60] + ("…" if len(value) > 60 else "")
                raise StoreError(
                    f"{what} {shown!r} is {len(value.encode())} bytes: {self.name}'s Bolt endpoint takes ids, "
                    f"names and aliases of at most {self.max_key_bytes} bytes"
                )

    def shortest_path(self, directed: bool, types: Sequence[str] | None) -> Statement | None:
        """The statement for the length of the shortest path between ``$source`` and
        ``$target`` (relationship types as a pattern, values as parameters), or None where
        the server cannot answer it (FalkorDB has no undirected shortestPath)."""
        if not directed and not self.undirected_shortest_path:
            return None
        rels = ":" + "|".join(rel_type(t) for t in types) if types else ""
        arrow = "->" if directed else "-"
        pattern = f"(a)-[{rels}*]{arrow}(b)"
        ends = "MATCH (a:Node {id: $source}), (b:Node {id: $target})"
        if self.name == "falkordb":  # shortestPath is allowed only inside WITH or RETURN
            return Statement(
                f"{ends} WITH a, b WITH shortestPath({pattern}) AS p WHERE p IS NOT NULL RETURN length(p) AS length"
            )
        return Statement(f"{ends} MATCH p = shortestPath({pattern}) RETURN length(p) AS length")


NEO4J = Dialect(
    name="neo4j",
    schema=("CREATE CONSTRAINT plangraph_node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE",),
    existing_schema=None,
    undirected_shortest_path=True,
    hex_strings=False,  # Neo4j binds parameters as values
    max_message_bytes=None,
    max_key_bytes=None,
    read_window=None,
)
FALKORDB = Dialect(
    name="falkordb",
    schema=("CREATE INDEX FOR (n:Node) ON (n.id)",),  # no constraints; an index for the MERGE lookups
    existing_schema="CALL db.indexes() YIELD label, properties RETURN label, properties",
    undirected_shortest_path=False,
    hex_strings=True,
    # parameters and query are composed in a 4096-byte stack buffer; more overflows it
    max_message_bytes=3800,
    # two ids as hex (an edge, a path) and the longest statement around them fit in that
    # (and its index finds no value over 4096 bytes)
    max_key_bytes=800,
    # it sends each record as one Bolt chunk, and a record over 64 KB never arrives: a row
    # holds ids and names of 1.6 KB of hex, ALIASES_READ aliases and two windows of texts
    read_window=16_000,
)
PROBE = Statement("CALL dbms.components() YIELD name RETURN name")  # Neo4j answers, FalkorDB does not


# -- rows: records as the properties a server can store --------------------------------------
def node_row(node: Node, copy_scalars: bool = True) -> dict[str, Any]:
    """Neo4j properties hold scalars and lists of scalars: attributes and provenance travel
    as JSON text; scalar attributes are also copied out for Neo4j Browser and Bloom
    (``copy_scalars``; not on FalkorDB, where they would be hex like every value and their
    keys, which are data, would reach its parser bare)."""
    props: dict[str, Any] = {
        "type": node.type,
        "name": node.name,
        "aliases": list(node.aliases),
        "attributes": json.dumps(node.attributes, ensure_ascii=False),
        "provenance": json.dumps([p.model_dump() for p in node.provenance], ensure_ascii=False),
    }
    for key, value in node.attributes.items() if copy_scalars else ():
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


APPENDABLE = {"aliases": [], "attributes": "", "provenance": ""}
"""Properties that can grow long, with their empty value: a row too large for one request
is written with them empty and they follow in parts (``n.p = n.p + $part`` concatenates
both strings and lists)."""
TEXT_PROPERTIES = ("attributes", "provenance")  # the JSON texts; an edge's only long properties


def append_node_text(node_id: str, key: str, part: str | list[str]) -> Statement:
    if key not in APPENDABLE:
        raise ValueError(f"not an appendable property: {key!r}")
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
ALIASES_READ = 8  # aliases in a node's row where the dialect reads in windows; the rest follow


def _long(dialect: Dialect, var: str, prop: str) -> str:
    """A long property as a row returns it: whole, or its first window and its size."""
    if dialect.read_window is None:
        return f"{var}.{prop} AS {prop}"
    first = (
        f"{var}.aliases[0..{ALIASES_READ}]"
        if prop == "aliases"
        else f"substring({var}.{prop}, 0, {dialect.read_window})"
    )
    return f"{first} AS {prop}, size({var}.{prop}) AS {prop}_size"


def node_fields(dialect: Dialect) -> str:
    return ", ".join(["n.id AS id", "n.type AS type", "n.name AS name", *(_long(dialect, "n", p) for p in APPENDABLE)])


def edge_fields(dialect: Dialect) -> str:
    ends = ["a.id AS source", "type(r) AS type", "b.id AS target"]
    return ", ".join([*ends, *(_long(dialect, "r", p) for p in TEXT_PROPERTIES)])


def _rest(match: str, var: str, prop: str, start: int, params: dict[str, Any], dialect: Dialect) -> Statement:
    """The rest of a long property from ``start`` on, one row per window (or per alias)."""
    if prop == "aliases":
        parts = f"UNWIND range($start, size({var}.aliases) - 1) AS at RETURN at, {var}.aliases[at] AS part"
    else:
        w = dialect.read_window
        at = f"UNWIND range($start, size({var}.{prop}) - 1, {w}) AS at"
        parts = f"{at} RETURN at, substring({var}.{prop}, at, {w}) AS part"
    return Statement(f"{match} {parts} ORDER BY at", {**params, "start": start})


def node_rest(node_id: str, prop: str, start: int, dialect: Dialect) -> Statement:
    if prop not in APPENDABLE:
        raise ValueError(f"not a long property: {prop!r}")
    return _rest("MATCH (n:Node {id: $id})", "n", prop, start, {"id": node_id}, dialect)


def edge_rest(edge_type: str, source: str, target: str, prop: str, start: int, dialect: Dialect) -> Statement:
    if prop not in TEXT_PROPERTIES:
        raise ValueError(f"not a long property: {prop!r}")
    match = f"MATCH (a:Node {{id: $source}})-[r:{rel_type(edge_type)}]->(b:Node {{id: $target}})"
    return _rest(match, "r", prop, start, {"source": source, "target": target}, dialect)


def all_nodes(dialect: Dialect) -> Statement:
    return Statement(f"MATCH (n:Node) RETURN {node_fields(dialect)}")


def all_edges(dialect: Dialect) -> Statement:
    return Statement(f"MATCH (a:Node)-[r]->(b:Node) RETURN {edge_fields(dialect)}")


def nodes_by_ids(ids: list[str], dialect: Dialect) -> Statement:
    return Statement(f"UNWIND $ids AS id MATCH (n:Node {{id: id}}) RETURN {node_fields(dialect)}", {"ids": ids})


def node_by_id(node_id: str, dialect: Dialect) -> Statement:
    return Statement(f"MATCH (n:Node {{id: $id}}) RETURN {node_fields(dialect)}", {"id": node_id})


def nodes_named(name: str, dialect: Dialect) -> Statement:
    where = "WHERE n.name = $name OR $name IN n.aliases"
    return Statement(f"MATCH (n:Node) {where} RETURN {node_fields(dialect)}", {"name": name})


def nodes_of_types(types: Iterable[str] | None, dialect: Dialect) -> Statement:
    chosen = None if types is None else [label(t) for t in types]
    where = "WHERE $types IS NULL OR n.type IN $types"
    return Statement(f"MATCH (n:Node) {where} RETURN {node_fields(dialect)}", {"types": chosen})


def incident_edges(ids: list[str], direction: str, types: Iterable[str] | None, dialect: Dialect) -> Statement:
    """Edges at any of ``ids``: ``out`` leaving them, ``in`` arriving, ``both``; of the given
    types (a pattern from the vocabulary: no type is a value), all when None."""
    chosen = None if types is None else [rel_type(t) for t in types]
    if chosen == []:
        raise ValueError("no edge types to match: ask for None (all) or at least one")
    rels = "" if chosen is None else ":" + "|".join(chosen)
    fields = edge_fields(dialect)
    outgoing = f"UNWIND $ids AS id MATCH (a:Node {{id: id}})-[r{rels}]->(b:Node) RETURN {fields}"
    incoming = f"UNWIND $ids AS id MATCH (a:Node)-[r{rels}]->(b:Node {{id: id}}) RETURN {fields}"
    text = {"out": outgoing, "in": incoming, "both": f"{outgoing} UNION ALL {incoming}"}[direction]
    return Statement(text, {"ids": ids})


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


# -- every write, batched within a dialect's message budget -------------------------------------
def upserts(nodes: Iterable[Node], edges: Iterable[Edge], dialect: Dialect) -> Iterator[Statement]:
    """MERGE statements for every node (by type), then every edge (by type), batched
    within the dialect's message budget (``graph.wire.fit``)."""
    budget = dialect.max_message_bytes
    by_type: dict[str, list[dict[str, Any]]] = {}
    for n in nodes:
        dialect.check_keys(f"the {n.type} node", [n.id, n.name, *n.aliases])
        by_type.setdefault(n.type, []).append(node_row(n, copy_scalars=not dialect.hex_strings))
    for node_type, rows in by_type.items():

        def merge(batch: list[dict[str, Any]], t: str = node_type) -> Statement:
            return merge_nodes(t, batch)

        yield from wire.fit(rows, merge, lambda r, k, p: append_node_text(r["id"], k, p), budget, APPENDABLE)
    by_edge: dict[str, list[dict[str, Any]]] = {}
    for e in edges:
        dialect.check_keys("the edge end", [e.source, e.target])
        by_edge.setdefault(e.type, []).append(edge_row(e))
    texts = {k: APPENDABLE[k] for k in TEXT_PROPERTIES}
    for edge_type, rows in by_edge.items():

        def merge_e(batch: list[dict[str, Any]], t: str = edge_type) -> Statement:
            return merge_edges(t, batch)

        def append(r: dict[str, Any], k: str, p: Any, t: str = edge_type) -> Statement:
            return append_edge_text(t, r["source"], r["target"], k, p)

        yield from wire.fit(rows, merge_e, append, budget, texts)
