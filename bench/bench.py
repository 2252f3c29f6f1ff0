"""plangraph benchmark: prints figures, never asserts (timed unit tests are flaky here).

    python bench/bench.py [--copies 100] [--seconds 5]

1. In-process latency (median and p99) of each query on the Tongliao graph and on a graph
   ``--copies`` times larger built from it (bench/scale.py).
2. Throughput and p99 of ``GET /api/v1/feeders`` against ``GET /api/v1/health``, measured in
   the same run with a load generator on 127.0.0.1, reported as a ratio.
3. Where Debian's Chromium is installed: how long the page takes to draw its first view.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.scale import scaled  # noqa: E402
from graph.nx_store import NetworkxStore  # noqa: E402
from loaders.pipeline import bundled_plan, read_plan  # noqa: E402
from queries.banners import banner  # noqa: E402
from queries.chains import chain  # noqa: E402
from queries.dependencies import dependencies  # noqa: E402
from queries.feeds import feeders, impacts  # noqa: E402
from queries.paths import paths  # noqa: E402
from queries.search import search  # noqa: E402

QUERIES: dict[str, Callable[[NetworkxStore], object]] = {
    "feeders": lambda s: feeders(s, "target:2025年通辽市计划报告/新增新能源并网400万千瓦"),
    "impacts": lambda s: impacts(s, "project:扎铝二期35万吨电解铝"),
    "dependencies": lambda s: dependencies(s, "task:2025年通辽市计划报告/推动传统产业转型升级"),
    "paths": lambda s: paths(s, "enterprise:梅花生物", "industry:玉米合成生物产业", directed=True),
    "chain": lambda s: chain(s, "industry:铝基新材料产业"),
    "banner": lambda s: banner(s, "banner:科尔沁区"),
    "search": lambda s: search(s, "kerqin"),
}


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def in_process(store: NetworkxStore, label: str, runs: int) -> dict[str, float]:
    medians = {}
    for name, ask in QUERIES.items():
        ask(store)  # warm: indexes and caches are built once per store
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            ask(store)
            samples.append((time.perf_counter() - started) * 1000)
        median, p99 = _percentiles(samples)
        medians[name] = median
        print(f"  {label:<10} {name:<13} median {median:8.3f} ms   p99 {p99:8.3f} ms")
    return medians


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(store_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PLANGRAPH_STORE": str(store_dir)}
    cmd = [sys.executable, "-m", "api.cli", "serve", "--port", str(port)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the server did not start")


def load(port: int, path: str, seconds: float, workers: int) -> tuple[float, float]:
    """Requests per second and p99 latency (ms) of ``path`` with keep-alive connections."""
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
    return len(latencies) / seconds, _percentiles(latencies)[1]


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--runs", type=int, default=300, help="timed runs per query in process")
    parser.add_argument("--seconds", type=float, default=5.0, help="load per route over HTTP")
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    _, graph = read_plan(bundled_plan())
    big = scaled(graph, args.copies)
    print(
        f"graphs: Tongliao {len(graph.nodes)} nodes / {len(graph.edges)} edges; "
        f"×{args.copies}: {len(big.nodes)} nodes / {len(big.edges)} edges"
    )
    print("in-process latency")
    small = in_process(NetworkxStore.in_memory(graph), "tongliao", args.runs)
    large = in_process(NetworkxStore.in_memory(big), f"×{args.copies}", max(20, args.runs // 10))
    for name in QUERIES:
        print(f"  ×{args.copies} / tongliao {name:<13} {large[name] / small[name]:6.2f}×")

    with tempfile.TemporaryDirectory() as tmp:
        NetworkxStore(Path(tmp)).write_plan("plan:2025年通辽市计划报告", graph)
        port = _free_port()
        server = _serve(Path(tmp), port)
        try:
            target = quote("新增新能源并网400万千瓦")
            routes = {"health": "/api/v1/health", "feeders": f"/api/v1/feeders?target={target}"}
            for path in routes.values():
                load(port, path, 1.0, 1)  # warm up
            results = {name: load(port, path, args.seconds, args.workers) for name, path in routes.items()}
            draws, totals = page_first_draw(port, runs=5)
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"HTTP on 127.0.0.1, {args.workers} keep-alive clients, {args.seconds:.0f} s per route")
    for name, (rps, p99) in results.items():
        print(f"  {name:<8} {rps:8.0f} req/s   p99 {p99:7.2f} ms")
    ratio = results["feeders"][0] / results["health"][0]
    print(f"  feeders / health throughput: {ratio:.2f}  (aim ≥ 0.50)")
    if draws:
        print(
            f"page: first view drawn {statistics.median(draws):.0f} ms after its request, "
            f"{statistics.median(totals):.0f} ms after navigation (median of {len(draws)} loads; aim < 1000 ms)"
        )
    print(json.dumps({"feeders_median_ms": round(small["feeders"], 4), "throughput_ratio": round(ratio, 3)}))


if __name__ == "__main__":
    main()
