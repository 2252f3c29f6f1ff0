"""plangraph benchmark: prints figures, never asserts (timed unit tests are flaky here).

    python bench/bench.py [--copies 100] [--seconds 5]

1. In-process latency (median and p99) of each query on the Tongliao graph and on a graph
   ``--copies`` times larger built from it (bench/scale.py), in the in-memory copy of the
   SQLite store that serve answers from.
2. HTTP on 127.0.0.1 with keep-alive clients (wrk when installed, else a Python load
   generator), all in the same run: ``GET /api/v1/health`` and ``/api/v1/feeders`` of
   `plangraph serve` on the Tongliao store, feeders again on a server that keeps no
   answers (PLANGRAPH_ANSWER_CACHE_MB=0, every request asks the question), and a bare
   ``async def`` FastAPI route served by uvicorn with serve's settings
   (bench/bare_app.py); reported as throughput ratios.
3. Where Debian's Chromium is installed: how long the page takes to draw its first view.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.measure import percentiles, questions  # noqa: E402
from bench.scale import scaled  # noqa: E402
from graph.nx_store import NetworkxStore  # noqa: E402
from graph.records import Graph  # noqa: E402
from graph.served_store import ServedStore  # noqa: E402
from graph.sqlite_store import SqliteStore  # noqa: E402
from loaders.pipeline import bundled_plan, read_plan  # noqa: E402


def served(directory: Path, graph: Graph) -> NetworkxStore:
    """The copy `plangraph serve` would answer from, of a store holding ``graph``."""
    store = SqliteStore(directory)
    store.write_graph(graph)
    return ServedStore(store, poll_seconds=3600).current()


def in_process(store: NetworkxStore, label: str, runs: int) -> dict[str, float]:
    medians = {}
    for q in questions():
        q.ask(store)  # warm: indexes and caches are built once per store
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            q.ask(store)
            samples.append((time.perf_counter() - started) * 1000)
        median, p99 = percentiles(samples)
        medians[q.name] = median
        print(f"  {label:<10} {q.name:<13} median {median:8.3f} ms   p99 {p99:8.3f} ms")
    return medians


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _started(cmd: list[str], port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"{' '.join(cmd)} did not start")


def serve(store_dir: Path, port: int, **env: str) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "api.cli", "serve", "--port", str(port), "--store", str(store_dir)]
    return _started(cmd, port, env)


def bare(port: int) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "uvicorn", "bench.bare_app:app", "--port", str(port), "--log-level", "info"]
    return _started(cmd, port, {})


def _wrk(url: str, seconds: float, workers: int) -> tuple[float, float]:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{workers}", f"-d{seconds:g}s", "--latency", url], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
    return rps, float(p99) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def _python_load(port: int, path: str, seconds: float, workers: int) -> tuple[float, float]:
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine = []
        while time.perf_counter() < stop:
            started = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}")
            mine.append((time.perf_counter() - started) * 1000)
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(latencies) / seconds, percentiles(latencies)[1]


def load(port: int, path: str, seconds: float, workers: int) -> tuple[float, float]:
    """Requests per second and p99 latency (ms) of ``path`` with keep-alive connections."""
    if shutil.which("wrk"):
        return _wrk(f"http://127.0.0.1:{port}{path}", seconds, workers)
    return _python_load(port, path, seconds, workers)


def page_first_draw(port: int, runs: int) -> tuple[list[float], list[float]]:
    """The page's first view in headless Chromium (if installed): drawing time measured in
    the page (request to drawn), and the whole load from navigation to drawn, in ms."""
    if not Path("/usr/bin/chromium").exists():
        print("page: /usr/bin/chromium is not installed, page timing skipped")
        return [], []
    from playwright.sync_api import sync_playwright

    draws, totals = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for _ in range(runs):
            page = browser.new_page()
            started = time.perf_counter()
            page.goto(f"http://127.0.0.1:{port}/")
            page.wait_for_function("window.plangraph && window.plangraph.drawn > 0")
            totals.append((time.perf_counter() - started) * 1000)
            draws.append(float(page.evaluate("window.plangraph.firstDrawMs")))
            page.close()
        browser.close()
    return draws, totals


def http_figures(store_dir: Path, seconds: float, workers: int) -> dict[str, tuple[float, float]]:
    target = quote("新增新能源并网400万千瓦")
    feeders = f"/api/v1/feeders?target={target}"
    ports = [_free_port() for _ in range(3)]
    servers = [serve(store_dir, ports[0]), serve(store_dir, ports[1], PLANGRAPH_ANSWER_CACHE_MB="0"), bare(ports[2])]
    routes = {
        "health": (ports[0], "/api/v1/health"),
        "feeders": (ports[0], feeders),
        "uncached": (ports[1], feeders),
        "bare": (ports[2], "/bare"),
    }
    try:
        for port, path in routes.values():
            load(port, path, 1.0, 1)  # warm up
        results = {name: load(port, path, seconds, workers) for name, (port, path) in routes.items()}
        draws, totals = page_first_draw(ports[0], runs=5)
    finally:
        for s in servers:
            s.terminate()
            s.wait(timeout=10)
    if draws:
        print(
            f"page: first view drawn {statistics.median(draws):.0f} ms after its request, "
            f"{statistics.median(totals):.0f} ms after navigation (median of {len(draws)} loads; aim < 1000 ms)"
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--runs", type=int, default=300, help="timed runs per query in process")
    parser.add_argument("--seconds", type=float, default=5.0, help="load per route over HTTP")
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    plan_id, graph = read_plan(bundled_plan())
    big = scaled(graph, args.copies)
    print(
        f"graphs: Tongliao {len(graph.nodes)} nodes / {len(graph.edges)} edges; "
        f"×{args.copies}: {len(big.nodes)} nodes / {len(big.edges)} edges"
    )
    print("in-process latency (the in-memory copy serve answers from, search from the store's index)")
    with tempfile.TemporaryDirectory() as tmp:
        small = in_process(served(Path(tmp) / "small", graph), "tongliao", args.runs)
        large = in_process(served(Path(tmp) / "large", big), f"×{args.copies}", max(20, args.runs // 10))
    for name in small:
        print(f"  ×{args.copies} / tongliao {name:<13} {large[name] / small[name]:6.2f}×")

    with tempfile.TemporaryDirectory() as tmp:
        SqliteStore(Path(tmp)).write_plan(plan_id, graph)
        results = http_figures(Path(tmp), args.seconds, args.workers)
    tool = "wrk" if shutil.which("wrk") else "a Python load generator"
    print(f"HTTP on 127.0.0.1, {tool}, {args.workers} keep-alive connections, {args.seconds:g} s per route")
    labels = {"uncached": "feeders, no answers kept", "bare": "bare async route"}
    for name, (rps, p99) in results.items():
        print(f"  {labels.get(name, name):<26} {rps:8.0f} req/s   p99 {p99:7.2f} ms")
    ratios = {
        "feeders / health": results["feeders"][0] / results["health"][0],
        "feeders / bare async route": results["feeders"][0] / results["bare"][0],
        "uncached feeders / health": results["uncached"][0] / results["health"][0],
        "uncached feeders / bare async route": results["uncached"][0] / results["bare"][0],
    }
    aims = {"feeders / health": 0.8, "feeders / bare async route": 0.5}
    for name, ratio in ratios.items():
        aim = f"  (aim ≥ {aims[name]:.1f})" if name in aims else ""
        print(f"  {name:<36} {ratio:.2f}{aim}")
    print(json.dumps({"feeders_median_ms": round(small["feeders"], 4), **{k: round(v, 3) for k, v in ratios.items()}}))


if __name__ == "__main__":
    main()
