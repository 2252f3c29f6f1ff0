"""What a planning officer notices in the Tongliao graph, and the agreed quality floor."""

import pytest

from queries.evaluation import evaluate
from tests.conftest import names

FLOOR = {
    "Section": 0.90,
    "Task": 0.90,
    "Banner": 0.90,
    "Target": 0.85,
    "Project": 0.80,
    "Enterprise": 0.80,
    "Industry": 0.80,
    "located-in": 0.80,
    "responsible-for": 0.80,
    "supports": 0.70,
}


def test_quality_floor_on_the_gold_standard(tongliao_graph, gold_path):
    scores = {s.kind: s for s in evaluate(tongliao_graph, gold_path)}
    below = {k: round(scores[k].f1, 3) for k, floor in FLOOR.items() if scores[k].f1 < floor}
    assert not below, f"F1 below the floor: {below}"


def _node(graph, name):
    [node] = [n for n in graph.nodes if n.name == name]
    return node


def test_project_attributes(tongliao_graph):
    p = _node(tongliao_graph, "通辽2×35万千瓦热源及配套管网三期工程")
    assert p.attributes["capacity"] == {"value": 70.0, "unit": "万千瓦"}
    assert p.attributes["phase"] == "三期"
    assert _node(tongliao_graph, "扎铝二期35万吨电解铝").attributes["product"] == "电解铝"


def test_project_list_items_are_separate_projects(tongliao_graph):
    projects = names(tongliao_graph, "Project")
    assert {"扎铝二期35万吨电解铝", "锦联55万吨易拉罐"} <= projects
    assert {"霍林河南500千伏输变电工程", "哲北220千伏输变电工程"} <= projects


def test_enterprises_from_project_names(tongliao_graph):
    by_id = {n.id: n.name for n in tongliao_graph.nodes}
    owners = {(by_id[e.source], by_id[e.target]) for e in tongliao_graph.edges if e.type == "responsible-for"}
    assert ("梅花生物", "梅花生物25万吨苏氨酸项目") in owners
    assert ("锦联", "锦联55万吨易拉罐") in owners


@pytest.mark.parametrize(
    ("official", "alias"),
    [
        ("科尔沁区", "科区"),
        ("科尔沁左翼中旗", "左中"),
        ("通辽经济技术开发区", "开发区"),
        ("科尔沁左翼后旗", "科左后旗"),
    ],
)
def test_banners_resolve_abbreviations_to_official_names(tongliao_graph, official, alias):
    assert alias in _node(tongliao_graph, official).aliases


def test_banners_sit_in_their_city(tongliao_graph):
    located = {(e.source, e.target) for e in tongliao_graph.edges if e.type == "located-in"}
    assert ("banner:科尔沁区", "banner:通辽市") in located
    assert ("banner:通辽市", "banner:内蒙古自治区") in located


def test_chain_links_come_from_the_taxonomy(tongliao_graph):
    upstream = {(e.source, e.target) for e in tongliao_graph.edges if e.type == "upstream-of"}
    assert ("industry:新能源装备制造产业", "industry:新能源产业") in upstream
    chain = _node(tongliao_graph, "铝基新材料产业").attributes["chain"]
    order = [link["name"] for link in chain]
    assert order.index("电解铝") < order.index("铝精深加工")


def test_restated_target_is_one_node(tongliao_graph):
    node = _node(tongliao_graph, "限额以上固定资产投资增长15%")
    assert "固定资产投资增长15%" in node.aliases
