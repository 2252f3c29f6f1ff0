"""The framework's own speed: a FastAPI app with one bare ``async def`` route, served by
bench/bench.py with the same uvicorn settings as `plangraph serve`."""

from fastapi import FastAPI

app = FastAPI()


@app.get("/bare")
async def bare() -> dict[str, bool]:
    return {"ok": True}
