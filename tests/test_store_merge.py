"""The SQLite store writes plans record by record; the in-memory merge (graph.merge)
copies whole graphs. Over random sequences of plans that share, drop and bring back
records, rename them and cite each other, both must hold the same graph."""

import random

import pytest

from graph.merge import replace_plan
from graph.nx_store import NetworkxStore
from graph.records import Edge, Graph, Node, Provenance
from graph.sqlite_store import SqliteStore
from tests.conftest import canonical

POOL = [
    *(("Banner", f"banner:旗{i}") for i in range(4)),
    *(("Industry", f"industry:产业{i}") for i in range(3)),
    *(("Project", f"project:项目{i}") for i in range(8)),
    *(("Target", f"target:目标{i}") for i in range(4)),
]
EDGE_TYPES = ["supports", "located-in"]


def _provenance(rng, plan):
    cited = plan if rng.random() > 0.1 else f"plan:{rng.randrange(4)}"  # now and then another plan's span
    return [
        Provenance(plan=cited, quote=rng.choice(["甲", "乙", "丙"]), start=rng.randrange(3), end=5)
        for _ in range(rng.randint(1, 2))
    ]


def _plan(rng, number):
    plan = f"plan:{number}"
    chosen = rng.sample(POOL, rng.randint(0, 8))
    nodes = [Node(id=plan, type="Plan", name=str(number), provenance=_provenance(rng, plan))] if chosen else []
    for node_type, node_id in chosen:
        nodes.append(
            Node(
                id=node_id,
                type=node_type,
                name=node_id.split(":")[1] + rng.choice(["", " "]),
                aliases=rng.sample(["简称", "别名", "又名"], rng.randint(0, 2)),
                attributes={"value": rng.choice([None, 1, 2]), "unit": rng.choice(["%", "万吨"])},
                provenance=_provenance(rng, plan),
            )
        )
    ids = [n.id for n in nodes]
    edges = {}
    for _ in range(rng.randint(0, 10)):
        if len(ids) >= 2:
            source, target = rng.sample(ids, 2)
            edge = Edge(
                source=source,
                target=target,
                type=rng.choice(EDGE_TYPES),
                attributes={"link": rng.choice(["", "电解铝"])},
                provenance=_provenance(rng, plan),
            )
            edges[edge.key] = edge
    return plan, Graph(nodes=nodes, edges=list(edges.values()))


@pytest.mark.parametrize("seed", range(8))
def test_random_plan_writes_give_the_in_memory_graph(tmp_path, seed):
    rng = random.Random(seed)
    store = SqliteStore(tmp_path / "store")
    expected = Graph()
    for _ in range(40):
        batch = [_plan(rng, rng.randrange(4)) for _ in range(rng.randint(1, 2))]
        store.write_plans(batch)
        for plan_id, graph in batch:
            expected = replace_plan(expected, plan_id, graph)
        assert canonical(store.snapshot()) == canonical(expected)
        assert store.counts() == expected.counts()
    memory = NetworkxStore(expected)
    for node in expected.nodes:
        for name in [node.name, *node.aliases]:
            assert [n.id for n in store.named(name)] == sorted(n.id for n in memory.named(name))
