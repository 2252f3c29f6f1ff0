"""Hostile inputs, built small where the point is a ratio: each a function that writes
one file (or a device link, a FIFO) into a directory and returns its path, with the
words its refusal must contain."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

TITLE = "2025年示例市国民经济和社会发展计划\n"


def _docx_parts() -> dict[str, bytes]:
    import docx

    document = docx.Document()
    document.add_paragraph("2025年示例市国民经济和社会发展计划")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as z:
        return {name: z.read(name) for name in z.namelist()}


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def entity_bomb(d: Path) -> Path:
    """A billion-laughs DOCX: nine levels of ten-fold entities."""
    levels = b"".join(b'<!ENTITY e%d "%s">' % (i + 1, (b"&e%d;" % i) * 10 if i else b"ha" * 10) for i in range(9))
    parts = _docx_parts()
    body = parts["word/document.xml"].split(b"?>", 1)[1].replace(b"2025", b"&e9;")
    parts["word/document.xml"] = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e0 "x">' + levels + b"]>" + body
    return _zip(d / "entity-bomb.docx", parts)


def malformed_docx(d: Path) -> Path:
    parts = _docx_parts()
    parts["word/document.xml"] = parts["word/document.xml"][:-40]
    return _zip(d / "malformed.docx", parts)


def zip_bomb(d: Path) -> Path:
    """A few KB that would inflate to 64 MB of document XML."""
    parts = _docx_parts()
    path = d / "zip-bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in parts.items():
            if name != "word/document.xml":
                z.writestr(name, data)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(parts["word/document.xml"][:-30])
            for _ in range(64):
                f.write(b" " * 2**20)
            f.write(parts["word/document.xml"][-30:])
    return path


def link_to(device: str) -> Callable[[Path], Path]:
    def make(d: Path) -> Path:
        path = d / f"{Path(device).name}.txt"
        path.symlink_to(device)
        return path

    make.__name__ = f"link_to_{Path(device).name}"
    return make


def fifo(d: Path) -> Path:
    path = d / "fifo.txt"
    os.mkfifo(path)
    return path


def directory(d: Path) -> Path:
    path = d / "folder.txt"
    path.mkdir()
    return path


def symlink_loop(d: Path) -> Path:
    path = d / "loop.txt"
    path.symlink_to(path)
    return path


def random_html(d: Path) -> Path:
    path = d / "noise.html"
    path.write_bytes(os.urandom(100 * 1024))
    return path


def ascii_text(d: Path) -> Path:
    path = d / "english.txt"
    path.write_text("The plan for 2025. Grow the economy by 6%. " * 200, encoding="utf-8")
    return path


def no_chinese_sentence(d: Path) -> Path:
    path = d / "labels.txt"
    path.write_text("\n".join(f"项目{i} code-{i} 42" for i in range(500)), encoding="utf-8")
    return path


def long_line(d: Path) -> Path:
    """One line of 3 MB of Chinese characters with no punctuation at all."""
    path = d / "long-line.txt"
    path.write_text(TITLE + "推进重点项目建设" * 125_000, encoding="utf-8")
    return path


def oversized(d: Path) -> Path:
    """Over the byte limit, as a sparse file: costs no disk."""
    from loaders.read import MAX_BYTES

    path = d / "huge.txt"
    with path.open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    return path


def too_many_characters(d: Path) -> Path:
    from loaders.read import MAX_CHARS

    path = d / "too-long.txt"
    path.write_text(TITLE + "推进项目建设，新增就业。" * (MAX_CHARS // 12 + 1), encoding="utf-8")
    return path


REFUSED: list[tuple[Callable[[Path], Path], str]] = [
    (entity_bomb, "not a valid DOCX file"),
    (malformed_docx, "not a valid DOCX file"),
    (zip_bomb, "not a valid DOCX file"),
    (link_to("/dev/zero"), "not a regular file"),
    (link_to("/dev/urandom"), "not a regular file"),
    (fifo, "not a regular file"),
    (directory, "it is a directory"),
    (symlink_loop, "symbolic links"),
    (random_html, "not a plan document"),
    (ascii_text, "not a plan document"),
    (no_chinese_sentence, "not a plan document"),
    (long_line, "not a plan document"),
    (oversized, "over the 20 MB limit"),
    (too_many_characters, "over the 2,000,000 limit"),
]
"""Each maker and what its one-line refusal must say."""
