"""The officer's corrections: kept beside the extracted graph, re-applied after every
load, visible in every answer, marked as corrections, safe under two writers."""

from __future__ import annotations

import threading

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from api.cli import main
from api.cli.options import open_store
from api.main import create_app
from api.settings import Settings
from graph.corrections import CorrectionsError
from graph.overlay import CorrectedStore
from queries.corrections import CorrectionRequest, listing, record, undo
from queries.feeds import feeders
from queries.lookup import describe
from tests.conftest import DATA

TIANJIN = DATA / "samples" / "tianjin_2026_gwr.txt"
TARGET = "新增新能源并网400万千瓦"


def cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def tongliao_store(tmp_path, tongliao_path):
    cli("load", str(tongliao_path), "--store", str(tmp_path / "s"))
    store = open_store(tmp_path / "s")
    assert isinstance(store, CorrectedStore)
    return store


def test_a_deleted_banner_stays_deleted_across_reloads(tmp_path):
    where = str(tmp_path / "tj")
    cli("load", str(TIANJIN), "--store", where)
    banners = sorted(n.name for n in open_store(tmp_path / "tj").nodes(["Banner"]))
    victim = "赤峰市" if "赤峰市" in banners else banners[0]
    done = cli("fix", "delete", victim, "--why", "赤峰道 is a street in Tianjin", "--store", where)
    assert done.exit_code == 0 and "(applied)" in done.output, done.output
    for _ in range(2):
        reload = cli("load", str(TIANJIN), "--store", where)
        assert "corrections: 1 applied again, 0 orphaned" in reload.output, reload.output
        assert victim not in {n.name for n in open_store(tmp_path / "tj").nodes(["Banner"])}
        assert victim in {n.name for n in open_store(tmp_path / "tj", raw=True).nodes(["Banner"])}


def test_an_added_project_feeds_its_target_marked_as_a_correction(tongliao_store):
    record(tongliao_store, CorrectionRequest(op="add-node", type="Project", name="示例风电场", note="项目库"), "王科长")
    record(
        tongliao_store,
        CorrectionRequest(
            op="add-edge", source="示例风电场", target=TARGET, edge_type="supports", quote="项目库第12项"
        ),
    )
    [feed] = [f for f in feeders(tongliao_store, TARGET).feeds if f.project.name == "示例风电场"]
    assert feed.project.corrected and feed.way == "direct"
    assert feed.paths[0][0].origin.startswith("correction:") and feed.paths[0][0].quote == "项目库第12项"
    shown = cli("feeders", TARGET, "--store", str(tongliao_store.base.directory))
    assert "[direct] 示例风电场  (correction)" in shown.output


def test_a_correction_whose_subject_is_gone_is_kept_as_orphaned(tmp_path, tongliao_path):
    where = str(tmp_path / "s")
    cli("load", str(tongliao_path), "--store", where)
    cli("fix", "delete", "光伏帮扶工程", "--store", where)
    changed = tmp_path / "plan.txt"
    changed.write_text(tongliao_path.read_text(encoding="utf-8").replace("光伏帮扶工程、", ""), encoding="utf-8")
    reload = cli("load", str(changed), "--store", where, "--replace")
    assert "1 orphaned" in reload.output and "orphaned fix-" in reload.output, reload.output
    listed = cli("fixes", "--store", where)
    assert "orphaned  delete-node" in listed.output and "1 orphaned" in listed.output


def test_rename_retype_set_and_merge_are_seen_and_marked(tongliao_store):
    record(tongliao_store, CorrectionRequest(op="rename", node="锦联", name="锦联铝材", why="全称"))
    node = tongliao_store.node("enterprise:锦联")
    assert node is not None and node.name == "锦联铝材" and "锦联" in node.aliases
    assert describe(tongliao_store, "锦联铝材").node.id == "enterprise:锦联"
    assert any(p.source.startswith("correction:") and "全称" in p.quote for p in node.provenance)
    record(tongliao_store, CorrectionRequest(op="set-attribute", node="光伏帮扶工程", key="status", value="建成投产"))
    assert tongliao_store.node("project:光伏帮扶工程").attributes["status"] == "建成投产"
    record(tongliao_store, CorrectionRequest(op="merge", node="创新", into="创源"))
    assert tongliao_store.node("enterprise:创新") is None
    owned = {e.target for e in tongliao_store.edges("enterprise:创源", "out", ["responsible-for"])}
    assert "project:创新20万吨轻质高强高韧铝合金" in owned
    assert [n.id for n in tongliao_store.named("创新")] == ["enterprise:创源"]
    before = len(tongliao_store.nodes(["Banner"]))
    record(tongliao_store, CorrectionRequest(op="retype", node="光伏帮扶工程", type="Banner"))
    assert len(tongliao_store.nodes(["Banner"])) == before + 1


def test_undo_puts_the_graph_back(tongliao_store):
    before = tongliao_store.snapshot()
    made = record(tongliao_store, CorrectionRequest(op="delete-node", node="科区"))
    assert tongliao_store.node("banner:科尔沁区") is None
    undo(tongliao_store, made.id)
    assert tongliao_store.snapshot() == before


def test_a_drifted_id_is_found_again_by_name(tongliao_store):
    with tongliao_store.corrections.editing() as corrections:
        from graph.corrections import DeleteNode, Subject

        corrections.append(DeleteNode(node=Subject(id="project:旧的编号", type="Project", name="光伏帮扶工程")))
    [entry] = listing(tongliao_store).entries
    assert entry.status.state == "re-keyed" and tongliao_store.node("project:光伏帮扶工程") is None


def test_two_writers_lose_nothing(tongliao_store):
    names = [f"补充项目{i}" for i in range(12)]
    threads = [
        threading.Thread(
            target=record,
            args=(
                CorrectedStore(tongliao_store.base, type(tongliao_store.corrections)(tongliao_store.corrections.path)),
                CorrectionRequest(op="add-node", type="Project", name=n),
            ),
        )
        for n in names
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {e.correction["name"] for e in listing(tongliao_store).entries} == set(names)


def test_a_malformed_line_is_named_and_the_store_still_opens(tongliao_store):
    record(tongliao_store, CorrectionRequest(op="delete-node", node="科区"))
    with tongliao_store.corrections.path.open("a", encoding="utf-8") as fh:
        fh.write('{"op": "delete-node", "nod": {}}\n')
    answer = listing(tongliao_store)
    assert answer.problems == [
        f"{tongliao_store.corrections.path.name} line 2 is not a correction: {answer.problems[0].split(': ', 1)[1]}"
    ]
    assert tongliao_store.node("banner:科尔沁区") is None  # the good line still applies
    assert feeders(tongliao_store, TARGET).feeds
    with pytest.raises(CorrectionsError, match="line 2"):
        record(tongliao_store, CorrectionRequest(op="delete-node", node="科尔沁左翼中旗"))
    listed = cli("fixes", "--store", str(tongliao_store.base.directory))
    assert "problem: corrections.jsonl line 2 is not a correction" in listed.output


def test_export_import_and_eval_raw(tmp_path, tongliao_store, gold_path):
    where = str(tongliao_store.base.directory)
    cli("fix", "delete", "科区", "--store", where)
    out = tmp_path / "fixes.jsonl"
    cli("fixes", "export", "--output", str(out), "--store", where)
    other = tmp_path / "other"
    cli("load", str(DATA.parent.parent / "loaders" / "data" / "tongliao_2025_plan.txt"), "--store", str(other))
    assert "imported 1 correction(s)" in cli("fixes", "import", str(out), "--store", str(other)).output
    assert "0 correction(s) from" in cli("fixes", "import", str(out), "--store", str(other)).output.replace(
        "imported ", ""
    )
    corrected = cli("eval", str(gold_path), "--store", where).output
    raw = cli("eval", str(gold_path), "--store", where, "--raw").output
    assert corrected != raw


def test_the_api_lists_and_with_the_token_makes_and_undoes(tongliao_store):
    public = TestClient(create_app(tongliao_store, Settings()))
    assert public.get("/api/v1/corrections").json()["entries"] == []
    assert public.post("/api/v1/corrections", json={"op": "delete-node", "node": "科区"}).status_code == 405
    client = TestClient(create_app(tongliao_store, Settings(api_token="s3cret")))
    assert client.post("/api/v1/corrections", json={"op": "delete-node", "node": "科区"}).status_code == 401
    auth = {"Authorization": "Bearer s3cret"}
    made = client.post("/api/v1/corrections", json={"op": "delete-node", "node": "科区", "why": "测试"}, headers=auth)
    assert made.status_code == 201 and made.json()["who"] == "api"
    assert client.get("/api/v1/nodes/banner:科尔沁区").status_code == 404
    bad = client.post("/api/v1/corrections", json={"op": "rename", "node": "科尔沁左翼中旗"}, headers=auth)
    assert bad.status_code == 422 and "needs name" in bad.json()["error"]["message"]
    assert client.delete(f"/api/v1/corrections/{made.json()['id']}", headers=auth).status_code == 200
    assert client.get("/api/v1/nodes/banner:科尔沁区").status_code == 200


def test_what_a_correction_touches_is_marked_corrected_and_nothing_else(tongliao_store, tmp_path, tongliao_path):
    """A node a rename, a set or a merge changed stays marked after another plan is loaded
    (the overlay is applied again after it, its marker last); the others are not marked."""
    record(tongliao_store, CorrectionRequest(op="rename", node="锦联", name="锦联铝材"))
    record(tongliao_store, CorrectionRequest(op="set-attribute", node="梅花生物", key="全称", value="梅花生物科技集团"))
    record(tongliao_store, CorrectionRequest(op="merge", node="扎铝", into="创源"))
    copy = tmp_path / "2026.txt"
    copy.write_text(tongliao_path.read_text(encoding="utf-8").replace("2025", "2026"), encoding="utf-8")
    cli("load", str(copy), "--store", str(tongliao_store.directory))
    marked = {n.name for n in open_store(tongliao_store.directory).nodes(["Enterprise"]) if n.corrected}
    assert marked == {"锦联铝材", "梅花生物", "创源"}
