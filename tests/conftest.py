"""Shared fixtures: the bundled Tongliao plan, its graph, and throwaway stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.nx_store import NetworkxStore
from graph.records import Graph
from loaders.pipeline import bundled_plan, read_plan

SHARED = Path(__file__).resolve().parents[2] / "shared"

MINI_PLAN = """2025年示例市国民经济和社会发展计划
2025年全市经济社会发展的主要预期目标是:地区生产总值增长6%以上。
一、聚焦战略定位,落实重点任务
筑牢生态安全屏障。综合治沙350万亩以上,空气优良天数占比超90%。
二、推进产业转型升级
推动铝基新材料产业产值超千亿。力促扎铝二期35万吨电解铝、锦联55万吨易拉罐等项目建成投产。
"""


@pytest.fixture(scope="session")
def tongliao_path() -> Path:
    return bundled_plan()


@pytest.fixture(scope="session")
def tongliao(tongliao_path: Path) -> tuple[str, Graph]:
    return read_plan(tongliao_path)


@pytest.fixture(scope="session")
def tongliao_graph(tongliao: tuple[str, Graph]) -> Graph:
    return tongliao[1]


@pytest.fixture
def store(tmp_path: Path) -> NetworkxStore:
    return NetworkxStore(tmp_path / "store")


@pytest.fixture(scope="session")
def gold_path() -> Path:
    path = SHARED / "gold" / "tongliao_2025_gold.json"
    if not path.exists():
        pytest.fail(f"the gold standard is missing: {path} (clone the repository with ../shared beside it)")
    return path


def names(graph: Graph, node_type: str) -> set[str]:
    return {n.name for n in graph.nodes if n.type == node_type}
