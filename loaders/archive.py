"""Zip containers (DOCX, XLSX) opened only within bounds, so that a small file cannot
unpack into gigabytes or thousands of parts.

The sizes a zip declares are what ``zipfile`` will inflate (it stops there and fails
the checksum if a member holds more), so checking the declarations bounds the work.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from loaders.exceptions import UnreadableDocument

MAX_MEMBERS = 2000
MAX_UNPACKED = 100 * 1024 * 1024
"""Every member together, inflated; a plan's DOCX is a few MB."""
MAX_RATIO = 200
"""Inflated ÷ compressed for any member over 1 MB; office XML packs about 5–20 to one."""
RATIO_FLOOR = 1024 * 1024


def open_zip(path: Path, data: bytes, kind: str) -> zipfile.ZipFile:
    """``data`` as a zip whose declared contents are within the bounds, or
    ``UnreadableDocument`` saying it is not a valid ``kind`` file (and why)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise UnreadableDocument(path, f"it is not a valid {kind} file (not a readable zip)") from exc
    if len(members) > MAX_MEMBERS:
        raise UnreadableDocument(path, f"it is not a valid {kind} file ({len(members)} parts, over {MAX_MEMBERS})")
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED:
        raise UnreadableDocument(
            path, f"it is not a valid {kind} file: it unpacks to {total // 2**20} MB, over {MAX_UNPACKED // 2**20} MB"
        )
    for m in members:
        if m.file_size > RATIO_FLOOR and m.file_size > MAX_RATIO * max(1, m.compress_size):
            raise UnreadableDocument(path, f"it is not a valid {kind} file: {m.filename} is a decompression bomb")
    return archive
