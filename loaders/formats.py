"""Each document format to plain text: HTML, DOCX and text PDFs (plain text is decoded
in ``loaders.read``). Every reader is bounded and turns a parser's failure into
``UnreadableDocument`` naming the format."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from loaders.archive import open_zip
from loaders.exceptions import UnreadableDocument

MAX_PDF_PAGES = 2000
PDF_SECONDS = 60.0
"""Reading a PDF's text layer stops with an error after this long (a text PDF of a
plan reads in well under a second a page)."""


def read_html(p: Path, data: bytes) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "lxml")
    for tag in soup(["script", "style", "noscript", "template", "head"]):
        tag.decompose()
    body = soup.body or soup
    lines = (line.strip() for line in body.get_text("\n").split("\n"))
    return "\n".join(line for line in lines if line)


def read_docx(p: Path, data: bytes) -> str:
    """Paragraphs, then the rows of tables that are not project tables (cells joined by
    tabs; project tables are read as tables, ``loaders.project_tables``). The zip is
    checked for bombs first; lxml, which python-docx parses with, refuses entity
    amplification."""
    import docx
    from docx.opc.exceptions import OpcError
    from lxml import etree

    from loaders.project_tables import find_header
    from loaders.sheets import Sheet

    open_zip(p, data, "DOCX")
    try:
        document = docx.Document(io.BytesIO(data))
        lines = [para.text.strip() for para in document.paragraphs]
        for table in document.tables:
            rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
            if find_header(Sheet("", rows)) is None:
                lines += ["\t".join(row) for row in rows]
    except (zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError, OpcError) as exc:
        raise UnreadableDocument(p, f"it is not a valid DOCX file ({_first_line(exc)})") from exc
    return "\n".join(line for line in lines if line)


def read_pdf(p: Path, data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    deadline = time.monotonic() + PDF_SECONDS
    try:
        reader = PdfReader(io.BytesIO(data))
        if len(reader.pages) > MAX_PDF_PAGES:
            raise UnreadableDocument(p, f"the PDF has {len(reader.pages)} pages, over the {MAX_PDF_PAGES} page limit")
        pages = []
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            if time.monotonic() > deadline:
                raise UnreadableDocument(p, f"its text layer took over {PDF_SECONDS:.0f} s to read")
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise UnreadableDocument(p, f"it is not a readable PDF ({_first_line(exc)})") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise UnreadableDocument(p, "the PDF has no text layer (scanned images need OCR first)")
    return text


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return (lines[0][:120] if lines else "") or exc.__class__.__name__


READERS: dict[str, Callable[[Path, bytes], str]] = {
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
}
