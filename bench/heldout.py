"""Extraction quality on held-out spans: parts of corpus reports annotated by hand, after
the rules were written and never used to write them, so the figures say how the
extractor does on text it was not built around.

    python bench/heldout.py [--misses N]

Each gold file in tests/data/heldout/ names its document and its span of lines; the graph
of the whole document is cut to what has provenance inside the span, then scored with the
reference scorer (tests/data/eval/score.py).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.export import to_node_link  # noqa: E402
from loaders.pipeline import read_plan  # noqa: E402

DATA = ROOT / "tests" / "data"
STRUCTURE = {"Plan"}


def span_offsets(text: str, first: int, last: int) -> tuple[int, int]:
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: first - 1])
    return start, start + sum(len(line) + 1 for line in lines[first - 1 : last]) - 1


def _inside(provenance: list[dict], start: int, end: int) -> bool:
    return any(p.get("start") is not None and start <= p["start"] < end for p in provenance)


def cut(graph: dict, start: int, end: int) -> dict:
    """The nodes and edges with provenance inside ``start:end`` (the Plan node kept)."""
    nodes = [n for n in graph["nodes"] if n["type"] in STRUCTURE or _inside(n["provenance"], start, end)]
    kept = {n["id"] for n in nodes}
    edges = [
        e
        for e in graph["edges"]
        if e["source"] in kept and e["target"] in kept and _inside(e["provenance"], start, end)
    ]
    return {"nodes": nodes, "edges": edges}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", type=int, default=0)
    args = parser.parse_args()
    for gold_path in sorted((DATA / "heldout").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        document = DATA / "corpus" / gold["document"]
        if not document.exists():
            document = DATA / "corpus" / (gold_path.name.split("_span")[0] + ".txt")
        text = document.read_text(encoding="utf-8")
        start, end = span_offsets(text, gold["span"]["first_line"], gold["span"]["last_line"])
        _, graph = read_plan(document)
        with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as fh:
            json.dump(cut(to_node_link(graph), start, end), fh, ensure_ascii=False)
        print(f"== {gold_path.name}: {document.name} lines {gold['span']['first_line']}–{gold['span']['last_line']}")
        command = [sys.executable, str(DATA / "eval" / "score.py"), fh.name, str(gold_path)]
        subprocess.run([*command, *(["--misses", str(args.misses)] if args.misses else [])], check=True)
        Path(fh.name).unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
