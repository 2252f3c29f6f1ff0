"""The web page in a real browser (Debian's Chromium, headless) against the real service.

Needs ``/usr/bin/chromium`` and a CJK font: ``apt-get install chromium fonts-wqy-microhei``
(``./test.sh`` installs both when it runs as root; without Chromium these tests are skipped,
saying why, unless ``PLANGRAPH_REQUIRE_BROWSER`` is set, as in CI). Screenshots go to ``tests/artifacts/``.
"""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, serving

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    """``plangraph serve`` on an empty store (so it loads the bundled plan)."""
    store = tmp_path_factory.mktemp("page-store")
    with serving(store / "serve.log", env={"PLANGRAPH_STORE": str(store)}) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, service, request):
    context = browser.new_context(viewport={"width": 1400, "height": 850}, accept_downloads=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url} {r.failure}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.goto(service + "/")
    page.wait_for_function("window.plangraph && window.plangraph.drawn > 0", timeout=20000)
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    context.close()
    assert not problems, "\n".join(problems)


def _pick(page, view: str, text: str) -> None:
    """Choose a view, type a name as a user would, press 显示, wait for the drawing."""
    page.click(f"nav button[data-view='{view}']")
    page.wait_for_function(
        "v => document.querySelector(`nav button[data-view='${v}']`).ariaSelected === 'true'", arg=view
    )
    page.fill("#pick", text)
    drawn = page.evaluate("window.plangraph.drawn")
    page.click("#picker button[type=submit]")
    page.wait_for_function("n => window.plangraph.drawn > n", arg=drawn, timeout=10000)


def _names(page, node_type: str) -> set[str]:
    return set(page.evaluate("t => window.plangraph.cy.nodes(`[type = \"${t}\"]`).map(n => n.data('name'))", node_type))


def test_the_page_opens_on_the_tongliao_plan(page):
    assert page.get_attribute("html", "lang") == "zh-CN"
    assert "2025年通辽市国民经济和社会发展计划" in page.inner_text("#plan-name")
    assert page.evaluate("window.plangraph.cy.nodes().length") > 0
    assert page.evaluate("getComputedStyle(document.body).fontFamily").find("WenQuanYi") >= 0
    print(f"first view drawn in {page.evaluate('window.plangraph.firstDrawMs'):.0f} ms")


def test_target_view_draws_the_feeding_projects(page):
    _pick(page, "target", "新增新能源并网400万千瓦")
    projects = _names(page, "Project")
    assert {"国家第三批120万千瓦风电大基地", "光伏帮扶工程", "霍煤鸿骏循环经济示范工程六期"} <= projects
    highlighted = page.evaluate("window.plangraph.cy.edges('.path').length")
    assert highlighted >= 3


def test_chain_view_draws_the_smelter_upstream_of_cans(page):
    _pick(page, "chain", "铝基新材料产业")
    y = page.evaluate("""() => {
        const cy = window.plangraph.cy;
        const link = name => cy.nodes('[type = "Link"]').filter(n => n.data('name') === name)[0];
        const linkOf = project => cy.nodes('[type = "Project"]').filter(n => n.data('name') === project)
            .connectedEdges('.member').sources()[0];
        return {smelter: link('电解铝').position('y'), cans: linkOf('锦联55万吨易拉罐').position('y'),
                cansLink: linkOf('锦联55万吨易拉罐').data('name')};
    }""")
    assert y["smelter"] < y["cans"], (
        f"电解铝 drawn at y={y['smelter']}, the can link ({y['cansLink']}) at y={y['cans']}"
    )
    assert "扎铝二期35万吨电解铝" in _names(page, "Project")


def test_clicking_a_project_shows_its_quote(page):
    _pick(page, "chain", "铝基新材料产业")
    x, y = page.evaluate("""() => {
        const n = window.plangraph.cy.nodes('[type = "Project"]').filter(n => n.data('name') === '锦联55万吨易拉罐')[0];
        const box = document.getElementById('graph').getBoundingClientRect();
        return [box.left + n.renderedPosition('x'), box.top + n.renderedPosition('y')];
    }""")
    page.mouse.click(x, y)
    page.wait_for_selector("#panel blockquote.quote")
    assert page.inner_text("#panel h2") == "锦联55万吨易拉罐"
    assert "力促扎铝二期35万吨电解铝、锦联55万吨易拉罐" in page.inner_text("#panel blockquote.quote")
    assert "55 万吨" in page.inner_text("#panel table")


def test_banner_view_by_abbreviation(page):
    _pick(page, "banner", "科区")
    assert page.evaluate("window.plangraph.lastAnswer.banner.name") == "科尔沁区"
    assert {"科区龙马铸锻件", "科尔沁区低空制造科技产业园"} <= _names(page, "Project")


def test_filters_hide_by_type(page):
    _pick(page, "target", "新增新能源并网400万千瓦")
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
    _pick(page, "target", "新增新能源并网400万千瓦")
    assert page.is_visible("#notice") and "截断" in page.inner_text("#notice")


def test_no_cdn_or_remote_assets(service):
    for path in ("/", "/static/app.js", "/static/style.css"):
        with urllib.request.urlopen(service + path) as response:
            text = response.read().decode()
        assert "http://" not in text and "https://" not in text, f"{path} refers to a remote asset"
