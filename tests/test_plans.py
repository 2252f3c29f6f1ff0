"""Several plans in one store: a question scoped to one plan (``queries.plans.scope``)
answers what a store holding only that plan answers, on every store; a name two plans
use resolves by the plan chosen and is otherwise ambiguous, naming both plans."""

from __future__ import annotations

import json

import pytest

from graph.corrections import CorrectionsFile
from graph.exceptions import AmbiguousName, NodeNotFound
from graph.nx_store import NetworkxStore
from graph.overlay import CorrectedStore
from graph.plan_view import PlanView
from graph.served_store import ServedStore
from graph.sqlite_store import SqliteStore
from loaders.pipeline import read_plan
from queries.banners import banner
from queries.chains import chain
from queries.dependencies import dependencies
from queries.evidence import NoPlanText, evidence
from queries.feeds import feeders, impacts
from queries.lookup import describe, resolve
from queries.paths import paths
from queries.plans import plans, scope
from queries.search import search
from queries.tables import feeds_table, projects_table, targets_table
from queries.view_tables import banner_table, chain_table, node_table
from tests.conftest import DATA, canonical

P25, P26, TIANJIN = "plan:2025年通辽市计划报告", "plan:2026年通辽市计划报告", "plan:2026年天津市政府工作报告"


@pytest.fixture(scope="module")
def graphs(tongliao, tongliao_path, tmp_path_factory):
    """Each plan's own graph: the bundled plan, a copy of it retitled 2026, Tianjin 2026."""
    copy = tmp_path_factory.mktemp("plans") / "tongliao_2026.txt"
    copy.write_text(tongliao_path.read_text(encoding="utf-8").replace("2025年通辽市", "2026年通辽市"), encoding="utf-8")
    found = dict([tongliao, read_plan(copy), read_plan(DATA / "samples" / "tianjin_2026_gwr.txt")])
    assert set(found) == {P25, P26, TIANJIN}
    return found


def _texts(graphs) -> dict[str, str]:
    return {p: "文" * 100_000 for p in graphs}  # only whether a text is kept matters here


@pytest.fixture(scope="module", params=["sqlite", "networkx", "corrected", "served"])
def store(request, graphs, tmp_path_factory):
    """One store holding all three plans."""
    directory = tmp_path_factory.mktemp(request.param)
    db = SqliteStore(directory)
    if request.param == "networkx":
        s = NetworkxStore()
        s.write_plans(list(graphs.items()))
        yield s
        return
    db.load_plans(list(graphs.items()), texts=_texts(graphs))
    if request.param == "sqlite":
        yield db
    elif request.param == "corrected":
        yield CorrectedStore(db, CorrectionsFile(directory / "corrections.jsonl"))
    else:
        served = ServedStore(db)
        yield served.current()
        served.close()
    db.close()


@pytest.fixture(scope="module")
def alone(graphs):
    """Each plan in a store of its own."""
    return {p: NetworkxStore.in_memory(g) for p, g in graphs.items()}


def _same(got, expected) -> None:
    dump = lambda m: json.dumps(m.model_dump(), ensure_ascii=False, sort_keys=True)  # noqa: E731
    assert dump(got) == dump(expected)


TONGLIAO = [
    (feeders, ("新增新能源并网400万千瓦",), {}),
    (feeders, ("铝基新材料产业产值超千亿",), {"limit": 3}),
    (impacts, ("扎铝二期35万吨电解铝",), {}),
    (chain, ("铝基新材料产业",), {}),
    (banner, ("科区",), {}),
    (banner, ("通辽市",), {"limit": 5}),
    (search, ("kerqin",), {}),
    (search, ("筑牢",), {}),
    (paths, ("梅花生物", "玉米合成生物产业"), {"directed": True}),
    (dependencies, ("科尔沁区",), {}),
    (dependencies, ("推动传统产业转型升级",), {"max_depth": 2}),
    (describe, ("锦联55万吨易拉罐",), {}),
    (describe, ("筑牢生态安全屏障",), {}),
    (feeds_table, (), {}),
    (chain_table, ("铝基新材料产业",), {}),
    (banner_table, ("科区",), {}),
    (node_table, ("梅花生物",), {}),
    (targets_table, (), {}),
    (projects_table, (), {}),
]
TIANJIN_CASES = [
    (feeders, ("新增学位1.7万个",), {}),
    (banner, ("南港工业区",), {}),
    (banner, ("天津市",), {}),
    (chain, ("绿色石化产业",), {}),
    (search, ("shihua",), {}),
    (describe, ("中汽新能",), {}),
    (dependencies, ("滨海新区",), {}),
    (feeds_table, (), {}),
    (projects_table, (), {}),
]
CASES = [(p, *c) for p in (P25, P26) for c in TONGLIAO] + [(TIANJIN, *c) for c in TIANJIN_CASES]


@pytest.mark.parametrize(
    ("plan", "query", "args", "kwargs"), CASES, ids=[f"{p[5:9]}-{q.__name__}-{a[:1]}" for p, q, a, _ in CASES]
)
def test_a_scoped_answer_is_the_answer_of_that_plan_alone(store, alone, plan, query, args, kwargs):
    _same(query(scope(store, plan), *args, **kwargs), query(alone[plan], *args, **kwargs))


@pytest.mark.parametrize("plan", [P25, P26])
def test_a_plans_view_holds_that_plans_graph(store, alone, plan):
    view = scope(store, plan)
    assert canonical(view.snapshot()) == canonical(alone[plan].snapshot())
    assert view.counts() == alone[plan].counts()


def test_a_shared_entity_keeps_what_every_plan_gave_it(store, alone):
    """服务业 is named by Tongliao and Tianjin; only Tongliao calls it 服务产业链. In Tianjin's
    view it has Tianjin's quotes alone, and keeps the alias the store merged."""
    node = scope(store, TIANJIN).node("industry:服务业")
    assert node is not None and {p.plan for p in node.provenance} == {TIANJIN}
    assert node.provenance == alone[TIANJIN].node("industry:服务业").provenance
    assert "服务产业链" in node.aliases


def test_a_view_holds_nothing_of_another_plan(store):
    view = scope(store, TIANJIN)
    assert {p.plan for n in view.snapshot().nodes for p in n.provenance} == {TIANJIN}
    assert view.node("task:2025年通辽市计划报告/筑牢生态安全屏障") is None
    with pytest.raises(NodeNotFound, match=f"no node '新增新能源并网400万千瓦' in {TIANJIN}"):
        feeders(view, "新增新能源并网400万千瓦")
    assert all(h.plan in (None, TIANJIN) for h in search(view, "xin", limit=200).hits)


def test_a_name_of_two_plans_is_resolved_by_the_plan_chosen(store):
    with pytest.raises(AmbiguousName) as ambiguous:
        resolve(store, "筑牢生态安全屏障")
    assert ambiguous.value.plans == {
        "task:2025年通辽市计划报告/筑牢生态安全屏障": [P25],
        "task:2026年通辽市计划报告/筑牢生态安全屏障": [P26],
    }
    assert f"({P25})" in str(ambiguous.value) and f"({P26})" in str(ambiguous.value)
    for plan in (P25, P26):
        assert resolve(scope(store, plan), "筑牢生态安全屏障").id == f"task:{plan[5:]}/筑牢生态安全屏障"


@pytest.mark.parametrize("ref", [P26, "2026年通辽市计划报告", "2026年通辽市国民经济和社会发展计划"])
def test_a_plan_is_named_by_id_short_id_or_title(store, ref):
    assert scope(store, ref).scope == P26


def test_an_unknown_plan_suggests_the_nearest(store):
    with pytest.raises(NodeNotFound, match="no plan '2027年通辽市计划报告'") as missing:
        scope(store, "2027年通辽市计划报告")
    assert {c.id for c in missing.value.suggestions} >= {P25, P26}


def test_the_plans_are_listed_with_their_identity(store):
    listed = plans(store)
    assert [p.id for p in listed.plans] == [TIANJIN, P26, P25]  # by region, latest first
    tianjin = listed.plans[0]
    assert (tianjin.region, tianjin.year, tianjin.kind) == ("天津市", 2026, "政府工作报告")
    assert tianjin.source == "tianjin_2026_gwr.txt"
    assert all(p.has_text == (type(store) is not NetworkxStore) for p in listed.plans)
    assert [p.id for p in plans(store, region="通辽市", year=2025).plans] == [P25]


def test_evidence_in_a_view_comes_from_that_plan(store):
    view = scope(store, P25)
    if not store.keeps_text(P25):
        with pytest.raises(NoPlanText):
            evidence(view, P25, 0, 10)
        return
    assert evidence(view, P25, 0, 10).plan.id == P25


def test_a_correction_edge_belongs_where_both_its_ends_are(graphs, tmp_path):
    """An edge an officer added from a Tongliao project to a Tianjin target is in Tianjin's
    view only if the project is too: it is in neither plan's view alone, and in the whole graph."""
    db = SqliteStore(tmp_path)
    db.write_plans(list(graphs.items()))
    corrected = CorrectedStore(db, CorrectionsFile(tmp_path / "corrections.jsonl"))
    from queries.corrections import CorrectionRequest, record

    target = "target:2026年天津市政府工作报告/新增学位1.7万个"
    request = {"op": "add-edge", "edge_type": "supports", "note": "核对", "why": "测试"}
    record(corrected, CorrectionRequest(source="锦联55万吨易拉罐", target=target, **request), who="t")
    record(corrected, CorrectionRequest(op="add-node", type="Project", name="示例光伏电站", note="项目库"), who="t")
    key = ("project:锦联55万吨易拉罐", target, "supports")
    assert key in {e.key for e in corrected.edges(target, "in")}
    for plan in (P25, TIANJIN):
        view = PlanView(corrected, plan)
        assert key not in {e.key for e in view.edges(target, "in")}
        assert key not in {e.key for e in view.snapshot().edges}
        assert view.node("project:示例光伏电站") is not None  # added without a plan: in every plan
    with_plan = CorrectionRequest(op="add-node", type="Project", name="天津示例项目", note="项目库", plan=TIANJIN)
    record(corrected, with_plan, who="t")
    assert PlanView(corrected, TIANJIN).node("project:天津示例项目") is not None
    assert PlanView(corrected, P25).node("project:天津示例项目") is None
    assert "天津示例项目" in {h.node.name for h in search(PlanView(corrected, TIANJIN), "天津示例").hits}
    assert not search(PlanView(corrected, P25), "天津示例").hits


def test_a_merge_into_another_plans_node_brings_it_into_the_plan(graphs, tmp_path):
    db = SqliteStore(tmp_path)
    db.write_plans(list(graphs.items()))
    corrected = CorrectedStore(db, CorrectionsFile(tmp_path / "corrections.jsonl"))
    from queries.corrections import CorrectionRequest, record

    record(corrected, CorrectionRequest(op="merge", node="中汽新能", into="锦联", why="同一企业"), who="t")
    view = PlanView(corrected, TIANJIN)
    assert "锦联" in {n.name for n in view.nodes(["Enterprise"])}
    assert view.node("enterprise:中汽新能") is None
    assert "中汽新能总部" in {nb.node.name for nb in describe(view, "锦联").neighbours}


def test_the_sqlite_view_reads_through_the_plan_index(graphs, tmp_path):
    """Every query a plan's view sends to the embedded store names the plan: none reads a
    table whole (the provenance index by plan, not a scan)."""
    db = SqliteStore(tmp_path)
    db.write_plans(list(graphs.items()))
    statements: list[str] = []
    view = scope(db, TIANJIN)
    with view.reading():
        db._con().set_trace_callback(statements.append)
        feeders(view, "新增学位1.7万个")
        search(view, "shihua")
        view.nodes(["Target"])
        view.counts()
        db._con().set_trace_callback(None)
    plans_of = [s for s in statements if "plan_keys" in s]
    assert plans_of, "no statement went through the plan index"
    explained = [
        row[-1]
        for s in statements
        if "plan_keys" in s
        for row in db._con().execute("EXPLAIN QUERY PLAN " + s).fetchall()
    ]
    whole = [e for e in explained if e.startswith("SCAN ") and "VIRTUAL TABLE" not in e and "subquery" not in e]
    assert not whole, f"a plan's view read a table whole: {whole}"
