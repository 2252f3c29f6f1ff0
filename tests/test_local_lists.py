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
