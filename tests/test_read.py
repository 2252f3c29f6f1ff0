"""Each input format, and every kind of bad input gets one clear error."""

from pathlib import Path

import pytest

from loaders import read
from loaders.exceptions import UnreadableDocument
from loaders.pipeline import read_plan
from tests.conftest import MINI_PLAN, names


def _assert_plan(path: Path) -> None:
    _, graph = read_plan(path)
    assert "2025年示例市国民经济和社会发展计划" in names(graph, "Plan")
    assert "扎铝二期35万吨电解铝" in names(graph, "Project")
    assert "综合治沙350万亩以上" in names(graph, "Target")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_text_in_any_chinese_encoding(tmp_path, encoding):
    path = tmp_path / "plan.txt"
    path.write_bytes(MINI_PLAN.encode(encoding))
    assert read.read_text(path).strip().startswith("2025年示例市")
    _assert_plan(path)


def test_html_body_text_without_scripts_and_styles(tmp_path):
    body = "".join(f"<p>{line}</p>" for line in MINI_PLAN.splitlines())
    html = (
        f"<html><head><meta charset='gbk'><title>标题栏</title><style>p{{color:red}}</style></head>"
        f"<body><script>var 项目 = 1;</script>{body}</body></html>"
    )
    path = tmp_path / "plan.html"
    path.write_bytes(html.encode("gbk"))
    text = read.read_text(path)
    assert "var 项目" not in text and "color" not in text and "标题栏" not in text
    _assert_plan(path)


def test_docx_paragraphs(tmp_path):
    import docx

    document = docx.Document()
    for line in MINI_PLAN.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    _assert_plan(path)


def _pdf(path: Path, lines: list[str]) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 10)
    for i, line in enumerate(lines):
        c.drawString(30, 800 - 14 * i, line)
    c.save()


def test_text_pdf(tmp_path):
    path = tmp_path / "plan.pdf"
    _pdf(path, MINI_PLAN.splitlines())
    _assert_plan(path)


def _image_only_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.rect(50, 50, 200, 200, fill=1)
    c.save()


BAD = [
    ("missing.txt", None, "no such file"),
    ("empty.txt", b"", "the file is empty"),
    ("blank.txt", b"   \n\n ", "the file is empty"),
    ("binary.txt", bytes(range(256)) * 8, "binary"),
    ("latin.txt", "Grüße aus Köln, ça va très bien".encode("latin-1") * 3, "no Chinese text"),
    ("short.txt", "计划".encode(), "holds no text"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "not a valid DOCX"),
    ("broken.pdf", b"%PDF-1.4 garbage", "not a readable PDF"),
]


@pytest.mark.parametrize(("filename", "content", "reason"), BAD)
def test_bad_input_names_the_file_and_the_reason(tmp_path, filename, content, reason):
    path = tmp_path / filename
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(UnreadableDocument) as err:
        read_plan(path)
    assert str(path) in str(err.value) and reason in str(err.value)


def test_image_only_pdf(tmp_path):
    path = tmp_path / "scan.pdf"
    _image_only_pdf(path)
    with pytest.raises(UnreadableDocument, match="no text layer"):
        read_plan(path)


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(UnreadableDocument, match="directory"):
        read_plan(tmp_path)


def test_huge_files_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_BYTES", 1000)
    path = tmp_path / "huge.txt"
    path.write_bytes(MINI_PLAN.encode() * 10)
    with pytest.raises(UnreadableDocument, match="over the"):
        read_plan(path)
