"""Precision, recall and F1 of a graph against a gold standard (``shared/gold`` format).

Entities match by normalised name or alias, then by closest spelling (one-to-one,
greedy, similarity ≥ 0.8); relations match when both ends matched and the gold
annotates that kind of relation.
"""

from __future__ import annotations

import difflib
import json
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from graph.records import Graph
from queries.exceptions import BadQuery

__all__ = ["Score", "evaluate"]

STRIP = set(" \t\r\n\u3000“”\"'‘’《》「」『』【】。")
ENTITY_TYPES = ["Section", "Task", "Target", "Project", "Enterprise", "Banner", "Industry"]
SCORED = {
    "supports": {
        ("Project", "Target"),
        ("Project", "Industry"),
        ("Task", "Task"),
        ("Task", "Section"),
        ("Target", "Task"),
    },
    "located-in": {("Project", "Banner"), ("Enterprise", "Banner")},
    "responsible-for": {("Enterprise", "Project")},
}


class Score(BaseModel):
    kind: str
    precision: float
    recall: float
    f1: float
    tp: int
    predicted: int
    gold: int


def _norm(s: Any) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", str(s or "")) if ch not in STRIP)


def _names(item: dict[str, Any]) -> set[str]:
    return {x for x in {_norm(item.get("name")), *(_norm(a) for a in item.get("aliases") or [])} if x}


def _match(pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[int, int]:
    pairs: dict[int, int] = {}
    used: set[int] = set()
    gold_names = [_names(g) for g in gold]
    for i, p in enumerate(pred):
        for j, gn in enumerate(gold_names):
            if j not in used and _names(p) & gn:
                pairs[i] = j
                used.add(j)
                break
    candidates = []
    for i, p in enumerate(pred):
        if i in pairs:
            continue
        for j, gn in enumerate(gold_names):
            if j in used:
                continue
            best = max((difflib.SequenceMatcher(None, a, b).ratio() for a in _names(p) for b in gn), default=0.0)
            if best >= 0.8:
                candidates.append((best, i, j))
    for _, i, j in sorted(candidates, reverse=True):
        if i not in pairs and j not in used:
            pairs[i] = j
            used.add(j)
    return pairs


def _score(kind: str, tp: int, predicted: int, gold: int) -> Score:
    p = tp / predicted if predicted else (1.0 if not gold else 0.0)
    r = tp / gold if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Score(kind=kind, precision=p, recall=r, f1=f, tp=tp, predicted=predicted, gold=gold)


def _read_gold(path: Path) -> dict[str, Any]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise BadQuery(f"cannot read the gold file {path}: {exc}") from exc
    if not isinstance(gold, dict) or not isinstance(gold.get("entities"), list):
        raise BadQuery(f"{path} is not a gold file: it needs an 'entities' list (see GUIDELINES.md)")
    return gold


def evaluate(graph: Graph, gold_path: str | Path) -> list[Score]:
    """One score per entity type and per relation type, in that order."""
    gold = _read_gold(Path(gold_path))
    ignore = {_norm(x) for x in gold.get("ignore", [])}
    nodes = [n.model_dump() for n in graph.nodes]
    nodes = [n for n in nodes if not (_names(n) & ignore)]
    by_id = {n["id"]: n for n in nodes}
    node_to_gold: dict[str, str] = {}
    scores = []
    for kind in ENTITY_TYPES:
        pred = [n for n in nodes if n["type"] == kind]
        golds = [e for e in gold["entities"] if e["type"] == kind]
        pairs = _match(pred, golds)
        for i, j in pairs.items():
            node_to_gold[pred[i]["id"]] = golds[j]["name"]
        scores.append(_score(kind, len(pairs), len(pred), len(golds)))
    gold_rels: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in gold.get("relations", []):
        gold_rels[r["type"]].add((r["source"], r["target"]))
    for rel in sorted(gold_rels):
        found: set[tuple[str, str]] = set()
        unmatched = 0
        for e in graph.edges:
            if e.type != rel or e.source not in by_id or e.target not in by_id:
                continue
            src, dst = node_to_gold.get(e.source), node_to_gold.get(e.target)
            kinds = (by_id[e.source]["type"], by_id[e.target]["type"])
            if kinds not in SCORED.get(rel, set()) and not (src and dst and (src, dst) in gold_rels[rel]):
                continue
            if src and dst:
                found.add((src, dst))
            else:
                unmatched += 1
        scores.append(_score(rel, len(found & gold_rels[rel]), len(found) + unmatched, len(gold_rels[rel])))
    return scores
