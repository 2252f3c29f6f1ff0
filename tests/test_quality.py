"""Quality floors of issue 9, scored by the reference scorer (tests/data/eval/score.py) on
the node-link export of each extracted graph against its gold standard.

The floors are the same for every report of a genre; nothing here names one document's
entities. They are also measured on reports outside the repository.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from graph.export import to_node_link
from loaders.pipeline import bundled_plan, read_plan
from tests.conftest import DATA

ENTITY_TYPES = ("Section", "Task", "Target", "Project", "Enterprise", "Banner", "Industry")
GWR_ENTITIES = {
    "ALL": 0.80,
    "Target": 0.85,
    "Task": 0.80,
    "Banner": 0.80,
    "Project": 0.70,
    "Enterprise": 0.70,
    "Industry": 0.70,
}
GWR_RELATIONS = {"ALL": 0.70, "located-in": 0.60}
DOCUMENTS = {
    "tongliao": (bundled_plan(), DATA / "gold" / "tongliao_2025_gold.json"),
    "heilongjiang": (DATA / "samples" / "heilongjiang_2026_gwr.txt", DATA / "gold" / "heilongjiang_2026_gwr.json"),
    "tianjin": (DATA / "samples" / "tianjin_2026_gwr.txt", DATA / "gold" / "tianjin_2026_gwr.json"),
}


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, dict[str, float]]]:
    """Document → {"entities": {type: F1}, "relations": {type: F1}}, as the reference
    scorer prints them (run as the command it is, on the exported file)."""
    out = {}
    directory = tmp_path_factory.mktemp("scores")
    for name, (document, gold) in DOCUMENTS.items():
        exported = directory / f"{name}.json"
        exported.write_text(json.dumps(to_node_link(read_plan(document)[1]), ensure_ascii=False), encoding="utf-8")
        command = [sys.executable, str(DATA / "eval" / "score.py"), str(exported), str(gold), "--json"]
        result = json.loads(subprocess.run(command, capture_output=True, check=True, text=True).stdout)
        out[name] = {part: {k: v["f1"] for k, v in result[part].items()} for part in ("entities", "relations")}
    return out


def _below(found: dict[str, float], floors: dict[str, float]) -> dict[str, float]:
    return {k: round(found.get(k, 0.0), 3) for k, floor in floors.items() if found.get(k, 0.0) < floor}


def test_tongliao_every_entity_type_at_least_095(scores):
    assert _below(scores["tongliao"]["entities"], dict.fromkeys(ENTITY_TYPES, 0.95)) == {}


def test_tongliao_every_relation_type_at_least_090(scores):
    relations = scores["tongliao"]["relations"]
    assert {"located-in", "responsible-for", "supports"} <= set(relations)
    assert _below(relations, dict.fromkeys(relations, 0.90)) == {}


@pytest.mark.parametrize("document", ["heilongjiang", "tianjin"])
def test_work_report_entity_floors(scores, document):
    assert _below(scores[document]["entities"], GWR_ENTITIES) == {}


@pytest.mark.parametrize("document", ["heilongjiang", "tianjin"])
def test_work_report_relation_floors(scores, document):
    assert _below(scores[document]["relations"], GWR_RELATIONS) == {}


def test_the_scorer_sees_every_type(scores):
    """A floor met because a type vanished from the export would be no floor."""
    for document, found in scores.items():
        assert set(ENTITY_TYPES) <= set(found["entities"]), document


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_plangraph_eval_agrees_with_the_reference_scorer(scores, name):
    """``plangraph eval`` (queries/evaluation.py) scores as the reference scorer does: the
    two implementations may never drift apart."""
    from queries.evaluation import evaluate

    document, gold = DOCUMENTS[name]
    ours = {s.kind: s.f1 for s in evaluate(read_plan(document)[1], gold)}
    reference = {**scores[name]["entities"], **scores[name]["relations"]}
    shared = [k for k in ours if k in reference]
    assert len(shared) == len(ours) >= 10
    assert {k: round(ours[k], 6) for k in shared} == {k: round(reference[k], 6) for k in shared}
