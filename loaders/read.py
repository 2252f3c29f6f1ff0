"""A document on disk to its plain text: only regular files, within size limits, in
any Chinese encoding or as HTML, DOCX or a text PDF, and only if it reads as a plan."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from charset_normalizer import from_bytes

from loaders.exceptions import UnreadableDocument
from loaders.formats import READERS

MAX_BYTES = 20 * 1024 * 1024
"""Larger files are refused: a plan is tens of kilobytes, a year's gazette a few MB."""

MAX_CHARS = 2_000_000
"""Longer texts are refused: about twenty years of a city's plans, and what extraction
finishes in well under a minute (see the README's limits)."""

MIN_CHARS = 20
"""Fewer readable characters than this is no plan."""

CJK = re.compile(r"[\u4e00-\u9fff]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters (NUL among them) carry nothing of a plan and are dropped from its text."""
SENTENCE = re.compile(r"[^。！？!?\n]*[\u4e00-\u9fff][^。！？!?\n]*")
MIN_SENTENCES = 3
MIN_PUNCTUATION = 0.01
"""Chinese prose has a ， or 。 every few dozen characters; decoded noise has none."""


def read_text(path: str | Path) -> str:
    """The document's text, decoded and with format markup removed.

    Raises ``UnreadableDocument`` naming the file and the reason when the file is
    missing, not a regular file, empty, too large, binary, image-only, undecodable,
    or holds no plan (no Chinese sentences).
    """
    p = Path(path)
    return text_of(p, read_bytes(p))


def text_of(p: Path, data: bytes) -> str:
    """The text of a document's bytes (``p`` names the file and its format)."""
    reader = READERS.get(p.suffix.lower(), decode)
    text = CONTROL.sub("", reader(p, data).replace("\r\n", "\n").replace("\r", "\n"))
    if len(text.strip()) < MIN_CHARS:
        raise UnreadableDocument(p, "it holds no text (an empty or image-only document?)")
    if len(text) > MAX_CHARS:
        raise UnreadableDocument(p, f"it holds {len(text):,} characters, over the {MAX_CHARS:,} limit")
    check_plan_text(p, text)
    return text


def read_bytes(p: Path) -> bytes:
    """At most ``MAX_BYTES`` of a regular file; devices, FIFOs, sockets and directories
    are refused by their type before they are opened."""
    try:
        kind = os.stat(p).st_mode
    except FileNotFoundError as exc:
        raise UnreadableDocument(p, "no such file") from exc
    except PermissionError as exc:
        raise UnreadableDocument(p, "permission denied") from exc
    except (OSError, ValueError) as exc:
        raise UnreadableDocument(p, getattr(exc, "strerror", None) or str(exc)) from exc
    if stat.S_ISDIR(kind):
        raise UnreadableDocument(p, "it is a directory")
    if not stat.S_ISREG(kind):
        raise UnreadableDocument(p, "it is not a regular file (a device, FIFO or socket)")
    try:
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except PermissionError as exc:
        raise UnreadableDocument(p, "permission denied") from exc
    except OSError as exc:
        raise UnreadableDocument(p, exc.strerror or "it cannot be opened") from exc
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # swapped since the check above
            raise UnreadableDocument(p, "it is not a regular file (a device, FIFO or socket)")
        try:
            data = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            raise UnreadableDocument(p, exc.strerror or "read failed") from exc
    if len(data) > MAX_BYTES:
        raise UnreadableDocument(p, f"it is over the {MAX_BYTES // (1024 * 1024)} MB limit")
    if not data.strip():
        raise UnreadableDocument(p, "the file is empty")
    return data


def decode(p: Path, data: bytes) -> str:
    """Detect the encoding (UTF-8 with or without BOM, GBK, GB18030 …) and decode."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UnreadableDocument(p, "it starts as UTF-8 but is not valid UTF-8") from exc
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


def check_plan_text(p: Path, text: str) -> None:
    """Refuse a text that holds no Chinese prose: no plan is written without sentences."""
    hanzi = len(CJK.findall(text))
    if hanzi == 0:
        raise UnreadableDocument(p, "it is not a plan document: it holds no Chinese text")
    sentences = sum(1 for m in SENTENCE.finditer(text) if len(CJK.findall(m.group())) >= 4)
    marks = text.count("，") + text.count("。") + text.count("、") + text.count("；")
    if sentences < MIN_SENTENCES or marks < MIN_PUNCTUATION * hanzi:
        raise UnreadableDocument(p, "it is not a plan document: it holds no Chinese sentences")
