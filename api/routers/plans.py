"""Loading plans through the API; mounted only when a token is configured.

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

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from api.deps import StoreDep, TokenDep
from api.errors import ERROR_RESPONSES, ErrorBody
from graph.matching import align
from graph.records import Graph
from graph.store import GraphStore
from loaders.exceptions import UnreadableDocument
from loaders.pipeline import read_plan
from loaders.read import MAX_BYTES

router = APIRouter(
    prefix="/plans",
    tags=["plans"],
    responses={
        **ERROR_RESPONSES,
        400: {"model": ErrorBody, "description": "a request that is not multipart form data with a 'file'"},
        401: {"model": ErrorBody, "description": "no valid bearer token"},
        409: {"model": ErrorBody, "description": "another plan is being loaded"},
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


def _load(store: GraphStore, name: str, data: bytes) -> tuple[str, Graph]:
    suffix = Path(name).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="plangraph-upload-") as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            plan_id, graph = read_plan(path, source_name=name)
        except UnreadableDocument as exc:
            raise UnreadableDocument(name, exc.reason) from exc
    graph = align(graph, [store])
    store.write_plan(plan_id, graph)
    return plan_id, graph


@router.post("", response_model=PlanLoaded, status_code=201, dependencies=[TokenDep], openapi_extra=UPLOAD_SCHEMA)
async def load_plan(request: Request, store: StoreDep) -> PlanLoaded:
    """Load an uploaded plan (.txt, .html, .docx, .pdf) like ``plangraph load``; all or nothing."""
    started = time.perf_counter()
    name, data = await _upload(request)
    if not name.lower().endswith(SUFFIXES):
        raise UnreadableDocument(name, f"unsupported file type; send one of {', '.join(SUFFIXES)}")
    if not loading.acquire(blocking=False):
        raise HTTPException(409, "another plan is being loaded: try again when it has finished")
    try:
        plan_id, graph = await run_in_threadpool(_load, store, name, data)
    finally:
        loading.release()
    return PlanLoaded(plan=plan_id, counts=graph.counts(), seconds=round(time.perf_counter() - started, 3))
