"""Corrections on the page in a real browser: what an officer corrected is marked on the
graph (tests/browser.py says what it needs and what fails a test)."""

from __future__ import annotations

import json
import urllib.request

import pytest

from tests import browser as kit
from tests.browser import TOKEN, api, show

browser, token_service, token_page = kit.browser, kit.token_service, kit.token_page  # fixtures
pytestmark = pytest.mark.browser

TARGET = "target:2025年通辽市国民经济和社会发展计划/新增新能源并网400万千瓦"
THREONINE = "梅花生物25万吨苏氨酸项目"


def corrections(base: str) -> list[dict]:
    return api(base, "/corrections")["entries"]


@pytest.fixture(autouse=True)
def undo_all(request):
    """Each test starts from the extracted graph: its corrections are undone after it."""
    yield
    if "token_page" not in request.fixturenames:
        return
    base = request.getfixturevalue("token_service")
    for entry in corrections(base):
        req = urllib.request.Request(
            f"{base}/api/v1/corrections/{entry['correction']['id']}",
            method="DELETE",
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        urllib.request.urlopen(req).close()


def post(base: str, body: dict) -> dict:
    """A correction made outside the page (as ``curl`` or another officer's page would)."""
    req = urllib.request.Request(
        f"{base}/api/v1/corrections",
        data=json.dumps(body, ensure_ascii=False).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req) as response:
        return json.load(response)


def test_corrections_made_elsewhere_are_marked_on_the_graph(token_page, token_service):
    why = {"why": "项目库核对", "who": "王科长"}
    post(
        token_service,
        {
            "op": "add-edge",
            "source": THREONINE,
            "target": TARGET,
            "edge_type": "supports",
            "note": "项目库第12项",
            **why,
        },
    )
    post(
        token_service,
        {"op": "rename", "node": "project:国家第三批120万千瓦风电大基地", "name": "国家第三批风电大基地", **why},
    )
    show(token_page, "target", TARGET)
    marked = token_page.evaluate("""() => window.plangraph.cy.elements('[?corrected]').map(e =>
        [e.isNode() ? e.data('name') : e.source().data('name') + ' → ' + e.data('label'),
         e.isNode() ? e.style('outline-style') : e.style('line-style')])""")
    assert sorted(marked) == [["国家第三批风电大基地", "dashed"], [f"{THREONINE} → 支撑·更正", "dashed"]]
    assert not token_page.evaluate("window.plangraph.cy.getElementById('project:光伏帮扶工程').data('corrected')")
    assert "审阅更正" in token_page.inner_text("#edge-legend")
    assert "2 处来自审阅更正" in token_page.inner_text("#summary")
