"""A store that keeps the bundled plan's text, for the evidence route and the page's
evidence panel before every store keeps the texts of its plans.

``python -m tests.text_store --port P`` serves the app over such a store with the bundled
plan loaded, as ``plangraph serve`` does (used by the browser tests of the evidence panel).
"""

from __future__ import annotations

import argparse

from graph.nx_store import NetworkxStore
from loaders.pipeline import bundled_plan, read_plan
from loaders.read import read_text


class TextStore(NetworkxStore):
    """The embedded store, answering ``plan_text`` from ``texts`` when it keeps none itself."""

    texts: dict[str, str]

    def plan_text(self, plan_id: str) -> str | None:
        return super().plan_text(plan_id) or self.texts.get(plan_id)


def bundled_text_store() -> TextStore:
    plan_id, graph = read_plan(bundled_plan())
    store = TextStore.in_memory(graph)
    store.texts = {plan_id: read_text(bundled_plan())}
    return store


def main() -> None:
    import uvicorn

    from api.main import create_app
    from api.settings import Settings

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    port = parser.parse_args().port
    uvicorn.run(create_app(bundled_text_store(), Settings()), host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main()
