"""Answers serialised once: pydantic writes the JSON itself, and FastAPI, handed a
``Response``, neither validates the answer again against the route's ``response_model``
(which still documents it in OpenAPI) nor encodes it a second time."""

from __future__ import annotations

from fastapi.responses import Response
from pydantic import BaseModel


class ModelResponse(Response):
    media_type = "application/json"

    def __init__(self, model: BaseModel, status_code: int = 200) -> None:
        super().__init__(model.__pydantic_serializer__.to_json(model), status_code=status_code)
