"""Segmentation of the Tongliao file: body, sections, task headings, offsets."""

from loaders.extract import document


def _doc(text, source="plan.txt"):
    return document(text, source).document


def test_body_starts_at_the_plan_title_after_summary_and_notice(tongliao_path):
    text = tongliao_path.read_text(encoding="utf-8")
    doc = _doc(text)
    assert doc.title == "2025年通辽市国民经济和社会发展计划"
    assert text.index("原文如下") < doc.body_start == text.index("2025年通辽市国民经济和社会发展计划\n2025年是")
    assert all(s.start >= doc.body_start for s in doc.sentences)


def test_eight_sections(tongliao_path):
    doc = _doc(tongliao_path.read_text(encoding="utf-8"))
    assert [h.name for h in doc.sections][:2] == [
        "聚焦自治区战略定位,全力落实“五大任务”",
        "聚力自治区重要部署,接续实施“六个工程”",
    ]
    assert len(doc.sections) == 8


def test_mid_paragraph_and_named_sub_headings(tongliao_path):
    doc = _doc(tongliao_path.read_text(encoding="utf-8"))
    parent = {h.name: h.parent.name for h in doc.tasks}
    assert parent["夯实安全稳定屏障"] == "聚焦自治区战略定位,全力落实“五大任务”"  # sibling in a one-paragraph section
    assert parent["推动铝基新材料产业产值超千亿"] == "推动传统产业转型升级"  # sub-task in a headed paragraph
    assert parent["新能源产业"] == "持续壮大新兴产业"  # named sub-heading
    assert len(doc.tasks) == 43


def test_the_summary_repeats_are_not_counted(tongliao_path):
    doc = _doc(tongliao_path.read_text(encoding="utf-8"))
    tasks = [h.name for h in doc.tasks]
    assert tasks.count("新能源产业") == 1
    assert not any("文件提出" in t for t in tasks)


def test_short_sentences_naming_places_or_projects_are_not_headings(tongliao_path):
    doc = _doc(tongliao_path.read_text(encoding="utf-8"))
    tasks = {h.name for h in doc.tasks}
    assert "加快扎鲁特旗通用机场前期工作" not in tasks
    assert "扎实做好“十四五”规划总结评估" not in tasks


def test_offsets_index_the_original_text(tongliao_path):
    text = tongliao_path.read_text(encoding="utf-8")
    doc = _doc(text)
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text
    for h in doc.headings:
        assert text[h.start : h.end] == h.name


def test_full_width_and_numbered_parts():
    text = "2026年某市政府工作报告\n一、2025年工作回顾\n过去一年，地区生产总值增长5%。\n二、2026年重点工作\n（一）着力扩大内需，推动经济向好。社会消费品零售总额增长4%左右。\n"
    doc = _doc(text)
    assert [h.name for h in doc.tasks] == ["着力扩大内需，推动经济向好"]
    review = [s for s in doc.sentences if "过去一年" in s.text]
    assert review and review[0].review
