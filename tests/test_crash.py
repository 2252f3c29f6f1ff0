"""The store survives what processes do to it: `plangraph load` killed with SIGKILL at
random moments, and two loads into one store at once."""

import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from api.ingest import ingest
from graph.sqlite_store import SqliteStore
from tests.conftest import ROOT, canonical

KILLS = 21
PLAN_2025 = "plan:2025年通辽市计划报告"
PLAN_2026 = "plan:2026年通辽市计划报告"


def _load(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "api.cli", "load", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _copy(tongliao_path, tmp_path, year):
    path = tmp_path / f"tongliao_{year}.txt"
    path.write_text(
        tongliao_path.read_text(encoding="utf-8").replace("2025年通辽市", f"{year}年通辽市"), encoding="utf-8"
    )
    return path


@pytest.fixture(scope="module")
def states(tongliao, tongliao_path, tmp_path_factory):
    """A store holding the 2025 plan, the 2026 document, and the two graphs a load of it
    may leave: the old one and the new one."""
    tmp = tmp_path_factory.mktemp("crash")
    base = SqliteStore(tmp / "base")
    base.write_plan(*tongliao)
    old = canonical(base.snapshot())
    base.close()
    assert not (tmp / "base" / "graph.sqlite-wal").exists()  # one file holds it all
    document = _copy(tongliao_path, tmp, 2026)
    shutil.copytree(tmp / "base", tmp / "scratch")
    scratch = SqliteStore(tmp / "scratch")
    ingest(scratch, [(document, document.name)])  # as `plangraph load` loads it
    new = canonical(scratch.snapshot())
    return tmp / "base" / "graph.sqlite", document, old, new


def _trial(number, states, tmp_path, rng, window):
    """Copy the store, start a load, kill it at a random moment; what the store holds then."""
    db, document, _, _ = states
    trial = tmp_path / f"trial{number}"
    trial.mkdir()
    shutil.copy(db, trial / "graph.sqlite")
    proc = _load(str(document), "--store", str(trial))
    if number % 3 == 0:  # anywhere in the run, from start-up to exit
        time.sleep(rng.uniform(0, window["total"]))
    else:  # while it writes: once it says what it read, the write is next
        assert proc.stderr is not None
        for line in proc.stderr:
            if " nodes, " in line:
                break
        time.sleep(rng.uniform(0, window["write"]))
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    store = SqliteStore(trial)
    try:
        graph = store.snapshot()
        assert store.counts() == graph.counts()  # the tallies belong to the same commit as the rows
        return canonical(graph)
    finally:
        store.close()


def test_a_load_killed_at_any_moment_leaves_the_old_graph_or_the_new(states, tmp_path):
    db, document, old, new = states
    calibration = tmp_path / "calibration"
    calibration.mkdir()
    shutil.copy(db, calibration / "graph.sqlite")
    started = time.perf_counter()
    proc = _load(str(document), "--store", str(calibration))
    assert proc.stderr is not None
    marked = next((time.perf_counter() for line in proc.stderr if " nodes, " in line), started)
    proc.communicate(timeout=120)
    assert proc.returncode == 0
    ended = time.perf_counter()
    window = {"total": ended - started, "write": 1.2 * (ended - marked)}
    rng = random.Random(20261201)
    seeds = [random.Random(rng.random()) for _ in range(KILLS)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        seen = list(pool.map(lambda n: _trial(n, states, tmp_path, seeds[n], window), range(KILLS)))
    assert all(s in (old, new) for s in seen), "a killed load left a graph that is neither the old nor the new"


def test_two_loads_into_one_store_at_once_keep_both_plans(tongliao_path, tmp_path):
    documents = [_copy(tongliao_path, tmp_path, year) for year in (2025, 2026)]
    store = tmp_path / "store"
    barrier = threading.Barrier(2)

    def run(document):
        barrier.wait()
        proc = _load(str(document), "--store", str(store))
        _, err = proc.communicate(timeout=120)
        return proc.returncode, err

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(run, documents))
    held = {n.id for n in SqliteStore(store).nodes(["Plan"])}
    for (code, err), plan in zip(results, (PLAN_2025, PLAN_2026), strict=True):
        if code == 0:
            assert plan in held, f"{plan} was loaded but is not in the store"
        else:  # the only acceptable failure: refused, clearly, because the other held the lock
            assert "being written by another process" in err.strip().splitlines()[-1], err
    assert any(code == 0 for code, _ in results)
