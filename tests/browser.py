"""Browser test kit: Debian's Chromium driven by Playwright against the real service, with
every request recorded and any that would leave 127.0.0.1 refused.

Needs ``/usr/bin/chromium`` and a CJK font: ``apt-get install chromium fonts-wqy-microhei``
(``./test.sh`` installs both when it runs as root; without Chromium the browser tests are
skipped, saying why, unless ``PLANGRAPH_REQUIRE_BROWSER`` is set, as in CI). Screenshots go
to ``tests/artifacts/``. A test fails on a console error, a failed request, an HTTP status
of 400 or more, or a request beyond the service.

``service`` is ``plangraph serve`` on an empty store (so it loads the bundled plan);
``token_service`` the same with ``PLANGRAPH_API_TOKEN`` set, so the page can make
corrections. Test modules import the fixtures they use from here.

A test that provokes a failure on purpose lists it in ``page.expected``: each entry must
then match a problem seen, and every problem seen must match an entry.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, serving

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


TOKEN = "s3cret-review"


@pytest.fixture(scope="module")
def token_service(tmp_path_factory):
    """``plangraph serve`` with ``PLANGRAPH_API_TOKEN`` set: the correction routes exist."""
    store = tmp_path_factory.mktemp("review-store")
    with serving(store / "serve.log", env={"PLANGRAPH_STORE": str(store), "PLANGRAPH_API_TOKEN": TOKEN}) as base:
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
    missing = [e for e in page.expected if not any(e in p for p in page.problems)]
    assert not missing, f"the failures this test provokes did not happen: {missing}"


def ready(page):
    page.wait_for_function("window.plangraph && window.plangraph.drawn > 0", timeout=20000)


@pytest.fixture
def page(browser, service, request):
    with watched(browser, service, request.node.name) as p:
        p.goto(service + "/")
        ready(p)
        yield p


@pytest.fixture
def token_page(browser, token_service, request):
    with watched(browser, token_service, request.node.name) as p:
        p.goto(token_service + "/")
        ready(p)
        yield p


def pick(page, query: str, name: str, node_type: str) -> None:
    """Type into the one search box as a user would, pick the hit, wait for the drawing."""
    page.fill("#search", query)
    hit = page.locator("#search-hits .hit", has=page.locator(".name", has_text=name))
    hit = hit.filter(has=page.locator(".type", has_text=TYPE_LABELS[node_type])).first
    hit.wait_for()
    drawn = page.evaluate("window.plangraph.drawn")
    hit.click()
    page.wait_for_function("n => window.plangraph.drawn > n", arg=drawn, timeout=10000)


TYPE_LABELS = {"Target": "目标", "Industry": "产业", "Banner": "旗县市区", "Project": "项目", "Enterprise": "企业"}


def names(page, node_type: str) -> set[str]:
    return set(page.evaluate("t => window.plangraph.cy.nodes(`[type = \"${t}\"]`).map(n => n.data('name'))", node_type))


def api(base: str, path: str, **params) -> dict:
    url = f"{base}/api/v1{path}?{urllib.parse.urlencode(params, doseq=True)}"
    with urllib.request.urlopen(url) as response:
        return json.load(response)


def most_fed_target(base: str) -> tuple[str, int]:
    """The target with the most feeders in the served plan, asked of the API."""
    targets = api(base, "/nodes", type="Target", limit=1000)["items"]
    counts = {t["id"]: len(api(base, "/feeders", target=t["id"])["feeds"]) for t in targets}
    best = max(counts, key=lambda t: (counts[t], t))
    return best, counts[best]


def show(page, view: str, node_id: str) -> None:
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


def click_node(page, node_id: str) -> None:
    """Click a node on the canvas, as a user would."""
    x, y = page.evaluate(
        """id => { const n = window.plangraph.cy.getElementById(id);
            const box = document.getElementById('graph').getBoundingClientRect();
            return [box.left + n.renderedPosition('x'), box.top + n.renderedPosition('y')]; }""",
        node_id,
    )
    page.mouse.click(x, y)


def id_of(page, name: str, node_type: str) -> str:
    return page.evaluate(
        "([name, t]) => window.plangraph.cy.nodes(`[type = \"${t}\"]`).filter(n => n.data('name') === name)[0].id()",
        [name, node_type],
    )


def overlaps(labels: list[dict]) -> list[str]:
    boxes = [(lb["name"], lb["box"]) for lb in labels if lb["box"]]
    out = []
    for i, (a, p) in enumerate(boxes):
        for b, q in boxes[i + 1 :]:
            if p["x1"] < q["x2"] and q["x1"] < p["x2"] and p["y1"] < q["y2"] and q["y1"] < p["y2"]:
                out.append(f"{a} × {b}")
    return out


def assert_readable(page, what: str) -> None:
    labels = page.evaluate(LABELS)
    assert len(labels) > 5, f"{what}: hardly anything drawn"
    assert not overlaps(labels), f"{what}: labels overlap: {overlaps(labels)}"
    small_or_large = [(lb["name"], round(lb["px"], 1)) for lb in labels if not 11 <= lb["px"] <= 20]
    assert not small_or_large, f"{what}: labels rendered outside 11–20 px: {small_or_large}"


def tap_edge(page, source: str, target: str) -> None:
    page.evaluate(
        """([s, t]) => { const e = window.plangraph.cy.edges().filter(e =>
            e.source().data('name') === s && e.target().data('name') === t)[0];
            if (!e) throw new Error(`no edge ${s} → ${t} drawn`);
            const box = document.getElementById('graph').getBoundingClientRect();
            // just past the source's end, on the line's first (horizontal) run, where no other
            // edge runs: edges into one node share the bracket near it, so the midpoint may lie
            // on a neighbour's line
            const a = e.renderedSourceEndpoint(), m = e.renderedMidpoint();
            window.__click = [box.left + a.x + 10 * Math.sign(m.x - a.x || 1), box.top + a.y]; }""",
        [source, target],
    )
    x, y = page.evaluate("window.__click")
    page.mouse.click(x, y)
