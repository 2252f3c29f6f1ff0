"""The officer's corrections over HTTP: anyone may list them; making and undoing them
needs the token (and those routes do not exist without one)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Request

from api.deps import SettingsDep, TokenDep
from api.errors import ERROR_RESPONSES, ErrorBody
from graph.overlay import CorrectedStore
from queries.corrections import CorrectionRequest, Listing, listing, made, record, undo


def corrected_store(request: Request) -> CorrectedStore:
    store = request.app.state.store
    if not isinstance(store, CorrectedStore):  # pragma: no cover - the routers are mounted only then
        raise HTTPException(404, "this service keeps no corrections")
    return store


CorrectedDep = Annotated[CorrectedStore, Depends(corrected_store)]
public = APIRouter(prefix="/corrections", tags=["corrections"], responses=ERROR_RESPONSES)
writes = APIRouter(
    prefix="/corrections",
    tags=["corrections"],
    dependencies=[TokenDep],
    responses={
        **ERROR_RESPONSES,
        400: {"model": ErrorBody, "description": "a body that is not JSON"},
        401: {"model": ErrorBody, "description": "no valid bearer token"},
    },
)


@public.get("", response_model=Listing)
def list_corrections(store: CorrectedDep, settings: SettingsDep) -> Listing:
    """Every correction with what became of it (applied, re-keyed or orphaned), any line of
    the corrections file that is not one, and whether this service takes corrections
    (``writable``: started with a token, so the write routes exist)."""
    return listing(store, writable=bool(settings.api_token))


@writes.post("", status_code=201)
def make_correction(store: CorrectedDep, request: CorrectionRequest) -> dict[str, Any]:
    """Record a correction: delete, rename, retype, set an attribute, merge, or add a
    node or an edge (nodes named by id or unambiguous name). The answer is the correction
    with its ``status`` on the graph (applied, re-keyed, orphaned) and, for a node added,
    its id (``node_id``)."""
    correction = record(store, request, who="api")
    return made(store, correction)


@writes.delete("/{correction_id}")
def undo_correction(
    store: CorrectedDep, correction_id: Annotated[str, Path(description="the id of the correction", max_length=64)]
) -> dict[str, Any]:
    """Undo a correction: the graph is as if it had never been made."""
    return undo(store, correction_id).model_dump()
