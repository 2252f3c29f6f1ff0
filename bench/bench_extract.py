"""Extraction speed: prints figures, never asserts (timed unit tests are flaky here).

    python bench/bench_extract.py [--runs 10] [--hostile-mb 1] [--real-chars 2000000]

Every figure stands beside a baseline measured in the same run on the same files: reading
the plain text (``loaders.read.read_text``), in process or in a fresh interpreter.

1. The Tongliao seed extracted warm (median of ``--runs``).
2. The 22 corpus reports and the 3 gold documents read and extracted in one fresh process.
3. The seed loaded cold: a fresh interpreter that reads and extracts it, and
   ``plangraph load`` into a new store.
4. Seconds per million characters of hostile shapes: one line without punctuation, the
   same sentence repeated, many short sections, and real plan text (the corpus bodies
   repeated) of ``--real-chars`` characters.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loaders.extract import extract  # noqa: E402
from loaders.layout import TEXT, read_layout  # noqa: E402
from loaders.pipeline import bundled_plan  # noqa: E402
from loaders.read import read_text  # noqa: E402

DATA = ROOT / "tests" / "data"
DOCUMENTS = [
    *sorted((DATA / "corpus").glob("*.txt")),
    *sorted((DATA / "samples").glob("*.txt")),
    bundled_plan(),
]


def _median(runs: int, work: Callable[[], object]) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _fresh(code: str) -> float:
    """Wall time of a fresh interpreter running ``code`` in the repository."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    return time.perf_counter() - started


def _line(label: str, seconds: float, baseline: float) -> None:
    ratio = seconds / baseline if baseline else float("inf")
    print(f"  {label:<44} {seconds:8.3f} s   baseline {baseline:8.3f} s   ×{ratio:8.1f}")


def seed(runs: int) -> None:
    path = bundled_plan()
    text = read_text(path)
    extract(text, path.name)  # warm: gazetteers and patterns built once per process
    print(f"1. seed warm ({len(text)} characters, median of {runs})")
    _line("extract", _median(runs, lambda: extract(text, path.name)), _median(runs, lambda: read_text(path)))


def documents() -> None:
    names = ", ".join(repr(str(p)) for p in DOCUMENTS)
    read = f"from loaders.read import read_text\nfor p in [{names}]: read_text(p)"
    load = f"from loaders.pipeline import read_plan\nfor p in [{names}]: read_plan(p)"
    print(f"2. {len(DOCUMENTS)} documents in one fresh process (corpus, samples, seed)")
    _line("read and extract all", _fresh(load), _fresh(read))


def cold() -> None:
    path = str(bundled_plan())
    print("3. seed cold, fresh interpreter")
    _line(
        "read_plan",
        _fresh(f"from loaders.pipeline import read_plan\nread_plan({path!r})"),
        _fresh(f"from loaders.read import read_text\nread_text({path!r})"),
    )
    with tempfile.TemporaryDirectory() as store:
        started = time.perf_counter()
        cli = [sys.executable, "-m", "api.cli", "load", path, "--store", store]
        subprocess.run(cli, cwd=ROOT, check=True, capture_output=True, env={**os.environ})
        loaded = time.perf_counter() - started
    _line("plangraph load (new store)", loaded, _fresh(f"from loaders.read import read_text\nread_text({path!r})"))


def _unpunctuated(n: int) -> str:
    chars = "".join(c for c in read_text(bundled_plan()) if "\u4e00" <= c <= "\u9fff")
    return (chars * (n // len(chars) + 1))[:n]


def _repeated(n: int) -> str:
    sentence = "加快建设西宁至成都铁路，推动霍林河南500千伏输变电工程开工。"
    return sentence * (n // len(sentence))


def _sections(n: int) -> str:
    part = "推进第{}项重点工作\n加快推进产业发展，建设现代能源基地，完成年度目标任务。\n"
    out, k, size = ["2025年示例市国民经济和社会发展计划\n"], 0, 0
    while size < n:
        out.append(part.format(k))
        size, k = size + len(out[-1]), k + 1
    return "".join(out)


def _real(n: int) -> str:
    bodies = "\n".join(p.text for d in DOCUMENTS for p in read_layout(read_text(d)).paragraphs if p.kind == TEXT)
    return "2026年示例省政府工作报告\n" + (bodies * (n // len(bodies) + 1))[:n]


def hostile(megabytes: float, real_chars: int) -> None:
    n = int(megabytes * 1_000_000)
    shapes = {
        "one line, no punctuation": _unpunctuated(n),
        "one sentence repeated": _repeated(n),
        "short sections": _sections(n),
        "real plan text": _real(real_chars),
    }
    print("4. hostile shapes: seconds per million characters (baseline: encode and hash the text)")
    for label, text in shapes.items():
        started = time.perf_counter()
        extract(text, "hostile.txt")
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        __import__("hashlib").sha256(text.encode("utf-8")).hexdigest()
        baseline = time.perf_counter() - started
        per = seconds / len(text) * 1e6
        print(f"  {label:<26} {len(text):>9} chars {seconds:7.2f} s  {per:6.2f} s/M chars   baseline {baseline:.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--hostile-mb", type=float, default=1.0)
    parser.add_argument("--real-chars", type=int, default=2_000_000)
    args = parser.parse_args()
    seed(args.runs)
    documents()
    cold()
    hostile(args.hostile_mb, args.real_chars)


if __name__ == "__main__":
    main()
