"""Tables as files WPS and Excel open right: an xlsx workbook (one sheet per table) and
CSV in UTF-8 with a BOM. Text that a spreadsheet would run as a formula stays text."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from queries.tables import Cell, Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_MEDIA = "text/csv; charset=utf-8"
XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _csv_cell(value: Cell) -> Cell:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value  # OWASP's advice against CSV injection
    return value


def to_csv(table: Table) -> bytes:
    """One table as CSV with Chinese column titles, UTF-8 with a BOM."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.title for c in table.columns])
    for row in table.rows:
        writer.writerow([_csv_cell(row.get(c.key)) for c in table.columns])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(tables: Iterable[Table]) -> bytes:
    """A workbook with one sheet per table: bold titles, frozen header, readable widths."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(table.title)
        sheet.append([c.title for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for r, row in enumerate(table.rows, start=2):
            for col, column in enumerate(table.columns, start=1):
                value = row.get(column.key)
                if isinstance(value, str):
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell = sheet.cell(row=r, column=col, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # never a formula, whatever the text starts with
                    cell.alignment = Alignment(wrap_text="\n" in value, vertical="top")
        sheet.freeze_panes = "A2"
        for col, column in enumerate(table.columns, start=1):
            longest = max([len(column.title), *(len(str(row.get(column.key) or "")) for row in table.rows)])
            sheet.column_dimensions[sheet.cell(row=1, column=col).column_letter].width = min(60, 4 + longest * 1.6)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
