"""The web page and the API documentation in a real browser (Debian's Chromium, headless)
against the real service.

Needs ``/usr/bin/chromium`` and a CJK font: ``apt-get install chromium fonts-wqy-microhei``
(``./test.sh`` installs both when it runs as root; without Chromium these tests are skipped,
saying why, unless ``PLANGRAPH_REQUIRE_BROWSER`` is set, as in CI). Screenshots go to
``tests/artifacts/``. Every test fails on a console error, a failed request or an HTTP
status of 400 or more, and every request that would leave 127.0.0.1 is refused and fails it.

``plangraph serve`` runs on an empty store (so it loads the bundled plan). The tests of
the evidence panel run against ``tests/text_store.py``, the same app over a store that
keeps the plan's text, until every store keeps the texts of its plans.
"""

from __future__ import annotations

import json
import sys
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, free_port, serving

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).parent / "artifacts"
ROOT = Path(__file__).resolve().parents[1]
INDUSTRY = "铝基新材料产业"
SMELTER_HOP = ("扎铝二期35万吨电解铝", "推动铝基新材料产业产值超千亿")
SMELTER_SENTENCE = (
    "积极承接国内电解铝、氧化铝产能转移,力促扎铝二期35万吨电解铝、锦联55万吨易拉罐、创银高纯铝及深加工等项目建成投产,"
    "推进创新20万吨轻质高强高韧铝合金、创源30万吨高精铝合金等项目开工建设。"
)


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    """``plangraph serve`` on an empty store (so it loads the bundled plan)."""
    store = tmp_path_factory.mktemp("page-store")
    with serving(store / "serve.log", env={"PLANGRAPH_STORE": str(store)}) as base:
        yield base


@pytest.fixture(scope="module")
def text_service(tmp_path_factory):
    """The same app over a store that keeps the bundled plan's text (tests/text_store.py)."""
    import subprocess
    import time

    port = free_port()
    log = tmp_path_factory.mktemp("text-store") / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.text_store", "--port", str(port)], cwd=ROOT, stdout=out, stderr=out
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/api/v1/health", timeout=2).close()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"tests.text_store did not start: {log.read_text(errors='replace')}")
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


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


@contextmanager
def watched(browser, base, name):
    """A page whose every request is recorded; requests beyond ``base`` are refused. On
    leaving: a screenshot, then a failure for any console error, failed request, HTTP ≥ 400
    or request that would have left the machine (unless listed in ``page.expected``)."""
    context = browser.new_context(viewport={"width": 1400, "height": 850}, accept_downloads=True)
    page = context.new_page()
    page.requests, page.problems, page.expected = [], [], []

    def route(r):
        if r.request.url.startswith((base, "data:", "blob:")):
            r.continue_()
        else:
            page.problems.append(f"request leaving 127.0.0.1: {r.request.url}")
            r.abort()

    context.route("**/*", route)
    context.on("request", lambda r: page.requests.append(r.url))
    page.on("console", lambda m: page.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: page.problems.append(f"request failed: {r.url} {r.failure}"))
    page.on("response", lambda r: page.problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    try:
        yield page
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    finally:
        context.close()
    unexpected = [p for p in page.problems if not any(e in p for e in page.expected)]
    assert not unexpected, "\n".join(unexpected)


def _ready(page):
    page.wait_for_function("window.plangraph && window.plangraph.drawn > 0", timeout=20000)


@pytest.fixture
def page(browser, service, request):
    with watched(browser, service, request.node.name) as p:
        p.goto(service + "/")
        _ready(p)
        yield p


@pytest.fixture
def text_page(browser, text_service, request):
    with watched(browser, text_service, request.node.name) as p:
        p.goto(text_service + "/")
        _ready(p)
        yield p


def _open(page, query: str, name: str, node_type: str) -> None:
    """Type into the one search box as a user would, pick the hit, wait for the drawing."""
    page.fill("#search", query)
    hit = page.locator("#search-hits .hit", has=page.locator(".name", has_text=name))
    hit = hit.filter(has=page.locator(".type", has_text=_TYPE_LABELS[node_type])).first
    hit.wait_for()
    drawn = page.evaluate("window.plangraph.drawn")
    hit.click()
    page.wait_for_function("n => window.plangraph.drawn > n", arg=drawn, timeout=10000)


_TYPE_LABELS = {"Target": "目标", "Industry": "产业", "Banner": "旗县市区", "Project": "项目", "Enterprise": "企业"}


def _names(page, node_type: str) -> set[str]:
    return set(page.evaluate("t => window.plangraph.cy.nodes(`[type = \"${t}\"]`).map(n => n.data('name'))", node_type))


def _api(base: str, path: str, **params) -> dict:
    url = f"{base}/api/v1{path}?{urllib.parse.urlencode(params, doseq=True)}"
    with urllib.request.urlopen(url) as response:
        return json.load(response)


def _most_fed_target(base: str) -> tuple[str, int]:
    """The target with the most feeders in the served plan, asked of the API."""
    targets = _api(base, "/nodes", type="Target", limit=1000)["items"]
    counts = {t["id"]: len(_api(base, "/feeders", target=t["id"])["feeds"]) for t in targets}
    best = max(counts, key=lambda t: (counts[t], t))
    return best, counts[best]


def _show(page, view: str, node_id: str) -> None:
    """Open a view by its address, as a link or bookmark would."""
    drawn = page.evaluate("window.plangraph.drawn")
    page.evaluate("([v, id]) => { location.hash = `${v}=${encodeURIComponent(id)}`; }", [view, node_id])
    page.wait_for_function("n => window.plangraph.drawn > n", arg=drawn, timeout=20000)


LABELS = """() => {
    const cy = window.plangraph.cy, zoom = cy.zoom();
    return cy.nodes(':visible').map(n => ({
        name: n.data('name'),
        box: n.boundingBox({includeLabels: true, includeNodes: false, includeOverlays: false}),
        px: parseFloat(n.style('font-size')) * zoom,
    })).concat(cy.edges(':visible').filter(e => e.data('label')).map(e => ({
        name: 'edge ' + e.id(), box: null, px: parseFloat(e.style('font-size')) * zoom,
    })));
}"""

IN_VIEW = """ids => {
    const cy = window.plangraph.cy, w = cy.width(), h = cy.height();
    return ids.map(id => {
        const b = cy.getElementById(id).renderedBoundingBox();
        return {id, inside: b.x1 >= 0 && b.y1 >= 0 && b.x2 <= w && b.y2 <= h, box: [b.x1, b.y1, b.x2, b.y2], canvas: [w, h]};
    });
}"""


def _click_node(page, node_id: str) -> None:
    """Click a node on the canvas, as a user would."""
    x, y = page.evaluate(
        """id => { const n = window.plangraph.cy.getElementById(id);
            const box = document.getElementById('graph').getBoundingClientRect();
            return [box.left + n.renderedPosition('x'), box.top + n.renderedPosition('y')]; }""",
        node_id,
    )
    page.mouse.click(x, y)


def _node_id(page, name: str, node_type: str) -> str:
    return page.evaluate(
        "([name, t]) => window.plangraph.cy.nodes(`[type = \"${t}\"]`).filter(n => n.data('name') === name)[0].id()",
        [name, node_type],
    )


def _overlaps(labels: list[dict]) -> list[str]:
    boxes = [(lb["name"], lb["box"]) for lb in labels if lb["box"]]
    out = []
    for i, (a, p) in enumerate(boxes):
        for b, q in boxes[i + 1 :]:
            if p["x1"] < q["x2"] and q["x1"] < p["x2"] and p["y1"] < q["y2"] and q["y1"] < p["y2"]:
                out.append(f"{a} × {b}")
    return out


def _assert_readable(page, what: str) -> None:
    labels = page.evaluate(LABELS)
    assert len(labels) > 5, f"{what}: hardly anything drawn"
    assert not _overlaps(labels), f"{what}: labels overlap: {_overlaps(labels)}"
    small_or_large = [(lb["name"], round(lb["px"], 1)) for lb in labels if not 11 <= lb["px"] <= 20]
    assert not small_or_large, f"{what}: labels rendered outside 11–20 px: {small_or_large}"


# -- the page -------------------------------------------------------------------------


def test_the_page_opens_on_the_tongliao_plan(page):
    assert page.get_attribute("html", "lang") == "zh-CN"
    assert "2025年通辽市国民经济和社会发展计划" in page.inner_text("#plan-name")
    assert page.evaluate("window.plangraph.cy.nodes().length") > 0
    assert page.evaluate("getComputedStyle(document.body).fontFamily").find("WenQuanYi") >= 0
    print(f"first view drawn in {page.evaluate('window.plangraph.firstDrawMs'):.0f} ms")


def test_one_search_box_forgives_and_opens_the_right_view(page):
    _open(page, "kerqin", "科尔沁区", "Banner")  # pinyin, a syllable short
    assert page.evaluate("window.plangraph.state.view") == "banner"
    assert page.evaluate("window.plangraph.lastAnswer.banner.name") == "科尔沁区"
    _open(page, "ljxcl", INDUSTRY, "Industry")  # initials
    assert page.evaluate("window.plangraph.state.view") == "chain"
    _open(page, "mhsw", "梅花生物", "Enterprise")  # a type with no view of its own: its relations
    assert page.evaluate("window.plangraph.state.view") == "node"
    assert "梅花生物25万吨苏氨酸项目" in _names(page, "Project")
    _open(page, "新能源并网", "新增新能源并网400万千瓦", "Target")  # a substring
    assert page.evaluate("window.plangraph.state.view") == "target"
    assert {"国家第三批120万千瓦风电大基地", "光伏帮扶工程", "霍煤鸿骏循环经济示范工程六期"} <= _names(page, "Project")


def test_chain_view_draws_upstream_sectors_then_the_links_in_order(page, service):
    _open(page, INDUSTRY, INDUSTRY, "Industry")
    chain = _api(service, "/chain", industry=INDUSTRY)
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
        _open(page, INDUSTRY, INDUSTRY, "Industry")
    else:
        target, count = _most_fed_target(service)
        assert count >= 10, f"the bundled plan's best-fed target has only {count} feeders"
        _show(page, "target", target)
        assert len(page.evaluate("window.plangraph.lastAnswer.feeds")) == count
        height = page.evaluate("""() => { const ys = window.plangraph.cy.nodes('[type = "Project"]').map(n => n.position('y'));
            return new Set(ys.map(Math.round)).size; }""")
        assert height >= count // 2, f"{count} feeders drawn on only {height} rows"
    _assert_readable(page, f"{view} view")
    _click_node(page, page.evaluate("window.plangraph.state.focus"))  # the panel opens: narrower, refitted
    page.wait_for_selector("#panel:not([hidden]) h2")
    _assert_readable(page, f"{view} view with the panel open")


def test_the_same_view_is_framed_the_same_whatever_came_before(page):
    _open(page, INDUSTRY, INDUSTRY, "Industry")
    first = page.evaluate("[window.plangraph.cy.zoom(), window.plangraph.cy.pan()]")
    _open(page, "kerqin", "科尔沁区", "Banner")
    _open(page, INDUSTRY, INDUSTRY, "Industry")
    assert page.evaluate("[window.plangraph.cy.zoom(), window.plangraph.cy.pan()]") == first


def test_opening_the_panel_keeps_the_focus_node_in_view(page):
    _open(page, INDUSTRY, INDUSTRY, "Industry")
    graph_width = page.evaluate("window.plangraph.cy.width()")
    far = page.evaluate("""() => { const cy = window.plangraph.cy;
        return cy.nodes().max(n => n.position('x')).ele.id(); }""")  # the node furthest downstream
    _click_node(page, far)
    page.wait_for_selector("#panel:not([hidden]) h2")
    page.wait_for_function("w => window.plangraph.cy.width() < w", arg=graph_width)
    focus = page.evaluate("window.plangraph.state.focus")
    spot = page.evaluate(IN_VIEW, [focus])[0]
    assert spot["inside"], f"the focus {focus} is outside the visible canvas once the panel is open: {spot}"
    panel = page.locator("#panel").bounding_box()
    canvas = page.locator("#graph").bounding_box()
    assert canvas["x"] + canvas["width"] <= panel["x"] + 1, "the panel covers the canvas"
    near = page.evaluate("() => window.plangraph.cy.nodes('[type = \"Link\"]')[0].id()")
    _click_node(page, near)  # the panel is open already: no refit
    assert all(s["inside"] for s in page.evaluate(IN_VIEW, [focus, near]))
    page.click("#panel-close")
    page.wait_for_function("w => window.plangraph.cy.width() >= w", arg=graph_width)
    assert page.evaluate(IN_VIEW, [focus])[0]["inside"]
    _click_node(page, near)  # opened again, for a node next to the focus
    page.wait_for_function("w => window.plangraph.cy.width() < w", arg=graph_width)
    assert all(s["inside"] for s in page.evaluate(IN_VIEW, [focus, near]))


def test_the_panel_shows_only_the_current_view(page):
    _open(page, INDUSTRY, INDUSTRY, "Industry")
    _click_node(page, _node_id(page, "锦联55万吨易拉罐", "Project"))
    page.wait_for_function("document.querySelector('#panel h2')?.textContent === '锦联55万吨易拉罐'")
    _open(page, "kerqin", "科尔沁区", "Banner")
    page.wait_for_function("document.querySelector('#panel h2')?.textContent === '科尔沁区'")


def test_clicking_a_project_shows_its_quote(page):
    _open(page, INDUSTRY, INDUSTRY, "Industry")
    _click_node(page, _node_id(page, "锦联55万吨易拉罐", "Project"))
    page.wait_for_selector("#panel blockquote.quote")
    assert page.inner_text("#panel h2") == "锦联55万吨易拉罐"
    assert "力促扎铝二期35万吨电解铝、锦联55万吨易拉罐" in page.inner_text("#panel blockquote.quote")
    assert "55 万吨" in page.inner_text("#panel table")


def test_legend_and_colours_agree(page):
    _open(page, "新能源并网", "新增新能源并网400万千瓦", "Target")
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
    _open(page, "新能源并网", "新增新能源并网400万千瓦", "Target")
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
    _open(page, "新能源并网", "新增新能源并网400万千瓦", "Target")
    assert page.is_visible("#notice") and "截断" in page.inner_text("#notice")


# -- evidence -------------------------------------------------------------------------


def _tap_edge(page, source: str, target: str) -> None:
    page.evaluate(
        """([s, t]) => { const e = window.plangraph.cy.edges().filter(e =>
            e.source().data('name') === s && e.target().data('name') === t)[0];
            if (!e) throw new Error(`no edge ${s} → ${t} drawn`);
            const box = document.getElementById('graph').getBoundingClientRect();
            const m = e.renderedMidpoint(); window.__click = [box.left + m.x, box.top + m.y]; }""",
        [source, target],
    )
    x, y = page.evaluate("window.__click")
    page.mouse.click(x, y)


def test_clicking_a_feeders_hop_shows_its_whole_sentence(text_page):
    _open(text_page, "新增规模以上工业企业", "新增规模以上工业企业30户以上", "Target")
    _tap_edge(text_page, *SMELTER_HOP)
    text_page.wait_for_selector("#panel .evidence .sentence")
    assert text_page.inner_text("#panel h2") == f"{SMELTER_HOP[0]} → {SMELTER_HOP[1]}"
    assert text_page.inner_text("#panel .evidence .sentence") == SMELTER_SENTENCE
    quote = text_page.inner_text("#panel .evidence mark")
    assert quote in SMELTER_SENTENCE and "扎铝二期35万吨电解铝" in quote
    assert (
        text_page.inner_text("#panel .evidence .where")
        == "推进三次产业协调发展,加快产业转型升级 › 推动铝基新材料产业产值超千亿"
    )
    text_page.click("#panel .show-in-plan")
    text_page.wait_for_selector("#plan-view[open] .paragraph mark")
    paragraph = text_page.inner_text("#plan-view .paragraph")
    assert paragraph.startswith("推动传统产业转型升级。") and SMELTER_SENTENCE in paragraph
    assert text_page.inner_text("#plan-view .paragraph mark") == quote
    assert text_page.locator("#plan-view .paragraph mark").is_visible()


def test_quotes_wrap_instead_of_being_cut(text_page):
    _open(text_page, "新增规模以上工业企业", "新增规模以上工业企业30户以上", "Target")
    _tap_edge(text_page, *SMELTER_HOP)
    text_page.wait_for_selector("#panel .evidence .sentence")
    cut = text_page.evaluate("""() => [...document.querySelectorAll('#panel .evidence .sentence, #panel blockquote')]
        .filter(e => e.scrollWidth > e.clientWidth + 1 || getComputedStyle(e).textOverflow === 'ellipsis').length""")
    assert cut == 0


def test_without_the_plan_text_the_hop_shows_its_quote(page):
    """A store that keeps no text answers 404: the page shows the provenance quote."""
    page.route(
        "**/api/v1/evidence*",
        lambda r: r.fulfill(
            status=404,
            json={"error": {"status": 404, "code": "not_found", "message": "no text stored", "detail": None}},
        ),
    )
    page.expected = ["/api/v1/evidence", "the server responded with a status of 404"]
    _open(page, "新增规模以上工业企业", "新增规模以上工业企业30户以上", "Target")
    _tap_edge(page, *SMELTER_HOP)
    page.wait_for_selector("#panel .evidence blockquote.quote")
    assert "力促扎铝二期35万吨电解铝" in page.inner_text("#panel .evidence blockquote.quote")
    assert "仅显示摘录" in page.inner_text("#panel .evidence figcaption")


# -- API documentation ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "operation"),
    [("/docs", ".opblock"), ("/redoc", "[data-section-id^='operation/']")],
    ids=["swagger-ui", "redoc"],
)
def test_the_api_docs_render_offline(browser, service, request, path, operation):
    with urllib.request.urlopen(service + "/openapi.json") as response:
        schema = json.load(response)
    operations = sum(len(methods) for methods in schema["paths"].values())
    with watched(browser, service, request.node.name) as page:
        page.goto(service + path)
        page.wait_for_function(
            "([s, n]) => document.querySelectorAll(s).length >= n", arg=[operation, operations], timeout=20000
        )
        page.wait_for_load_state("networkidle")
        assert page.locator(operation).count() == operations
        assert all(u.startswith((service, "data:", "blob:")) for u in page.requests), page.requests


def test_no_cdn_or_remote_assets(service):
    html = urllib.request.urlopen(service + "/").read().decode()
    modules = [f"/static/js/{p.name}" for p in (ROOT / "api" / "static" / "js").glob("*.js")]
    for path in ("/", "/static/style.css", "/static/redoc-offline.js", *modules):
        with urllib.request.urlopen(service + path) as response:
            text = response.read().decode()
        assert "http://" not in text and "https://" not in text, f"{path} refers to a remote asset"
    missing = [m for m in modules if f'<link rel="modulepreload" href="{m}">' not in html]
    assert not missing, f"index.html does not preload {missing} (the first view waits for each import in turn)"
