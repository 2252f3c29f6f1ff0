"""Answers kept per copy of the graph: the served store's copy never changes (a write
makes a new one), so the JSON of an answer can be served again for as long as that copy
serves, without asking the question again. Bounded by bytes (``PLANGRAPH_ANSWER_CACHE_MB``,
0 turns it off), least recently used out. Other stores (Bolt, SQLite read directly)
can change under the process and keep nothing. A corrected view over a copy is frozen
with the corrections as they were; a correction makes the next request a new view."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from fastapi.responses import Response
from pydantic import BaseModel

from api.responses import ModelResponse
from graph.store import GraphStore


class Answers:
    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.used = 0
        self._kept: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> bytes | None:
        with self._lock:
            body = self._kept.get(key)
            if body is not None:
                self._kept.move_to_end(key)
            return body

    def put(self, key: Hashable, body: bytes) -> None:
        if len(body) > self.budget // 16:
            return  # one answer may not push out most of the others
        with self._lock:
            if key in self._kept:
                return
            self._kept[key] = body
            self.used += len(body)
            while self.used > self.budget:
                _, dropped = self._kept.popitem(last=False)
                self.used -= len(dropped)


def _frozen(value: Any) -> Hashable:
    return tuple(value) if isinstance(value, list) else value


def answer(store: GraphStore, ask: Callable[..., BaseModel], *args: Any, **kwargs: Any) -> Response:
    """``ask(store, *args, **kwargs)`` as a response, kept when the store view keeps answers."""
    answers = store.derived.get("answers")
    if not isinstance(answers, Answers):
        return ModelResponse(ask(store, *args, **kwargs))
    key = (
        store.scope,  # a plan's view shares the answers of the copy it views (api.deps.get_scoped_store)
        ask.__module__,
        ask.__qualname__,
        *map(_frozen, args),
        *sorted((k, _frozen(v)) for k, v in kwargs.items()),
    )
    body = answers.get(key)
    if body is None:
        reply = ask(store, *args, **kwargs)
        body = reply.__pydantic_serializer__.to_json(reply)
        answers.put(key, body)
    return Response(body, media_type="application/json")


def keep_answers(view: GraphStore, budget: int) -> None:
    """Let ``view`` keep its answers, if it never changes (a served copy, or a frozen
    corrected view over one)."""
    if budget > 0 and view.immutable and "answers" not in view.derived:
        view.derived.setdefault("answers", Answers(budget))
