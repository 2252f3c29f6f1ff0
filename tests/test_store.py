"""The embedded store: transactional writes, idempotent reloads, merging plans, the
identity policy, plan texts, the JSON migration, exports."""

import json
import os
import stat

import networkx as nx
import pytest

from graph import sqlite_write
from graph.exceptions import PlanConflict
from graph.export import to_graphml, to_json
from graph.merge import replace_plan
from graph.records import Graph
from graph.sqlite_store import SqliteStore
from loaders.extract import extract
from loaders.pipeline import read_plan
from tests.conftest import canonical


@pytest.fixture
def second(tongliao_path, tmp_path):
    """The Tongliao plan as if it were the 2026 one: another plan id, shared entities."""
    path = tmp_path / "tongliao_2026.txt"
    path.write_text(tongliao_path.read_text(encoding="utf-8").replace("2025年通辽市", "2026年通辽市"), encoding="utf-8")
    return read_plan(path)


def test_a_new_store_is_empty_and_creates_nothing_until_written(tmp_path):
    store = SqliteStore(tmp_path / "nowhere")
    assert store.is_empty() and store.snapshot() == Graph() and store.counts()["Plan"] == 0
    assert not (tmp_path / "nowhere").exists()


def test_reloading_the_same_plan_changes_nothing(store, tongliao, tongliao_path):
    store.write_plan(*tongliao)
    first = canonical(store.snapshot())
    SqliteStore(store.directory).write_plan(*read_plan(tongliao_path))
    assert canonical(store.snapshot()) == first == canonical(tongliao[1])


def test_a_second_plan_merges_shared_entities_and_keeps_both_provenances(store, tongliao, second):
    store.write_plan(*tongliao)
    store.write_plan(*second)
    graph = SqliteStore(store.directory).snapshot()
    plans = [n for n in graph.nodes if n.type == "Plan"]
    assert len(plans) == 2
    [meihua] = [n for n in graph.nodes if n.name == "梅花生物"]
    assert {p.plan for p in meihua.provenance} == {n.id for n in plans}
    tasks = [n for n in graph.nodes if n.type == "Task" and n.name == "筑牢生态安全屏障"]
    assert len(tasks) == 2  # tasks belong to their plan


def test_writes_follow_the_in_memory_merge_record_by_record(store, tongliao, second):
    """Load, add, reload the first, take the second out: the same graph as graph.merge."""
    expected = Graph()
    for plan_id, graph in [tongliao, second, tongliao, (second[0], Graph())]:
        store.write_plan(plan_id, graph)
        expected = replace_plan(expected, plan_id, graph)
        assert canonical(store.snapshot()) == canonical(expected)
        assert store.counts() == expected.counts()


def test_a_failed_write_leaves_the_previous_graph(store, tongliao, second, monkeypatch):
    store.write_plan(*tongliao)
    before = canonical(store.snapshot())

    def explode(self, *args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(sqlite_write.PlanWriter, "_edge", explode)
    with pytest.raises(OSError):
        store.write_plan(*second)
    assert canonical(SqliteStore(store.directory).snapshot()) == before


def test_the_same_document_again_is_unchanged_and_another_one_is_refused(store, tongliao, tongliao_path):
    plan_id = tongliao[0]
    text = tongliao_path.read_text(encoding="utf-8")
    [added] = store.load_plans([tongliao], texts={plan_id: text})
    generation = store.generation()
    [again] = store.load_plans([tongliao], texts={plan_id: text})
    assert (added.outcome, again.outcome) == ("added", "unchanged")
    assert store.generation() == generation  # nothing was written
    revised = text + "\n（修订稿）\n"
    second = (plan_id, extract(revised, "tongliao_2025_plan_revised.txt"))  # the same plan's id, another document
    with pytest.raises(PlanConflict, match=f"{plan_id} already holds .* is a different document"):
        store.load_plans([second], texts={plan_id: revised})
    assert store.plan_text(plan_id) == text
    [replaced] = store.load_plans([second], replace=True, texts={plan_id: revised})
    assert replaced.outcome == "replaced" and store.plan_text(plan_id) == revised


def test_plans_without_a_sha256_are_reloaded_as_before(store, tongliao):
    plan_id, graph = tongliao
    unsigned = Graph(
        nodes=[
            n.model_copy(update={"attributes": {k: v for k, v in n.attributes.items() if k != "sha256"}})
            for n in graph.nodes
        ],
        edges=graph.edges,
    )  # as plans were extracted before they carried their document's sha256
    assert [d.outcome for d in store.load_plans([(plan_id, unsigned)])] == ["added"]
    assert [d.outcome for d in store.load_plans([(plan_id, unsigned)])] == ["reloaded"]
    assert store.plan_text(plan_id) is None


def test_a_plan_node_sha256_decides_without_the_text(store, tongliao):
    plan_id, graph = tongliao

    def with_sha(sha):
        nodes = [
            n.model_copy(update={"attributes": {**n.attributes, "sha256": sha, "source": f"{sha}.txt"}})
            if n.id == plan_id
            else n
            for n in graph.nodes
        ]
        return (plan_id, Graph(nodes=nodes, edges=graph.edges))

    store.load_plans([with_sha("aaaa")])
    assert store.load_plans([with_sha("aaaa")])[0].outcome == "unchanged"
    with pytest.raises(PlanConflict) as refused:
        store.load_plans([with_sha("bbbb")])
    assert (refused.value.stored, refused.value.new) == ("aaaa.txt", "bbbb.txt")


def test_a_json_store_is_converted_once_and_kept_aside(tmp_path, tongliao_graph):
    directory = tmp_path / "old"
    directory.mkdir()
    old = directory / "graph.json"
    old.write_text(json.dumps(tongliao_graph.model_dump(mode="json"), ensure_ascii=False), encoding="utf-8")
    old.chmod(0o640)
    (directory / ".graph-abc123.tmp").write_text("a killed write of the JSON store")
    store = SqliteStore(directory)
    counts = f"({len(tongliao_graph.nodes)} nodes, {len(tongliao_graph.edges)} edges)"
    assert store.migration.startswith(f"converted the JSON store {old} {counts}")
    assert canonical(store.snapshot()) == canonical(tongliao_graph)
    assert not old.exists() and (directory / "graph.json.migrated").exists()
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o640
    assert not list(directory.glob(".graph-*"))
    assert SqliteStore(directory).migration is None


def test_chinese_round_trips_through_json_export(tongliao_graph):
    data = json.loads(to_json(tongliao_graph))
    exported = {n["name"] for n in data["nodes"]}
    assert "霍林郭勒市全域一刻钟便民生活圈" in exported
    assert exported == {n.name for n in tongliao_graph.nodes}
    assert "\\u" not in to_json(tongliao_graph)


def test_graphml_export_reads_back(tongliao_graph, tmp_path):
    path = tmp_path / "g.graphml"
    path.write_text(to_graphml(tongliao_graph), encoding="utf-8")
    g = nx.read_graphml(path)
    assert g.number_of_nodes() == len(tongliao_graph.nodes)
    assert g.nodes["banner:科尔沁区"]["name"] == "科尔沁区"


def test_every_provenance_points_into_the_plan_body(tongliao_graph, tongliao_path):
    text = tongliao_path.read_text(encoding="utf-8")
    body = text.index("2025年通辽市国民经济和社会发展计划\n2025年是")
    for record in [*tongliao_graph.nodes, *tongliao_graph.edges]:
        for p in record.provenance:
            if p.source == "text":
                assert p.start >= body and text[p.start : p.end] == p.quote


def test_a_second_writer_waits_then_is_refused_and_nothing_is_written(store, tongliao, second):
    import sqlite3

    from graph.exceptions import StoreBusy

    store.write_plan(*tongliao)
    before = canonical(store.snapshot())
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process in the middle of a load
    try:
        waiting = SqliteStore(store.directory, busy_seconds=0.2)
        with pytest.raises(StoreBusy, match=r"is being written by another process .* nothing was written, try again"):
            waiting.write_plan(*second)
        assert canonical(waiting.snapshot()) == before  # readers are not blocked by the writer
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    SqliteStore(store.directory).write_plan(*second)  # and once it is done, the write goes through
    assert len(store.nodes(["Plan"])) == 2
