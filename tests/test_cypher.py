"""The Cypher builders (statements and parameters), the two dialects, and the exports
with hostile names."""

from __future__ import annotations

import csv
import json

import pytest

from graph import cypher
from graph.neo4j_export import to_cypher, to_neo4j_csv
from graph.records import Edge, Graph, Node, Provenance

HOSTILE = [
    'O\'Brien "引号"',
    "back\\slash \\n not a newline",
    "line1\nline2\ttab",
    "$price $rows",
    "😀 emoji",
    "中文名称",
]


def hostile_graph() -> Graph:
    prov = [Provenance(plan="plan:测试", quote="「引用」'单引号' \\ $x\n😀", start=0, end=9)]
    nodes = [
        Node(
            id=f"project:{name}",
            type="Project",
            name=name,
            aliases=[name + "别名", "a;b"],
            attributes={"capacity": {"value": 1.5, "unit": "万吨"}, "status": name},
            provenance=prov,
        )
        for name in HOSTILE
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
    both = cypher.incident_edges(["a"], "both", ["supports"])
    assert " UNION ALL " in both.text and both.params == {"ids": ["a"], "types": ["SUPPORTS"]}
    assert cypher.incident_edges(["a"], "in", None).params["types"] is None


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


def test_inline_never_reads_a_parameter_inside_a_value():
    st = cypher.merge_nodes("Project", [{"id": "$rows", "props": {"name": "$rows"}}])
    assert cypher.inline(st).count("$rows") == 2  # the two values, written as literals


def test_writes_fit_the_falkordb_budget_even_for_a_huge_node():
    long = Provenance(plan="plan:x", quote="中" * 3000)
    graph = Graph(
        nodes=[
            Node(id=f"project:{i}", type="Project", name=str(i), provenance=[long] if i == 3 else []) for i in range(40)
        ]
    )
    statements = list(cypher.upserts(graph.nodes, graph.edges, cypher.FALKORDB))
    sizes = [len(json.dumps(st.params, ensure_ascii=False).encode()) for st in statements]
    assert max(sizes) <= cypher.FALKORDB.max_message_bytes
    appended = "".join(st.params["part"] for st in statements if "n.provenance = n.provenance +" in st.text)
    assert json.loads(appended)[0]["quote"] == "中" * 3000
    assert len(list(cypher.upserts(graph.nodes, graph.edges, cypher.NEO4J))) == 1  # Neo4j: one batch


@pytest.mark.bolt
def test_the_cypher_script_runs_and_keeps_every_hostile_string(cleared):
    graph = hostile_graph()
    script = "\n".join(line for line in to_cypher(graph).splitlines() if not line.startswith("//"))
    body = [s.strip() for s in script.split(";\n") if s.strip()]
    assert body[0].startswith("CREATE CONSTRAINT")  # the schema comes first
    for text in body[1:]:
        cleared._write([cypher.Statement(text)])  # what cypher-shell would send, statement by statement
    back = cleared.snapshot()
    assert sorted(n.name for n in back.nodes) == sorted(n.name for n in graph.nodes)
    by_id = {n.id: n for n in back.nodes}
    for node in graph.nodes:
        assert by_id[node.id].model_dump() == node.model_dump()
    assert len(back.edges) == len(graph.edges)


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
