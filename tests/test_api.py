"""The HTTP API in-process: routes, the error shape, CORS, tokens and uploads."""

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import Settings
from graph.nx_store import NetworkxStore
from graph.sqlite_store import SqliteStore
from tests.conftest import MINI_PLAN, canonical

API = "/api/v1"


@pytest.fixture(scope="module")
def client(tongliao_graph):
    return TestClient(create_app(NetworkxStore.in_memory(tongliao_graph), Settings()))


def test_health_and_stats(client):
    assert client.get(f"{API}/health").json()["status"] == "ok"
    stats = client.get(f"{API}/stats").json()
    assert stats["counts"]["Project"] > 50 and stats["plans"][0]["name"] == "2025年通辽市国民经济和社会发展计划"


def test_list_nodes_with_filters_and_paging(client):
    page = client.get(f"{API}/nodes", params={"type": "Project", "banner": "科区", "limit": 1}).json()
    assert page["total"] == 3 and len(page["items"]) == 1 and page["truncated"]
    aluminium = client.get(f"{API}/nodes", params={"type": "Project", "industry": "铝基新材料产业"}).json()
    assert "锦联55万吨易拉罐" in {n["name"] for n in aluminium["items"]}
    text = client.get(f"{API}/nodes", params={"text": "易拉罐"}).json()
    assert [n["name"] for n in text["items"]] == ["锦联55万吨易拉罐"]


def test_one_node_with_neighbours_and_provenance(client):
    view = client.get(f"{API}/nodes/project:梅花生物25万吨苏氨酸项目").json()
    assert view["node"]["attributes"]["capacity"] == {"value": 25.0, "unit": "万吨"}
    assert "开工建设梅花生物25万吨苏氨酸项目" in view["node"]["provenance"][0]["quote"]
    assert {n["node"]["name"] for n in view["neighbours"]} >= {"梅花生物", "玉米合成生物产业"}


def test_query_routes(client):
    feeds = client.get(f"{API}/feeders", params={"target": "新增新能源并网400万千瓦"}).json()
    assert "光伏帮扶工程" in {f["project"]["name"] for f in feeds["feeds"]}
    chain = client.get(f"{API}/chain", params={"industry": "铝基新材料产业"}).json()
    assert [link["name"] for link in chain["links"]][:2] == ["氧化铝", "电解铝"]
    banner = client.get(f"{API}/banner", params={"banner": "科区"}).json()
    assert banner["banner"]["name"] == "科尔沁区"
    assert client.get(f"{API}/search", params={"q": "kerqin"}).json()["hits"][0]["node"]["name"] == "科尔沁区"
    assert client.get(f"{API}/impacts", params={"project": "光伏帮扶工程"}).status_code == 200
    assert client.get(f"{API}/paths", params={"source": "梅花生物", "target": "科区"}).status_code == 200
    assert client.get(f"{API}/dependencies", params={"node": "科区", "types": "located-in"}).status_code == 200


def test_export_formats(client):
    data = client.get(f"{API}/export", params={"format": "json"})
    assert data.headers["content-type"].startswith("application/json")
    assert "霍林郭勒市" in data.text
    assert client.get(f"{API}/export", params={"format": "graphml"}).text.startswith("<?xml")


def test_the_error_shape_for_an_unknown_id(client):
    response = client.get(f"{API}/nodes/project:没有这个项目")
    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "status": 404,
            "code": "node_not_found",
            "message": "no node 'project:没有这个项目' in the graph",
            "detail": {"id": "project:没有这个项目", "suggestions": []},
        }
    }


def test_a_bad_parameter_is_a_422_that_names_it(client):
    response = client.get(f"{API}/feeders", params={"target": "新增新能源并网400万千瓦", "limit": -1})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "bad_parameter" and "'limit'" in error["message"]


def test_cors_is_closed_by_default_and_configurable(tongliao_graph):
    closed = TestClient(create_app(NetworkxStore.in_memory(tongliao_graph), Settings()))
    headers = {"Origin": "https://plans.example.org"}
    assert "access-control-allow-origin" not in closed.get(f"{API}/health", headers=headers).headers
    opened = TestClient(
        create_app(NetworkxStore.in_memory(tongliao_graph), Settings(cors_origins=["https://plans.example.org"]))
    )
    assert (
        opened.get(f"{API}/health", headers=headers).headers["access-control-allow-origin"]
        == "https://plans.example.org"
    )


@pytest.fixture
def writable(tmp_path):
    store = SqliteStore(tmp_path / "store")
    with TestClient(create_app(store, Settings(api_token="s3cret"))) as client:
        yield store, client


def _upload(client, name, content, token="s3cret"):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(f"{API}/plans", files={"file": (name, content)}, headers=headers)


def test_loading_is_disabled_without_a_configured_token(client):
    response = _upload(client, "plan.txt", MINI_PLAN.encode())
    assert response.status_code == 405  # GET /plans lists them; POST does not exist
    assert set(client.get("/openapi.json").json()["paths"][f"{API}/plans"]) == {"get"}


def test_loading_needs_the_token(writable):
    _, client = writable
    assert _upload(client, "plan.txt", MINI_PLAN.encode(), token=None).status_code == 401
    assert _upload(client, "plan.txt", MINI_PLAN.encode(), token="wrong").status_code == 401


def test_upload_loads_a_plan(writable):
    store, client = writable
    response = _upload(client, "示例.txt", MINI_PLAN.encode("gbk"))
    assert response.status_code == 201, response.text
    # 示例市 is no place: the id is the title with the start of the text's SHA-256
    assert response.json()["plan"].startswith("plan:2025年示例市国民经济和社会发展计划-")
    assert "扎铝二期35万吨电解铝" in {n.name for n in SqliteStore(store.directory).nodes(["Project"])}
    assert "扎铝二期35万吨电解铝" in {
        h["node"]["name"] for h in client.get(f"{API}/search", params={"q": "扎铝"}).json()["hits"]
    }


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("scan.png", b"\x89PNG", "unsupported file type"),
        ("bad.docx", b"PK\x03\x04junk", "not a valid DOCX"),
    ],
)
def test_a_bad_upload_is_a_422_and_changes_nothing(writable, name, content, reason):
    store, client = writable
    _upload(client, "plan.txt", MINI_PLAN.encode())
    before = canonical(store.snapshot()), store.generation()
    response = _upload(client, name, content)
    assert response.status_code == 422
    assert reason in response.json()["error"]["message"] and name in response.json()["error"]["message"]
    assert (canonical(store.snapshot()), store.generation()) == before


def test_openapi_has_chinese_examples_and_descriptions(client):
    schema = client.get("/openapi.json").json()
    feeders = schema["paths"][f"{API}/feeders"]["get"]
    assert feeders["description"].startswith("Every project that feeds a target")
    assert "新增新能源并网400万千瓦" in str(feeders["parameters"])
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            assert operation.get("description"), f"{method.upper()} {path} has no description"
