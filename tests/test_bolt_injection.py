"""Hostile strings through every read and write of the Bolt store, on the session's
FalkorDB (which writes parameters into the query text unescaped) and on Neo4j when
NEO4J_URI is set; the embedded store runs the same table as the reference.

Every payload goes in as a node id, a name, an alias, an attribute key and value, a
provenance quote and a plan id, by ``write_plan`` and by ``push``; each case checks that
the values come back exactly and that the graph is otherwise unchanged afterwards. The
same payloads as lookup values must find nothing and change nothing."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from graph.bolt_store import BoltConfig, BoltStore
from graph.exceptions import StoreError
from graph.nx_store import NetworkxStore
from graph.records import Edge, Graph, Node, Provenance
from graph.sqlite_store import SqliteStore
from tests.conftest import neo4j_configured, serving

pytestmark = pytest.mark.bolt

REQUEST = "z' y=1 MATCH (n:Node) DETACH DELETE n RETURN 1 //"
"""The path of one unauthenticated GET that emptied a FalkorDB-backed graph."""

PAYLOADS = {
    "single quote": "O'Brien",
    "double quote": 'say "引号"',
    "backslash": "back\\slash",
    "a\\b": "a\\b",
    "trailing backslash": "ends in \\",
    "backslash quote": "\\' RETURN 1 //",
    "line comment": "a // b",
    "block comment end": "a */ b",
    "block comment start": "a /* b",
    "dollar": "$x $rows",
    "open brace": "{",
    "close brace": "}",
    "backtick": "`n`",
    "NUL": "a\x00b",
    "newline": "a\nb",
    "carriage return": "a\rb",
    "U+2028": "a\u2028b",
    "U+2029": "a\u2029b",
    "emoji": "😀 𠀀 non-BMP",
    "10 KB": ("长'\\" * 1024 + "x" * 10240)[:10240],
    "the request": REQUEST,
}
ROLES = ("id", "name", "alias", "attribute", "quote", "plan")
KEYS = ("id", "name", "alias")  # the roles in which a value is looked up by equality

STORES = [
    "networkx",
    "falkordb",
    pytest.param("neo4j", marks=pytest.mark.skipif(not neo4j_configured(), reason="NEO4J_URI is not set")),
]

BASE_PLAN = "plan:基础"
HOSTILE_PLAN = "plan:注入"


def _prov(plan: str = BASE_PLAN, quote: str = "基础引文") -> list[Provenance]:
    return [Provenance(plan=plan, quote=quote, start=0, end=len(quote))]


BASE = Graph(
    nodes=[
        Node(id="banner:科尔沁区", type="Banner", name="科尔沁区", aliases=["科区"], provenance=_prov()),
        Node(id="industry:铝基新材料产业", type="Industry", name="铝基新材料产业", provenance=_prov()),
        Node(
            id="project:扎铝二期",
            type="Project",
            name="扎铝二期",
            attributes={"capacity": {"value": 35.0, "unit": "万吨"}},
            provenance=_prov(),
        ),
    ],
    edges=[
        Edge(source="project:扎铝二期", target="banner:科尔沁区", type="located-in", provenance=_prov()),
        Edge(source="project:扎铝二期", target="industry:铝基新材料产业", type="supports", provenance=_prov()),
    ],
)


def hostile(role: str, value: str) -> tuple[str, Graph, Node]:
    """A plan that puts ``value`` in one role: its id, the graph it writes, and the hostile node."""
    plan = value if role == "plan" else HOSTILE_PLAN
    quote = value if role == "quote" else "注入引文"
    prov = _prov(plan, quote)
    node = Node(
        id=value if role == "id" else f"project:注入{role}",
        type="Project",
        name=value if role == "name" else f"注入{role}",
        aliases=[value, "注入别名"] if role == "alias" else [],
        attributes={"note": value, value: "键", "nested": {value: [value, 1]}} if role == "attribute" else {},
        provenance=prov,
    )
    attributes = {"link": value} if role == "attribute" else {}
    edges = [
        Edge(source=node.id, target="banner:科尔沁区", type="located-in", attributes=attributes, provenance=prov),
        Edge(source="project:扎铝二期", target=node.id, type="upstream-of", attributes=attributes, provenance=prov),
    ]
    return plan, Graph(nodes=[node], edges=edges), node


def canonical(graph: Graph) -> str:
    nodes = sorted((n.model_dump() for n in graph.nodes), key=lambda n: n["id"])
    edges = sorted((e.model_dump() for e in graph.edges), key=lambda e: (e["source"], e["target"], e["type"]))
    return json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False, sort_keys=True)


@pytest.fixture(scope="module", params=STORES)
def store(request, tmp_path_factory):
    if request.param == "networkx":
        s = SqliteStore(tmp_path_factory.mktemp("injection"))
    elif request.param == "falkordb":
        s = BoltStore(BoltConfig(request.getfixturevalue("falkordb"), "falkordb", ""))
    else:
        s = BoltStore(BoltConfig.from_env())
    if isinstance(s, BoltStore):
        s.clear()  # FalkorDB's Bolt endpoint ignores database names: one shared graph
    s.kind = request.param
    s.write_plan(BASE_PLAN, BASE)
    yield s
    s.close()


def reset(store) -> None:
    """Back to BASE after a case that failed half-way (FalkorDB applies each statement at once)."""
    if isinstance(store, BoltStore):
        store.clear()
    else:
        for plan in {p.plan for n in store.snapshot().nodes for p in n.provenance} - {BASE_PLAN}:
            store.write_plan(plan, Graph())
    store.write_plan(BASE_PLAN, BASE)


@pytest.fixture
def base(store):
    """The store holding exactly BASE; checked unchanged after the case."""
    try:
        clean = canonical(store.snapshot()) == canonical(BASE)
    except Exception:  # an earlier case left what cannot even be read
        clean = False
    if not clean:
        reset(store)
    yield store
    after = store.snapshot()
    assert after.counts() == BASE.counts(), "the case left the node and edge counts changed"
    assert canonical(after) == canonical(BASE), "the case left the graph changed"


def refused(store, role: str, value: str) -> str | None:
    """What a store refuses, with the words of its error: FalkorDB's Bolt endpoint
    composes every request in a 4 KB buffer, so an id, name or alias too long to travel
    in one request is refused; SQLite reads a NUL as the end of a string in the lists
    its lookups take, so the embedded store refuses an id (or a plan id) that holds one."""
    if store.kind == "falkordb" and role in KEYS and len(value.encode()) > 800:
        return "800 bytes"
    if store.kind == "networkx" and role in ("id", "plan") and "\x00" in value:
        return "NUL"
    return None


def answers(store, node: Node) -> dict[str, object]:
    """What every read of the store says about the hostile node and its neighbourhood."""
    closure = store.closure(node.id, "both", None, 2, 100)
    return {
        "node": store.node(node.id),
        "named": sorted(n.id for n in store.named(node.name)),
        "aliases": [sorted(n.id for n in store.named(a)) for a in node.aliases],
        "out": store.edges(node.id, "out"),
        "in": store.edges(node.id, "in"),
        "both": store.edges(node.id, "both", ["located-in", "upstream-of"]),
        "none": store.edges(node.id, "both", []),
        "by id": store.nodes_by_id([node.id, "banner:科尔沁区", "project:没有"]),
        "incident": store.incident([node.id, "banner:科尔沁区"], "in", None),
        "projects": sorted(store.nodes(["Project"]), key=lambda n: n.id),  # no store promises an order
        "closure": (canonical(closure), closure.truncated),
        "path to": store.paths("project:扎铝二期", node.id, None, True, 3, 5),
        "path from": store.paths(node.id, "industry:铝基新材料产业", None, False, 3, 5),
    }


@pytest.mark.parametrize("how", ["write_plan", "push"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("value", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_a_hostile_value_round_trips_and_leaves_the_rest_alone(base, role, value, how):
    if how == "push" and not isinstance(base, BoltStore):
        pytest.skip("push is a write of the Bolt store only")
    plan, graph, node = hostile(role, value)
    expected = NetworkxStore.in_memory(BASE)
    expected.write_plan(plan, graph)
    if (words := refused(base, role, value)) is not None:
        with pytest.raises(StoreError, match=words):
            base.write_plan(plan, graph) if how == "write_plan" else base.push(graph)
        return
    try:
        base.write_plan(plan, graph) if how == "write_plan" else base.push(graph)
        assert canonical(base.snapshot()) == canonical(expected.snapshot()), "the values did not round-trip"
        assert base.node(node.id) == node
        assert node.id in {n.id for n in base.named(node.name)}
        assert all(node.id in {n.id for n in base.named(a)} for a in node.aliases)
        assert answers(base, node) == answers(expected, node)
    finally:
        base.write_plan(plan, Graph())  # the base fixture checks the graph is BASE again


LOOKUPS = {
    "node": (lambda s, v: s.node(v), None),
    "named": (lambda s, v: s.named(v), []),
    "edges": (lambda s, v: [s.edges(v, d) for d in ("in", "out", "both")], [[], [], []]),
    "nodes_by_id": (lambda s, v: s.nodes_by_id([v, "project:没有"]), {}),
    "incident": (lambda s, v: s.incident([v, v + "2"], "both", ["supports"]), []),
    "closure": (lambda s, v: s.closure(v, "both", None, 3, 10).nodes, []),
    "paths": (
        lambda s, v: [
            s.paths(v, "banner:科尔沁区", None, True, 3, 5),
            s.paths("project:扎铝二期", v, None, False, 3, 5),
        ],
        [([], False), ([], False)],
    ),
}


@pytest.mark.parametrize("lookup", LOOKUPS, ids=LOOKUPS.keys())
@pytest.mark.parametrize("value", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_a_hostile_lookup_finds_nothing_and_changes_nothing(base, value, lookup):
    ask, nothing = LOOKUPS[lookup]
    assert ask(base, value) == nothing


def test_the_request_that_emptied_the_graph_is_a_clean_404(cleared, falkordb_env, tmp_path):
    with serving(tmp_path / "serve.log", "--neo4j", falkordb_env["NEO4J_URI"], env=falkordb_env) as url:
        before = canonical(cleared.snapshot())
        replies = {}
        for name, value in PAYLOADS.items():
            if name == "10 KB":
                continue  # longer than a request line may be
            try:
                urllib.request.urlopen(f"{url}/api/v1/nodes/{urllib.parse.quote(value, safe='')}", timeout=10)
            except urllib.error.HTTPError as exc:
                replies[name] = (exc.code, json.load(exc)["error"])
        after = canonical(cleared.snapshot())
    assert json.loads(after)["nodes"], "the served graph is empty"
    assert after == before, "a request changed the graph"
    assert set(replies) == set(PAYLOADS) - {"10 KB"}, "a hostile id was answered as if it named a node"
    assert replies["the request"] == (
        404,
        {
            "status": 404,
            "code": "node_not_found",
            "message": f"no node '{REQUEST}' in the graph",
            "detail": {"id": REQUEST, "suggestions": []},
        },
    )
    for name, (status, error) in replies.items():
        # a path with a line break matches no route ({node_id:path} stops there): still a clean 404
        assert status == 404 and error["code"] == ("not_found" if "\n" in PAYLOADS[name] else "node_not_found"), name


# -- FalkorDB's other limits: a record over 64 KB never arrives; values it was not given encoded
def test_a_node_larger_than_one_record_reads_back_whole(cleared):
    """FalkorDB sends each record as one Bolt chunk: one over 64 KB hangs the reader.
    Long properties are read in windows; the read runs in a thread to fail, not hang."""
    big = Node(
        id="project:大",
        type="Project",
        name="大",
        aliases=[f"别名{i}" + "长" * 80 for i in range(20)],
        attributes={"note": "注'\\" * 4000},
        provenance=[Provenance(plan="plan:大", quote="引" * 12000, start=0, end=12000)],
    )
    edge = Edge(
        source=big.id, target=big.id, type="part-of", attributes={"link": "链" * 12000}, provenance=big.provenance
    )
    cleared.write_plan("plan:大", Graph(nodes=[big], edges=[edge]))
    got = []
    reader = threading.Thread(
        target=lambda: got.append((cleared.node(big.id), cleared.edges(big.id, "out"), cleared.snapshot())),
        daemon=True,  # a reader stuck on the server must not keep the test session alive
    )
    reader.start()
    reader.join(timeout=60)
    assert got, "the read did not finish in 60 s"
    [(node, edges, snapshot)] = got
    assert node == big and edges == [edge] and snapshot == Graph(nodes=[big], edges=[edge])


def test_a_graph_not_written_by_plangraph_is_reported_not_misread(cleared):
    with cleared.driver.session() as session:
        session.run(
            "CREATE (:Node {id: 'project:旧', type: 'Project', name: '旧', aliases: [], attributes: '{}', provenance: '[]'})"
        ).consume()
    with pytest.raises(StoreError, match=r"holds a value plangraph did not write .*: clear its graph and push again"):
        cleared.snapshot()
    cleared.clear()
