"""Every query is bounded: on a graph 100 times the Tongliao plan, questions asked with
the largest bounds allowed come back cut, saying so, instead of walking the graph."""

import pytest

from bench.scale import scaled
from graph.nx_store import NetworkxStore
from graph.sqlite_store import SqliteStore
from queries.dependencies import dependencies
from queries.models import MAX_DEPTH, MAX_LIMIT
from queries.paths import paths
from queries.search import search


@pytest.fixture(scope="module")
def big(tongliao_graph):
    return scaled(tongliao_graph, 100)


@pytest.fixture(scope="module", params=["networkx", "sqlite"])
def store(request, big, tmp_path_factory):
    if request.param == "networkx":
        return NetworkxStore(big)
    s = SqliteStore(tmp_path_factory.mktemp("big"))
    s.write_graph(big)
    return s


def test_the_graph_is_large(store):
    assert store.counts()["Project"] > 7000


def test_paths_with_huge_bounds_are_cut_by_the_search_bounds(store, tongliao_graph):
    answer = paths(store, "梅花生物", "科区", max_length=MAX_DEPTH, limit=100)
    assert answer.truncated
    alone = paths(NetworkxStore(tongliao_graph), "梅花生物", "科区")  # the plan by itself: 6 hops
    assert [h.type for h in answer.shortest] == [h.type for h in alone.shortest]  # found before the cut


def test_a_closure_with_huge_bounds_is_cut_by_its_limit(store):
    answer = dependencies(store, "通辽市", direction="both", max_depth=MAX_DEPTH, limit=MAX_LIMIT)
    assert answer.truncated and len(answer.nodes) == MAX_LIMIT


def test_a_search_matching_thousands_is_cut(store):
    answer = search(store, "项目", limit=MAX_LIMIT)
    assert answer.truncated and len(answer.hits) == MAX_LIMIT
