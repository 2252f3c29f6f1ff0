"""Dependencies shared by the routers: the store, and the token for changing it.

Both are ``async`` so that FastAPI calls them on the event loop instead of sending each
through its threadpool; the store dependency hands a request one state of the store
for its whole life.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.answers import keep_answers
from api.settings import Settings
from graph.store import GraphStore
from queries.plans import scope


async def get_store(request: Request) -> GraphStore:
    """The store a request reads: for the served embedded store, the copy current when the
    request starts (it keeps it to the end: one state of the graph), seen through the
    corrections as they are then; any other store as it is. A plain coroutine: a generator
    dependency costs FastAPI an exit stack per request."""
    store: GraphStore = request.app.state.store
    view = store.current()
    keep_answers(view, request.app.state.settings.answer_cache_mb * 1024 * 1024)
    return view


PlanParam = Annotated[
    str | None,
    Query(
        description="only what this plan says: a Plan id (or its title); by default every plan loaded",
        examples=["plan:2025年通辽市计划报告"],
    ),
]


async def get_scoped_store(request: Request, plan: PlanParam = None) -> GraphStore:
    """The store a request reads, as the plan ``plan`` alone sees it when one is given
    (``queries.plans.scope``): a name is resolved among that plan's nodes, and the answer
    is what a store holding only that plan would give."""
    view = await get_store(request)
    if plan is None:
        return view
    scoped = scope(view, plan)
    answers = view.derived.get("answers")
    if answers is not None:  # one budget for the copy and every plan's view of it
        scoped.derived.setdefault("answers", answers)
    return scoped


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[GraphStore, Depends(get_store)]
ScopedDep = Annotated[GraphStore, Depends(get_scoped_store)]
"""The store, scoped to the plan of the request's ``plan`` parameter when it has one."""
SettingsDep = Annotated[Settings, Depends(get_settings)]
bearer = HTTPBearer(auto_error=False, description="the token set in PLANGRAPH_API_TOKEN")


async def require_token(
    settings: SettingsDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> None:
    """Routes that change the graph answer 401 without the configured token (and are
    not mounted at all when none is configured)."""
    if not settings.api_token or credentials is None or not same_token(credentials.credentials, settings.api_token):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


def same_token(given: str, expected: str) -> bool:
    """Compared as bytes in constant time: any header value, ASCII or not, is just wrong.
    (Header values arrive decoded as Latin-1, so encoding them back gives the bytes sent.)"""
    return secrets.compare_digest(given.encode("latin-1", "replace"), expected.encode("utf-8"))


TokenDep = Depends(require_token)
