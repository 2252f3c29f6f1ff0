"""Whether a token is the service's: mounted only when a token is configured, so that a
page can tell a wrong token apart before it sends a correction."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.deps import TokenDep
from api.errors import ErrorBody

router = APIRouter(
    prefix="/auth",
    tags=["auth"],
    responses={401: {"model": ErrorBody, "description": "no valid bearer token"}},
)


@router.get("", status_code=204, response_class=Response, dependencies=[TokenDep])
async def check_token() -> Response:
    """204 when the request carries the configured bearer token, 401 otherwise."""
    return Response(status_code=204)
