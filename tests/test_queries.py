"""The query families on the Tongliao graph: what planning staff must be able to ask."""

import pytest

from graph.nx_store import NetworkxStore
from queries.banners import banner
from queries.chains import chain
from queries.dependencies import dependencies
from queries.exceptions import AmbiguousName, BadQuery, NodeNotFound, NoPath
from queries.feeds import feeders, impacts
from queries.paths import paths
from queries.search import search


@pytest.fixture(scope="module")
def store(tongliao_graph):
    return NetworkxStore.in_memory(tongliao_graph)


def test_feeders_of_new_energy_target_with_quotes(store):
    answer = feeders(store, "新增新能源并网400万千瓦")
    by_name = {f.project.name: f for f in answer.feeds}
    for project in ("国家第三批120万千瓦风电大基地", "光伏帮扶工程", "霍煤鸿骏循环经济示范工程六期"):
        feed = by_name[project]
        assert feed.way == "direct"
        hop = feed.paths[0][0]
        assert project in hop.quote and "新增新能源并网400万千瓦" in hop.quote
    assert [t.name for t in answer.tasks] == ["新能源产业"]
    assert not answer.truncated


def test_feeders_through_the_task_the_target_quantifies(store):
    answer = feeders(store, "铝基新材料产业产值超千亿")
    ways = {f.project.name: f.way for f in answer.feeds}
    assert ways["扎铝二期35万吨电解铝"] == "via-task"  # the heading target precedes its projects (D38)
    last_hop = answer.feeds[0].paths[0][-1]
    assert last_hop.source.name == "铝基新材料产业产值超千亿" and last_hop.target.type == "Task"


def test_feeders_limit_sets_truncated(store):
    answer = feeders(store, "铝基新材料产业产值超千亿", limit=2)
    assert len(answer.feeds) == 2 and answer.truncated


def test_impacts_of_a_project(store):
    answer = impacts(store, "国家第三批120万千瓦风电大基地")
    direct = {i.target.name for i in answer.targets if i.way == "direct"}
    assert direct == {"新增新能源并网400万千瓦", "总量突破1800万千瓦"}
    assert "新能源产业" in {i.name for i in answer.industries}


def test_chain_of_aluminium(store):
    answer = chain(store, "铝基新材料产业")
    link_of = {p.project.name: link for link in answer.links for p in link.projects}
    smelter, cans = link_of["扎铝二期35万吨电解铝"], link_of["锦联55万吨易拉罐"]
    assert smelter.name == "电解铝"
    assert smelter.name in cans.upstream  # the electrolytic-aluminium link is upstream of the can link
    owners = {p.project.name: [e.name for e in p.enterprises] for link in answer.links for p in link.projects}
    assert owners["锦联55万吨易拉罐"] == ["锦联"]


@pytest.mark.parametrize("name", ["科尔沁区", "科区"])
def test_banner_by_name_or_abbreviation(store, name):
    answer = banner(store, name)
    projects = {p.project.name for p in answer.projects}
    assert "科尔沁区自治区级物流枢纽" in projects and "科尔沁区低空制造科技产业园" in projects


def test_banner_includes_sub_units(store):
    answer = banner(store, "通辽市")
    assert "科尔沁区" in {u.name for u in answer.sub_units}
    assert "扎鲁特旗通用机场" in {p.project.name for p in answer.projects}


def test_search_by_pinyin_and_substring(store):
    assert search(store, "kerqin").hits[0].node.name == "科尔沁区"
    assert search(store, "科区").hits[0].node.name == "科尔沁区"  # an alias, exactly
    hits = search(store, "易拉罐", types=["Project"]).hits
    assert [h.node.name for h in hits] == ["锦联55万吨易拉罐"]


def test_paths_between_enterprise_and_industry(store):
    answer = paths(store, "梅花生物", "玉米合成生物产业", directed=True)
    assert [h.type for h in answer.shortest] == ["responsible-for", "supports"]
    assert all(len(p) >= len(answer.shortest) for p in answer.paths)


def test_no_path(store):
    with pytest.raises(NoPath):
        paths(store, "梅花生物", "科尔沁区", directed=True, types=["responsible-for"])


def test_dependencies_upstream_of_a_banner(store):
    answer = dependencies(store, "科尔沁区", types=["located-in"])
    assert "科尔沁区低空制造科技产业园" in {n.name for n in answer.nodes}
    assert (
        dependencies(store, "科尔沁区", direction="downstream", types=["located-in"], max_depth=1).nodes[0].name
        == "通辽市"
    )


def test_errors_name_the_value(store, tmp_path):
    with pytest.raises(NodeNotFound, match="no node '不存在的目标'"):
        feeders(store, "不存在的目标")
    with pytest.raises(BadQuery, match="limit must be between 1 and 1000, not -1"):
        feeders(store, "新增新能源并网400万千瓦", limit=-1)
    with pytest.raises(BadQuery, match="unknown edge type 'owns'"):
        dependencies(store, "科尔沁区", types=["owns"])


def test_an_ambiguous_name_lists_candidates(tongliao_graph):
    from graph.records import Graph, Node

    twins = [
        Node(id=f"project:{n}", type="Project", name=n, aliases=["光伏项目"]) for n in ("甲光伏项目", "乙光伏项目")
    ]
    store = NetworkxStore.in_memory(Graph(nodes=[*tongliao_graph.nodes, *twins], edges=tongliao_graph.edges))
    with pytest.raises(AmbiguousName) as err:
        impacts(store, "光伏项目")
    assert err.value.candidates == ["project:乙光伏项目", "project:甲光伏项目"]
    assert "'光伏项目' names 2 nodes" in str(err.value)


def test_an_exact_name_wins_over_an_alias(tongliao_graph):
    from graph.records import Graph, Node

    twin = Node(id="project:另一个", type="Project", name="光伏帮扶工程二号", aliases=["光伏帮扶工程"])
    store = NetworkxStore.in_memory(Graph(nodes=[*tongliao_graph.nodes, twin], edges=tongliao_graph.edges))
    assert impacts(store, "光伏帮扶工程").project.id == "project:光伏帮扶工程"
