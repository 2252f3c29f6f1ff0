"""/docs and /redoc are served from vendored files: no CDN, every asset answered locally,
and in a real browser they render every operation with no request leaving 127.0.0.1."""

from __future__ import annotations

import hashlib
import json
import re
import urllib.request
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import Settings
from graph.nx_store import NetworkxStore
from tests import browser as kit
from tests.browser import watched

browser, service = kit.browser, kit.service  # fixtures

VENDOR = Path(__file__).resolve().parents[1] / "api" / "static" / "vendor"


@pytest.fixture(scope="module")
def client(tongliao_graph):
    return TestClient(create_app(NetworkxStore.in_memory(tongliao_graph), Settings()))


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_the_docs_pages_load_only_local_assets(client, path):
    html = client.get(path).text
    assert "http://" not in html and "https://" not in html, f"{path} refers to a remote asset"
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets, f"{path} loads no script"
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200 and response.content, f"{path} needs {asset}: {response.status_code}"


def test_fastapi_cdn_pages_are_off(client):
    schema = client.get("/openapi.json").json()
    assert "/docs" not in schema["paths"] and "/redoc" not in schema["paths"]
    assert client.get("/docs/oauth2-redirect").status_code == 200


def test_the_vendored_files_are_the_recorded_ones():
    table = (VENDOR / "README.md").read_text(encoding="utf-8")
    recorded = dict(re.findall(r"`([\w./-]+\.(?:js|css|png))`[^`]*?`([0-9a-f]{64})`", table))
    assert len(recorded) >= 5, f"checksums not found in vendor/README.md: {recorded}"
    for name, digest in recorded.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, f"{name} differs from its record"


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "operation"),
    [("/docs", ".opblock"), ("/redoc", "[data-section-id^='operation/']")],
    ids=["swagger-ui", "redoc"],
)
def test_the_api_docs_render_offline(browser, service, request, path, operation):
    with urllib.request.urlopen(service + "/openapi.json") as response:
        schema = json.load(response)
    operations = sum(len(methods) for methods in schema["paths"].values())
    with watched(browser, service, request.node.name) as page:
        page.goto(service + path)
        page.wait_for_function(
            "([s, n]) => document.querySelectorAll(s).length >= n", arg=[operation, operations], timeout=20000
        )
        page.wait_for_load_state("networkidle")
        assert page.locator(operation).count() == operations
        assert all(u.startswith((service, "data:", "blob:")) for u in page.requests), page.requests
