"""plangraph at national scale: prints figures, asserts nothing.

    python bench/national.py [--copies 4200] [--runs 30] [--cli-runs 5] [--dir DIR]

Loads renamed copies of the Tongliao plan (bench/scale.py) into one SQLite store, one
plan per write as `plangraph load` does, and stops at 1 plan (the seed), 100 plans and
``--copies`` plans (4 200 ≈ 1 M nodes; several minutes to build) to measure, each in a
process of its own: load time per plan as the store grows, replacing one plan, store
open time, every query's p50/p99 in process (on the SQLite store, as the CLI asks it,
and on the in-memory copy, as serve asks it), every query from the CLI end to end with
its peak memory, the served copy's build time and peak memory, size on disk, and a plain
sqlite3 script answering feeders (bench/feeders_sqlite.py) as the baseline, timed in the
same run. Nothing is cached between runs: the store is built in a temporary directory
(or ``--dir``, emptied first) and removed afterwards unless ``--dir`` was given.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.measure import PLAN, child, plangraph, questions, run, timed  # noqa: E402

TARGET = f"target:{PLAN}/新增新能源并网400万千瓦"


# -- children: one measurement each, in a fresh interpreter ------------------------------------
def child_sqlite(directory: str, runs: int) -> dict[str, object]:
    started = time.perf_counter()
    from graph.sqlite_store import SqliteStore

    imported = time.perf_counter()
    SqliteStore(directory).node(TARGET)
    opened = time.perf_counter()

    def cold(q: object) -> object:  # as a CLI process asks it: a new store, one read transaction
        store = SqliteStore(directory)
        with store.reading() as view:
            answer = q.ask(view)  # type: ignore[attr-defined]
        store.close()
        return answer

    times = {q.name: timed(lambda q=q: cold(q), runs) for q in questions()}
    return {"import_ms": (imported - started) * 1000, "open_ms": (opened - imported) * 1000, "queries": times}


def child_serve(directory: str, runs: int) -> dict[str, object]:
    from graph.served_store import ServedStore
    from graph.sqlite_store import SqliteStore

    started = time.perf_counter()
    served = ServedStore(SqliteStore(directory), poll_seconds=3600)
    built = time.perf_counter() - started
    copy = served.current()
    times = {q.name: timed(lambda q=q: q.ask(copy), runs) for q in questions()}
    served.close()
    return {"build_s": built, "queries": times}


def child_cold_load(document: str, directory: str) -> dict[str, object]:
    started = time.perf_counter()
    from loaders.extract import extract
    from loaders.read import read_text

    imported = time.perf_counter()
    text = read_text(document)
    graph = extract(text, Path(document).name)
    extracted = time.perf_counter()
    from graph.sqlite_store import SqliteStore

    plan = next(n.id for n in graph.nodes if n.type == "Plan")
    SqliteStore(directory).load_plans([(plan, graph)], texts={plan: text})
    stored = time.perf_counter()
    return {
        "loaders_import_s": imported - started,
        "extract_s": extracted - imported,
        "store_s": stored - extracted,
    }


# -- the run -----------------------------------------------------------------------------------
def cli_figures(directory: Path, runs: int) -> dict[str, tuple[float, float]]:
    """Median wall seconds and peak MiB of each question from the CLI."""
    out = {}
    for q in questions():
        results = [run(plangraph(*q.cli, "--store", str(directory))) for _ in range(runs)]
        if any(r.code != 0 for r in results):
            raise RuntimeError(f"plangraph {' '.join(q.cli)} failed")
        out[q.name] = (statistics.median(r.seconds for r in results), max(r.peak_mib for r in results))
    return out


def replace_ms(store: object, plan: tuple[str, object], reps: int = 7) -> float:
    samples = []
    for _ in range(reps):
        started = time.perf_counter()
        store.write_plans([plan])  # type: ignore[attr-defined]
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def measure(label: str, directory: Path, store: object, first: tuple[str, object], args: argparse.Namespace) -> dict:
    counts = store.counts()  # type: ignore[attr-defined]
    nodes = sum(v for k, v in counts.items() if k[0].isupper())
    edges = sum(v for k, v in counts.items() if not k[0].isupper())
    figures: dict[str, object] = {"label": label, "nodes": nodes, "edges": edges}
    figures["replace_ms"] = replace_ms(store, first)
    store.close()  # type: ignore[attr-defined]
    figures["disk_mib"] = sum(p.stat().st_size for p in directory.iterdir()) / 2**20
    figures["sqlite"] = child("sqlite", str(directory), str(args.runs))
    figures["serve"] = child("serve", str(directory), str(args.runs))
    figures["cli"] = cli_figures(directory, args.cli_runs)
    baseline = [
        run([sys.executable, str(ROOT / "bench/feeders_sqlite.py"), str(directory), TARGET])
        for _ in range(args.cli_runs)
    ]
    python = [run([sys.executable, "-c", "pass"]) for _ in range(args.cli_runs)]
    figures["baseline_s"] = statistics.median(r.seconds for r in baseline)
    figures["python_s"] = statistics.median(r.seconds for r in python)
    report(figures)
    return figures


def report(f: dict) -> None:
    sq, sv, cli = f["sqlite"], f["serve"], f["cli"]
    print(f"\n== {f['label']}: {f['nodes']:,} nodes, {f['edges']:,} edges, {f['disk_mib']:.1f} MiB on disk")
    print(f"  replace one plan      {f['replace_ms']:8.1f} ms")
    print(f"  open the store        {sq['open_ms']:8.1f} ms  (importing the store module {sq['import_ms']:.0f} ms)")
    print(f"  serve: copy built in  {sv['build_s']:8.2f} s, peak {sv['peak_mib']:.0f} MiB")
    print(f"  {'query':<13}{'sqlite p50/p99 ms':>20}{'served p50/p99 ms':>20}{'CLI s':>8}{'CLI MiB':>9}")
    for name, (p50, p99) in sq["queries"].items():
        s50, s99 = sv["queries"][name]
        seconds, mib = cli[name]
        print(f"  {name:<13}{p50:9.2f} /{p99:9.2f}{s50:9.2f} /{s99:9.2f}{seconds:8.3f}{mib:9.0f}")
    ratio = cli["feeders"][0] / f["baseline_s"]
    print(
        f"  baseline: feeders by a sqlite3 script {f['baseline_s']:.3f} s, `python -c pass` {f['python_s']:.3f} s; "
        f"plangraph feeders / script {ratio:.2f}x"
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, *rest = sys.argv[2:]
        if kind == "cold-load":
            print(json.dumps(child_cold_load(*rest)))
        else:
            fn = {"sqlite": child_sqlite, "serve": child_serve}[kind]
            print(json.dumps(fn(rest[0], int(rest[1]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4200, help="plans in the largest store (4 200 ≈ 1 M nodes)")
    parser.add_argument("--runs", type=int, default=30, help="timed runs per query in process")
    parser.add_argument("--cli-runs", type=int, default=5, help="runs per question from the CLI")
    parser.add_argument("--dir", type=Path, default=None, help="build the store here (emptied first, kept after)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="plangraph-national-")) if args.dir is None else args.dir
    try:
        run_all(work, args)
    finally:
        if args.dir is None:
            shutil.rmtree(work, ignore_errors=True)


def run_all(work: Path, args: argparse.Namespace) -> None:
    from bench.scale import plan_copies
    from graph.sqlite_store import SqliteStore
    from loaders.pipeline import bundled_plan, read_plan
    from loaders.read import read_text

    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    cold = child("cold-load", str(bundled_plan()), str(work / "cold"))
    cli_cold = run(plangraph("load", str(bundled_plan()), "--store", str(work / "cold-cli")))
    print(
        f"seed load, cold: `plangraph load` {cli_cold.seconds:.2f} s end to end; in a fresh process: importing the "
        f"loaders {cold['loaders_import_s']:.2f} s, extracting {cold['extract_s']:.2f} s, the store "
        f"(open, pinyin keys, write) {cold['store_s']:.2f} s"
    )
    plan_id, graph = read_plan(bundled_plan())
    text = read_text(bundled_plan())
    directory = work / "store"
    marks = sorted({1, min(100, args.copies), args.copies})
    store = SqliteStore(directory)
    loads: list[float] = []
    results = []
    first = None
    for n, (copy_id, copy) in enumerate(plan_copies(plan_id, graph, args.copies), start=1):
        started = time.perf_counter()
        store.load_plans([(copy_id, copy)], texts={copy_id: text})
        loads.append((time.perf_counter() - started) * 1000)
        first = first or (copy_id, copy)
        if n in marks:
            results.append(measure({1: "seed", 100: "100 plans"}.get(n, f"{n} plans"), directory, store, first, args))
            store = SqliteStore(directory)
    summary(loads, results)


def summary(loads: list[float], results: list[dict]) -> None:
    print("\nload time per plan as the store grows (median of each tenth of the plans, ms):")
    tenth = max(1, len(loads) // 10)
    parts = [f"{i + 1}-{i + tenth}: {statistics.median(loads[i : i + tenth]):.0f}" for i in range(0, len(loads), tenth)]
    print("  " + "; ".join(parts))
    by = {r["label"]: r for r in results}
    largest = results[-1]
    if "100 plans" in by:
        ratio = by["100 plans"]["replace_ms"] / by["seed"]["replace_ms"]
        print(f"aim: replacing a plan in a 100-plan store / in a 1-plan store = {ratio:.2f} (≤ 1.5)")
    seconds, mib = largest["cli"]["feeders"]
    where = f"{largest['nodes']:,} nodes"
    print(f"aim: `plangraph feeders` on {where} from the CLI: {seconds:.3f} s, {mib:.0f} MiB (≤ 1 s, ≤ 300 MiB)")
    served = largest["serve"]["queries"]
    worst = max(served, key=lambda k: served[k][0])
    print(
        f"aim: in serve on {largest['nodes']:,} nodes, slowest p50 {worst} {served[worst][0]:.1f} ms (≤ 50), "
        f"slowest p99 {max(v[1] for v in served.values()):.1f} ms (none over 1000)"
    )


if __name__ == "__main__":
    main()
