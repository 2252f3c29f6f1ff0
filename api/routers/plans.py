"""Loading plans through the API; mounted only when a token is configured."""

from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path

from fastapi import APIRouter, UploadFile
from pydantic import BaseModel

from api.deps import StoreDep, TokenDep
from api.errors import ERROR_RESPONSES, ErrorBody
from loaders.exceptions import UnreadableDocument
from loaders.pipeline import read_plan
from loaders.read import MAX_BYTES

router = APIRouter(
    prefix="/plans",
    tags=["plans"],
    responses={
        **ERROR_RESPONSES,
        400: {"model": ErrorBody, "description": "a request that is not multipart form data"},
        401: {"model": ErrorBody, "description": "no valid bearer token"},
    },
)
write_lock = threading.Lock()
SUFFIXES = {".txt", ".html", ".htm", ".docx", ".pdf"}


class PlanLoaded(BaseModel):
    plan: str
    counts: dict[str, int]
    seconds: float


@router.post("", response_model=PlanLoaded, status_code=201, dependencies=[TokenDep])
async def load_plan(store: StoreDep, file: UploadFile) -> PlanLoaded:
    """Load an uploaded plan (.txt, .html, .docx, .pdf) like ``plangraph load``; all or nothing."""
    started = time.perf_counter()
    name = file.filename or "upload"
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise UnreadableDocument(name, f"unsupported file type {suffix or '(none)'!r}; send .txt, .html, .docx or .pdf")
    data = await file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise UnreadableDocument(name, f"it is over the {MAX_BYTES // (1024 * 1024)} MB limit")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / (Path(name).name or f"upload{suffix}")  # the name titles an untitled plan
        path.write_bytes(data)
        try:
            plan_id, graph = read_plan(path)
        except UnreadableDocument as exc:
            raise UnreadableDocument(name, exc.reason) from exc
    with write_lock:
        store.load_plans([(plan_id, graph)])  # another document under a stored plan's id: 409
    return PlanLoaded(plan=plan_id, counts=graph.counts(), seconds=round(time.perf_counter() - started, 3))
