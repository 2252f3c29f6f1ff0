"""Bytes to text: plain text in any Chinese encoding, HTML, DOCX and text PDFs."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from charset_normalizer import from_bytes

from loaders.exceptions import UnreadableDocument

MAX_BYTES = 50 * 1024 * 1024
"""Larger files are refused: a plan is tens of kilobytes, a whole-year gazette a few MB."""

MIN_CHARS = 20
"""Fewer readable characters than this is no plan."""


def read_text(path: str | Path) -> str:
    """The document's text, decoded and with format markup removed.

    Raises ``UnreadableDocument`` naming the file and the reason when the file is
    missing, empty, too large, binary, image-only or undecodable.
    """
    p = Path(path)
    data = _read_bytes(p)
    reader = READERS.get(p.suffix.lower(), _read_plain)
    text = reader(p, data).replace("\r\n", "\n").replace("\r", "\n")
    if len(text.strip()) < MIN_CHARS:
        raise UnreadableDocument(p, "it holds no text (an empty or image-only document?)")
    return text


def _read_bytes(p: Path) -> bytes:
    if not p.exists():
        raise UnreadableDocument(p, "no such file")
    if p.is_dir():
        raise UnreadableDocument(p, "it is a directory")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableDocument(
                p, f"it is {size // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit"
            )
        data = p.read_bytes()
    except PermissionError as exc:
        raise UnreadableDocument(p, "permission denied") from exc
    except OSError as exc:
        raise UnreadableDocument(p, exc.strerror or "read failed") from exc
    if not data.strip():
        raise UnreadableDocument(p, "the file is empty")
    return data


def decode(p: Path, data: bytes) -> str:
    """Detect the encoding (UTF-8 with or without BOM, GBK, GB18030 …) and decode."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableDocument(p, "it is a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise UnreadableDocument(p, "its text encoding could not be detected")
    if not any("\u4e00" <= ch <= "\u9fff" for ch in str(best)[:5000]):
        raise UnreadableDocument(p, f"decoded as {best.encoding} it holds no Chinese text")
    return str(best)


def _read_plain(p: Path, data: bytes) -> str:
    return decode(p, data)


def _read_html(p: Path, data: bytes) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "lxml")
    for tag in soup(["script", "style", "noscript", "template", "head"]):
        tag.decompose()
    body = soup.body or soup
    lines = (line.strip() for line in body.get_text("\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _read_docx(p: Path, data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableDocument(p, "it is not a valid DOCX file") from exc
    lines = [para.text.strip() for para in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text.strip() for cell in row.cells))
    return "\n".join(line for line in lines if line)


def _read_pdf(p: Path, data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise UnreadableDocument(p, "it is not a readable PDF") from exc
    text = "\n".join(pages)
    if len(text.strip()) < MIN_CHARS:
        raise UnreadableDocument(p, "the PDF has no text layer (scanned images need OCR first)")
    return text


READERS: dict[str, Callable[[Path, bytes], str]] = {
    ".html": _read_html,
    ".htm": _read_html,
    ".docx": _read_docx,
    ".pdf": _read_pdf,
}
