"""Build the FastAPI application: one router per resource under /api/v1."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api import errors
from api.routers import auth, corrections, docs, evidence, graph, nodes, page, plans, queries, tables
from api.settings import Settings
from graph.overlay import CorrectedStore
from graph.served_store import ServedStore
from graph.sqlite_store import SqliteStore
from graph.store import GraphStore

API = "/api/v1"


def served(store: GraphStore) -> GraphStore:
    """What the service answers from: the embedded store as an in-memory copy kept in
    step with the database (``graph.served_store``), seen through the same corrections;
    any other store as it is."""
    if isinstance(store, CorrectedStore):
        return CorrectedStore(served(store.base), store.corrections)
    return ServedStore(store) if isinstance(store, SqliteStore) else store


def create_app(store: GraphStore | None = None, settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    if store is None:
        base = SqliteStore(settings.store_dir)
        store = CorrectedStore.in_directory(base, base.directory)
    held = served(store)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if held is not store:
            held.close()  # the copy and its watcher are the app's own

    app = FastAPI(
        title="plangraph",
        version="0.1.0",
        description="发展计划知识图谱: questions about a plan's projects, targets, industries and banners.",
        docs_url=None,  # FastAPI's own pages load Swagger UI and ReDoc from a CDN: served offline by docs.router
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = held
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"])
    errors.install(app)
    app.include_router(graph.router, prefix=API)
    app.include_router(nodes.router, prefix=API)
    app.include_router(queries.router, prefix=API)
    app.include_router(tables.router, prefix=API)
    app.include_router(evidence.router, prefix=API)
    app.include_router(plans.public, prefix=API)
    if isinstance(app.state.store, CorrectedStore):
        app.include_router(corrections.public, prefix=API)
    if settings.api_token:  # changing the graph over HTTP is disabled entirely without a token
        app.include_router(plans.writes, prefix=API)
        app.include_router(auth.router, prefix=API)
        if isinstance(app.state.store, CorrectedStore):
            app.include_router(corrections.writes, prefix=API)
    app.include_router(page.router)
    app.include_router(docs.router)
    app.mount("/static", page.static_files(), name="static")
    return app
