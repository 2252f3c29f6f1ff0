"""GET /api/v1/evidence: a quote as a whole sentence in its paragraph, under its section and task."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import Settings
from graph.nx_store import NetworkxStore
from graph.sqlite_store import SqliteStore
from loaders.read import read_text
from queries.evidence import paragraph_around, sentence_around

API = "/api/v1"
PLAN = "plan:2025年通辽市计划报告"


@pytest.fixture(scope="module")
def client(tmp_path_factory, tongliao, tongliao_path):
    """The embedded store as ``plangraph load`` leaves it: the plan and its text."""
    store = SqliteStore(tmp_path_factory.mktemp("evidence"))
    store.load_plans([tongliao], texts={tongliao[0]: read_text(tongliao_path)})
    return TestClient(create_app(store, Settings()))


@pytest.fixture(scope="module")
def without_text(tongliao_graph):
    return TestClient(create_app(NetworkxStore.in_memory(tongliao_graph), Settings()))


def _hop_of(client, project: str) -> dict:
    view = client.get(f"{API}/nodes/project:{project}").json()
    edge = next(n["edge"] for n in view["neighbours"] if n["edge"]["type"] == "supports" and n["direction"] == "out")
    return edge["provenance"][0]


def test_a_clipped_quote_comes_back_as_its_whole_sentence(client):
    p = _hop_of(client, "扎铝二期35万吨电解铝")
    e = client.get(f"{API}/evidence", params={"plan": PLAN, "start": p["start"], "end": p["end"]}).json()
    assert e["quote"] == p["quote"]  # today cut mid-word ("…创源3"), the case this route is for
    assert e["sentence"]["text"] == (
        "积极承接国内电解铝、氧化铝产能转移,力促扎铝二期35万吨电解铝、锦联55万吨易拉罐、创银高纯铝及深加工等项目建成投产,"
        "推进创新20万吨轻质高强高韧铝合金、创源30万吨高精铝合金等项目开工建设。"
    )
    s, para = e["sentence"], e["paragraph"]
    assert para["start"] <= s["start"] <= e["start"] < e["end"] <= s["end"] <= para["end"]
    assert para["text"].startswith("推动传统产业转型升级。") and s["text"] in para["text"]
    assert e["section"]["name"] == "推进三次产业协调发展,加快产业转型升级"
    assert e["task"]["name"] == "推动铝基新材料产业产值超千亿" and e["task"]["type"] == "Task"
    assert e["plan"] == {"id": PLAN, "type": "Plan", "name": "2025年通辽市国民经济和社会发展计划", "corrected": False}


def test_the_task_is_the_innermost_heading_of_the_same_section(client):
    text = client.get(f"{API}/evidence", params={"plan": PLAN, "start": 7904, "end": 7947}).json()
    assert text["task"]["name"] == "提高基础设施保障能力"
    assert text["section"]["name"] == "统筹城乡融合发展,促进城乡共同繁荣"
    before_any_section = client.get(f"{API}/evidence", params={"plan": PLAN, "start": 120, "end": 130}).json()
    assert before_any_section["section"] is None and before_any_section["task"] is None


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"plan": "plan:没有这个计划", "start": 0, "end": 5}, 404, "node_not_found"),
        ({"plan": "project:锦联55万吨易拉罐", "start": 0, "end": 5}, 404, "node_not_found"),
        ({"plan": PLAN, "start": 5, "end": 999_999}, 422, "bad_parameter"),
        ({"plan": PLAN, "start": 9, "end": 9}, 422, "bad_parameter"),
        ({"plan": PLAN, "start": -1, "end": 5}, 422, "bad_parameter"),
    ],
)
def test_unknown_plans_and_offsets_outside_the_text(client, params, status, code):
    response = client.get(f"{API}/evidence", params=params)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["status"] == status and error["code"] == code and error["message"]


def test_a_store_without_the_text_answers_404_in_the_error_shape(without_text):
    response = without_text.get(f"{API}/evidence", params={"plan": PLAN, "start": 0, "end": 5})
    assert response.status_code == 404
    assert response.json() == {
        "error": {"status": 404, "code": "not_found", "message": f"no text stored for plan '{PLAN}'", "detail": None}
    }


@pytest.mark.parametrize(
    ("text", "start", "end", "sentence", "paragraph"),
    [
        ("甲。乙丙丁。戊", 3, 4, "乙丙丁。", "甲。乙丙丁。戊"),
        ("甲。\n乙丙丁\n戊。", 4, 5, "乙丙丁", "乙丙丁"),  # a line without an end mark is its own sentence
        ("说“好。”然后。", 0, 2, "说“好。”", "说“好。”然后。"),  # the closing quote stays with its sentence
        ("甲。乙。丙。", 1, 4, "甲。乙。", "甲。乙。丙。"),  # a quote over two sentences gets both
    ],
)
def test_sentences_and_paragraphs_around_a_span(text, start, end, sentence, paragraph):
    assert sentence_around(text, start, end).text == sentence
    assert paragraph_around(text, start, end).text == paragraph
