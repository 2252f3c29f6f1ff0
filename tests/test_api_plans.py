"""The HTTP API with several plans: GET /plans, ``plan=`` on the query routes, the 409 of a
name two plans use, did-you-mean in a 404, and the routes the page asked for (the token
check, ``writable``, a correction's status, the relations table, correction marks)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import Settings
from graph.overlay import CorrectedStore
from graph.sqlite_store import SqliteStore
from loaders.pipeline import read_plan

API = "/api/v1"
P25, P26 = "plan:2025年通辽市计划报告", "plan:2026年通辽市计划报告"
TASK = "筑牢生态安全屏障"
TARGET = "新增新能源并网400万千瓦"
TOKEN = "s3cret"


@pytest.fixture(scope="module")
def two_plans(tongliao, tongliao_path, tmp_path_factory):
    """A store with the bundled plan and a copy of it retitled 2026 (the same names in both)."""
    directory = tmp_path_factory.mktemp("two-plans")
    copy = directory / "tongliao_2026.txt"
    copy.write_text(tongliao_path.read_text(encoding="utf-8").replace("2025年通辽市", "2026年通辽市"), encoding="utf-8")
    db = SqliteStore(directory / "store")
    db.load_plans([tongliao, read_plan(copy)], texts={P25: tongliao_path.read_text(encoding="utf-8")})
    db.close()
    return directory / "store"


def _client(directory, token=None):
    base = SqliteStore(directory)
    return TestClient(create_app(CorrectedStore.in_directory(base, directory), Settings(api_token=token)))


@pytest.fixture(scope="module")
def client(two_plans):
    with _client(two_plans) as c:
        yield c


@pytest.fixture
def writer(two_plans, tmp_path):
    """A service with a token over a store of its own (its corrections go nowhere else)."""
    import shutil

    directory = tmp_path / "store"
    shutil.copytree(two_plans, directory)
    with _client(directory, TOKEN) as c:
        yield c


AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_the_plans_are_listed(client):
    listed = client.get(f"{API}/plans").json()
    assert [p["id"] for p in listed["plans"]] == [P26, P25]
    assert listed["plans"][1] == {
        "id": P25,
        "title": "2025年通辽市国民经济和社会发展计划",
        "region": "通辽市",
        "year": 2025,
        "kind": "计划报告",
        "source": "tongliao_2025_plan.txt",
        "has_text": True,
    }
    assert listed["plans"][0]["has_text"] is False  # loaded without its text
    assert [p["id"] for p in client.get(f"{API}/plans", params={"year": 2026}).json()["plans"]] == [P26]


def test_a_name_of_two_plans_is_a_409_listing_both_plans(client):
    response = client.get(f"{API}/nodes/{TASK}")
    assert response.status_code == 409
    detail = response.json()["error"]["detail"]
    assert detail["plans"] == {
        f"task:2025年通辽市计划报告/{TASK}": [P25],
        f"task:2026年通辽市计划报告/{TASK}": [P26],
    }
    assert sorted(detail["candidates"]) == sorted(detail["plans"])


@pytest.mark.parametrize("plan", [P25, P26, "2026年通辽市计划报告", "2025年通辽市国民经济和社会发展计划"])
def test_the_plan_parameter_resolves_the_name(client, plan):
    node = client.get(f"{API}/nodes/{TASK}", params={"plan": plan}).json()["node"]
    year = "2026" if "2026" in plan else "2025"
    assert node["id"] == f"task:{year}年通辽市计划报告/{TASK}"
    assert {p["plan"] for p in node["provenance"]} == {f"plan:{year}年通辽市计划报告"}


ROUTES = [
    ("/feeders", {"target": TARGET}),
    ("/impacts", {"project": "扎铝二期35万吨电解铝"}),
    ("/dependencies", {"node": TASK}),
    ("/paths", {"source": "梅花生物", "target": TARGET}),
    ("/chain", {"industry": "铝基新材料产业"}),
    ("/banner", {"banner": "科区"}),
    ("/search", {"q": "筑牢"}),
    ("/nodes", {"type": "Target", "text": "并网"}),
    ("/stats", {}),
    ("/tables/feeds", {"target": TARGET}),
    ("/tables/targets", {}),
    ("/tables/node", {"node": TASK}),
    ("/export", {"format": "json"}),
]


@pytest.mark.parametrize(("path", "params"), ROUTES, ids=[r[0] for r in ROUTES])
def test_every_query_route_takes_a_plan(client, path, params):
    scoped = client.get(f"{API}{path}", params={**params, "plan": P26})
    assert scoped.status_code == 200, scoped.text
    assert "2025年通辽市" not in scoped.text, f"{path} scoped to 2026 names the 2025 plan"
    assert "2026年通辽市" in scoped.text or path in ("/impacts", "/chain", "/banner", "/paths")


def test_a_plan_that_is_not_loaded_is_a_404_with_the_nearest(client):
    error = client.get(f"{API}/feeders", params={"target": TARGET, "plan": "2027年通辽市计划报告"}).json()["error"]
    assert error["code"] == "node_not_found" and error["message"].startswith("no plan '2027年通辽市计划报告'")
    assert {s["id"] for s in error["detail"]["suggestions"]} == {P25, P26}


def test_an_unknown_name_suggests_the_nearest(client):
    response = client.get(f"{API}/feeders", params={"target": "新增新能源并网500万千瓦"})
    assert response.status_code == 404
    detail = response.json()["error"]["detail"]
    assert [(s["name"], s["plan"]) for s in detail["suggestions"]] == [(TARGET, P25), (TARGET, P26)]
    scoped = client.get(f"{API}/feeders", params={"target": "新增新能源并网500万千瓦", "plan": P26}).json()["error"]
    assert scoped["detail"]["plan"] == P26
    assert [s["id"] for s in scoped["detail"]["suggestions"]] == [f"target:2026年通辽市计划报告/{TARGET}"]
    assert scoped["message"] == f"no node '新增新能源并网500万千瓦' in {P26}; did you mean {TARGET}?"


@pytest.mark.parametrize(
    ("asked", "meant"),
    [
        ("锦联55万吨易拉灌", "锦联55万吨易拉罐"),
        ("kerqin", "科尔沁区"),
        ("project:锦连55万吨易拉罐", "锦联55万吨易拉罐"),
    ],
)
def test_did_you_mean_forgives_a_wrong_character_pinyin_and_ids(client, asked, meant):
    error = client.get(f"{API}/nodes/{asked}").json()["error"]
    assert meant in [s["name"] for s in error["detail"]["suggestions"]]
    assert "did you mean" in error["message"]


def test_hits_of_one_name_say_their_plans(client):
    hits = client.get(f"{API}/search", params={"q": TASK}).json()["hits"]
    assert sorted(h["plan"] for h in hits if h["node"]["name"] == TASK) == [P25, P26]


def test_the_auth_route_checks_the_token(writer, client):
    assert writer.get(f"{API}/auth", headers=AUTH).status_code == 204
    assert writer.get(f"{API}/auth", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert writer.get(f"{API}/auth").status_code == 401
    assert client.get(f"{API}/auth").status_code == 404  # no token configured: no such route


def test_corrections_say_whether_they_can_be_made(writer, client):
    assert writer.get(f"{API}/corrections").json()["writable"] is True
    assert client.get(f"{API}/corrections").json()["writable"] is False


def test_a_correction_answers_its_status_and_a_new_nodes_id(writer):
    body = {"op": "add-node", "type": "Project", "name": "示例光伏电站", "note": "项目库第12项", "plan": P26}
    made = writer.post(f"{API}/corrections", json=body, headers=AUTH).json()
    assert made["op"] == "add-node" and made["name"] == "示例光伏电站" and made["id"].startswith("fix-")
    assert made["status"] == {"id": made["id"], "op": "add-node", "state": "applied", "detail": "project:示例光伏电站"}
    assert made["node_id"] == "project:示例光伏电站"
    deleted = writer.post(f"{API}/corrections", json={"op": "delete-node", "node": "科区"}, headers=AUTH).json()
    assert deleted["status"]["state"] == "applied" and "node_id" not in deleted
    assert writer.get(f"{API}/nodes/project:示例光伏电站", params={"plan": P26}).status_code == 200
    assert writer.get(f"{API}/nodes/project:示例光伏电站", params={"plan": P25}).status_code == 404


def test_chain_and_banner_entries_say_an_officer_placed_them(writer):
    for body in (
        {"op": "add-edge", "source": "梅花生物25万吨苏氨酸项目", "target": "铝基新材料产业", "edge_type": "supports"},
        {"op": "add-edge", "source": "锦联55万吨易拉罐", "target": "科尔沁区", "edge_type": "located-in"},
    ):
        assert writer.post(f"{API}/corrections", json={**body, "note": "核对"}, headers=AUTH).status_code == 201
    chain = writer.get(f"{API}/chain", params={"industry": "铝基新材料产业", "plan": P25}).json()
    origin = {p["project"]["name"]: p["origin"] for p in chain["unplaced"]}
    assert origin["梅花生物25万吨苏氨酸项目"].startswith("correction:")
    placed = {p["project"]["name"]: p["origin"] for link in chain["links"] for p in link["projects"]}
    assert placed["锦联55万吨易拉罐"] == "text"
    banner = writer.get(f"{API}/banner", params={"banner": "科尔沁区"}).json()
    origin = {p["project"]["name"]: p["origin"] for p in banner["projects"]}
    assert origin["锦联55万吨易拉罐"].startswith("correction:") and origin["科尔沁区低空制造科技产业园"] == "text"


def test_the_feeds_table_says_where_each_pair_comes_from(writer):
    body = {"op": "add-edge", "source": "梅花生物25万吨苏氨酸项目", "target": f"target:2025年通辽市计划报告/{TARGET}"}
    made = writer.post(f"{API}/corrections", json={**body, "edge_type": "supports", "note": "核对"}, headers=AUTH)
    assert made.status_code == 201
    table = writer.get(f"{API}/tables/feeds", params={"target": TARGET, "plan": P25}).json()
    assert {"origin": "来源", "plan": "计划"}.items() <= {c["key"]: c["title"] for c in table["columns"]}.items()
    origin = {r["project"]: r["origin"] for r in table["rows"]}
    assert origin["梅花生物25万吨苏氨酸项目"] == "更正" and origin["光伏帮扶工程"] == "文本"
    assert {r["plan"] for r in table["rows"]} == {P25}


def test_the_relations_table_of_a_node(client):
    table = client.get(f"{API}/tables/node", params={"node": "梅花生物", "plan": P25}).json()
    assert [c["title"] for c in table["columns"]][:5] == ["方向", "关系", "相邻节点", "类型", "引文"]
    [row] = table["rows"]
    assert (row["direction"], row["edge"], row["neighbour"], row["type"]) == (
        "指向",
        "承担",
        "梅花生物25万吨苏氨酸项目",
        "项目",
    )
    assert "开工建设梅花生物25万吨苏氨酸项目" in row["quote"] and row["plan"] == P25
    csv = client.get(f"{API}/tables/node", params={"node": "梅花生物", "format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv") and "相邻节点" in csv.content.decode("utf-8-sig")


def test_kept_answers_are_kept_per_plan(client):
    """The served copy keeps the JSON of its answers, one budget for every plan's view: an
    answer of the whole graph is never served for a plan, nor one plan's for another."""
    whole = client.get(f"{API}/banner", params={"banner": "科区"}).text
    assert "2025年通辽市" in whole and "2026年通辽市" in whole
    for plan, other in ((P25, "2026年通辽市"), (P26, "2025年通辽市")):
        for _ in range(2):  # asked, then kept
            assert other not in client.get(f"{API}/banner", params={"banner": "科区", "plan": plan}).text
    assert client.get(f"{API}/banner", params={"banner": "科区"}).text == whole
    view = client.app.state.store.current()
    assert view.derived["answers"].used > 0
