"""One JSON error shape for every failure, mapped in one place."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.routing import BaseRoute, Match

from graph.exceptions import AmbiguousName, Candidate, EmptyStore, GraphError, NodeNotFound, PlanConflict
from loaders.exceptions import LoadError
from queries.exceptions import BadQuery, NoPath


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    detail: Any = None


class ErrorBody(BaseModel):
    """Every error response: ``{"error": {"status", "code", "message", "detail"}}``."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in [
        (404, "a node, path or route that does not exist"),
        (409, "a name that names several nodes, or a plan id that holds another document"),
        (422, "a bad parameter or upload"),
    ]
}


def error_response(status: int, code: str, message: str, detail: Any = None) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(status=status, code=code, message=message, detail=detail))
    return JSONResponse(body.model_dump(), status_code=status)


def _candidate(c: Candidate) -> dict[str, Any]:
    """A node suggested in an error, with the plan it comes from where it has one of its own."""
    return {"id": c.id, "type": c.type, "name": c.name, "plan": c.plans[0] if c.plans else None}


def _validation_message(exc: RequestValidationError) -> tuple[str, list[dict[str, Any]]]:
    problems = []
    for e in exc.errors():
        where = ".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "path", "body"))
        problems.append({"parameter": where, "problem": e.get("msg", "")})
    first = problems[0] if problems else {"parameter": "?", "problem": "invalid"}
    return f"bad parameter '{first['parameter']}': {first['problem']}", problems


def allowed_methods(request: Request) -> list[str]:
    """Every method some route offers at this path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for route in request.app.routes:
        if isinstance(route, BaseRoute) and route.matches(request.scope)[0] is not Match.NONE:
            methods |= getattr(route, "methods", None) or set()
    return sorted(methods)


def install(app: FastAPI) -> None:
    """Register the handlers that give every error the same shape."""

    @app.exception_handler(NodeNotFound)
    async def not_found(request: Request, exc: NodeNotFound) -> JSONResponse:
        detail: dict[str, Any] = {"id": exc.ref, "suggestions": [_candidate(c) for c in exc.suggestions]}
        if exc.scope:
            detail["plan"] = exc.scope
        return error_response(404, "node_not_found", str(exc), detail)

    @app.exception_handler(EmptyStore)
    async def empty(request: Request, exc: EmptyStore) -> JSONResponse:
        return error_response(404, "store_empty", str(exc))

    @app.exception_handler(NoPath)
    async def no_path(request: Request, exc: NoPath) -> JSONResponse:
        return error_response(404, "no_path", str(exc), {"source": exc.source, "target": exc.target})

    @app.exception_handler(AmbiguousName)
    async def ambiguous(request: Request, exc: AmbiguousName) -> JSONResponse:
        return error_response(409, "ambiguous_name", str(exc), {"candidates": exc.candidates, "plans": exc.plans})

    @app.exception_handler(BadQuery)
    async def bad_query(request: Request, exc: BadQuery) -> JSONResponse:
        return error_response(422, "bad_parameter", str(exc))

    @app.exception_handler(LoadError)
    async def bad_upload(request: Request, exc: LoadError) -> JSONResponse:
        return error_response(422, "unreadable_document", str(exc))

    @app.exception_handler(PlanConflict)
    async def plan_conflict(request: Request, exc: PlanConflict) -> JSONResponse:
        return error_response(409, "plan_conflict", str(exc), {"plan": exc.plan, "stored": exc.stored, "new": exc.new})

    @app.exception_handler(GraphError)
    async def store_error(request: Request, exc: GraphError) -> JSONResponse:
        return error_response(503, "store_unavailable", str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        message, problems = _validation_message(exc)
        return error_response(422, "bad_parameter", message, problems)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        codes = {
            400: "bad_request",
            401: "unauthorized",
            403: "forbidden",
            404: "not_found",
            405: "method_not_allowed",
            413: "too_large",
        }
        response = error_response(exc.status_code, codes.get(exc.status_code, "http_error"), str(exc.detail))
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        if exc.status_code == 405:
            response.headers["Allow"] = ", ".join(allowed_methods(request))
        return response

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        return error_response(500, "internal_error", f"unexpected {exc.__class__.__name__}; see the server log")
