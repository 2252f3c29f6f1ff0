"""The web page in a real browser against the real service: views, labels, the panel,
search, legend and filters (tests/browser.py says what it needs and what fails a test)."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from tests import browser as kit
from tests.browser import (
    IN_VIEW,
    INDUSTRY,
    ROOT,
    api,
    assert_readable,
    click_node,
    id_of,
    most_fed_target,
    names,
    pick,
    show,
)

browser, service, page = kit.browser, kit.service, kit.page  # fixtures
pytestmark = pytest.mark.browser


def test_the_page_opens_on_the_tongliao_plan(page):
    assert page.get_attribute("html", "lang") == "zh-CN"
    assert "2025年通辽市国民经济和社会发展计划" in page.inner_text("#plan-name")
    assert page.evaluate("window.plangraph.cy.nodes().length") > 0
    assert page.evaluate("getComputedStyle(document.body).fontFamily").find("WenQuanYi") >= 0
    print(f"first view drawn in {page.evaluate('window.plangraph.firstDrawMs'):.0f} ms")


def test_one_search_box_forgives_and_opens_the_right_view(page):
    pick(page, "kerqin", "科尔沁区", "Banner")  # pinyin, a syllable short
    assert page.evaluate("window.plangraph.state.view") == "banner"
    assert page.evaluate("window.plangraph.lastAnswer.banner.name") == "科尔沁区"
    pick(page, "ljxcl", INDUSTRY, "Industry")  # initials
    assert page.evaluate("window.plangraph.state.view") == "chain"
    pick(page, "mhsw", "梅花生物", "Enterprise")  # a type with no view of its own: its relations
    assert page.evaluate("window.plangraph.state.view") == "node"
    assert "梅花生物25万吨苏氨酸项目" in names(page, "Project")
    pick(page, "新能源并网", "新增新能源并网400万千瓦", "Target")  # a substring
    assert page.evaluate("window.plangraph.state.view") == "target"
    assert {"国家第三批120万千瓦风电大基地", "光伏帮扶工程", "霍煤鸿骏循环经济示范工程六期"} <= names(page, "Project")


def test_chain_view_draws_upstream_sectors_then_the_links_in_order(page, service):
    pick(page, INDUSTRY, INDUSTRY, "Industry")
    chain = api(service, "/chain", industry=INDUSTRY)
    x = page.evaluate(
        """() => Object.fromEntries(window.plangraph.cy.nodes().map(n => [n.data('name') + '|' + n.data('type'), n.position('x')]))"""
    )
    industry = x[f"{INDUSTRY}|Industry"]
    sectors = [s["name"] for s in chain["upstream"]]
    assert len(sectors) == 3, sectors
    for s in sectors:
        assert x[f"{s}|Industry"] < industry, f"the upstream sector {s} is not drawn left of {INDUSTRY}"
    links = [link["name"] for link in chain["links"]]
    assert all(industry < x[f"{name}|Link"] for name in links), "a chain link is drawn upstream of its sector"
    assert x["电解铝|Link"] < x["铝精深加工|Link"], "电解铝 is not upstream of the can-making link"
    cans = page.evaluate("""() => window.plangraph.cy.nodes('[type = "Project"]')
        .filter(n => n.data('name') === '锦联55万吨易拉罐').incomers('node')[0].data('name')""")
    assert cans == "铝精深加工"


@pytest.mark.parametrize("view", ["chain", "most-fed-target"])
def test_labels_never_overlap_and_render_at_11_to_20_px(page, service, view):
    if view == "chain":
        pick(page, INDUSTRY, INDUSTRY, "Industry")
    else:
        target, count = most_fed_target(service)
        assert count >= 10, f"the bundled plan's best-fed target has only {count} feeders"
        show(page, "target", target)
        assert len(page.evaluate("window.plangraph.lastAnswer.feeds")) == count
        height = page.evaluate("""() => { const ys = window.plangraph.cy.nodes('[type = "Project"]').map(n => n.position('y'));
            return new Set(ys.map(Math.round)).size; }""")
        assert height >= count // 2, f"{count} feeders drawn on only {height} rows"
    assert_readable(page, f"{view} view")
    click_node(page, page.evaluate("window.plangraph.state.focus"))  # the panel opens: narrower, refitted
    page.wait_for_selector("#panel:not([hidden]) h2")
    assert_readable(page, f"{view} view with the panel open")


def test_the_same_view_is_framed_the_same_whatever_came_before(page):
    pick(page, INDUSTRY, INDUSTRY, "Industry")
    first = page.evaluate("[window.plangraph.cy.zoom(), window.plangraph.cy.pan()]")
    pick(page, "kerqin", "科尔沁区", "Banner")
    pick(page, INDUSTRY, INDUSTRY, "Industry")
    assert page.evaluate("[window.plangraph.cy.zoom(), window.plangraph.cy.pan()]") == first


def test_opening_the_panel_keeps_the_focus_node_in_view(page):
    pick(page, INDUSTRY, INDUSTRY, "Industry")
    graph_width = page.evaluate("window.plangraph.cy.width()")
    far = page.evaluate("""() => { const cy = window.plangraph.cy;
        return cy.nodes().max(n => n.position('x')).ele.id(); }""")  # the node furthest downstream
    click_node(page, far)
    page.wait_for_selector("#panel:not([hidden]) h2")
    page.wait_for_function("w => window.plangraph.cy.width() < w", arg=graph_width)
    focus = page.evaluate("window.plangraph.state.focus")
    spot = page.evaluate(IN_VIEW, [focus])[0]
    assert spot["inside"], f"the focus {focus} is outside the visible canvas once the panel is open: {spot}"
    panel = page.locator("#panel").bounding_box()
    canvas = page.locator("#graph").bounding_box()
    assert canvas["x"] + canvas["width"] <= panel["x"] + 1, "the panel covers the canvas"
    near = page.evaluate("() => window.plangraph.cy.nodes('[type = \"Link\"]')[0].id()")
    click_node(page, near)  # the panel is open already: no refit
    assert all(s["inside"] for s in page.evaluate(IN_VIEW, [focus, near]))
    page.click("#panel-close")
    page.wait_for_function("w => window.plangraph.cy.width() >= w", arg=graph_width)
    assert page.evaluate(IN_VIEW, [focus])[0]["inside"]
    click_node(page, near)  # opened again, for a node next to the focus
    page.wait_for_function("w => window.plangraph.cy.width() < w", arg=graph_width)
    assert all(s["inside"] for s in page.evaluate(IN_VIEW, [focus, near]))


def test_the_panel_shows_only_the_current_view(page):
    pick(page, INDUSTRY, INDUSTRY, "Industry")
    click_node(page, id_of(page, "锦联55万吨易拉罐", "Project"))
    page.wait_for_function("document.querySelector('#panel h2')?.textContent === '锦联55万吨易拉罐'")
    pick(page, "kerqin", "科尔沁区", "Banner")
    page.wait_for_function("document.querySelector('#panel h2')?.textContent === '科尔沁区'")


def test_a_neighbour_off_the_view_opens_in_its_own_view(page):
    pick(page, INDUSTRY, INDUSTRY, "Industry")
    click_node(page, id_of(page, "扎铝二期35万吨电解铝", "Project"))
    page.wait_for_selector("#panel .neighbours a")
    drawn = page.evaluate("window.plangraph.drawn")
    page.click("#panel .neighbours a:text-is('推动铝基新材料产业产值超千亿')")  # a task: not in the chain view
    page.wait_for_function("n => window.plangraph.drawn > n", arg=drawn)
    assert page.evaluate("window.plangraph.state.view") == "node"
    assert "扎铝二期35万吨电解铝" in names(page, "Project")
    page.wait_for_function("document.querySelector('#panel h2')?.textContent === '推动铝基新材料产业产值超千亿'")
    page.keyboard.press("Escape")
    page.wait_for_selector("#panel", state="hidden")


def test_clicking_a_project_shows_its_quote(page):
    pick(page, INDUSTRY, INDUSTRY, "Industry")
    click_node(page, id_of(page, "锦联55万吨易拉罐", "Project"))
    page.wait_for_selector("#panel blockquote.quote")
    assert page.inner_text("#panel h2") == "锦联55万吨易拉罐"
    assert "力促扎铝二期35万吨电解铝、锦联55万吨易拉罐" in page.inner_text("#panel blockquote.quote")
    assert "55 万吨" in page.inner_text("#panel table")


def test_hovering_a_node_shows_its_full_name(page):
    pick(page, INDUSTRY, INDUSTRY, "Industry")
    name = "创新20万吨轻质高强高韧铝合金"  # wrapped on the canvas
    assert "\n" in page.evaluate(
        "id => window.plangraph.cy.getElementById(id).data('label')", id_of(page, name, "Project")
    )
    x, y = page.evaluate(
        """id => { const n = window.plangraph.cy.getElementById(id), box = document.getElementById('graph').getBoundingClientRect();
            return [box.left + n.renderedPosition('x'), box.top + n.renderedPosition('y')]; }""",
        id_of(page, name, "Project"),
    )
    page.mouse.move(x, y)
    page.wait_for_selector("#tip:not([hidden])")
    assert page.inner_text("#tip") == f"{name} · 项目"


def test_legend_and_colours_agree(page):
    pick(page, "新能源并网", "新增新能源并网400万千瓦", "Target")
    drawn = page.evaluate("""() => { const out = {};
        window.plangraph.cy.nodes().filter(n => !n.data('banner') && !n.hasClass('focus')).forEach(n => {
            out[n.data('type')] = [n.style('background-color'), n.style('border-color')]; });
        return out; }""")
    legend = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('#legend li')].map(li => {
        const s = getComputedStyle(li.querySelector('.swatch'));
        return [li.textContent.trim(), [s.backgroundColor, s.borderTopColor].map(c => c.replace(/ /g, ''))]; }))""")
    labels = {"Project": "项目", "Task": "任务", "Target": "目标"}
    for node_type, colours in drawn.items():
        assert legend[labels[node_type]] == colours, f"{node_type}: drawn {colours}, legend {legend[labels[node_type]]}"


def test_filters_hide_by_type(page):
    pick(page, "新能源并网", "新增新能源并网400万千瓦", "Target")
    page.uncheck("#type-filters input[data-type='Project']")
    assert page.evaluate("window.plangraph.cy.nodes('[type = \"Project\"].hidden').length") == 3


def test_save_png(page):
    with page.expect_download() as download:
        page.click("#save-png")
    path = download.value.path()
    assert path is not None and Path(path).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_truncated_answer_is_announced(page):
    def truncate(route):
        response = route.fetch()
        body = response.json()
        body["truncated"] = True
        route.fulfill(response=response, json=body)

    page.route("**/api/v1/feeders*", truncate)
    pick(page, "新能源并网", "新增新能源并网400万千瓦", "Target")
    assert page.is_visible("#notice") and "截断" in page.inner_text("#notice")


def test_no_cdn_or_remote_assets(service):
    html = urllib.request.urlopen(service + "/").read().decode()
    modules = [f"/static/js/{p.name}" for p in (ROOT / "api" / "static" / "js").glob("*.js")]
    for path in ("/", "/static/style.css", "/static/redoc-offline.js", *modules):
        with urllib.request.urlopen(service + path) as response:
            text = response.read().decode()
        assert "http://" not in text and "https://" not in text, f"{path} refers to a remote asset"
    missing = [m for m in modules if f'<link rel="modulepreload" href="{m}">' not in html]
    assert not missing, f"index.html does not preload {missing} (the first view waits for each import in turn)"
