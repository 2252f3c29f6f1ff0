"""push, serve --neo4j and the Neo4j exports from the command line, against the
session's FalkorDB."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

from api.cli import main
from tests.conftest import free_port, serving

pytestmark = pytest.mark.bolt


@pytest.fixture(scope="module")
def local(tmp_path_factory, tongliao_path):
    store = tmp_path_factory.mktemp("local")
    CliRunner().invoke(main, ["load", str(tongliao_path), "--store", str(store)], catch_exceptions=False)
    return store


def test_push_twice_duplicates_nothing(local, cleared, falkordb_env, monkeypatch, tongliao_graph):
    nodes, edges = len(tongliao_graph.nodes), len(tongliao_graph.edges)
    for key, value in falkordb_env.items():
        monkeypatch.setenv(key, value)
    runner = CliRunner()
    first = runner.invoke(main, ["push", "--store", str(local)], catch_exceptions=False)
    second = runner.invoke(main, ["push", "--store", str(local)], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    assert f"pushed {nodes} nodes and {edges} edges" in first.output
    assert (
        second.output.splitlines()[-1]
        == first.output.splitlines()[-1]
        == f"the server now holds {nodes} nodes and {edges} edges"
    )


def test_an_unreachable_server_is_one_line(local, monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    result = CliRunner().invoke(main, ["push", "--store", str(local), "--neo4j", f"bolt://127.0.0.1:{free_port()}"])
    assert result.exit_code == 1
    [line] = [x for x in result.output.splitlines() if x.startswith("Error")]
    assert "cannot reach a graph server at bolt://127.0.0.1:" in line and "Traceback" not in result.output
    missing = CliRunner().invoke(main, ["push", "--store", str(local)])
    assert missing.output.strip().endswith(
        "Error: no Neo4j server given: pass --neo4j bolt://HOST:7687 or set NEO4J_URI"
    )


def test_serve_from_the_server(cleared, falkordb_env, tmp_path, tongliao_graph):
    with serving(tmp_path / "serve.log", "--neo4j", falkordb_env["NEO4J_URI"], env=falkordb_env) as base:
        with urllib.request.urlopen(f"{base}/api/v1/health", timeout=5) as r:
            assert json.load(r)["nodes"] == len(tongliao_graph.nodes)  # the empty server got the bundled plan
        query = urllib.parse.urlencode({"target": "新增新能源并网400万千瓦"})
        with urllib.request.urlopen(f"{base}/api/v1/feeders?{query}", timeout=10) as r:
            feeds = json.load(r)["feeds"]
    assert "光伏帮扶工程" in {f["project"]["name"] for f in feeds}


def test_exports_for_neo4j_need_no_server(local, tmp_path):
    runner = CliRunner()
    script = runner.invoke(main, ["export", "--store", str(local), "--format", "cypher"], catch_exceptions=False)
    assert script.output.splitlines()[2].startswith("CREATE CONSTRAINT plangraph_node_id")
    assert "梅花生物25万吨苏氨酸项目" in script.output
    csv_dir = tmp_path / "csv"
    result = runner.invoke(main, ["export", "--store", str(local), "--format", "neo4j-csv", "--output", str(csv_dir)])
    assert result.exit_code == 0
    assert sorted(p.name for p in csv_dir.iterdir()) == ["import.sh", "nodes.csv", "relationships.csv"]
    assert runner.invoke(main, ["export", "--store", str(local), "--format", "neo4j-csv"]).exit_code == 1
