"""Evidence on the page, in a real browser: a feeders hop shows the whole sentence of its
quote, marked, under its section and task, and in its paragraph (tests/browser.py says
what it needs and what fails a test)."""

from __future__ import annotations

import pytest

from tests import browser as kit
from tests.browser import SMELTER_HOP, SMELTER_SENTENCE, pick, tap_edge

browser, service, page = kit.browser, kit.service, kit.page  # fixtures
pytestmark = pytest.mark.browser


def test_clicking_a_feeders_hop_shows_its_whole_sentence(page):
    pick(page, "新增规模以上工业企业", "新增规模以上工业企业30户以上", "Target")
    tap_edge(page, *SMELTER_HOP)
    page.wait_for_selector("#panel .evidence .sentence")
    assert page.inner_text("#panel h2") == f"{SMELTER_HOP[0]} → {SMELTER_HOP[1]}"
    assert page.inner_text("#panel .evidence .sentence") == SMELTER_SENTENCE
    quote = page.inner_text("#panel .evidence mark")
    assert quote in SMELTER_SENTENCE and "扎铝二期35万吨电解铝" in quote
    assert (
        page.inner_text("#panel .evidence .where")
        == "推进三次产业协调发展,加快产业转型升级 › 推动铝基新材料产业产值超千亿"
    )
    page.click("#panel .show-in-plan")
    page.wait_for_selector("#plan-view[open] .paragraph mark")
    paragraph = page.inner_text("#plan-view .paragraph")
    assert paragraph.startswith("推动传统产业转型升级。") and SMELTER_SENTENCE in paragraph
    assert page.inner_text("#plan-view .paragraph mark") == quote
    assert page.locator("#plan-view .paragraph mark").is_visible()


def test_quotes_wrap_instead_of_being_cut(page):
    pick(page, "新增规模以上工业企业", "新增规模以上工业企业30户以上", "Target")
    tap_edge(page, *SMELTER_HOP)
    page.wait_for_selector("#panel .evidence .sentence")
    cut = page.evaluate("""() => [...document.querySelectorAll('#panel .evidence .sentence, #panel blockquote')]
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
    pick(page, "新增规模以上工业企业", "新增规模以上工业企业30户以上", "Target")
    tap_edge(page, *SMELTER_HOP)
    page.wait_for_selector("#panel .evidence blockquote.quote")
    assert "力促扎铝二期35万吨电解铝" in page.inner_text("#panel .evidence blockquote.quote")
    assert "仅显示摘录" in page.inner_text("#panel .evidence figcaption")
