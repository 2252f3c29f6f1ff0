"""The Cypher builders (statements and parameters), the two dialects, what reaches the
server on each, and the exports with hostile names."""

from __future__ import annotations

import csv
import json
import re

import pytest

from graph import cypher, wire
from graph.bolt_store import BoltConfig, BoltStore
from graph.exceptions import StoreError
from graph.neo4j_export import to_cypher, to_neo4j_csv
from graph.records import Edge, Graph, Node, Provenance
from tests.conftest import neo4j_configured
from tests.test_bolt_injection import PAYLOADS

HOSTILE = [
    'O\'Brien "引号"',
    "back\\slash \\n not a newline",
    "line1\nline2\ttab",
    "$price $rows",
    "😀 emoji",
    "中文名称",
]


def hostile_graph(names: list[str] = HOSTILE) -> Graph:
    prov = [Provenance(plan="plan:测试", quote="「引用」'单引号' \\ $x\n😀", start=0, end=9)]
    nodes = [
        Node(
            id=f"project:{name}",
            type="Project",
            name=name,
            aliases=[name + "别名", "a;b"],
            attributes={"capacity": {"value": 1.5, "unit": "万吨"}, "status": name, name: "键"},
            provenance=[*prov, Provenance(plan="plan:测试", quote=name)],
        )
        for name in names
    ]
    nodes.append(Node(id="banner:科尔沁区", type="Banner", name="科尔沁区", aliases=["科区"], provenance=prov))
    edges = [Edge(source=n.id, target="banner:科尔沁区", type="located-in", provenance=prov) for n in nodes[:-1]]
    return Graph(nodes=nodes, edges=edges)


def test_merge_nodes_takes_values_only_as_parameters():
    st = cypher.merge_nodes("Project", [{"id": "project:x", "props": {"name": "x'); DROP"}}])
    assert st.text == "UNWIND $rows AS row MERGE (n:Node {id: row.id}) SET n:Project SET n += row.props"
    assert st.params == {"rows": [{"id": "project:x", "props": {"name": "x'); DROP"}}]}


def test_labels_and_relationship_types_come_only_from_the_model():
    with pytest.raises(ValueError, match="unknown node type"):
        cypher.merge_nodes("Project:Admin", [])
    with pytest.raises(ValueError, match="unknown edge type"):
        cypher.merge_edges("supports]->(x) DETACH DELETE x //", [])
    assert cypher.rel_type("located-in") == "LOCATED_IN" and cypher.edge_type_of("LOCATED_IN") == "located-in"


def test_merge_edges_and_incident_edges():
    st = cypher.merge_edges("responsible-for", [{"source": "a", "target": "b", "props": {}}])
    assert "MERGE (a)-[r:RESPONSIBLE_FOR]->(b) SET r += row.props" in st.text
    both = cypher.incident_edges(["a"], "both", ["supports", "part-of"], cypher.NEO4J)
    assert " UNION ALL " in both.text and both.params == {"ids": ["a"]}
    assert "-[r:SUPPORTS|PART_OF]->" in both.text  # types from the vocabulary, in the pattern
    assert "-[r]->" in cypher.incident_edges(["a"], "in", None, cypher.NEO4J).text
    with pytest.raises(ValueError, match="no edge types"):
        cypher.incident_edges(["a"], "in", [], cypher.NEO4J)


def test_shortest_path_in_both_spellings():
    neo = cypher.NEO4J.shortest_path(directed=True, types=["supports", "located-in"])
    falkor = cypher.FALKORDB.shortest_path(directed=True, types=None)
    assert "MATCH p = shortestPath((a)-[:SUPPORTS|LOCATED_IN*]->(b))" in neo.text
    assert "WITH a, b WITH shortestPath((a)-[*]->(b)) AS p" in falkor.text
    assert "-[*]-(b)" in cypher.NEO4J.shortest_path(directed=False, types=None).text
    assert cypher.FALKORDB.shortest_path(directed=False, types=None) is None  # FalkorDB: directed only


def test_schema_in_both_spellings():
    assert cypher.NEO4J.schema == (
        "CREATE CONSTRAINT plangraph_node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE",
    )
    assert cypher.FALKORDB.schema == ("CREATE INDEX FOR (n:Node) ON (n.id)",)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("O'Brien", "'O\\'Brien'"),
        ("a\\b", "'a\\\\b'"),
        ("x\ny", "'x\\ny'"),
        ("$rows 😀 中文", "'$rows 😀 中文'"),
        (None, "null"),
        (1.5, "1.5"),
        (["a", 2], "['a', 2]"),
        ({"k": "v"}, "{`k`: 'v'}"),
    ],
)
def test_literals(value, expected):
    assert cypher.literal(value) == expected


def test_inline_never_reads_a_parameter_inside_a_value():
    st = cypher.merge_nodes("Project", [{"id": "$rows", "props": {"name": "$rows"}}])
    assert cypher.inline(st).count("$rows") == 2  # the two values, written as literals


def _appended(statements, node_id, prop):
    return [
        st.params["part"] for st in statements if f"n.{prop} = n.{prop} +" in st.text and st.params["id"] == node_id
    ]


def test_writes_fit_the_falkordb_budget_even_for_a_huge_node():
    long = Provenance(plan="plan:x", quote="中" * 3000)
    aliases = [f"别名{i}" * 30 for i in range(40)]
    graph = Graph(
        nodes=[
            Node(
                id=f"project:{i}",
                type="Project",
                name=str(i),
                aliases=aliases if i == 5 else [],
                provenance=[long] if i == 3 else [],
            )
            for i in range(40)
        ]
    )
    statements = list(cypher.upserts(graph.nodes, graph.edges, cypher.FALKORDB))
    assert max(wire.statement_size(st) for st in statements) <= cypher.FALKORDB.max_message_bytes
    assert json.loads("".join(_appended(statements, "project:3", "provenance")))[0]["quote"] == "中" * 3000
    assert [a for part in _appended(statements, "project:5", "aliases") for a in part] == aliases
    assert len(list(cypher.upserts(graph.nodes, graph.edges, cypher.NEO4J))) == 1  # Neo4j: one batch


def test_the_budget_is_measured_as_falkordb_composes_the_request():
    st = cypher.Statement("RETURN $a, $b", {"a": "x'", "b": [1, None, True, {"k": "中"}]})
    composed = "CYPHER a='7827' b=[1, NULL, true, {k: 'e4b8ad'}] RETURN $a, $b"
    assert wire.statement_size(st) == len(composed)
    part = cypher.Statement("UNWIND $ids AS id RETURN id", {"ids": ["a", "bc"]})
    empty = wire.statement_size(cypher.Statement(part.text, {"ids": []}))
    assert empty - 2 + sum(wire.item_size(i) for i in ["a", "bc"]) == wire.statement_size(part)


def _all_statements(value: str, part: str | None = None) -> list[cypher.Statement]:
    """Every statement the Bolt store builds, with ``value`` in every place a value goes
    (``part`` as the appended part, which the batching sizes)."""
    part = value if part is None else part
    node = Node(id=value, type="Project", name=value, aliases=[value], attributes={value: value}, provenance=[])
    edge = Edge(source=value, target=value, type="supports", attributes={value: value})
    return [
        *cypher.upserts([node], [edge], cypher.FALKORDB),
        cypher.append_node_text(value, "provenance", part),
        cypher.append_edge_text("supports", value, value, "attributes", part),
        cypher.delete_nodes([value]),
        cypher.delete_edges("supports", [{"source": value, "target": value}]),
        cypher.nodes_by_ids([value], cypher.FALKORDB),
        cypher.node_by_id(value, cypher.FALKORDB),
        cypher.nodes_named(value, cypher.FALKORDB),
        cypher.nodes_of_types(["Project"], cypher.FALKORDB),
        cypher.incident_edges([value], "both", ["supports"], cypher.FALKORDB),
        cypher.node_rest(value, "aliases", 8, cypher.FALKORDB),
        cypher.edge_rest("supports", value, value, "provenance", 16000, cypher.FALKORDB),
        cypher.Statement(cypher.FALKORDB.shortest_path(True, None).text, {"source": value, "target": value}),
    ]


def _literals(value):
    if isinstance(value, dict):
        return [x for k, v in value.items() for x in [("key", k), *_literals(v)]]
    if isinstance(value, list):
        return [x for v in value for x in _literals(v)]
    return [("value", value)]


@pytest.mark.parametrize(
    "value", [v for v in PAYLOADS.values() if len(v) < 800], ids=[k for k, v in PAYLOADS.items() if len(v) < 800]
)
def test_on_falkordb_only_hex_digits_reach_the_parser(value):
    for st in _all_statements(value):
        sent = cypher.FALKORDB.wire(st)
        assert sent.text == st.text  # the template as built: no value in it
        for kind, item in _literals(sent.params):
            if kind == "key":
                assert wire.IDENTIFIER.fullmatch(item), f"{item!r} would be written bare"
            elif isinstance(item, str):
                assert wire.HEX.fullmatch(item), f"{item!r} would be written between quotes as it is"
            else:
                assert item is None or isinstance(item, int), item
        assert cypher.FALKORDB.decode(wire.encode(value)) == value


def test_neo4j_gets_plain_parameters():
    st = cypher.node_by_id("z' //", cypher.NEO4J)
    assert cypher.NEO4J.wire(st).params == {"id": "z' //"} and cypher.NEO4J.decode("z' //") == "z' //"


@pytest.mark.parametrize(
    ("value", "problem"),
    [({"a b": 1}, ValueError), ({"k": 1.5}, TypeError), ({"k": b"x"}, TypeError), ({"k": 2**64}, ValueError)],
)
def test_what_has_no_closed_form_on_falkordb_is_refused(value, problem):
    with pytest.raises(problem):
        cypher.FALKORDB.wire(cypher.Statement("RETURN $p", {"p": value}))


def test_a_statement_is_wired_once():
    sent = cypher.FALKORDB.wire(cypher.node_by_id("x", cypher.FALKORDB))
    with pytest.raises(TypeError, match="wired already"):
        cypher.FALKORDB.wire(sent)


def test_a_request_over_the_budget_is_refused_before_it_is_sent():
    with pytest.raises(StoreError, match="more than falkordb takes"):
        cypher.FALKORDB.wire(cypher.node_by_id("x" * 2000, cypher.FALKORDB))


@pytest.mark.parametrize("value", ["", "a", "中文", "a\x00b", "😀\u2028"])
def test_decoding_refuses_what_plangraph_did_not_encode(value):
    if value:
        assert cypher.FALKORDB.decode(wire.encode(value)) == value
    with pytest.raises(ValueError):
        cypher.FALKORDB.decode(value + "g")
    with pytest.raises(ValueError):
        cypher.FALKORDB.decode("ff")  # not UTF-8


def test_ids_names_and_aliases_beyond_the_limit_are_refused_and_the_longest_fit_everywhere():
    longest = "中" * (cypher.FALKORDB.max_key_bytes // 3)
    assert cypher.FALKORDB.holds(longest) and not cypher.FALKORDB.holds(longest + "x" * 3)
    for st in _all_statements(longest, part="x"):
        assert wire.statement_size(st) <= cypher.FALKORDB.max_message_bytes, st.text
    node = Node(id="project:x", type="Project", name="x", aliases=["y" * 801])
    with pytest.raises(StoreError, match=r"is 801 bytes: falkordb.s Bolt endpoint takes .* at most 800 bytes"):
        list(cypher.upserts([node], [], cypher.FALKORDB))
    assert list(cypher.upserts([node], [], cypher.NEO4J))  # Neo4j takes it


SCRIPT_SERVERS = [
    "falkordb",
    pytest.param("neo4j", marks=pytest.mark.skipif(not neo4j_configured(), reason="NEO4J_URI is not set")),
]
NOT_FOR_FALKORDB = re.compile("[`\x00-\x08\x0b\x0c\x0e-\x1f\u2028\u2029]")
"""What the script writes as ``\\uXXXX`` or doubles inside backticks, which Neo4j reads and FalkorDB's parser does not."""


def _raw_nodes(session) -> dict[str, Node]:
    """The nodes as the script stored them, one property per query (FalkorDB never
    delivers a record over 64 KB, and one node here holds more)."""
    fields = {}
    for prop in ("type", "name", "aliases", "attributes", "provenance"):
        for r in session.run(f"MATCH (n:Node) RETURN n.id AS id, n.{prop} AS value"):
            fields.setdefault(r["id"], {})[prop] = r["value"]
    return {
        node_id: Node(
            id=node_id,
            type=f["type"],
            name=f["name"],
            aliases=f["aliases"],
            attributes=json.loads(f["attributes"]),
            provenance=[Provenance(**p) for p in json.loads(f["provenance"])],
        )
        for node_id, f in fields.items()
    }


@pytest.mark.bolt
@pytest.mark.parametrize("server", SCRIPT_SERVERS)
def test_the_cypher_script_runs_and_keeps_every_hostile_string(server, request):
    """The script is for Neo4j; FalkorDB's parser reads its escapes too (\\\\ \\' \\n \\r \\t), so
    it runs there as well, without the values only Neo4j can read back."""
    store = request.getfixturevalue("cleared") if server == "falkordb" else BoltStore(BoltConfig.from_env())
    names = [*HOSTILE, *PAYLOADS.values()]
    if server == "falkordb":  # and its index finds no id over 4096 bytes, so no edge at one
        names = [n for n in names if not NOT_FOR_FALKORDB.search(n) and len(n.encode()) < 4000]
    graph = hostile_graph(names)
    script = "\n".join(line for line in to_cypher(graph).splitlines() if not line.startswith("//"))
    body = [s.strip() for s in script.split(";\n") if s.strip()]
    assert body[0].startswith("CREATE CONSTRAINT")  # the schema comes first
    try:
        with store.driver.session(database=store.config.database) as session:
            session.run("MATCH (n:Node) DETACH DELETE n").consume()
            for text in body if server == "neo4j" else body[1:]:  # FalkorDB has no constraints
                session.run(text).consume()  # what cypher-shell would send, statement by statement
            back = _raw_nodes(session)
            edges = session.run("MATCH (:Node)-[r]->(:Node) RETURN count(r) AS n").single()["n"]
            session.run("MATCH (n:Node) DETACH DELETE n").consume()
    finally:
        if server == "neo4j":
            store.close()
    assert sorted(back) == sorted(n.id for n in graph.nodes)
    for node in graph.nodes:
        assert back[node.id] == node
    assert edges == len(graph.edges)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a\x00b", "'a\\u0000b'"),
        ("a\x08b", "'a\\u0008b'"),
        ("a\u2028b\u2029", "'a\\u2028b\\u2029'"),
        ("\\' RETURN 1 //", "'\\\\\\' RETURN 1 //'"),
        ({"a`b": 1}, "{`a``b`: 1}"),
    ],
)
def test_literals_of_what_only_neo4j_reads(value, expected):
    assert cypher.literal(value) == expected


def test_the_csv_export_keeps_every_hostile_string(tmp_path):
    graph = hostile_graph()
    nodes, rels, script = to_neo4j_csv(graph, tmp_path)
    with nodes.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0].keys() == {"id:ID", "type", "name", "aliases:string[]", "attributes", "provenance", ":LABEL"}
    command = script.read_text(encoding="utf-8")
    delimiter = command.split("--array-delimiter=")[1].split()[0].strip("'")
    assert delimiter != ";"  # an alias holds a ';', so another delimiter was chosen
    by_id = {r["id:ID"]: r for r in rows}
    for node in graph.nodes:
        row = by_id[node.id]
        assert row["name"] == node.name
        assert row["aliases:string[]"].split(delimiter) == node.aliases
        assert json.loads(row["provenance"])[0]["quote"] == node.provenance[0].quote
        assert row[":LABEL"].split(delimiter) == ["Node", node.type]
    with rels.open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == [":START_ID", ":END_ID", ":TYPE", "attributes", "provenance"]
    assert "neo4j-admin database import full" in command and "--multiline-fields=true" in command
