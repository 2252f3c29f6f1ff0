"""Review mode in a real browser: corrections made from the panel with the token, marked
on the graph and in the panel, listed with undo; a wrong token's 401; and, on a service
started without a token, the list read-only with no write controls (tests/browser.py says
what it needs and what fails a test)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request

import pytest

from tests import browser as kit
from tests.browser import INDUSTRY, ROOT, TOKEN, api, click_node, id_of, names, pick, show, tap_edge
from tests.conftest import serving

browser, token_service, token_page = kit.browser, kit.token_service, kit.token_page  # fixtures
pytestmark = pytest.mark.browser

TARGET = "target:2025年通辽市计划报告/新增新能源并网400万千瓦"
SOLAR = "project:光伏帮扶工程"
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


def review(page, token: str = TOKEN) -> None:
    """Turn review mode on and type the token in, as an officer would."""
    page.click("#review-toggle")
    page.fill("#token", token)
    page.click("#token-form button[type=submit]")
    page.wait_for_selector("#token-clear")


def sent(page) -> list[dict]:
    """The bodies the page POSTs to /corrections, as they leave it."""
    bodies: list[dict] = []
    page.on(
        "request",
        lambda r: (
            bodies.append({"auth": r.headers.get("authorization"), **r.post_data_json})
            if r.method == "POST" and r.url.endswith("/api/v1/corrections")
            else None
        ),
    )
    return bodies


def open_panel(page, node_id: str) -> None:
    """Bring a node into sight (as a user pans), click it, wait for its panel and its review section."""
    page.evaluate("id => { window.plangraph.cy.center(window.plangraph.cy.getElementById(id)); }", node_id)
    click_node(page, node_id)
    name = page.evaluate("id => window.plangraph.cy.getElementById(id).data('name')", node_id)
    page.wait_for_function(
        "n => document.querySelector('#panel h2')?.textContent === n && document.querySelector('#panel .review')",
        arg=name,
    )


def correct(page, node_id: str, op: str, fill: dict[str, str], why: str = "核对项目库", who: str = "王科长") -> None:
    """Open ``node_id``'s panel, pick ``op``, fill the form, send it, wait for the redraw."""
    open_panel(page, node_id)
    page.click(f"#panel .review button[data-op='{op}']")
    for selector, value in fill.items():
        page.fill(f"#panel .fix-form {selector}", value)
    submit(page, why, who)


def submit(page, why: str, who: str) -> None:
    page.fill("#panel .fix-form textarea[name=why]", why)
    page.fill("#panel .fix-form input[name=who]", who)
    drawn = page.evaluate("window.plangraph.drawn")
    page.click("#panel .fix-form button[type=submit]")
    page.wait_for_function("n => window.plangraph.drawn > n", arg=drawn, timeout=10000)


def choose(page, text: str, name: str) -> None:
    """Pick a second node in a form with its search."""
    page.fill("#panel .picker input", text)
    page.click(f"#panel .picker-hits .hit:has(.name:text-is('{name}'))")


def listed(page) -> list[dict]:
    page.click("#tab-fixes")
    page.wait_for_selector("#fixes-view h2")
    return page.evaluate("""() => [...document.querySelectorAll('#fixes-view tbody tr')].map(tr => ({
        id: tr.dataset.id, state: tr.dataset.state, text: tr.innerText, undo: Boolean(tr.querySelector('.undo')) }))""")


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


def test_a_node_deleted_from_the_panel_then_undone(token_page, token_service):
    bodies = sent(token_page)
    show(token_page, "target", TARGET)
    review(token_page)
    assert token_page.evaluate("sessionStorage.getItem('plangraph.token')") == TOKEN
    assert token_page.evaluate("localStorage.length") == 0, "the token must not outlive the tab"
    correct(token_page, SOLAR, "delete-node", {})
    assert "光伏帮扶工程" not in names(token_page, "Project")
    assert token_page.inner_text("#panel h2") == "已删除「光伏帮扶工程」"
    assert bodies == [
        {"auth": f"Bearer {TOKEN}", "op": "delete-node", "node": SOLAR, "why": "核对项目库", "who": "王科长"}
    ]
    [entry] = listed(token_page)
    assert entry["state"] == "applied" and "已生效" in entry["text"] and "光伏帮扶工程" in entry["text"]
    assert "王科长" in entry["text"] and entry["undo"]
    assert [e["status"]["state"] for e in corrections(token_service)] == ["applied"]
    drawn = token_page.evaluate("window.plangraph.drawn")
    token_page.click(f"#fixes-view tr[data-id='{entry['id']}'] .undo")
    token_page.wait_for_function("n => window.plangraph.drawn > n", arg=drawn)
    assert "光伏帮扶工程" in names(token_page, "Project")
    token_page.wait_for_selector("#fixes-view >> text=还没有更正")
    assert corrections(token_service) == []


def test_an_edge_added_from_a_project_shows_in_the_target_view(token_page):
    review(token_page)
    pick(token_page, "梅花生物25万吨", THREONINE, "Project")
    open_panel(token_page, token_page.evaluate("window.plangraph.state.focus"))
    token_page.click("#panel .review button[data-op='add-edge']")
    token_page.select_option("#panel .fix-form select[name=edge_type]", "supports")
    choose(token_page, "新能源并网", "新增新能源并网400万千瓦")
    token_page.fill("#panel .fix-form input[name=note]", "项目库第12项")
    submit(token_page, "苏氨酸项目配套光伏", "王科长")
    assert "新增新能源并网400万千瓦" in names(token_page, "Target")  # the relations view redrawn
    show(token_page, "target", TARGET)
    assert THREONINE in names(token_page, "Project")
    edge = token_page.evaluate(
        """() => window.plangraph.cy.edges('[?corrected]').map(e => [e.source().data('name'), e.data('label'), e.style('line-style')])"""
    )
    assert edge == [[THREONINE, "支撑·更正", "dashed"]]
    assert "审阅更正" in token_page.inner_text("#edge-legend")
    assert "1 处来自审阅更正" in token_page.inner_text("#summary")
    tap_edge(token_page, THREONINE, "新增新能源并网400万千瓦")
    token_page.wait_for_selector("#panel figure.correction")
    figure = token_page.inner_text("#panel figure.correction")
    assert "项目库第12项：苏氨酸项目配套光伏" in figure
    token_page.wait_for_function(
        "document.querySelector('#panel figure.correction .by').textContent.includes('王科长')"
    )
    assert token_page.is_visible("#panel .review button[data-op='delete-edge']")
    token_page.click("#tab-table")
    token_page.wait_for_selector("#table-view tbody tr")
    assert THREONINE in token_page.inner_text("#table-view tbody")


def test_rename_set_attribute_and_merge_from_the_panel(token_page):
    bodies = sent(token_page)
    review(token_page)
    show(token_page, "chain", f"industry:{INDUSTRY}")
    alloy = id_of(token_page, "创源30万吨高精铝合金", "Project")
    correct(token_page, alloy, "rename", {"input[name=name]": "创源30万吨高精铝合金项目"})
    renamed = token_page.evaluate("id => window.plangraph.cy.getElementById(id).data()", alloy)
    assert renamed["name"] == "创源30万吨高精铝合金项目" and renamed["corrected"]
    token_page.wait_for_function("document.querySelector('#panel h2')?.textContent === '创源30万吨高精铝合金项目'")
    assert "别名：创源30万吨高精铝合金" in token_page.inner_text("#panel")
    assert token_page.is_visible("#panel .corrected-badge")
    correct(token_page, alloy, "set-attribute", {"input[name=key]": "status", "input[name=value]": "建成投产"})
    token_page.wait_for_function("document.querySelector('#panel table')?.innerText.includes('建成投产')")
    open_panel(token_page, id_of(token_page, "锦联55万吨易拉罐", "Project"))
    token_page.click("#panel .review button[data-op='merge']")
    token_page.click("#panel .fix-form button[type=submit]")  # nothing picked to merge into yet
    token_page.wait_for_selector("#panel .form-error:not([hidden])")
    assert "请先搜索并选定" in token_page.inner_text("#panel .form-error")
    choose(token_page, "创新20万吨", "创新20万吨轻质高强高韧铝合金")
    submit(token_page, "同一项目", "王科长")
    assert "锦联55万吨易拉罐" not in names(token_page, "Project")
    token_page.wait_for_function("document.querySelector('#panel h2')?.textContent === '创新20万吨轻质高强高韧铝合金'")
    assert "锦联55万吨易拉罐" in token_page.inner_text("#panel")  # an alias now
    assert [b["op"] for b in bodies] == ["rename", "set-attribute", "merge"]
    assert bodies[1]["key"] == "status" and bodies[1]["value"] == "建成投产"
    assert bodies[2]["into"] == id_of(token_page, "创新20万吨轻质高强高韧铝合金", "Project")


def test_retype_moves_a_view_whose_focus_no_longer_fits(token_page):
    review(token_page)
    show(token_page, "banner", "banner:科尔沁区")
    focus = token_page.evaluate("window.plangraph.state.focus")
    open_panel(token_page, focus)
    token_page.click("#panel .review button[data-op='retype']")
    token_page.select_option("#panel .fix-form select[name=type]", "Enterprise")
    submit(token_page, "不是旗县", "王科长")
    assert token_page.evaluate("window.plangraph.state.view") == "node"
    assert token_page.evaluate("id => window.plangraph.cy.getElementById(id).data('type')", focus) == "Enterprise"
    token_page.wait_for_function("document.querySelector('#panel h2')?.textContent === '科尔沁区'")
    assert "企业" in token_page.inner_text("#panel .type")


def test_an_edge_deleted_from_its_panel(token_page):
    review(token_page)
    show(token_page, "target", TARGET)
    direct = """() => window.plangraph.cy.edges().filter(e => e.source().data('name') === '光伏帮扶工程'
        && e.target().id() === window.plangraph.state.focus).length"""
    assert token_page.evaluate(direct) == 1
    tap_edge(token_page, "光伏帮扶工程", "新增新能源并网400万千瓦")
    token_page.wait_for_selector("#panel .review button[data-op='delete-edge']")
    token_page.click("#panel .review button[data-op='delete-edge']")
    submit(token_page, "未列入年度计划", "王科长")
    assert token_page.evaluate(direct) == 0
    way = "() => window.plangraph.lastAnswer.feeds.find(f => f.project.name === '光伏帮扶工程').way"
    assert token_page.evaluate(way) == "via-task"  # it still feeds the target, through the task it quantifies
    assert token_page.inner_text("#panel h2") == "已删除这条关系"
    drawn = token_page.evaluate("window.plangraph.drawn")
    token_page.click("#panel .undo")
    token_page.wait_for_function("n => window.plangraph.drawn > n", arg=drawn)
    assert token_page.evaluate(direct) == 1


def test_a_node_added_opens_marked(token_page):
    review(token_page)
    token_page.click("#add-node")
    token_page.select_option("#panel .fix-form select[name=type]", "Project")
    token_page.fill("#panel .fix-form input[name=name]", "示例光伏电站")
    token_page.fill("#panel .fix-form input[name=note]", "项目库第12项")
    submit(token_page, "项目库有、计划未列", "王科长")
    assert token_page.evaluate("window.plangraph.state.focus") == "project:示例光伏电站"
    assert token_page.evaluate("window.plangraph.cy.getElementById('project:示例光伏电站').data('corrected')")
    token_page.wait_for_function("document.querySelector('#panel h2')?.textContent === '示例光伏电站'")
    assert "项目库第12项：项目库有、计划未列" in token_page.inner_text("#panel figure.correction")


def test_a_wrong_token_is_told_apart(token_page, token_service):
    """A token is checked when it is typed in (GET /auth): a wrong one is told at once, is
    not kept, and no write control appears."""
    token_page.expected = [f"HTTP 401: {token_service}/api/v1/auth", "status of 401"]
    show(token_page, "target", TARGET)
    token_page.click("#review-toggle")
    token_page.fill("#token", "not-the-token")
    token_page.click("#token-form button[type=submit]")
    token_page.wait_for_selector("#review-message:not([hidden])")
    assert "令牌不正确" in token_page.inner_text("#review-message")
    assert "401" in token_page.inner_text("#review-message")
    assert token_page.locator("#token-clear").count() == 0
    assert token_page.evaluate("sessionStorage.getItem('plangraph.token')") is None
    open_panel_plain(token_page, SOLAR)
    assert token_page.locator("#panel .review").count() == 0
    token_page.fill("#token", TOKEN)  # the right one, then
    token_page.click("#token-form button[type=submit]")
    token_page.wait_for_selector("#token-clear")
    assert token_page.is_hidden("#review-message")
    assert corrections(token_service) == []


def open_panel_plain(page, node_id: str) -> None:
    page.evaluate("id => { window.plangraph.cy.center(window.plangraph.cy.getElementById(id)); }", node_id)
    click_node(page, node_id)
    name = page.evaluate("id => window.plangraph.cy.getElementById(id).data('name')", node_id)
    page.wait_for_function("n => document.querySelector('#panel h2')?.textContent === n", arg=name)


def test_a_project_an_officer_put_on_the_chain_or_in_a_banner_is_marked(token_page, token_service):
    why = {"note": "项目库第12项", "why": "核对", "who": "王科长"}
    post(token_service, {"op": "add-edge", "source": THREONINE, "target": INDUSTRY, "edge_type": "supports", **why})
    post(token_service, {"op": "add-edge", "source": THREONINE, "target": "科尔沁区", "edge_type": "located-in", **why})
    show(token_page, "chain", f"industry:{INDUSTRY}")
    marked = token_page.evaluate("""() => window.plangraph.cy.edges('[?corrected]').map(e =>
        [e.source().data('name'), e.target().data('name'), e.style('line-style')])""")
    assert marked == [[INDUSTRY, THREONINE, "dashed"]]
    show(token_page, "banner", "banner:科尔沁区")
    marked = token_page.evaluate("""() => window.plangraph.cy.edges('[?corrected]').map(e =>
        [e.source().data('name'), e.target().data('name'), e.style('line-style')])""")
    assert marked == [[THREONINE, "科尔沁区", "dashed"]]
    assert "1 处来自审阅更正" in token_page.inner_text("#summary")


@pytest.fixture(scope="module")
def read_only(tmp_path_factory):
    """``plangraph serve`` without a token, over a store with one correction made by the CLI."""
    store = tmp_path_factory.mktemp("read-only-store")
    with serving(store / "serve.log", env={"PLANGRAPH_STORE": str(store)}) as base:
        env = {**os.environ, "PLANGRAPH_STORE": str(store)}
        fix = [sys.executable, "-m", "api.cli", "fix", "delete", "光伏帮扶工程", "--why", "不是项目", "--who", "王科长"]
        subprocess.run(fix, cwd=ROOT, env=env, check=True, capture_output=True)
        yield base


def test_without_a_token_configured_the_list_is_read_only(browser, read_only, request):
    with kit.watched(browser, read_only, request.node.name) as page:
        page.goto(read_only + "/#target=" + TARGET)
        kit.ready(page)
        assert "光伏帮扶工程" not in names(page, "Project")
        page.click("#review-toggle")
        page.wait_for_selector("#review-state .read-only")
        assert "PLANGRAPH_API_TOKEN" in page.inner_text("#review-state")
        assert page.locator("#token").count() == 0
        [entry] = listed(page)
        assert entry["state"] == "applied" and "光伏帮扶工程" in entry["text"] and not entry["undo"]
        assert "PLANGRAPH_API_TOKEN" in page.inner_text("#fixes-view")
        page.click("#tab-graph")
        click_node(page, page.evaluate("window.plangraph.state.focus"))
        page.wait_for_selector("#panel h2")
        assert page.locator("#panel .review, #panel .undo").count() == 0
