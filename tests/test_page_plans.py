"""Several plans on the page, in a real browser: the plan selector (region, year, genre)
scopes the pick list, every view and the tables to one plan, the address keeps it, and a
name two plans use is labelled with its plan (tests/browser.py says what it needs and
what fails a test)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests import browser as kit
from tests.browser import ROOT, api, show
from tests.conftest import DATA, serving

browser = kit.browser  # fixture
pytestmark = pytest.mark.browser

TONGLIAO, TIANJIN = "plan:2025年通辽市计划报告", "plan:2026年天津市政府工作报告"
SERVICES = "服务业"  # an industry both plans name


def _serve_plans(tmp_path_factory, name, *files):
    store = tmp_path_factory.mktemp(name)
    load = [sys.executable, "-m", "api.cli", "load", *map(str, files), "--store", str(store)]
    subprocess.run(load, cwd=ROOT, check=True, capture_output=True)
    return serving(store / "serve.log", env={"PLANGRAPH_STORE": str(store)})


@pytest.fixture(scope="module")
def two_regions(tmp_path_factory):
    """``plangraph serve`` over Tongliao 2025 and Tianjin 2026."""
    tongliao = ROOT / "loaders" / "data" / "tongliao_2025_plan.txt"
    with _serve_plans(tmp_path_factory, "two-regions", tongliao, DATA / "samples" / "tianjin_2026_gwr.txt") as base:
        yield base


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    """``plangraph serve`` over Tongliao 2025 and a copy of it retitled 2026: the same names twice."""
    tongliao = ROOT / "loaders" / "data" / "tongliao_2025_plan.txt"
    copy = tmp_path_factory.mktemp("copy") / "tongliao_2026.txt"
    copy.write_text(tongliao.read_text(encoding="utf-8").replace("2025年通辽市", "2026年通辽市"), encoding="utf-8")
    with _serve_plans(tmp_path_factory, "two-years", tongliao, copy) as base:
        yield base


@pytest.fixture
def page(browser, two_regions, request):
    with kit.watched(browser, two_regions, request.node.name) as p:
        p.goto(two_regions + "/")
        kit.ready(p)
        yield p


def ids_of(base: str, plan: str) -> set[str]:
    """Every node id of one plan, asked of the API."""
    return {n["id"] for n in api(base, "/export", format="json", plan=plan)["nodes"]}


def choose_plan(page, plan: str | None) -> None:
    """Pick a plan in the selector as a user would, and wait for the view to be drawn again."""
    drawn = page.evaluate("window.plangraph.drawn")
    page.select_option("#plan-select", plan or "")
    page.wait_for_function("n => window.plangraph.drawn > n", arg=drawn, timeout=20000)


def hits(page, base: str, text: str, plan: str | None = None) -> list[dict]:
    """What the pick list offers for ``text``, once it shows the API's answer for it (with
    the plan the page is scoped to)."""
    scoped = {"plan": plan} if plan else {}
    expected = [h["node"]["name"] for h in api(base, "/search", q=text, limit=12, **scoped)["hits"]]
    page.fill("#search", text)
    page.wait_for_function(
        "names => JSON.stringify([...document.querySelectorAll('#search-hits .hit .name')].map(e => e.textContent)) === JSON.stringify(names)",
        arg=expected,
    )
    return page.evaluate("""() => [...document.querySelectorAll('#search-hits .hit')].map(li => ({
        name: li.querySelector('.name').textContent, plan: li.querySelector('.plan-label')?.textContent || null }))""")


def drawn_ids(page) -> set[str]:
    return set(page.evaluate("window.plangraph.cy.nodes().filter(n => n.data('type') !== 'Link').map(n => n.id())"))


def test_the_selector_offers_each_plan_by_region_year_and_genre(page):
    assert page.is_visible("#plan-select")
    groups = page.evaluate("""() => [...document.querySelectorAll('#plan-select optgroup')].map(g =>
        [g.label, [...g.querySelectorAll('option')].map(o => [o.value, o.textContent])])""")
    assert groups == [
        ["天津市", [[TIANJIN, "2026 · 政府工作报告"]]],
        ["通辽市", [[TONGLIAO, "2025 · 计划报告"]]],
    ]
    assert page.evaluate("document.querySelector('#plan-select').value") == ""
    titles = page.evaluate("[...document.querySelectorAll('#plan-select option')].map(o => o.title).filter(Boolean)")
    assert titles == ["2026年天津市政府工作报告", "2025年通辽市国民经济和社会发展计划"]
    header = page.locator("body > header").bounding_box()
    assert header["height"] < 60, "the header wraps onto a second line"


def test_the_selector_scopes_the_pick_list(page, two_regions):
    both = {h["name"] for h in hits(page, two_regions, "新增")}
    assert {"新增新能源并网400万千瓦", "新增学位1.7万个"} <= both, both
    choose_plan(page, TIANJIN)
    assert page.inner_text("#plan-name") == "2026年天津市政府工作报告"
    offered = {h["name"] for h in hits(page, two_regions, "新增", TIANJIN)}  # the API's answer for Tianjin alone
    assert "新增学位1.7万个" in offered and "新增新能源并网400万千瓦" not in offered
    tianjin = {n["name"] for n in api(two_regions, "/export", format="json", plan=TIANJIN)["nodes"]}
    assert offered <= tianjin
    page.screenshot(path=str(kit.ARTIFACTS / "plans-pick-list-tianjin.png"))
    choose_plan(page, TONGLIAO)
    assert "新增学位1.7万个" not in {h["name"] for h in hits(page, two_regions, "新增", TONGLIAO)}
    page.screenshot(path=str(kit.ARTIFACTS / "plans-pick-list-tongliao.png"))


def test_a_view_scoped_to_one_plan_draws_nothing_of_the_other(page, two_regions):
    tianjin, tongliao = ids_of(two_regions, TIANJIN), ids_of(two_regions, TONGLIAO)
    show(page, "chain", f"industry:{SERVICES}")
    everything = drawn_ids(page)
    assert everything & (tongliao - tianjin) and everything & (tianjin - tongliao), "服务业 draws both plans' parts"
    page.screenshot(path=str(kit.ARTIFACTS / "plans-chain-every-plan.png"))
    choose_plan(page, TIANJIN)
    assert page.evaluate("window.plangraph.state.focus") == f"industry:{SERVICES}"  # both plans name it: it stays
    scoped = drawn_ids(page)
    assert scoped and scoped <= tianjin, f"drawn outside Tianjin: {scoped - tianjin}"
    assert not scoped & (tongliao - tianjin)
    page.click("#tab-table")
    page.wait_for_selector("#table-view table.grid")
    assert "plan=" in page.get_attribute("#table-view a.download.csv", "href")
    page.click("#tab-graph")
    show(page, "banner", "banner:天津市")
    assert drawn_ids(page) <= tianjin
    choose_plan(page, TONGLIAO)  # 天津市 is no place of Tongliao's plan: its most connected target instead
    assert page.evaluate("window.plangraph.state.view") == "banner"
    assert drawn_ids(page) <= tongliao and page.evaluate("window.plangraph.state.focus") in tongliao
    page.screenshot(path=str(kit.ARTIFACTS / "plans-banner-tongliao.png"))


def test_the_address_keeps_the_plan(page, two_regions):
    choose_plan(page, TIANJIN)
    assert "plan=" in page.evaluate("location.hash")
    page.reload()
    kit.ready(page)
    page.wait_for_function(f"document.querySelector('#plan-select').value === {TIANJIN!r}")
    assert drawn_ids(page) <= ids_of(two_regions, TIANJIN)
    page.go_back()  # the view before the plan was chosen: every plan again
    page.wait_for_function("document.querySelector('#plan-select').value === ''")


def test_a_name_of_two_plans_is_labelled_with_its_plan(browser, two_years, request):
    with kit.watched(browser, two_years, request.node.name) as p:
        p.goto(two_years + "/")
        kit.ready(p)
        offered = [h for h in hits(p, two_years, "筑牢生态") if h["name"] == "筑牢生态安全屏障"]
        assert sorted(h["plan"] for h in offered) == ["通辽市 2025 计划报告", "通辽市 2026 计划报告"]
        p.screenshot(path=str(kit.ARTIFACTS / "plans-pick-list-two-years.png"))
        p.click("#search-hits .hit:has(.plan-label:text-is('通辽市 2026 计划报告'))")
        p.wait_for_function("window.plangraph.state.focus === 'task:2026年通辽市计划报告/筑牢生态安全屏障'")
        show(p, "banner", "banner:科尔沁区")  # it feeds a target of each plan with one name
        twins = p.evaluate("""() => window.plangraph.cy.nodes().filter(n => n.data('name') === '外贸进出口增速达到3%左右')
            .map(n => [n.data('plan'), n.data('label').replace(/\\s/g, '')])""")
        assert sorted(twins) == [
            ["plan:2025年通辽市计划报告", "外贸进出口增速达到3%左右（通辽市2025计划报告）"],
            ["plan:2026年通辽市计划报告", "外贸进出口增速达到3%左右（通辽市2026计划报告）"],
        ]
        kit.assert_readable(p, "a banner view with a target of each plan")
        p.screenshot(path=str(kit.ARTIFACTS / "plans-banner-two-years.png"))
        kit.click_node(p, "banner:科尔沁区")
        p.wait_for_selector("#panel .plans")
        assert p.inner_text("#panel .plans") == "计划：通辽市 2025 计划报告、通辽市 2026 计划报告"
        choose_plan(p, "plan:2026年通辽市计划报告")
        assert p.inner_text("#panel .plans") == "计划：通辽市 2026 计划报告"  # the panel follows the plan
        show(p, "target", "target:2026年通辽市计划报告/新增新能源并网400万千瓦")
        p.click("#tab-table")
        p.wait_for_selector("#table-view td[data-key='plan']")
        plans = p.evaluate("[...document.querySelectorAll('#table-view td[data-key=plan]')].map(td => td.textContent)")
        assert plans and set(plans) == {"plan:2026年通辽市计划报告"}
