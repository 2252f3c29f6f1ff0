"""Project-list tables (重点项目清单) from xlsx, CSV and DOCX: each row a project with its
investment, years, status, owner and place; the same project in a table and in a plan's
text is one node."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from api.cli import main
from api.cli.options import open_store
from loaders.exceptions import UnreadableDocument
from loaders.pipeline import read_plan
from loaders.project_tables import find_header, find_project_tables
from loaders.sheets import Sheet
from queries.feeds import feeders

# (名称 as a project office writes it, 建设单位, 建设地点, 性质, 起止年限, 总投资 万元, 2025年计划投资 万元)
ROWS = [
    ("梅花生物苏氨酸项目", "通辽梅花生物科技有限公司", "科尔沁区", "新建", "2025-2026", 120000, 60000),
    ("光伏帮扶工程", "通辽市能源投资有限公司", "科尔沁左翼中旗", "续建", "2024—2025", 85000.5, 30000),
    ("扎铝二期电解铝项目", "霍林郭勒扎铝有限公司", "霍林郭勒市", "续建", "2024-2026", 450000, 150000),
    ("锦联易拉罐项目", "锦联铝材有限公司", "霍林郭勒市", "新建", "2025-2025", 65000, 65000),
    ("金煤化工草酸项目", "通辽金煤化工有限公司", "通辽经济技术开发区", "新建", "2025-2026", 98000, 40000),
    ("霍林河南500千伏输变电工程", "国网内蒙古东部电力有限公司", "霍林郭勒市", "新建", "2025-2026", 76000, 30000),
    ("通辽至兴安盟天然气管道", "通辽市燃气集团", "科尔沁区", "新建", "2025-2027", 120000, 20000),
    ("奈曼旗天然碱矿详查项目", "奈曼旗矿业公司", "奈曼旗", "新建", "2025-2026", 8000, 5000),
    ("市医院新院区", "通辽市医院", "科尔沁区", "续建", "2023-2025", 150000, 50000),
    ("引绰济辽二期工程", "内蒙古引绰济辽供水有限责任公司", "科尔沁区", "续建", "2024-2028", 600000, 80000),
    ("库伦旗硅基新材料项目", "库伦旗硅材料有限公司", "库伦旗", "新建", "2025-2026", 52000, 26000),
    ("扎鲁特旗通用机场", "扎鲁特旗交通投资有限公司", "扎鲁特旗", "新建", "2025-2026", 30000, 15000),
    ("示例一号风电场", "示例新能源有限公司", "开鲁县", "新建", "2025-2026", 70000, 35000),
    ("示例二号光伏电站", "示例光伏有限公司", "科尔沁左翼后旗", "新建", "2025-2025", 45000, 45000),
    ("示例冷链物流园", "示例物流有限公司", "科尔沁区", "新建", "2025-2026", 22000, 11000),
    ("示例肉牛屠宰加工项目", "示例肉业有限公司", "开鲁县", "续建", "2024-2025", 18000, 9000),
    ("示例玉米深加工项目", "示例生物有限公司", "通辽经济技术开发区", "新建", "2025-2027", 66000, 20000),
    ("示例污水处理厂", "通辽市水务局", "科尔沁区", "新建", "2025-2026", 12000, 6000),
    ("示例职业学院实训基地", "示例职业学院", "科尔沁区", "新建", "2025-2026", 9000, 4500),
    ("示例智算中心", "示例算力有限公司", "霍林郭勒市", "新建", "2025-2026", 2.5, 1.2),
]


def _workbook(path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "重点项目"
    ws.append(["2025年通辽市重点项目清单"])
    ws.merge_cells("A1:I1")
    ws.append(["单位：万元"])
    ws.append(["序号", "项目名称", "建设单位", "建设地点", "建设性质", "起止年限", "投资（万元）", None, "责任单位"])
    ws.append([None, None, None, None, None, None, "总投资", "2025年计划投资", None])
    for col in "ABCDEFI":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("G3:H3")
    ws.append(["一、重点产业项目"])
    for i, (name, owner, place, nature, years, total, annual) in enumerate(ROWS[:19], start=1):
        ws.append([i, name, owner, place, nature, years, total, annual, "市发改委"])
        if i == 10:
            ws.append([])  # a blank row inside the table
    ws.append(["合计", None, None, None, None, None, sum(r[5] for r in ROWS[:19]), None, None])
    other = book.create_sheet("续表")
    other.append(["No.", "Project name", "Owner", "Location", "Total investment (亿元)", "Years"])
    name, owner, place, nature, years, total, _ = ROWS[19]
    other.append([20, name, owner, place, total, years])
    book.save(path)
    return path


def test_a_twenty_row_table_joins_the_tongliao_plan(tmp_path, tongliao_path):
    where = str(tmp_path / "s")
    runner = CliRunner()
    runner.invoke(main, ["load", str(tongliao_path), "--store", where], catch_exceptions=False)
    before = {n.id for n in open_store(tmp_path / "s").nodes(["Project"])}
    result = runner.invoke(main, ["load", str(_workbook(tmp_path / "清单.xlsx")), "--store", where])
    assert result.exit_code == 0, result.output
    store = open_store(tmp_path / "s")
    projects = {n.id: n for n in store.nodes(["Project"])}
    matched = {"梅花生物25万吨苏氨酸项目", "光伏帮扶工程", "扎铝二期35万吨电解铝", "锦联55万吨易拉罐", "金煤化工10万吨草酸项目",
               "霍林河南500千伏输变电工程", "通辽至兴安盟天然气管道", "奈曼旗天然碱矿详查项目", "市医院新院区", "引绰济辽二期工程",
               "库伦旗硅基新材料项目", "扎鲁特旗通用机场"}  # fmt: skip
    assert len(projects) == len(before) + len(ROWS) - len(matched)
    meihua = projects["project:梅花生物25万吨苏氨酸项目"]
    assert "梅花生物苏氨酸项目" in meihua.aliases
    assert meihua.attributes["investment"] == {"value": 120000.0, "unit": "万元", "wan_yuan": 120000.0}
    assert meihua.attributes["annual_investment"]["wan_yuan"] == 60000.0
    assert (meihua.attributes["start_year"], meihua.attributes["end_year"], meihua.attributes["nature"]) == (
        2025,
        2026,
        "新建",
    )
    owners = {e.source for e in store.edges(meihua.id, "in", ["responsible-for"])}
    assert owners == {"enterprise:梅花生物"}  # the company's full name is its alias now
    assert "通辽梅花生物科技有限公司" in store.node("enterprise:梅花生物").aliases
    assert any(p.source == "table:清单.xlsx#重点项目!6" for p in meihua.provenance)
    smart = next(n for n in projects.values() if n.name == "示例智算中心")
    assert smart.attributes["investment"] == {"value": 2.5, "unit": "亿元", "wan_yuan": 25000.0}
    [feed] = [f for f in feeders(store, "新增新能源并网400万千瓦").feeds if f.project.name == "光伏帮扶工程"]
    assert feed.investment == {"value": 85000.5, "unit": "万元", "wan_yuan": 85000.5}
    assert (
        "光伏帮扶工程  总投资 85000.5 万元"
        in runner.invoke(main, ["feeders", "新增新能源并网400万千瓦", "--store", where]).output
    )
    located = {e.target for e in store.edges("project:示例一号风电场", "out", ["located-in"])}
    assert located == {"banner:开鲁县"}
    sewage = {e.source for e in store.edges("project:示例污水处理厂", "in", ["responsible-for"])}
    assert sewage == set()  # 通辽市水务局 is a government body, not an enterprise


def test_reloading_the_table_changes_nothing(tmp_path):
    path = _workbook(tmp_path / "清单.xlsx")
    first, second = read_plan(path), read_plan(path)
    assert first == second and first[0] == "plan:2025年通辽市项目清单"


def test_csv_with_a_bom_and_units_in_the_header(tmp_path):
    path = tmp_path / "projects.csv"
    lines = ["项目名称,建设地点,总投资(亿元),建设年限", "示例大桥,科尔沁区,3.2,2025-2027", ",,,", "小计,,3.2,"]
    path.write_bytes("\n".join(lines).encode("utf-8-sig"))
    _, graph = read_plan(path)
    [bridge] = [n for n in graph.nodes if n.type == "Project"]
    assert bridge.attributes["investment"]["wan_yuan"] == 32000.0 and bridge.attributes["years"] == "2025–2027"


def test_a_docx_plan_with_a_project_annex(tmp_path):
    document = docx.Document()
    document.add_paragraph("2025年示例市国民经济和社会发展计划")
    document.add_paragraph("一、推进产业转型升级")
    document.add_paragraph("推动铝基新材料产业产值超千亿。力促扎铝二期35万吨电解铝等项目建成投产。")
    table = document.add_table(rows=3, cols=3)
    for r, cells in enumerate(
        [
            ("项目名称", "建设单位", "总投资（万元）"),
            ("扎铝二期电解铝", "扎铝", "450000"),
            ("示例新项目", "示例公司", "1000"),
        ]
    ):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    path = tmp_path / "plan.docx"
    document.save(str(path))
    plan_id, graph = read_plan(path)
    names = {n.name for n in graph.nodes if n.type == "Project"}
    assert "示例新项目" in names and "项目名称" not in names
    new = next(n for n in graph.nodes if n.name == "示例新项目")
    assert new.attributes["investment"]["wan_yuan"] == 1000.0 and new.provenance[0].plan == plan_id


def test_a_bad_amount_names_file_sheet_row_and_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("项目名称,总投资\n示例项目,很多\n", encoding="utf-8")
    with pytest.raises(
        UnreadableDocument, match=r"bad.csv sheet bad row 2 column 2 \(总投资\).*'很多' is not an amount"
    ):
        read_plan(path)


def test_a_table_without_a_project_column_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("姓名,电话\n张三,123\n", encoding="utf-8")
    with pytest.raises(UnreadableDocument, match="no project table found"):
        read_plan(path)


def test_headers_in_english_and_chinese_variants():
    sheet = Sheet(
        "s",
        [
            ["No.", "Project Name", "项目业主", "所在地", "计划总投资（亿元）", "2026年度计划投资"],
            ["1", "A", "B", "C", "1", "2"],
        ],
    )
    header = find_header(sheet)
    assert header is not None and set(header.fields.values()) == {
        "serial", "name", "owner", "place", "total_investment", "annual_investment"
    }  # fmt: skip
    [row] = find_project_tables(Path("x.xlsx"), [sheet])
    assert row.investment == {"value": 1.0, "unit": "亿元", "wan_yuan": 10000.0}
