"""/docs and /redoc are served from vendored files: no CDN, every asset answered locally.
(The browser tests in test_page.py render them and record every request.)"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import Settings
from graph.nx_store import NetworkxStore

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
