"""The table tab of each view in a real browser: the rows are the API's table for the same
view, sorting and filtering work, the downloads are the API's files, and a row shows its
node in the graph (tests/browser.py says what it needs and what fails a test)."""

from __future__ import annotations

import urllib.parse
import urllib.request
from pathlib import Path

import openpyxl
import pytest

from tests import browser as kit
from tests.browser import IN_VIEW, INDUSTRY, api, most_fed_target, show

browser, service, page = kit.browser, kit.service, kit.page  # fixtures
pytestmark = pytest.mark.browser

BANNER = "banner:通辽市"
CHAIN = f"industry:{INDUSTRY}"
ROUTES = {
    "target": ("/tables/feeds", "target"),
    "chain": ("/tables/chain", "industry"),
    "banner": ("/tables/banner", "banner"),
    "node": ("/tables/node", "node"),
}
ENTERPRISE = "enterprise:梅花生物"

ROWS = """() => [...document.querySelectorAll('#table-view tbody tr:not(.empty)')].map(tr =>
    Object.fromEntries([...tr.querySelectorAll('td')].map(td => [td.dataset.key, td.textContent])))"""


def shown(value) -> str:
    """A cell as the page writes it (JavaScript's String of the JSON value)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def api_table(base: str, view: str, node_id: str) -> dict:
    path, param = ROUTES[view]
    return api(base, path, **{param: node_id})


def open_table(page) -> None:
    page.click("#tab-table")
    page.wait_for_selector("#table-view table.grid")


def column(page, key: str) -> list[str]:
    return [row[key] for row in page.evaluate(ROWS)]


@pytest.fixture(scope="module")
def fed(service) -> str:
    target, count = most_fed_target(service)
    assert count >= 10, f"the bundled plan's best-fed target has only {count} feeders"
    return target


@pytest.mark.parametrize("view", ["target", "chain", "banner", "node"])
def test_the_table_tab_holds_the_api_table_of_the_view(page, service, fed, view):
    node_id = {"target": fed, "chain": CHAIN, "banner": BANNER, "node": "banner:科尔沁区"}[view]
    show(page, view, node_id)
    open_table(page)
    table = api_table(service, view, node_id)
    assert len(table["rows"]) >= 3, f"the {view} table of {node_id} is too small to tell anything"
    titles = page.evaluate("() => [...document.querySelectorAll('#table-view th .sort')].map(b => b.textContent)")
    assert titles == [c["title"] for c in table["columns"]]
    expected = [{c["key"]: shown(row[c["key"]]) for c in table["columns"]} for row in table["rows"]]
    assert page.evaluate(ROWS) == expected
    assert page.inner_text("#table-view .table-bar h2") == table["title"]
    assert page.inner_text("#table-view .count") == f"{len(expected)} 行"


def test_sorting_by_a_column_and_back(page, service, fed):
    show(page, "target", fed)
    open_table(page)
    api_order = column(page, "project")
    header = page.locator("#table-view th:has(.sort[data-key='project'])")
    header.locator(".sort").click()
    assert header.get_attribute("aria-sort") == "ascending"
    up = column(page, "project")
    assert sorted(up) == sorted(api_order) and up != api_order
    in_order = page.evaluate(
        """names => { const c = new Intl.Collator('zh-CN', {numeric: true, sensitivity: 'base'});
            return names.every((n, i) => i === 0 || c.compare(names[i - 1], n) <= 0); }""",
        up,
    )
    assert in_order, f"not in ascending order: {up}"
    header.locator(".sort").click()
    assert header.get_attribute("aria-sort") == "descending"
    assert column(page, "project") == up[::-1]
    header.locator(".sort").click()
    assert header.get_attribute("aria-sort") == "none"
    assert column(page, "project") == api_order


def test_filtering_over_every_column_and_by_one(page, service, fed):
    show(page, "target", fed)
    open_table(page)
    rows = api_table(service, "target", fed)["rows"]
    ways = {r["way"] for r in rows}
    assert ways == {"直接", "经任务"}, f"the best-fed target should be fed both ways: {ways}"
    page.fill("#table-view .table-filter", "经任务")
    via = [r["project"] for r in rows if any("经任务" in shown(v) for v in r.values())]
    assert column(page, "project") == via
    assert page.inner_text("#table-view .count") == f"显示 {len(via)} / {len(rows)} 行"
    page.fill("#table-view .table-filter", "")
    word = rows[0]["project"][:2]
    page.fill("#table-view .column-filter[data-key='project']", word)
    assert column(page, "project") == [r["project"] for r in rows if word in r["project"]]
    page.fill("#table-view .column-filter[data-key='way']", "没有这种方式")
    assert page.inner_text("#table-view tbody") == "没有符合筛选条件的行"


def test_the_downloads_are_the_api_files(page, service, fed, tmp_path):
    show(page, "target", fed)
    open_table(page)
    table = api_table(service, "target", fed)
    with page.expect_download() as xlsx:
        page.click("#table-view a.download.xlsx")
    assert xlsx.value.suggested_filename == f"{table['title']}.xlsx"
    saved = tmp_path / xlsx.value.suggested_filename
    xlsx.value.save_as(saved)
    sheet = openpyxl.load_workbook(saved).active
    cells = list(sheet.iter_rows(values_only=True))
    assert list(cells[0]) == [c["title"] for c in table["columns"]]
    assert [r[1] for r in cells[1:]] == [r["project"] for r in table["rows"]]
    with page.expect_download() as csv:
        page.click("#table-view a.download.csv")
    data = Path(csv.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "the CSV has no UTF-8 BOM (WPS and Excel show mojibake)"
    query = urllib.parse.urlencode({"target": fed, "format": "csv"})
    with urllib.request.urlopen(f"{service}/api/v1/tables/feeds?{query}") as response:
        assert data == response.read()


def test_a_row_shows_its_node_in_the_graph(page):
    show(page, "chain", CHAIN)
    open_table(page)
    page.click("#table-view tbody tr:has(td[data-key='project']:text-is('锦联55万吨易拉罐'))")
    page.wait_for_function("document.querySelector('#panel h2')?.textContent === '锦联55万吨易拉罐'")
    assert page.get_attribute("#tab-graph", "aria-selected") == "true"
    assert page.is_hidden("#table-view")
    chosen = page.evaluate("window.plangraph.cy.$('node:selected').map(n => n.data('name'))")
    assert chosen == ["锦联55万吨易拉罐"]
    node = page.evaluate("window.plangraph.cy.$('node:selected')[0].id()")
    spot = page.evaluate(IN_VIEW, [node])[0]
    assert spot["inside"], f"the row's node is not in sight: {spot}"
    open_table(page)  # a link with no project: its row shows the link, by keyboard too
    page.focus("#table-view tbody tr:has(td[data-key='link']:text-is('氧化铝'))")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#panel h2')?.textContent === '氧化铝'")
    assert "产业链环节" in page.inner_text("#panel")


def test_the_relations_view_has_its_table(page, service):
    """The relations view's table: each edge at the node, its direction, type, quote and origin."""
    show(page, "banner", BANNER)
    open_table(page)
    show(page, "node", ENTERPRISE)
    assert not page.is_disabled("#tab-table")
    page.wait_for_selector("#table-view td[data-key='neighbour']")
    table = api(service, "/tables/node", node=ENTERPRISE)
    assert page.inner_text("#table-view .table-bar h2") == table["title"] == "梅花生物的关系"
    assert column(page, "neighbour") == ["梅花生物25万吨苏氨酸项目"]
    assert column(page, "direction") == ["指向"] and column(page, "origin") == ["文本"]
    page.click("#table-view tbody tr:has(td[data-key='neighbour']:text-is('梅花生物25万吨苏氨酸项目'))")
    page.wait_for_function("document.querySelector('#panel h2')?.textContent === '梅花生物25万吨苏氨酸项目'")
    assert page.get_attribute("#tab-graph", "aria-selected") == "true"


def test_a_long_cell_shows_three_lines_until_whole_text_is_asked(page, fed):
    show(page, "target", fed)
    open_table(page)
    cut = """() => [...document.querySelectorAll('#table-view td .long')].filter(e => e.scrollHeight > e.clientHeight + 1).length"""
    assert page.evaluate(cut) > 0, "no long quote is cut to three lines"
    page.check("#table-view .whole-text")
    assert page.evaluate(cut) == 0
    quote = page.locator("#table-view td[data-key='quotes'] .long").first
    assert quote.get_attribute("title") == quote.text_content()
