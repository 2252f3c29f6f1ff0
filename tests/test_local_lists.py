"""The commission's own lists: what they list is read from their columns; a bad row names
its file, row and column."""

from __future__ import annotations

import openpyxl
import pytest

from loaders.exceptions import UnreadableDocument
from loaders.local_lists import read_list, read_lists


def test_enterprises_places_and_projects_from_csv_and_xlsx(tmp_path):
    firms = tmp_path / "企业名录.csv"
    firms.write_text("企业名称,简称,所在地\n通辽梅花生物科技有限公司,梅花生物、梅花,科尔沁区\n", encoding="gbk")
    places = tmp_path / "places.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["地名", "别名", "上级"])
    book.active.append(["木里图镇", "木里图", "科尔沁区"])
    book.save(places)
    projects = tmp_path / "projects.csv"
    projects.write_text(
        "Project name,Aliases,Owner,Location,Industry\n示例风电场,风电场一期,示例公司,开鲁县,新能源产业\n",
        encoding="utf-8",
    )
    lists = read_lists([firms, places, projects])
    [firm] = lists.of("enterprise")
    assert (firm.name, firm.aliases, firm.banner) == ("通辽梅花生物科技有限公司", ("梅花生物", "梅花"), "科尔沁区")
    [place] = lists.of("place")
    assert (place.name, place.aliases, place.parent) == ("木里图镇", ("木里图",), "科尔沁区")
    [project] = lists.of("project")
    assert (project.enterprise, project.banner, project.industry) == ("示例公司", "开鲁县", "新能源产业")
    assert project.where == "projects.csv#projects!2"


def test_a_row_without_a_name_names_file_row_and_column(tmp_path):
    path = tmp_path / "firms.csv"
    path.write_text("序号,企业名称,简称\n1,甲公司,甲\n2,,乙\n", encoding="utf-8")
    with pytest.raises(UnreadableDocument, match=r"firms.csv: sheet firms row 3 column 2 \(企业名称\) is empty"):
        read_list(path)


def test_a_file_that_lists_nothing_known_is_refused(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("姓名,电话\n张三,123\n", encoding="utf-8")
    with pytest.raises(UnreadableDocument, match="no list found"):
        read_list(path)


PLAN = """2025年示例市国民经济和社会发展计划
一、推进产业转型升级
推动新能源产业发展。加快示范风电场建设，支持梅花生物扩大产能，推进木里图物流园建设，力争新增新能源并网100万千瓦。
"""


def test_a_store_with_local_lists_reads_its_own_names(tmp_path):
    from click.testing import CliRunner

    from api.cli import main
    from api.cli.options import open_store

    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    firms = tmp_path / "firms.csv"
    firms.write_text("企业名称,简称,所在地\n通辽梅花生物科技有限公司,梅花生物,科尔沁区\n", encoding="utf-8")
    projects = tmp_path / "projects.csv"
    projects.write_text(
        "项目名称,简称,建设单位,建设地点,所属产业\n示范风电场一期,示范风电场,示例能源公司,开鲁县,新能源产业\n",
        encoding="utf-8",
    )
    places = tmp_path / "places.csv"
    places.write_text("地名,别名,上级\n木里图镇,木里图,科尔沁区\n", encoding="utf-8")
    where = str(tmp_path / "s")
    runner = CliRunner()
    loaded = runner.invoke(
        main,
        ["load", str(plan), "--store", where, "--lists", str(firms), "--lists", str(projects), "--lists", str(places)],
    )
    assert loaded.exit_code == 0, loaded.output
    store = open_store(tmp_path / "s")
    firm = store.node("enterprise:通辽梅花生物科技有限公司")
    assert firm is not None and "梅花生物" in firm.aliases
    assert store.node("enterprise:梅花生物") is None
    assert {e.target for e in store.edges(firm.id, "out", ["located-in"])} == {"banner:科尔沁区"}
    wind = store.node("project:示范风电场一期")
    assert wind is not None and "示范风电场" in wind.aliases
    assert {e.source for e in store.edges(wind.id, "in", ["responsible-for"])} == {"enterprise:示例能源公司"}
    assert "banner:开鲁县" in {e.target for e in store.edges(wind.id, "out", ["located-in"])}
    facts = [p for e in store.edges(wind.id, "out", ["located-in"]) for p in e.provenance]
    assert any(p.source == "list:projects.csv#projects!2" for p in facts)
    assert store.node("banner:木里图镇") is not None
    listed = runner.invoke(main, ["lists", "--store", where])
    assert "firms.csv: 1 enterprise name(s)" in listed.output and "places.csv: 1 place name(s)" in listed.output
    again = runner.invoke(main, ["load", str(plan), "--store", where])  # the lists are the store's now
    assert "using 3 name(s) of the store's local lists" in again.output
    assert open_store(tmp_path / "s").node("enterprise:通辽梅花生物科技有限公司") is not None
    assert runner.invoke(main, ["lists", "remove", "places.csv", "--store", where]).exit_code == 0
    assert "places.csv" not in runner.invoke(main, ["lists", "--store", where]).output


def test_a_bad_list_is_refused_before_anything_is_loaded(tmp_path):
    from click.testing import CliRunner

    from api.cli import main

    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("企业名称,简称\n,甲\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["load", str(plan), "--store", str(tmp_path / "s"), "--lists", str(bad)])
    assert result.exit_code == 1 and "bad.csv: sheet bad row 2 column 1 (企业名称) is empty" in result.output
    assert not (tmp_path / "s" / "lists").exists()


def test_a_list_added_later_takes_effect_when_the_plan_is_loaded_again(tmp_path):
    from click.testing import CliRunner

    from api.cli import main
    from api.cli.options import open_store

    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    firms = tmp_path / "firms.csv"
    firms.write_text("企业名称,简称\n通辽梅花生物科技有限公司,梅花生物\n", encoding="utf-8")
    where = str(tmp_path / "s")
    runner = CliRunner()
    runner.invoke(main, ["load", str(plan), "--store", where], catch_exceptions=False)
    assert open_store(tmp_path / "s").node("enterprise:通辽梅花生物科技有限公司") is None
    unchanged = runner.invoke(main, ["load", str(plan), "--store", where])
    assert "unchanged (the store already holds this document)" in unchanged.output
    runner.invoke(main, ["lists", "add", str(firms), "--store", where], catch_exceptions=False)
    again = runner.invoke(main, ["load", str(plan), "--store", where])
    assert "reloaded (its old records replaced)" in again.output, again.output
    store = open_store(tmp_path / "s")
    assert store.node("enterprise:通辽梅花生物科技有限公司") is not None and store.node("enterprise:梅花生物") is None
