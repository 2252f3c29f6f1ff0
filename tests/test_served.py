"""One truth for every process: the server answers from a copy of the database that it
renews when another process writes, a request keeps the copy it started with, and no
write through the server puts back a stale graph."""

import json
import time
import urllib.request

from click.testing import CliRunner
from fastapi.testclient import TestClient

from api.cli import main
from api.main import create_app
from api.settings import Settings
from graph.served_store import ServedStore
from graph.sqlite_store import SqliteStore
from tests.conftest import MINI_PLAN, serving

API = "/api/v1"


def _plans(base):
    with urllib.request.urlopen(f"{base}{API}/stats", timeout=5) as r:
        return {p["id"] for p in json.load(r)["plans"]}


def _a_2026_copy(tongliao_path, tmp_path):
    path = tmp_path / "tongliao_2026.txt"
    path.write_text(tongliao_path.read_text(encoding="utf-8").replace("2025年通辽市", "2026年通辽市"), encoding="utf-8")
    return path


def test_a_running_server_sees_a_cli_load(tmp_path, tongliao_path):
    store = tmp_path / "store"
    with serving(tmp_path / "serve.log", "--store", str(store)) as base:
        assert _plans(base) == {"plan:2025年通辽市计划报告"}
        result = CliRunner().invoke(main, ["load", str(_a_2026_copy(tongliao_path, tmp_path)), "--store", str(store)])
        assert result.exit_code == 0, result.output
        deadline = time.time() + 30
        while len(_plans(base)) < 2 and time.time() < deadline:
            time.sleep(0.1)
        assert "plan:2026年通辽市计划报告" in _plans(base)


def test_an_upload_after_a_cli_load_keeps_what_the_cli_loaded(tmp_path, tongliao, tongliao_path):
    store = SqliteStore(tmp_path / "store")
    store.write_plan(*tongliao)
    with TestClient(create_app(store, Settings(api_token="s3cret"))) as client:
        assert client.get(f"{API}/health").json()["nodes"] == len(tongliao[1].nodes)
        loaded = CliRunner().invoke(
            main, ["load", str(_a_2026_copy(tongliao_path, tmp_path)), "--store", str(store.directory)]
        )
        assert loaded.exit_code == 0, loaded.output
        upload = client.post(
            f"{API}/plans", files={"file": ("示例.txt", MINI_PLAN.encode())}, headers={"Authorization": "Bearer s3cret"}
        )
        assert upload.status_code == 201, upload.text
        plans = {p["id"] for p in client.get(f"{API}/stats").json()["plans"]}
    assert {n.id for n in SqliteStore(store.directory).nodes(["Plan"])} == plans
    uploaded = upload.json()["plan"]
    assert uploaded.startswith("plan:2025年示例市国民经济和社会发展计划-")  # 示例市 is no place: title and sha256
    assert plans == {"plan:2025年通辽市计划报告", "plan:2026年通辽市计划报告", uploaded}


def test_a_request_keeps_the_copy_it_started_with(tmp_path, tongliao, tongliao_path):
    from loaders.pipeline import read_plan

    db = SqliteStore(tmp_path / "store")
    db.write_plan(*tongliao)
    served = ServedStore(db, poll_seconds=3600)
    try:
        with served.reading() as before:
            SqliteStore(db.directory).write_plan(*read_plan(_a_2026_copy(tongliao_path, tmp_path)))
            assert served.refresh()
            assert len(before.nodes(["Plan"])) == 1  # the request still sees the graph it began with
            with served.reading() as after:
                assert len(after.nodes(["Plan"])) == 2
        assert not served.refresh()  # nothing new since
    finally:
        served.close()
