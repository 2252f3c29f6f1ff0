"""Hostile sizes (issue 8): extraction stays linear in the text, and a document that needs
more work than its size allows stops with a clear error naming the file and the limit.

Only shapes and the error are tested here, never timings; bench/bench_extract.py measures
the seconds per megabyte of each shape.
"""

from __future__ import annotations

import pytest

from loaders import context
from loaders.exceptions import ExtractionBudgetExceeded, LoadError
from loaders.extract import document, extract
from loaders.gazetteer import load
from loaders.pipeline import bundled_plan, read_plan

SEED = bundled_plan().read_text(encoding="utf-8")


def _unpunctuated(n: int) -> str:
    chars = "".join(c for c in SEED if "\u4e00" <= c <= "\u9fff")
    return (chars * (n // len(chars) + 1))[:n]


def test_a_line_without_punctuation_is_cut_into_bounded_sentences():
    text = _unpunctuated(200_000)
    sentences = document(text, "line.txt").document.sentences
    limit = load("layout")["sentence_max"]
    assert max(len(s.text) for s in sentences) <= limit
    assert sum(len(s.text) for s in sentences) == len(text)
    assert any(n.type == "Project" for n in extract(text, "line.txt").nodes)


def test_repeated_sentences_merge_into_one_node_each():
    sentence = "加快建设西宁至成都铁路，推动霍林河南500千伏输变电工程开工。"
    graph = extract(sentence * 5_000, "repeated.txt")
    [railway] = [n for n in graph.nodes if n.name == "西宁至成都铁路"]
    assert len(railway.provenance) == 5_000  # every mention is kept, each once


def test_many_sections_each_become_a_section():
    parts = "".join(
        f"推进第{k}项重点工作\n加快推进产业发展，建设现代能源基地，完成年度目标任务。\n" for k in range(5_000)
    )
    graph = extract("2025年示例市国民经济和社会发展计划\n" + parts, "sections.txt")
    assert sum(n.type == "Section" for n in graph.nodes) == 5_000


def test_the_budget_stops_a_document_that_takes_too_long(monkeypatch, tmp_path):
    monkeypatch.setattr(context, "MIN_SECONDS", 0.0)
    monkeypatch.setattr(context, "SECONDS_PER_MB", 0.0)
    path = tmp_path / "hostile.txt"
    path.write_text(SEED, encoding="utf-8")
    with pytest.raises(ExtractionBudgetExceeded) as caught:
        read_plan(path)
    assert isinstance(caught.value, LoadError)
    assert "hostile.txt" in str(caught.value) and "s of extraction" in str(caught.value)


def test_a_budget_scales_with_the_text():
    small, large = context.Budget("a.txt", 1_000), context.Budget("b.txt", 4_000_000)
    assert small.seconds == context.MIN_SECONDS
    assert large.seconds == pytest.approx(4 * context.SECONDS_PER_MB)
