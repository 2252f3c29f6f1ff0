"""The general mechanisms that replaced one plan's entries (issue 9, second round), each
on phrases of several provinces, none from the three gold documents."""

from __future__ import annotations

import pytest

from loaders.places import Places, gazetteer
from loaders.recognisers.targets import find_targets
from tests.test_recognisers import found


def places(home: str | None = None, regions: bool = False) -> Places:
    return Places(gazetteer().by_name[home] if home else None, regions=regions)


def named(text: str, home: str | None = None, regions: bool = False, inside: bool = False) -> set[str]:
    return {f.place.name for f in places(home, regions).find(text, lambda s, e: inside)}


@pytest.mark.parametrize(
    ("home", "text", "place"),
    [
        ("包头市", "推进昆区工业园建设", "昆都仑区"),
        ("呼和浩特市", "推动托县电厂扩建", "托克托县"),
        ("鄂尔多斯市", "加快准旗煤矿改造", "准格尔旗"),
        ("乌兰察布市", "推进察右前旗光伏电站建设", "察哈尔右翼前旗"),
    ],
)
def test_short_names_by_rule(home, text, place):
    assert place in named(text, home, inside=True)


def test_a_local_short_name_only_in_its_own_city():
    assert "昆都仑区" not in named("推进昆区工业园建设", "呼和浩特市", inside=True)


def test_a_bare_zone_is_the_city_s_own_zone_as_a_place_prefix():
    assert "呼和浩特经济技术开发区" in named("开发区伊利乳业项目", "呼和浩特市", inside=True)
    assert named("深化开发区管理体制改革", "呼和浩特市") == set()  # the class, not a place
    assert named("开发区伊利乳业项目", "云南省", inside=True) == set()  # no city, no zone


def test_zone_short_names_by_rule():
    assert "长春汽车经济技术开发区" in named("支持长春汽车经开区建设")
    assert "河北唐山海港经济开发区" in named("推进唐山海港经济开发区建设")


@pytest.mark.parametrize(
    ("text", "region"),
    [("推动苏北振兴", "苏北地区"), ("推进闽西南协同发展", "闽西南地区"), ("融入京津冀城市群", "京津冀地区")],
)
def test_regions_and_parts_of_provinces(text, region):
    assert region in named(text, regions=True)
    assert region not in named(text, regions=False)  # a 政府工作报告 names no region as a place


def test_no_part_of_a_province_inside_a_quoted_slogan():
    assert named("推动“陕北陇东宁东”能源协同", regions=True) == set()


@pytest.mark.parametrize(
    "text",
    ["推动城市和县城协调发展", "保护巴丹吉林沙漠生态"],
)
def test_no_place_across_a_word(text):
    assert named(text) == set()


def test_no_district_across_a_word():
    assert named("优化西安区域布局") == {"西安市"}  # 西安 names the city; 西安区 is in Jilin


def test_a_province_s_short_form_names_the_province_unless_home_has_a_unit_so_called():
    assert named("在海南建设自由贸易港", "海南省") == {"海南省"}
    assert named("推动海南自由贸易港建设", "海南省") == set()  # never 海南州 in Hainan's own report
    assert "海南藏族自治州" in named("支持海南发展清洁能源", "青海省")


@pytest.mark.parametrize("phrase", ["深入实施扩中行动。", "稳定其中粮食播种面积。", "保障中国网络安全。"])
def test_short_names_of_central_enterprises_only_as_words(phrase):
    assert found(phrase, "Enterprise") == {}


def test_numbered_works_are_projects():
    assert "宁德核电6号机组" in found("开工建设宁德核电6号机组。", "Project")


@pytest.mark.parametrize(
    ("clause", "name", "unit"),
    [
        ("常住人口城镇化率年均提升1个百分点以上", "常住人口城镇化率年均提升1个百分点以上", "个百分点"),
        ("新增城镇就业岗位3万个", "新增城镇就业岗位3万个", "万个"),
        ("新能源装机规模达到1亿千瓦", "新能源装机规模达到1亿千瓦", "亿千瓦"),
        ("滚动推进15个片区更新项目", "滚动推进15个片区更新项目", "个"),
        ("规上工业增加值比上年增长6%左右", "规上工业增加值比上年增长6%左右", "%"),
    ],
)
def test_targets_keep_what_plans_write(clause, name, unit):
    assert [(m.name, m.attributes["unit"]) for m in find_targets(clause, 0)] == [(name, unit)]


def test_a_year_just_past_is_review():
    assert find_targets("去年地区生产总值增长5%", 0) == []
