"""One test per recogniser, on phrases of plans from many provinces (invented or common
plan wording, not only the three gold documents)."""

from __future__ import annotations

import pytest

from loaders.extract import document, extract
from loaders.recognisers import recognise

HEAD = "2026年示例省政府工作报告\n各位代表：\n一、2026年重点工作\n（一）推进重点项目建设\n"


def found(body: str, kind: str) -> dict[str, dict]:
    """Name → attributes of the mentions of ``kind`` in a one-paragraph plan."""
    context = document(HEAD + body + "\n", "phrases.txt")
    recognise(context)
    return {m.name: m.attributes for m in context.all_mentions if m.type == kind}


@pytest.mark.parametrize(
    ("phrase", "projects"),
    [
        ("加快建设西宁至成都铁路、兰州至合作铁路。", {"西宁至成都铁路", "兰州至合作铁路"}),
        ("推进G109国道改扩建工程。", {"G109国道改扩建工程"}),
        (
            "开工建设引汉济渭二期工程、黑山峡水利枢纽，建成鄂州花湖机场。",
            {"引汉济渭二期工程", "黑山峡水利枢纽", "鄂州花湖机场"},
        ),
        ("推进京哈、哈肇、绥大等高速公路建设。", {"京哈高速公路", "哈肇高速公路", "绥大高速公路"}),
        ("推进滇中引水工程、珠江三角洲水资源配置工程建设。", {"滇中引水工程", "珠江三角洲水资源配置工程"}),
        ("推动怀柔科学城、湘江科学城建设。", {"怀柔科学城", "湘江科学城"}),
        ("建成投产中石油吉林石化120万吨乙烯项目。", {"中石油吉林石化120万吨乙烯项目"}),
    ],
)
def test_projects_of_national_scope(phrase, projects):
    assert set(found(phrase, "Project")) == projects


@pytest.mark.parametrize(
    "phrase",
    [
        "实现市市通高铁、乡乡基本通三级以上公路。",  # coverage slogans
        "推进全国重点实验室建设。",  # a designation without a topic of its own
        "支持吉林市建设化工新材料基地。",  # a place, a verb, then a generic base
        "推动中国工程物理研究院与地方深化合作。",  # a head inside an organisation's name
        "引导民间资本、中小金融机构参与。",  # economic categories
        "深入实施新时代立德树人工程、人才强省工程和农牧民安居工程。",  # programmes, no works
    ],
)
def test_no_project_from_wording(phrase):
    assert found(phrase, "Project") == {}


def test_owner_of_a_project_is_an_enterprise():
    projects = found("建成投产中石油吉林石化120万吨乙烯项目。", "Project")
    assert projects["中石油吉林石化120万吨乙烯项目"]["owner"][0] == "中石油"


def test_items_of_a_project_list_read_like_their_siblings():
    """Products named as new projects (D20), and an item opening with a brand-like name as its
    owned siblings do."""
    projects = found("力促万华40万吨聚醚、巨化25万吨含氟聚合物、鸿翔稀土永磁及精深加工等项目建成。", "Project")
    assert set(projects) == {"万华40万吨聚醚", "巨化25万吨含氟聚合物", "鸿翔稀土永磁及精深加工"}
    assert projects["鸿翔稀土永磁及精深加工"]["owner"][0] == "鸿翔"
    assert "碳纤维复合材料" in found("开工建设碳纤维复合材料等新项目。", "Project")


def test_a_plant_s_first_products_name_its_project():
    projects = found("推动蒙城华菱锻件产品下线，芜湖奇瑞新能源汽车量产。", "Project")
    assert projects["蒙城华菱锻件"]["owner"][0] == "华菱"
    assert projects["芜湖奇瑞新能源汽车"]["owner"][0] == "奇瑞新能源"  # a company suffix, as 鹏辉新能源
    assert found("推动新产品下线。", "Project") == {}


def test_a_target_opening_the_next_sentence_counts_only_projects_of_its_kind():
    body = "加快建设渝昆高铁、成达万高铁等项目。建成充电桩2万个。加快推进宁德新材料产业园建设。建设工业园区标准厂房20万平方米。"
    graph = extract(HEAD + body + "\n", "phrases.txt")
    names = {n.id: n.name for n in graph.nodes}
    fed = {
        (names[e.source], names[e.target])
        for e in graph.edges
        if e.type == "supports" and e.source.startswith("project:")
    }
    assert ("宁德新材料产业园", "建设工业园区标准厂房20万平方米") in fed  # 园: the target counts parks
    assert not {t for p, t in fed if p.endswith("高铁")} & {"建成充电桩2万个"}  # railways build no charging piles


def test_common_wording_opening_a_project_is_no_owner():
    assert found("推动全天时智能巡检机器人、高速率光网等一批产业化项目落地。", "Enterprise") == {}


def test_a_numbered_metro_line_has_no_owner():
    assert found("建成地铁5号线一期、地铁12号线北段。", "Enterprise") == {}


def test_a_clause_with_a_preposition_names_no_firm():
    assert found("推动优质资源在渝拓链展业。", "Enterprise") == {}


@pytest.mark.parametrize(
    ("phrase", "projects"),
    [
        ("推进良渚、河姆渡遗址博物馆建设。", {"良渚遗址博物馆", "河姆渡遗址博物馆"}),  # the head begins at a word
        ("推进北沿江、通苏嘉甬、盐泰锡常宜高铁建设。", {"北沿江高铁", "通苏嘉甬高铁", "盐泰锡常宜高铁"}),
        ("推进大青沟、银沙湾5A级景区创建。", {"大青沟5A级景区", "银沙湾5A级景区"}),
    ],
)
def test_short_items_share_the_head_of_the_named_project(phrase, projects):
    assert set(found(phrase, "Project")) == projects


def test_verbs_before_a_project_are_no_part_of_its_name():
    assert set(found("申建郑州航空港保税物流中心（B型）。", "Project")) == {"郑州航空港保税物流中心（B型）"}
    assert set(found("做活川西环线，推进成都天府国际机场二期工程以及都江堰灌区续建配套工程。", "Project")) == {
        "川西环线",
        "成都天府国际机场二期工程",
        "都江堰灌区续建配套工程",
    }


def test_a_clause_is_no_project_name():
    projects = set(found("武汉大学测绘遥感实验室跻身全国重点实验室，广州港货物吞吐量稳居全国前列。", "Project"))
    assert projects == {"武汉大学测绘遥感实验室"}


def test_a_listed_project_opening_with_its_place_is_one_and_a_count_owns_nothing():
    assert set(found("推进宜宾天宜锂业、赣州腾远钴业等项目建设。", "Project")) == {"宜宾天宜锂业", "赣州腾远钴业"}
    assert found("推进川渝千亿立方米天然气生产基地等项目。", "Enterprise") == {}
    assert "北京重点产业" not in found("紧密对接北京重点产业、中关村等园区。", "Project")


def test_a_public_work_named_after_what_it_moves_has_no_owner():
    assert found("加快滇中引水二期、引江补汉、藏电入粤等工程建设。", "Enterprise") == {}


def test_a_count_of_organisations_names_no_organisation():
    assert found("新增境内上市公司30家、科创板上市公司5家。", "Enterprise") == {}


def test_a_river_basin_owns_no_project():
    projects = found("积极争取汉江流域生态保护修复工程等项目资金。", "Project")
    assert [a["owner"] for a in projects.values()] == [None] * len(projects)
    assert found("积极争取汉江流域生态保护修复工程等项目资金。", "Enterprise") == {}


def test_works_named_after_places_have_no_owner():
    assert found("建成三澳核电二期、龙滩水电站1000吨级通航设施。", "Enterprise") == {}


@pytest.mark.parametrize(
    ("phrase", "enterprises"),
    [
        ("推动中国石化、国家电网、中国中车与地方合作。", {"中国石化", "国家电网", "中国中车"}),
        (
            "深化与中国宝武、中国建材集团、中国电子信息产业集团合作。",
            {"中国宝武", "中国建材集团", "中国电子信息产业集团"},
        ),
        ("支持潍柴动力、海尔集团、万华化学做大做强。", {"潍柴动力", "海尔集团", "万华化学"}),
        (
            "推动中国科学院金属研究所、中国工程物理研究院与地方深化合作。",
            {"中国科学院金属研究所", "中国工程物理研究院"},
        ),
        ("组建重庆市生物制造研究院。", {"重庆市生物制造研究院"}),
        ("支持浙江大学、中国科学技术大学建设一流学科。", {"浙江大学", "中国科学技术大学"}),
    ],
)
def test_enterprises_and_organisations(phrase, enterprises):
    assert set(found(phrase, "Enterprise")) == enterprises


def test_a_dictionary_name_in_a_list_of_firms_is_a_firm():
    assert set(found("积极引进腾讯等头部互联网企业。", "Enterprise")) == {"腾讯"}


def test_a_place_s_produce_or_sector_is_no_firm():
    assert found("烟台苹果、昌吉棉花入选国家级优势特色产业集群。", "Enterprise") == {}


def test_a_list_of_products_names_no_firm():
    assert found("加大光学玻璃、超白玻璃、特种玻璃等高附加值企业招引力度。", "Enterprise") == {}


@pytest.mark.parametrize(
    "phrase",
    [
        "周原遗址、喇家遗址入选全国十大考古新发现。",  # sites
        "推动钢铁、有色金属、新材料做大做强。",  # sectors
        "保护好永定河、赤水河（昭通段）生态。",  # waters
    ],
)
def test_no_enterprise_from_sites_sectors_or_waters(phrase):
    assert found(phrase, "Enterprise") == {}


@pytest.mark.parametrize(
    ("phrase", "banners"),
    [
        ("支持广州、深圳建设国际消费中心城市。", {"广州市", "深圳市"}),
        ("在吉林省长春市、吉林市布局汽车产业。", {"吉林省", "长春市", "吉林市"}),
        ("支持海南州、海西州发展清洁能源。", {"海南藏族自治州", "海西蒙古族藏族自治州"}),
        ("推进示范县创建，加快推进台前县黄河滩区治理。", {"台前县"}),
        ("推进海南省儋州市洋浦经济开发区建设。", {"海南省", "儋州市", "洋浦经济开发区"}),
        ("推进赤峰道改造提升。", set()),  # a street, not 赤峰市
        ("推动霍林河南500千伏输变电工程投运。", set()),  # 河南 inside 霍林河南
    ],
)
def test_banners_by_official_name_at_word_boundaries(phrase, banners):
    assert set(found(phrase, "Banner")) == banners


def test_a_unit_names_its_level_and_code():
    banners = found("支持吉林市建设化工新材料基地。", "Banner")
    assert banners["吉林市"] == {"level": "prefecture", "code": "220200", "parent": "220000"}


def test_no_parent_banner_the_text_does_not_name():
    graph = extract(HEAD + "建成鄂州花湖机场。\n", "phrases.txt")
    assert {n.name for n in graph.nodes if n.type == "Banner"} == {"鄂州市"}


@pytest.mark.parametrize(
    ("phrase", "industries"),
    [
        ("加快发展集成电路、生物医药、新能源汽车等战略性新兴产业。", {"集成电路", "生物医药", "新能源汽车"}),
        ("布局低空经济、量子科技等未来产业。", {"低空经济", "量子科技"}),
        ("做强钢铁、有色金属、石油化工、纺织服装等传统产业。", {"钢铁", "有色金属", "石油化工", "纺织服装"}),
        ("培育人形机器人、脑机接口、6G等未来产业。", {"人形机器人", "脑机接口", "6G"}),
        ("推动海南州光伏产业发展。", {"光伏产业"}),
    ],
)
def test_industries_keep_the_text_s_own_words(phrase, industries):
    assert set(found(phrase, "Industry")) == industries


def test_a_verb_before_a_sector_word_is_no_sector():
    assert found("坚持产业兴县，出台产业扶持政策。", "Industry") == {}


@pytest.mark.parametrize(
    ("phrase", "targets"),
    [
        ("全年粮食产量稳定在700亿斤以上，新增城镇就业60万人。", {"粮食产量稳定在700亿斤以上", "新增城镇就业60万人"}),
        (
            "城镇调查失业率控制在5.5%左右，单位地区生产总值能耗下降3%左右。",
            {"城镇调查失业率控制在5.5%左右", "单位地区生产总值能耗下降3%左右"},
        ),
        (
            "地区生产总值增长5%以上，一般公共预算收入增长3%。",
            {"地区生产总值增长5%以上", "一般公共预算收入增长3%"},
        ),
        ("改造提升城市道路40条、桥梁12座。", {"改造提升城市道路40条", "改造提升桥梁12座"}),  # the verb carried
        ("肉类产量达74万吨、牛奶产量67万吨。", {"肉类产量达74万吨", "牛奶产量67万吨"}),  # a trailing verb is not
        ("完成华能电厂、国电电厂共4台煤电机组改造。", {"4台煤电机组改造"}),  # 共: the count and what it counts
        ("新增四星级饭店30家、等级民宿100家。", {"新增四星级饭店30家", "新增等级民宿100家"}),  # 等级 is no list
    ],
)
def test_targets(phrase, targets):
    assert set(found(phrase, "Target")) == targets


def test_no_target_in_a_review_part():
    review = "2026年示例省政府工作报告\n各位代表：\n一、2025年工作回顾\n过去一年，地区生产总值增长5.5%，新增城镇就业62万人，圆满完成全年目标任务。\n"
    forward = "二、2026年工作安排\n（一）稳定经济增长\n今年地区生产总值增长5%左右。\n"
    context = document(review + forward, "phrases.txt")
    recognise(context)
    assert {m.name for m in context.all_mentions if m.type == "Target"} == {"地区生产总值增长5%左右"}
