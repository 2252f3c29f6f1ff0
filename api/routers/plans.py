"""The plans: anyone may list them (``GET /plans``); loading one (``POST /plans``) needs
the token, and that route is mounted only when a token is configured.

The token is checked before a byte of the body is read; the body is read as a stream
and cut off at the size limit; the file is parsed and extracted in a worker thread,
one load at a time, so the service keeps answering meanwhile. The client's file name
only labels the plan: it is never used as a path.
"""

from __future__ import annotations

import re
import tempfile
import threading
import time
from collections.abc import AsyncGenerator
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from api.deps import StoreDep, TokenDep
from api.errors import ERROR_RESPONSES, ErrorBody
from api.ingest import ingest
from api.responses import ModelResponse
from api.store_lists import store_lists
from graph.identity import PlanLoad
from graph.records import Graph
from graph.store import GraphStore
from loaders.exceptions import UnreadableDocument
from loaders.read import MAX_BYTES
from queries.plans import MAX_PLANS, PlanList, plans

public = APIRouter(prefix="/plans", tags=["plans"], responses=ERROR_RESPONSES)
writes = APIRouter(
    prefix="/plans",
    tags=["plans"],
    responses={
        **ERROR_RESPONSES,
        400: {"model": ErrorBody, "description": "a request that is not multipart form data with a 'file'"},
        401: {"model": ErrorBody, "description": "no valid bearer token"},
        409: {
            "model": ErrorBody,
            "description": "another plan is being loaded, or the plan's id holds another document",
        },
        413: {"model": ErrorBody, "description": "an upload over the size limit"},
    },
)
SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf", ".xlsx", ".csv")
MAX_BODY = MAX_BYTES + 64 * 1024  # the file and its multipart framing
UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]")
loading = threading.Lock()
UPLOAD_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary", "description": "the plan document"}},
                }
            }
        },
    }
}


class PlanLoaded(BaseModel):
    plan: str
    outcome: str  # added, unchanged (the store already held this document), replaced, reloaded
    counts: dict[str, int]
    seconds: float


def label(filename: str | None) -> str:
    """The client's file name made safe to show: no control characters or separators, bounded."""
    name = UNSAFE.sub("_", filename or "").strip()
    return name[-120:] or "upload"


class TooLarge(MultiPartException):
    """Raised inside the parser's stream, so the parser closes what it spooled."""

    def __init__(self) -> None:
        super().__init__(f"the upload is over the {MAX_BYTES // (1024 * 1024)} MB limit")


async def _bounded_body(request: Request) -> AsyncGenerator[bytes, None]:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise TooLarge()
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > MAX_BODY:
            raise TooLarge()
        yield chunk


async def _upload(request: Request) -> tuple[str, bytes]:
    """The uploaded file's safe label and its bytes."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise HTTPException(400, "send the plan as multipart/form-data with a 'file' field")
    parser = MultiPartParser(request.headers, _bounded_body(request), max_files=1, max_fields=4)
    try:
        form = await parser.parse()
    except TooLarge as exc:
        raise HTTPException(413, exc.message) from exc
    except MultiPartException as exc:
        raise HTTPException(400, f"malformed multipart body: {exc.message}") from exc
    try:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise HTTPException(400, "send the plan as multipart/form-data with a 'file' field")
        return label(upload.filename), await upload.read()
    finally:
        await form.close()


def _load(store: GraphStore, name: str, data: bytes, replace: bool) -> tuple[Graph, PlanLoad]:
    """Read the upload from a file of our own naming and write it as ``plangraph load`` does,
    with the store's local lists."""
    lists = store_lists(store.directory) if store.directory is not None else None
    with tempfile.TemporaryDirectory(prefix="plangraph-upload-") as tmp:
        path = Path(tmp) / f"upload{Path(name).suffix.lower()}"
        path.write_bytes(data)
        try:
            [document], [done] = ingest(store, [(path, name)], lists=lists, replace=replace)
        except UnreadableDocument as exc:
            raise UnreadableDocument(name, exc.reason) from exc
    return document.graph, done


@public.get("", response_model=PlanList)
async def list_plans(
    store: StoreDep,
    region: Annotated[str | None, Query(description="only the plans of this region", examples=["通辽市"])] = None,
    year: Annotated[int | None, Query(ge=1949, le=2100, description="only the plans of this year")] = None,
    kind: Annotated[
        str | None, Query(description="计划报告, 政府工作报告, 五年规划 or 项目清单", examples=["计划报告"])
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PLANS)] = MAX_PLANS,
) -> Response:
    """The plans loaded (by region, latest first): id, title, region, year, kind, the file
    read, and whether the store keeps the text."""
    return ModelResponse(plans(store, region=region, year=year, kind=kind, limit=limit))


@writes.post("", response_model=PlanLoaded, status_code=201, dependencies=[TokenDep], openapi_extra=UPLOAD_SCHEMA)
async def load_plan(
    request: Request,
    store: StoreDep,
    replace: Annotated[
        bool, Query(description="replace a stored plan of the same region, year and kind from another document")
    ] = False,
) -> PlanLoaded:
    """Load an uploaded plan (.txt, .html, .docx, .pdf) or project table (.xlsx, .csv) like
    ``plangraph load``; all or nothing. Another document under a stored plan's id is a 409
    unless ``replace``."""
    started = time.perf_counter()
    name, data = await _upload(request)
    if not name.lower().endswith(SUFFIXES):
        raise UnreadableDocument(name, f"unsupported file type; send one of {', '.join(SUFFIXES)}")
    if not loading.acquire(blocking=False):
        raise HTTPException(409, "another plan is being loaded: try again when it has finished")
    try:
        graph, done = await run_in_threadpool(_load, store, name, data, replace)
    finally:
        loading.release()
    seconds = round(time.perf_counter() - started, 3)
    return PlanLoaded(plan=done.plan, outcome=done.outcome, counts=graph.counts(), seconds=seconds)
