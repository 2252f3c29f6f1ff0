"""Every provincial report of tests/data/corpus loads as a plan of its own, with its
structure, and nothing it plans comes from its review of past years.

The review parts below were checked by reading each report: the heading that opens the
review, the last heading inside it, and the line where the plan ahead begins (the next
part, or in Beijing and Guangxi the paragraph of a mixed part that turns to 十五五).
"""

from __future__ import annotations

import pytest

from graph.records import Graph, Node
from loaders.pipeline import read_plan
from tests.conftest import DATA

CORPUS = sorted((DATA / "corpus").glob("*.txt"))
REVIEWS = {
    "anhui": ("一、2025年工作和“十四五”发展回顾", "（六）用心用情办好民生实事", "二、“十五五”时期主要目标和重大任务"),
    "beijing": ("一、2025年工作回顾", "二、“十四五”时期发展成就", "“十五五”时期是基本实现社会主义现代化"),
    "chongqing": ("一、2025年和“十四五”时期工作回顾", "（九）着力推动政府治理提效", "二、“十五五”时期主要目标任务"),
    "fujian": ("一、一年接着一年干", "（九）着力践行安全发展理念", "二、一张蓝图绘到底"),
    "gansu": ("“十四五”时期工作回顾", "“十四五”时期工作回顾", "“十五五”时期的主要目标任务"),
    "guangxi": ("一、2025年工作回顾", "二、“十四五”时期发展成就", "根据《中国共产党广西壮族自治区委员会"),
    "guizhou": (
        "一、2025年和“十四五”时期工作回顾",
        "（十）持续夯实高质量发展的安全基础",
        "二、“十五五”时期主要目标任务",
    ),
    "hainan": ("一、2025年和“十四五”时期工作回顾", "一、2025年和“十四五”时期工作回顾", "二、“十五五”时期主要目标任务"),
    "hebei": ("一、“十四五”时期经济社会发展回顾", "一、“十四五”时期经济社会发展回顾", "二、“十五五”时期的主要目标任务"),
    "hubei": ("一、“十四五”时期和2025年工作回顾", "一、“十四五”时期和2025年工作回顾", "二、“十五五”时期工作的主要考虑"),
    "hunan": ("一、2025年和“十四五”时期工作回顾", "一、2025年和“十四五”时期工作回顾", "二、“十五五”时期主要目标任务"),
    "jiangsu": (
        "一、“十四五”时期和2025年工作回顾",
        "（六）积极推动高效能治理",
        "二、“十五五”时期工作总体要求和目标任务",
    ),
    "jiangxi": (
        "一、2025年工作及“十四五”时期发展回顾",
        "一、2025年工作及“十四五”时期发展回顾",
        "二、“十五五”时期发展的主要考虑",
    ),
    "liaoning": (
        "一、2025年和“十四五”时期工作回顾",
        "一、2025年和“十四五”时期工作回顾",
        "二、“十五五”时期目标任务和2026年工作安排",
    ),
    "ningxia": (
        "一、2025年工作总结和“十四五”发展成就",
        "一、2025年工作总结和“十四五”发展成就",
        "二、“十五五”时期主要任务",
    ),
    "qinghai": ("一、2025年和“十四五”时期工作回顾", "一、2025年和“十四五”时期工作回顾", "二、“十五五”主要目标任务"),
    "shaanxi": ("一、2025年工作回顾", "（六）防范化解风险", "二、“十五五”时期主要目标和重大举措"),
    "shandong": (
        "一、2025年及“十四五”时期工作回顾",
        "（六）民生福祉改善迈出坚实步伐",
        "二、“十五五”时期经济社会发展目标任务",
    ),
    "shanxi": ("一、“十四五”时期工作回顾", "一、“十四五”时期工作回顾", "二、“十五五”时期总体要求和目标任务"),
    "xinjiang": (
        "一、“十四五”时期和2025年工作回顾",
        "（八）大力增进民生福祉",
        "二、“十五五”时期经济社会发展的主要目标",
    ),
    "yunnan": ("一、“十四五”时期和2025年工作回顾", "（七）风险防控有力有效、底线稳固", "二、“十五五”时期主要目标任务"),
    "zhejiang": ("一、2025年主要工作和“十四五”发展成就", "（十）切实筑牢安全防线", "二、“十五五”时期的主要目标任务"),
}


@pytest.fixture(scope="module")
def loaded() -> dict[str, tuple[str, Graph, str]]:
    """Report name → (plan id, graph, text)."""
    out = {}
    for path in CORPUS:
        plan_id, graph = read_plan(path)
        out[path.name.split("_")[0]] = (plan_id, graph, path.read_text(encoding="utf-8"))
    return out


def _of(graph: Graph, node_type: str) -> list[Node]:
    return [n for n in graph.nodes if n.type == node_type]


def _line_start(text: str, opening: str) -> int:
    """Offset of the first line that opens with ``opening``."""
    pos = 0
    for line in text.split("\n"):
        if line.strip().startswith(opening):
            return pos + line.index(opening)
        pos += len(line) + 1
    raise AssertionError(f"no line opens with {opening}")


def test_every_report_of_the_corpus_is_checked():
    assert sorted(REVIEWS) == [p.name.split("_")[0] for p in CORPUS]
    assert len(CORPUS) == 22


def test_one_plan_each_with_distinct_ids(loaded):
    for name, (plan_id, graph, _) in loaded.items():
        assert len(_of(graph, "Plan")) == 1, name
        assert _of(graph, "Plan")[0].id == plan_id
    assert len({plan_id for plan_id, _, _ in loaded.values()}) == len(loaded)


def test_identity_is_read_from_the_report(loaded):
    for name, (plan_id, graph, _) in loaded.items():
        plan = _of(graph, "Plan")[0].attributes
        assert plan["year"] == 2026 and plan["kind"] == "政府工作报告", name
        assert plan["region"] and plan["region_code"], name
        assert plan_id == f"plan:2026年{plan['region']}政府工作报告"


@pytest.mark.parametrize("name", sorted(REVIEWS))
def test_structure(loaded, name):
    _, graph, _ = loaded[name]
    assert len(_of(graph, "Section")) >= 1
    assert len(_of(graph, "Task")) >= 10


@pytest.mark.parametrize("name", sorted(REVIEWS))
def test_nothing_planned_comes_from_the_review(loaded, name):
    _, graph, text = loaded[name]
    first, last, until = REVIEWS[name]
    begin, end = _line_start(text, first), _line_start(text, until)
    assert begin <= _line_start(text, last) < end
    inside = [
        (n.type, n.name)
        for n in graph.nodes
        if n.type in ("Target", "Task") and any(p.start is not None and begin <= p.start < end for p in n.provenance)
    ]
    assert inside == []


@pytest.mark.parametrize("name", sorted(REVIEWS))
def test_things_named_in_the_review_are_still_taken(loaded, name):
    """DECISIONS_GWR.md: projects, enterprises, places and industries count everywhere."""
    _, graph, text = loaded[name]
    first, _, until = REVIEWS[name]
    begin, end = _line_start(text, first), _line_start(text, until)
    named = [
        n
        for n in graph.nodes
        if n.type in ("Project", "Enterprise", "Banner", "Industry")
        and any(p.start is not None and begin <= p.start < end for p in n.provenance)
    ]
    assert len(named) >= 5
