"""The command line through click's runner: real output, one-line errors."""

import json
import re

import pytest
from click.testing import CliRunner

from api.cli import main


@pytest.fixture
def run(tmp_path):
    runner = CliRunner()
    store = str(tmp_path / "store")

    def invoke(*args, with_store=True):
        argv = [*args, "--store", store] if with_store else list(args)
        return runner.invoke(main, argv, catch_exceptions=False)

    return invoke


def test_load_prints_counts_and_time(run, tongliao_path):
    result = run("load", str(tongliao_path))
    assert result.exit_code == 0, result.output
    assert "Project" in result.output and "loaded 1 plan(s)" in result.output
    assert " s\n" in result.output


def test_stats_show_export_eval(run, tongliao_path, tmp_path, gold_path):
    run("load", str(tongliao_path))
    stats = run("stats")
    assert "Target" in stats.output and "2025年通辽市国民经济和社会发展计划" in stats.output
    show = run("show", "梅花生物25万吨苏氨酸项目")
    assert "开工建设梅花生物25万吨苏氨酸项目" in show.output  # the provenance quote
    assert "responsible-for  梅花生物" in show.output
    by_alias = run("show", "科区")
    assert by_alias.output.startswith("科尔沁区  [Banner]")
    out = tmp_path / "g.json"
    assert run("export", "--format", "json", "--output", str(out)).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"nodes", "edges"} <= data.keys()
    graphml = run("export", "--format", "graphml")
    assert graphml.output.startswith("<?xml")
    scores = run("eval", str(gold_path))
    assert scores.exit_code == 0 and "supports" in scores.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("show", "不存在的节点"), "Error: no node '不存在的节点' in the graph"),
        (("load", "/nonexistent/plan.txt"), "Error: cannot read /nonexistent/plan.txt: no such file"),
    ],
)
def test_user_errors_are_one_line_without_traceback(run, tongliao_path, args, message):
    run("load", str(tongliao_path))
    result = run(*args)
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == message
    assert "Traceback" not in result.output


def test_a_failed_load_leaves_the_store_untouched(run, tongliao_path, tmp_path):
    run("load", str(tongliao_path))
    before = run("export", "--format", "json").output
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("load", str(tongliao_path), str(empty))
    assert result.exit_code == 1 and "the file is empty" in result.output
    assert run("export", "--format", "json").output == before


def test_an_ambiguous_name_lists_the_candidates(run, tongliao_path, tmp_path):
    second = tmp_path / "tongliao_2026.txt"
    second.write_text(
        tongliao_path.read_text(encoding="utf-8").replace("2025年通辽市", "2026年通辽市"), encoding="utf-8"
    )
    run("load", str(tongliao_path), str(second))
    result = run("show", "筑牢生态安全屏障")
    assert result.exit_code == 1
    assert "names 2 nodes" in result.output and "task:2026年" in result.output


def test_stats_on_an_empty_store(run):
    result = run("stats")
    assert result.exit_code == 1 and "the store is empty" in result.output


def test_a_question_to_an_empty_store_says_how_to_fill_it(run):
    result = run("feeders", "新增新能源并网400万千瓦")
    assert result.exit_code == 1
    assert result.output.strip() == "Error: the store is empty: run `plangraph load FILE` or `plangraph serve`"


def test_a_bug_is_not_dressed_up_as_a_user_error(run, tongliao_path, monkeypatch):
    import queries.lookup

    run("load", str(tongliao_path))

    def broken(store, ref):
        raise ValueError("a bug in describe")

    monkeypatch.setattr(queries.lookup, "describe", broken)
    with pytest.raises(ValueError, match="a bug in describe"):
        run("show", "科区")


def test_serve_on_a_port_in_use_is_one_line(tmp_path):
    import socket
    import subprocess
    import sys

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "api.cli", "serve", "--port", str(port), "--store", str(tmp_path / "s")],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr.strip() == f"Error: port {port} on 127.0.0.1 is in use: choose another with --port"
    assert not (tmp_path / "s").exists()  # nothing was loaded into the store first


def test_every_command_is_registered_by_name():
    assert set(main.commands) == {
        "load",
        "stats",
        "export",
        "eval",
        "serve",
        "push",
        "show",
        "fix",
        "fixes",
        "lists",
        "feeders",
        "impacts",
        "dependencies",
        "path",
        "chain",
        "banner",
        "search",
    }


def test_the_same_document_again_is_unchanged(run, tongliao_path):
    run("load", str(tongliao_path))
    again = run("load", str(tongliao_path))
    assert again.exit_code == 0
    assert "plan:2025年通辽市计划报告: unchanged (the store already holds this document)" in again.output


def test_another_document_under_a_loaded_plans_id_is_refused_unless_replace(run, tongliao_path, tmp_path):
    run("load", str(tongliao_path))
    revised = tmp_path / "tongliao_revised.txt"
    revised.write_text(tongliao_path.read_text(encoding="utf-8") + "\n（修订稿）\n", encoding="utf-8")
    refused = run("load", str(revised))
    assert refused.exit_code == 1
    assert re.fullmatch(
        r"Error: plan:2025年通辽市计划报告 already holds tongliao_2025_plan\.txt \(sha256 [0-9a-f]{12}\); "
        r"tongliao_revised\.txt \(sha256 [0-9a-f]{12}\) is a different document: pass --replace to replace it",
        refused.output.strip().splitlines()[-1],
    ), refused.output
    replaced = run("load", str(revised), "--replace")
    assert replaced.exit_code == 0
    assert "plan:2025年通辽市计划报告: replaced tongliao_2025_plan.txt" in replaced.output


def test_a_json_store_is_converted_on_first_use_with_one_line(run, tongliao_graph, tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    (store / "graph.json").write_text(json.dumps(tongliao_graph.model_dump(mode="json"), ensure_ascii=False))
    first = run("stats")
    assert first.exit_code == 0 and first.output.startswith(
        f"converted the JSON store {store / 'graph.json'} ({len(tongliao_graph.nodes)} nodes"
    )
    assert "Project" in first.output
    assert "converted" not in run("stats").output


@pytest.fixture
def two_plans(run, tongliao_path, tmp_path):
    """The bundled plan and a copy of it retitled 2026: the same names in two plans."""
    second = tmp_path / "tongliao_2026.txt"
    second.write_text(
        tongliao_path.read_text(encoding="utf-8").replace("2025年通辽市", "2026年通辽市"), encoding="utf-8"
    )
    run("load", str(tongliao_path), str(second))
    return run


def test_plan_resolves_a_name_of_two_plans(two_plans):
    ambiguous = two_plans("show", "筑牢生态安全屏障")
    assert ambiguous.exit_code == 1
    assert "task:2025年通辽市计划报告/筑牢生态安全屏障 (plan:2025年通辽市计划报告)" in ambiguous.output
    assert "task:2026年通辽市计划报告/筑牢生态安全屏障 (plan:2026年通辽市计划报告)" in ambiguous.output
    for plan in ("plan:2026年通辽市计划报告", "2026年通辽市计划报告", "2026年通辽市国民经济和社会发展计划"):
        shown = two_plans("show", "筑牢生态安全屏障", "--plan", plan)
        assert shown.exit_code == 0, shown.output
        assert shown.output.startswith("筑牢生态安全屏障  [Task]  task:2026年通辽市计划报告/筑牢生态安全屏障")


@pytest.mark.parametrize(
    "args",
    [
        ("feeders", "新增新能源并网400万千瓦"),
        ("impacts", "光伏帮扶工程"),
        ("dependencies", "筑牢生态安全屏障"),
        ("path", "梅花生物", "玉米合成生物产业"),
        ("chain", "铝基新材料产业"),
        ("banner", "科区"),
        ("search", "筑牢"),
        ("stats",),
        ("export", "--format", "json"),
        ("export", "--format", "csv", "--table", "feeds"),
    ],
)
def test_every_query_command_takes_a_plan(two_plans, args):
    as_json = () if args[0] in ("stats", "export") else ("--json",)  # every id and quote
    scoped = two_plans(*args, *as_json, "--plan", "2026年通辽市计划报告")
    assert scoped.exit_code == 0, scoped.output
    assert "2025年通辽市" not in scoped.output


def test_export_of_one_plan_as_a_workbook(two_plans, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "2026.xlsx"
    assert (
        two_plans("export", "--format", "xlsx", "--output", str(out), "--plan", "2026年通辽市计划报告").exit_code == 0
    )
    sheet = load_workbook(out)["目标"]
    plans = {row[8] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert plans == {"plan:2026年通辽市计划报告"}


def test_an_unknown_plan_is_one_line_with_the_nearest(two_plans):
    result = two_plans("feeders", "新增新能源并网400万千瓦", "--plan", "2027年通辽市计划报告")
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        "Error: no plan '2027年通辽市计划报告' in the graph; did you mean "
        "2026年通辽市国民经济和社会发展计划, 2025年通辽市国民经济和社会发展计划?"
    )


@pytest.mark.parametrize(
    ("asked", "line"),
    [
        ("锦联55万吨易拉灌", "Error: no node '锦联55万吨易拉灌' in the graph; did you mean 锦联55万吨易拉罐?"),
        ("kerqin", "Error: no node 'kerqin' in the graph; did you mean 科尔沁区?"),
    ],
)
def test_an_unknown_name_says_did_you_mean(run, tongliao_path, asked, line):
    run("load", str(tongliao_path))
    result = run("show", asked)
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == line
