"""The embedded store: atomic writes, idempotent reloads, merging plans, exports."""

import json

import networkx as nx
import pytest

from graph.export import to_graphml, to_json
from graph.nx_store import NetworkxStore
from loaders.pipeline import read_plan


def test_reloading_the_same_plan_changes_nothing(store, tongliao, tongliao_path):
    store.write_plan(*tongliao)
    first = store.path.read_bytes()
    NetworkxStore(store.directory).write_plan(*read_plan(tongliao_path))
    assert store.path.read_bytes() == first


def test_a_second_plan_merges_shared_entities_and_keeps_both_provenances(store, tongliao, tongliao_path, tmp_path):
    store.write_plan(*tongliao)
    text = tongliao_path.read_text(encoding="utf-8").replace("2025年通辽市", "2026年通辽市")
    second = tmp_path / "tongliao_2026.txt"
    second.write_text(text, encoding="utf-8")
    store.write_plan(*read_plan(second))
    graph = NetworkxStore(store.directory).snapshot()
    plans = [n for n in graph.nodes if n.type == "Plan"]
    assert len(plans) == 2
    meihua = [n for n in graph.nodes if n.name == "梅花生物"]
    assert len(meihua) == 1
    assert {p.plan for p in meihua[0].provenance} == {n.id for n in plans}
    tasks = [n for n in graph.nodes if n.type == "Task" and n.name == "筑牢生态安全屏障"]
    assert len(tasks) == 2  # tasks belong to their plan


def test_a_failed_write_leaves_the_previous_graph(store, tongliao, monkeypatch):
    store.write_plan(*tongliao)
    before = store.path.read_bytes()

    def explode(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(json, "dump", explode)
    with pytest.raises(OSError):
        store.write_plan("plan:other", tongliao[1])
    assert store.path.read_bytes() == before
    assert [p.name for p in store.directory.iterdir()] == ["graph.json"]


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
