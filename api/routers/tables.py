"""The graph's tables (targets, projects, target ← project) as JSON or as downloads."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from api.deps import StoreDep
from api.errors import ERROR_RESPONSES
from api.spreadsheets import CSV_MEDIA, XLSX_MEDIA, to_csv, to_xlsx
from queries.exceptions import BadQuery
from queries.lookup import resolve
from queries.tables import TABLES, Table, TableSpec, banner_table, build, chain_table, feeds_table

router = APIRouter(prefix="/tables", tags=["tables"], responses=ERROR_RESPONSES)
TableName = Literal["targets", "projects", "feeds", "chain", "banner"]
DOWNLOAD = {"content": {CSV_MEDIA: {}, XLSX_MEDIA: {}}, "description": "the table as a file"}


def _download(data: bytes, media: str, filename: str) -> Response:
    disposition = f"attachment; filename*=UTF-8''{quote(filename)}"
    return Response(data, media_type=media, headers={"Content-Disposition": disposition})


def _file(table: Table, format: str) -> Response:
    if format == "csv":
        return _download(to_csv(table), CSV_MEDIA, f"{table.title}.csv")
    return _download(to_xlsx([table]), XLSX_MEDIA, f"{table.title}.xlsx")


@router.get("", response_model=list[TableSpec])
def list_tables() -> list[TableSpec]:
    """The tables on offer: name, Chinese title and columns."""
    return [spec for spec, _ in TABLES.values()]


@router.get("/workbook.xlsx", response_class=Response, responses={200: DOWNLOAD})
def workbook(store: StoreDep) -> Response:
    """Every table as one xlsx workbook, a sheet each."""
    return _download(to_xlsx(build(store, name) for name in TABLES), XLSX_MEDIA, "plangraph.xlsx")


@router.get("/{name}", response_model=Table, responses={200: DOWNLOAD})
def get_table(
    store: StoreDep,
    name: Annotated[TableName, Path(description="which table")],
    format: Annotated[Literal["json", "csv", "xlsx"], Query(description="JSON, or a file to download")] = "json",
    target: Annotated[
        str | None, Query(description="feeds: only the pairs of this target", examples=["新增新能源并网400万千瓦"])
    ] = None,
    industry: Annotated[str | None, Query(description="chain: the industry", examples=["铝基新材料产业"])] = None,
    banner: Annotated[str | None, Query(description="banner: the banner", examples=["科区"])] = None,
) -> Table | Response:
    """One table as JSON (columns and rows), or as CSV (UTF-8 with BOM) or xlsx to download:
    the whole graph's targets, projects or target ← project pairs (one target's with
    ``target``), a chain's links and projects (``industry``), or a banner's projects (``banner``)."""
    if name == "chain":
        table = chain_table(store, _needed(industry, "industry", name))
    elif name == "banner":
        table = banner_table(store, _needed(banner, "banner", name))
    elif target is not None and name == "feeds":
        table = feeds_table(store, [resolve(store, target, ["Target"])])
    else:
        table = build(store, name)
    return table if format == "json" else _file(table, format)


def _needed(value: str | None, parameter: str, table: str) -> str:
    if not value:
        raise BadQuery(f"the {table} table needs the parameter '{parameter}'")
    return value
