"""What the benchmarks share: the questions they time, percentiles, and child processes
timed end to end with their peak memory (``wait4``), so that every figure is taken in
a process of its own and compared with a baseline measured in the same run."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLAN = "2025年通辽市计划报告"
TIME = shutil.which("time")


@dataclass(frozen=True)
class Question:
    name: str
    ask: Callable[[object], object]  # the query on a store
    cli: list[str]  # the same question as `plangraph` arguments


def questions() -> list[Question]:
    from queries.banners import banner
    from queries.chains import chain
    from queries.dependencies import dependencies
    from queries.feeds import feeders, impacts
    from queries.lookup import describe
    from queries.paths import paths
    from queries.search import search

    target = f"target:{PLAN}/新增新能源并网400万千瓦"
    task = f"task:{PLAN}/推动传统产业转型升级"
    return [
        Question("feeders", lambda s: feeders(s, target), ["feeders", target]),
        Question(
            "impacts", lambda s: impacts(s, "project:扎铝二期35万吨电解铝"), ["impacts", "project:扎铝二期35万吨电解铝"]
        ),
        Question("dependencies", lambda s: dependencies(s, task), ["dependencies", task]),
        Question(
            "paths",
            lambda s: paths(s, "enterprise:梅花生物", "industry:玉米合成生物产业", directed=True),
            ["path", "enterprise:梅花生物", "industry:玉米合成生物产业", "--directed"],
        ),
        Question("chain", lambda s: chain(s, "industry:铝基新材料产业"), ["chain", "industry:铝基新材料产业"]),
        Question("banner", lambda s: banner(s, "banner:科尔沁区"), ["banner", "banner:科尔沁区"]),
        Question("search", lambda s: search(s, "kerqin"), ["search", "kerqin"]),
        Question("show", lambda s: describe(s, "project:锦联55万吨易拉罐"), ["show", "project:锦联55万吨易拉罐"]),
    ]


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def timed(ask: Callable[[], object], runs: int) -> tuple[float, float]:
    """p50 and p99 in ms of ``runs`` calls after one untimed call."""
    ask()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        ask()
        samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples)


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float
    code: int
    out: str


def run(argv: list[str], env: dict[str, str] | None = None) -> Run:
    """A child process, end to end: wall time, peak resident memory, exit code, stdout.

    The peak comes from GNU time (``/usr/bin/time -f %M``): the rusage of a child this
    process forks counts the pages it shared with this (large) process before exec."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        wrapped = [TIME, "-f", "%M", "-o", rss.name, *argv] if TIME else argv
        started = time.perf_counter()
        proc = subprocess.run(
            wrapped, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        seconds = time.perf_counter() - started
        peak = float(rss.read().strip().splitlines()[-1]) / 1024 if TIME else float("nan")
    return Run(seconds, peak, proc.returncode, proc.stdout.decode())


def plangraph(*args: str) -> list[str]:
    return [sys.executable, "-m", "api.cli", *args]


def child(*args: str) -> dict[str, object]:
    """Run ``bench/national.py --child ARGS`` and read the JSON it prints."""
    result = run([sys.executable, str(ROOT / "bench" / "national.py"), "--child", *args])
    if result.code != 0:
        raise RuntimeError(f"the benchmark child {args} failed")
    data: dict[str, object] = json.loads(result.out.strip().splitlines()[-1])
    data["peak_mib"] = result.peak_mib
    return data
