"""Tables out: targets, projects and target ← project pairs as xlsx, CSV and JSON."""

from __future__ import annotations

import io

import openpyxl
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from api.cli import main
from api.main import create_app
from api.settings import Settings
from api.spreadsheets import to_csv, to_xlsx
from graph.nx_store import NetworkxStore
from graph.sqlite_store import SqliteStore
from queries.feeds import feeders
from queries.models import MAX_LIMIT
from queries.tables import Column, Table, feeds_table

API = "/api/v1"


@pytest.fixture(scope="module")
def store(tongliao_graph):
    return NetworkxStore.in_memory(tongliao_graph)


def _sheet_rows(data: bytes, title: str) -> list[dict[str, object]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    rows = list(book[title].iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_the_workbook_pairs_are_the_feeders_of_every_target(tmp_path, tongliao_path):
    store_dir, out = tmp_path / "s", tmp_path / "t.xlsx"
    runner = CliRunner()
    runner.invoke(main, ["load", str(tongliao_path), "--store", str(store_dir)], catch_exceptions=False)
    result = runner.invoke(main, ["export", "--format", "xlsx", "--output", str(out), "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["目标", "项目", "目标←项目"]
    pairs = {(r["目标编号"], r["项目编号"]) for r in _sheet_rows(out.read_bytes(), "目标←项目")}
    stored = SqliteStore(store_dir)
    expected = {
        (t.id, f.project.id) for t in stored.nodes(["Target"]) for f in feeders(stored, t.id, limit=MAX_LIMIT).feeds
    }
    assert pairs == expected and len(pairs) > 50
    ways = {r["方式"] for r in _sheet_rows(out.read_bytes(), "目标←项目")}
    assert ways == {"直接", "经任务"}


def test_a_target_row_names_its_task_and_section(store):
    from queries.tables import targets_table

    [row] = [r for r in targets_table(store).rows if r["name"] == "新增新能源并网400万千瓦"]
    assert (row["value"], row["unit"], row["task"]) == (400.0, "万千瓦", "新能源产业")
    assert row["section"] and row["plan"] == "plan:2025年通辽市计划报告"


def test_a_project_row_has_capacity_status_and_owner(store):
    from queries.tables import projects_table

    [row] = [r for r in projects_table(store).rows if r["name"] == "梅花生物25万吨苏氨酸项目"]
    assert (row["capacity"], row["status"], row["enterprise"]) == ("25 万吨", "开工建设", "梅花生物")


def test_feeds_of_one_target_quote_every_hop(store):
    target = next(n for n in store.nodes(["Target"]) if n.name == "新增新能源并网400万千瓦")
    table = feeds_table(store, [target])
    assert {r["project"] for r in table.rows} == {f.project.name for f in feeders(store, target.id).feeds}
    assert all(r["quotes"] and r["quotes"].startswith("「") for r in table.rows)


HOSTILE = Table(
    name="t",
    title="表",
    columns=[Column(key="a", title="名称")],
    rows=[{"a": '=HYPERLINK("http://x")'}, {"a": "+1"}, {"a": "控制\x07字符"}, {"a": 3.5}],
)


def test_csv_is_utf8_with_a_bom_and_never_a_formula():
    data = to_csv(HOSTILE)
    assert data.startswith("\ufeff名称".encode("utf-8"))
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[1].startswith("\"'=HYPERLINK") and lines[2] == "'+1" and lines[4] == "3.5"


def test_xlsx_cells_are_text_not_formulas():
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx([HOSTILE])))
    cells = [row[0] for row in book["表"].iter_rows(min_row=2)]
    assert [c.data_type for c in cells[:3]] == ["s", "s", "s"]
    assert cells[0].value.startswith("=HYPERLINK") and cells[2].value == "控制字符"


def test_the_api_serves_the_same_tables(store):
    client = TestClient(create_app(store, Settings()))
    names = [t["name"] for t in client.get(f"{API}/tables").json()]
    assert names == ["targets", "projects", "feeds"]
    one = client.get(f"{API}/tables/feeds", params={"target": "新增新能源并网400万千瓦"}).json()
    assert {r["project"] for r in one["rows"]} == {
        "光伏帮扶工程",
        "国家第三批120万千瓦风电大基地",
        "霍煤鸿骏循环经济示范工程六期",
    }
    csv = client.get(f"{API}/tables/projects", params={"format": "csv"})
    assert (
        csv.headers["content-type"].startswith("text/csv") and "filename*=UTF-8''" in csv.headers["content-disposition"]
    )
    assert csv.content.startswith("\ufeff项目".encode())
    book = client.get(f"{API}/tables/workbook.xlsx")
    assert openpyxl.load_workbook(io.BytesIO(book.content)).sheetnames == ["目标", "项目", "目标←项目"]
    assert client.get(f"{API}/tables/nothing").status_code == 404


def test_chain_and_banner_tables(store):
    client = TestClient(create_app(store, Settings()))
    chain = client.get(f"{API}/tables/chain", params={"industry": "铝基新材料产业"}).json()
    assert chain["title"] == "铝基新材料产业产业链"
    by_link = {(r["link"], r["project"]) for r in chain["rows"]}
    assert ("电解铝", "扎铝二期35万吨电解铝") in by_link and ("氧化铝", None) in by_link
    banner = client.get(f"{API}/tables/banner", params={"banner": "科区"}).json()
    assert {r["project"] for r in banner["rows"]} >= {"科尔沁区自治区级物流枢纽", "科尔沁区低空制造科技产业园"}
    missing = client.get(f"{API}/tables/chain")
    assert missing.status_code == 422 and "industry" in missing.json()["error"]["message"]
