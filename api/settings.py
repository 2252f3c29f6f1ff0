"""Service configuration, from the environment (or given directly in tests)."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, Field


class Settings(BaseModel):
    store_dir: Path | None = Field(default=None, description="graph directory (PLANGRAPH_STORE)")
    api_token: str | None = Field(
        default=None, description="token for routes that change the graph (PLANGRAPH_API_TOKEN)"
    )
    cors_origins: list[str] = Field(
        default_factory=list, description="origins allowed by CORS (PLANGRAPH_CORS_ORIGINS)"
    )
    answer_cache_mb: int = Field(
        default=64, ge=0, description="MiB of answers the served copy keeps, 0 for none (PLANGRAPH_ANSWER_CACHE_MB)"
    )

    @classmethod
    def from_env(cls) -> Settings:
        store = os.environ.get("PLANGRAPH_STORE")
        origins = os.environ.get("PLANGRAPH_CORS_ORIGINS", "")
        return cls(
            store_dir=Path(store) if store else None,
            api_token=os.environ.get("PLANGRAPH_API_TOKEN") or None,
            cors_origins=[o.strip() for o in origins.split(",") if o.strip()],
            answer_cache_mb=int(os.environ.get("PLANGRAPH_ANSWER_CACHE_MB", "64")),
        )
