"""Evidence: a quote of a plan shown as a whole sentence in its paragraph, under its section and task."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from api.deps import StoreDep
from api.errors import ERROR_RESPONSES
from queries.evidence import Evidence, NoPlanText, evidence

router = APIRouter(tags=["evidence"], responses=ERROR_RESPONSES)

Offset = Annotated[int, Query(ge=0, description="a character offset into the plan's text")]


@router.get("/evidence", response_model=Evidence)
def get_evidence(
    store: StoreDep,
    # no example value: with a real plan, schema-valid offsets (start >= end, past the end of
    # the text) are still a 422, which a schema cannot say
    plan: Annotated[str, Query(description="a Plan node id, e.g. `plan:2025年通辽市国民经济和社会发展计划`")],
    start: Offset,
    end: Offset,
) -> Evidence:
    """The whole sentence and paragraph around the quote ``start:end`` of a plan, with its section and task."""
    try:
        return evidence(store, plan, start, end)
    except NoPlanText as exc:  # the store keeps no text for this plan: the page falls back to the quote
        raise HTTPException(404, str(exc)) from exc
