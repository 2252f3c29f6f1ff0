"""Build the FastAPI application: one router per resource under /api/v1."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api import errors
from api.routers import graph, nodes, page, plans, queries
from api.settings import Settings
from graph.sqlite_store import SqliteStore
from graph.store import GraphStore

API = "/api/v1"


def create_app(store: GraphStore | None = None, settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    app = FastAPI(
        title="plangraph",
        version="0.1.0",
        description="发展计划知识图谱: questions about a plan's projects, targets, industries and banners.",
    )
    app.state.settings = settings
    app.state.store = store or SqliteStore(settings.store_dir)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"])
    errors.install(app)
    app.include_router(graph.router, prefix=API)
    app.include_router(nodes.router, prefix=API)
    app.include_router(queries.router, prefix=API)
    if settings.api_token:  # changing the graph over HTTP is disabled entirely without a token
        app.include_router(plans.router, prefix=API)
    app.include_router(page.router)
    app.mount("/static", page.static_files(), name="static")
    return app
