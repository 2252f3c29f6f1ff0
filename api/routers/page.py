"""The web page at / and its static files (the vendored graph library included)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parents[1] / "static"

router = APIRouter(include_in_schema=False)


@router.get("/")
def index() -> FileResponse:
    """The page: target, chain and banner views over the API."""
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")


def static_files() -> StaticFiles:
    return StaticFiles(directory=STATIC)
