"""Target parsing: phrase → name, indicator, change, value, unit, qualifier."""

import pytest

from loaders.recognisers.targets import find_targets

CASES = [
    ("地区生产总值增长6%以上", "地区生产总值增长6%以上", "地区生产总值", "增长", 6.0, "%", "以上"),
    ("力争外贸进出口增速达到3%左右", "外贸进出口增速达到3%左右", "外贸进出口增速", "达到", 3.0, "%", "左右"),
    ("空气优良天数占比超90%", "空气优良天数占比超90%", "空气优良天数占比", None, 90.0, "%", "超"),
    ("推动铝基新材料产业产值超千亿", "铝基新材料产业产值超千亿", "铝基新材料产业产值", None, 1000.0, "亿元", "超"),
    ("力争年内新增新能源并网400万千瓦", "新增新能源并网400万千瓦", "新能源并网", "新增", 400.0, "万千瓦", None),
    ("改造老旧小区91个", "改造老旧小区91个", "老旧小区", "改造", 91.0, "个", None),
    ("节水量约50万吨", "节水量约50万吨", "节水量", None, 50.0, "万吨", "约"),
    ("发放创业担保贷款1.1亿元", "发放创业担保贷款1.1亿元", "创业担保贷款", "发放", 1.1, "亿元", None),
    (
        "保证中小学生每天综合体育运动不少于2小时",
        "中小学生每天综合体育运动不少于2小时",
        "中小学生每天综合体育运动",
        None,
        2.0,
        "小时",
        "不少于",
    ),
    ("创建2家绿色工厂", "创建2家绿色工厂", "绿色工厂", "创建", 2.0, "家", None),
    ("新建改扩建中小学、幼儿园5所", "新建改扩建中小学、幼儿园5所", "中小学、幼儿园", "新建改扩建", 5.0, "所", None),
]


@pytest.mark.parametrize(("phrase", "name", "indicator", "change", "value", "unit", "qualifier"), CASES)
def test_single_target(phrase, name, indicator, change, value, unit, qualifier):
    [t] = find_targets(phrase, 0)
    a = t.attributes
    assert (t.name, a["indicator"], a["change"], a["value"], a["unit"], a["qualifier"]) == (
        name,
        indicator,
        change,
        value,
        unit,
        qualifier,
    )


SPLITS = [
    ("城乡居民人均可支配收入分别增长6%和6.5%", ["城镇居民人均可支配收入增长6%", "农村居民人均可支配收入增长6.5%"]),
    (
        "力争肉类产量达74万吨、牛奶产量67万吨、禽蛋产量4.9万吨",
        ["肉类产量达74万吨", "牛奶产量67万吨", "禽蛋产量4.9万吨"],
    ),
    ("民营企业、普惠金融贷款均增长12%以上", ["民营企业贷款增长12%以上", "普惠金融贷款增长12%以上"]),
    ("改造小区供热管网60个、换热站30座", ["改造小区供热管网60个", "换热站30座"]),
]


@pytest.mark.parametrize(("phrase", "expected"), SPLITS)
def test_coordinated_targets_are_split(phrase, expected):
    assert [t.name for t in find_targets(phrase, 0)] == expected


def test_a_shared_verb_is_the_change_of_every_conjunct():
    first, second = find_targets("改造小区供热管网60个、换热站30座", 0)
    assert second.attributes["change"] == first.attributes["change"] == "改造"


def test_base_year_is_read_and_kept_out_of_the_indicator():
    [t] = find_targets("力争万元工业增加值用水量较2020年下降13.5%以上", 0)
    a = t.attributes
    assert (a["indicator"], a["base_year"], a["value"]) == ("万元工业增加值用水量", 2020, 13.5)


@pytest.mark.parametrize(
    "phrase",
    [
        "接续实施“六个工程”、组织开展“六个行动”",
        "加快推进国家第三批风电大基地建设",
        "开展第二批数字化转型试点工作",
        "创建大青沟5A级景区",
        "推进G5511查草高速公路项目建设",
        "落实《自治区培育壮大农副食品加工业行动方案(2025—2027)》",
        "高质量编制“1+8+1”年度行动方案",
        "围绕能源、工业、基础设施7个重要领域开展项目谋划储备",
        "集中连片打造若干个万亩以上示范园区",
    ],
)
def test_numbers_in_names_slogans_and_lists_are_not_targets(phrase):
    assert find_targets(phrase, 0) == []


def test_offsets_point_at_the_written_span():
    sentence = "持续加强面源污染防治,力争好于Ⅲ类水体比例稳定在60%以上"
    [t] = find_targets(sentence, 100)
    assert sentence[t.start - 100 : t.end - 100] == "好于Ⅲ类水体比例稳定在60%以上"
