"""One contract for every store: the embedded SQLite store, networkx in memory, the Bolt
store on the session's FalkorDB, and the Bolt store on a real Neo4j whenever NEO4J_URI
is set.
Every store must hold the same graph and give the same answers.

On Neo4j the suite deletes plangraph's nodes (label ``Node``) in the database it is given
and writes the Tongliao plan there: point it at a scratch server."""

from __future__ import annotations

import json

import pytest

from graph.bolt_store import BoltConfig, BoltStore
from graph.nx_store import NetworkxStore
from graph.records import Graph
from graph.sqlite_store import SqliteStore
from loaders.pipeline import read_plan
from queries.banners import banner
from queries.chains import chain
from queries.dependencies import dependencies
from queries.exceptions import NodeNotFound
from queries.feeds import feeders, impacts
from queries.lookup import describe
from queries.paths import paths
from queries.plans import scope
from queries.search import search
from tests.conftest import neo4j_configured

pytestmark = pytest.mark.bolt

STORES = [
    "sqlite",
    "networkx",
    "falkordb",
    pytest.param("neo4j", marks=pytest.mark.skipif(not neo4j_configured(), reason="NEO4J_URI is not set")),
]


@pytest.fixture(scope="module", params=STORES)
def store(request, tongliao, tmp_path_factory):
    if request.param == "sqlite":
        s = SqliteStore(tmp_path_factory.mktemp("contract"))
    elif request.param == "networkx":
        s = NetworkxStore()
    elif request.param == "falkordb":
        s = BoltStore(BoltConfig(request.getfixturevalue("falkordb"), "falkordb", ""))
        s.clear()  # its Bolt endpoint ignores database names: one shared graph
    else:
        s = BoltStore(BoltConfig.from_env())
        s.clear()
    s.write_plan(*tongliao)
    yield s
    s.close()


@pytest.fixture(scope="module")
def reference(tongliao_graph):
    return NetworkxStore.in_memory(tongliao_graph)


def _canonical(graph: Graph) -> str:
    nodes = sorted((n.model_dump() for n in graph.nodes), key=lambda n: n["id"])
    edges = sorted((e.model_dump() for e in graph.edges), key=lambda e: (e["source"], e["target"], e["type"]))
    return json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False, sort_keys=True)


def test_the_store_holds_the_graph_it_was_given(store, tongliao_graph):
    assert _canonical(store.snapshot()) == _canonical(tongliao_graph)


def test_writing_the_plan_again_changes_nothing(store, tongliao):
    before = _canonical(store.snapshot())
    store.write_plan(*tongliao)
    assert _canonical(store.snapshot()) == before


def test_feeders_of_the_new_energy_target(store):
    answer = feeders(store, "新增新能源并网400万千瓦")
    names = {f.project.name for f in answer.feeds}
    assert {"国家第三批120万千瓦风电大基地", "光伏帮扶工程", "霍煤鸿骏循环经济示范工程六期"} <= names
    assert all(f.paths[0][0].quote for f in answer.feeds)


def test_the_aluminium_chain(store):
    answer = chain(store, "铝基新材料产业")
    link_of = {p.project.name: link for link in answer.links for p in link.projects}
    assert link_of["扎铝二期35万吨电解铝"].name in link_of["锦联55万吨易拉罐"].upstream


def test_banner_by_abbreviation(store):
    projects = {p.project.name for p in banner(store, "科区").projects}
    assert {"科尔沁区自治区级物流枢纽", "科尔沁区低空制造科技产业园"} <= projects


def test_unknown_ids(store):
    with pytest.raises(NodeNotFound):
        describe(store, "project:没有这个项目")
    assert store.node("project:没有这个项目") is None
    assert store.edges("project:没有这个项目") == []


CASES = [
    (feeders, ("新增新能源并网400万千瓦",), {}),
    (feeders, ("铝基新材料产业产值超千亿",), {"limit": 3}),
    (impacts, ("扎铝二期35万吨电解铝",), {}),
    (chain, ("铝基新材料产业",), {}),
    (banner, ("科区",), {}),
    (banner, ("通辽市",), {"limit": 5}),
    (search, ("kerqin",), {}),
    (search, ("易拉罐",), {"types": ["Project"]}),
    (paths, ("梅花生物", "玉米合成生物产业"), {"directed": True}),
    (paths, ("梅花生物", "科区"), {"limit": 3}),
    (dependencies, ("科尔沁区",), {}),
    (dependencies, ("推动传统产业转型升级",), {"direction": "upstream", "max_depth": 2}),
    (describe, ("锦联55万吨易拉罐",), {}),
]


@pytest.mark.parametrize(("query", "args", "kwargs"), CASES, ids=[f"{q.__name__}-{a[0]}" for q, a, _ in CASES])
def test_every_store_gives_the_same_answers(store, reference, query, args, kwargs):
    got = query(store, *args, **kwargs).model_dump()
    expected = query(reference, *args, **kwargs).model_dump()
    assert json.dumps(got, ensure_ascii=False, sort_keys=True) == json.dumps(
        expected, ensure_ascii=False, sort_keys=True
    )


@pytest.mark.parametrize(("query", "args", "kwargs"), CASES[:8], ids=[f"{q.__name__}-{a[0]}" for q, a, _ in CASES[:8]])
def test_the_view_of_the_only_plan_gives_the_same_answers(store, reference, query, args, kwargs):
    """A plan's view through each store's plan hooks (the Bolt store's defaults among them)."""
    view = scope(store, "plan:2025年通辽市计划报告")
    got = query(view, *args, **kwargs).model_dump()
    expected = query(reference, *args, **kwargs).model_dump()
    assert json.dumps(got, ensure_ascii=False, sort_keys=True) == json.dumps(
        expected, ensure_ascii=False, sort_keys=True
    )


def test_a_second_plan_merges_shared_entities(store, tongliao_path, tmp_path):
    second = tmp_path / "tongliao_2026.txt"
    second.write_text(
        tongliao_path.read_text(encoding="utf-8").replace("2025年通辽市", "2026年通辽市"), encoding="utf-8"
    )
    plan_id, graph = read_plan(second)
    store.write_plan(plan_id, graph)
    try:
        [meihua] = store.named("梅花生物")
        assert {p.plan for p in meihua.provenance} == {"plan:2025年通辽市计划报告", plan_id}
        assert len(store.nodes(["Plan"])) == 2
    finally:
        store.write_plan(plan_id, Graph())  # take the second plan out again
    assert len(store.nodes(["Plan"])) == 1
