"""What asking one plan costs on a store of many: prints figures, asserts nothing.

    python bench/plans.py [--copies 1000] [--runs 20]

Loads renamed copies of the Tongliao plan (bench/scale.py: banners and industries shared
by every copy) into one SQLite store, one plan per write, then times each question (and a
plan's node count and listing) on the whole store and on the seed plan's view
(``queries.plans.scope``), on the SQLite store as the CLI asks it and on the in-memory
copy ``plangraph serve`` answers from. The store is built in a temporary directory and
removed afterwards.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.measure import PLAN, questions  # noqa: E402

SEED = f"plan:{PLAN}"


def p50_ms(ask: Callable[[], object], runs: int) -> float:
    ask()  # warm
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        ask()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def build(directory: Path, copies: int) -> None:
    from bench.scale import plan_copies
    from graph.sqlite_store import SqliteStore
    from loaders.pipeline import bundled_plan, read_plan

    plan_id, graph = read_plan(bundled_plan())
    store = SqliteStore(directory)
    for copy in plan_copies(plan_id, graph, copies):
        store.write_plans([copy])
    store.close()


def measure(name: str, store: object, runs: int) -> None:
    from queries.plans import scope

    view = scope(store, SEED)  # type: ignore[arg-type]
    extra: list[tuple[str, Callable[[object], object]]] = [
        ("counts", lambda s: s.counts()),  # type: ignore[attr-defined]
        ("targets", lambda s: s.node_page(["Target"], "name", 0, 50)),  # type: ignore[attr-defined]
    ]
    print(f"  {'question':<13}{name + ' whole':>16}{name + ' plan':>16}")
    for label, ask in [(q.name, q.ask) for q in questions()] + extra:
        whole = p50_ms(lambda ask=ask: ask(store), runs)
        scoped = p50_ms(lambda ask=ask: ask(view), runs)
        print(f"  {label:<13}{whole:13.2f} ms{scoped:13.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="plangraph-plans-"))
    try:
        started = time.perf_counter()
        build(directory, args.copies)
        from graph.records import NODE_TYPES
        from graph.served_store import ServedStore
        from graph.sqlite_store import SqliteStore

        db = SqliteStore(directory)
        counts = db.counts()
        nodes = sum(counts[t] for t in NODE_TYPES)
        built = time.perf_counter() - started
        print(f"{args.copies} plans, {nodes:,} nodes, built in {built:.0f} s; p50 of {args.runs} runs")
        with db.reading() as reading:
            measure("sqlite", reading, args.runs)
        served = ServedStore(db)
        measure("served", served.current(), args.runs)
        served.close()
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
