"""Tables in files, as rows of text cells: xlsx sheets, CSV, and the tables of a DOCX.

Merged cells are filled with the merged value (openpyxl keeps it in the top-left cell
only; python-docx already repeats it), so a header that spans columns heads each of
them. Every reader is bounded like the document readers: a zip is checked for bombs
before it is opened.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from loaders.archive import open_zip
from loaders.exceptions import UnreadableDocument

MAX_CELLS = 2_000_000


@dataclass
class Sheet:
    name: str
    rows: list[list[str]]  # row-major, cells as stripped text ("" for empty)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _bounded(p: Path, sheets: list[Sheet]) -> list[Sheet]:
    cells = sum(len(r) for s in sheets for r in s.rows)
    if cells > MAX_CELLS:
        raise UnreadableDocument(p, f"its tables hold {cells:,} cells, over the {MAX_CELLS:,} limit")
    return sheets


def read_xlsx(p: Path, data: bytes) -> list[Sheet]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    open_zip(p, data, "XLSX")
    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except (InvalidFileException, KeyError, ValueError, TypeError, OSError) as exc:
        raise UnreadableDocument(p, f"it is not a valid XLSX file ({exc.__class__.__name__})") from exc
    sheets = []
    for ws in book.worksheets:
        if ws.max_row * ws.max_column > MAX_CELLS:
            raise UnreadableDocument(p, f"sheet {ws.title} spans over {MAX_CELLS:,} cells")
        grid = [[_text(c) for c in row] for row in ws.iter_rows(values_only=True)]
        for merged in ws.merged_cells.ranges:
            value = grid[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row - 1, merged.max_row):
                for c in range(merged.min_col - 1, merged.max_col):
                    grid[r][c] = value
        sheets.append(Sheet(ws.title, grid))
    return _bounded(p, sheets)


def read_csv(p: Path, data: bytes) -> list[Sheet]:
    from loaders.read import decode

    text = decode(p, data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    rows = [[_text(c) for c in row] for row in csv.reader(io.StringIO(text), dialect)]
    return _bounded(p, [Sheet(p.stem, rows)])


def read_docx_tables(p: Path, data: bytes) -> list[Sheet]:
    import docx
    from docx.opc.exceptions import OpcError
    from lxml import etree

    open_zip(p, data, "DOCX")
    try:
        document = docx.Document(io.BytesIO(data))
        tables = [[[_text(cell.text) for cell in row.cells] for row in t.rows] for t in document.tables]
    except (KeyError, ValueError, etree.LxmlError, OpcError) as exc:
        raise UnreadableDocument(p, f"it is not a valid DOCX file ({exc.__class__.__name__})") from exc
    return _bounded(p, [Sheet(f"表{i}", rows) for i, rows in enumerate(tables, start=1)])


READERS = {".xlsx": read_xlsx, ".csv": read_csv, ".docx": read_docx_tables}
