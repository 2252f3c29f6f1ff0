"""A plan's identity is read from the document (region, year, kind), never from a generic
title alone, and two documents never lose each other's data by sharing an id."""

from __future__ import annotations

import hashlib
from pathlib import Path

from graph.sqlite_store import SqliteStore
from loaders.pipeline import read_plan

BODY = """各位代表：
一、2025年工作回顾
过去一年，全省地区生产总值增长5.5%，圆满完成全年目标任务。
二、2026年工作安排
（一）加快建设现代化产业体系
今年主要预期目标是：地区生产总值增长5%左右。推进产业转型升级。
"""


def _write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def _plan(path: Path) -> tuple[str, dict]:
    plan_id, graph = read_plan(path)
    [plan] = [n for n in graph.nodes if n.type == "Plan"]
    assert plan.id == plan_id
    return plan_id, plan.attributes


def test_the_seed_is_named_by_region_year_and_kind(tongliao):
    plan_id, graph = tongliao
    assert plan_id == "plan:2025年通辽市计划报告"
    [plan] = [n for n in graph.nodes if n.type == "Plan"]
    assert plan.attributes["region"] == "通辽市"
    assert plan.attributes["region_code"] == "150500"
    assert plan.attributes["year"] == 2025
    assert plan.attributes["kind"] == "计划报告"


def test_generic_titles_take_region_and_year_from_the_dateline_and_speaker(tmp_path):
    hainan = "政府工作报告\n——2026年1月26日在海南省第七届人民代表大会第五次会议上\n海南省省长 刘小明\n" + BODY
    qinghai = "政府工作报告\n――2026年1月27日在青海省第十四届人民代表大会第四次会议上\n省长 罗东川\n" + BODY
    a = _plan(_write(tmp_path, "a.txt", hainan))
    b = _plan(_write(tmp_path, "b.txt", qinghai))
    assert a[0] == "plan:2026年海南省政府工作报告"
    assert b[0] == "plan:2026年青海省政府工作报告"
    assert (a[1]["region_code"], b[1]["region_code"]) == ("460000", "630000")
    assert a[1]["title"] == b[1]["title"] == "政府工作报告"


def test_a_year_written_in_chinese_numerals(tmp_path):
    text = "政府工作报告\n——二〇二六年一月二十日在宁夏回族自治区第十三届人民代表大会第五次会议上\n" + BODY
    plan_id, attributes = _plan(_write(tmp_path, "n.txt", text))
    assert attributes["year"] == 2026
    assert plan_id == "plan:2026年宁夏回族自治区政府工作报告"


def test_documents_nobody_can_place_never_share_an_id(tmp_path):
    first = _write(tmp_path, "one.txt", "工作报告\n" + BODY.replace("全省", "全域"))
    second = _write(tmp_path, "two.txt", "工作报告\n" + BODY.replace("全省", "全域").replace("5.5%", "6.1%"))
    (id1, a1), (id2, a2) = _plan(first), _plan(second)
    assert a1["region"] is None and a2["region"] is None
    assert id1 != id2
    assert id1 == f"plan:工作报告-{a1['sha256'][:8]}"
    assert id2 == f"plan:工作报告-{a2['sha256'][:8]}"


def test_provenance_attributes_of_the_file(tmp_path):
    text = "2026年海南省政府工作报告\n" + BODY
    path = _write(tmp_path, "hainan_report.txt", text)
    _, attributes = _plan(path)
    assert attributes["source"] == "hainan_report.txt"
    assert attributes["sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_two_files_with_the_same_title_are_both_kept(tmp_path):
    one = _write(tmp_path, "x.txt", "政府工作报告\n——2026年1月26日在海南省第七届人民代表大会第五次会议上\n" + BODY)
    two = _write(tmp_path, "y.txt", "政府工作报告\n——2026年1月27日在青海省第十四届人民代表大会第四次会议上\n" + BODY)
    store = SqliteStore(tmp_path / "store")
    store.write_plans([read_plan(one)])
    store.write_plans([read_plan(two)])
    plans = {n.id for n in store.nodes(["Plan"])}
    assert plans == {"plan:2026年海南省政府工作报告", "plan:2026年青海省政府工作报告"}
