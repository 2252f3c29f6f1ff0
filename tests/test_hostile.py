"""Hostile files given to ``plangraph load`` and to the upload route: each refused in one
line (exit 1, or a 4xx in the API's error shape) within its time limit, with bounded
memory, the service answering meanwhile, and the store holding what it held."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import main
from tests import hostile
from tests.conftest import ROOT, serving

LIMIT = 20  # seconds per case


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, tongliao_path):
    """A store holding the Tongliao plan, and the bytes of its export."""
    store = tmp_path_factory.mktemp("hostile") / "store"
    CliRunner().invoke(main, ["load", str(tongliao_path), "--store", str(store)], catch_exceptions=False)
    return store


def _export(store: Path) -> str:
    return CliRunner().invoke(main, ["export", "--format", "json", "--store", str(store)]).output


@pytest.mark.timeout(LIMIT)
@pytest.mark.parametrize(("make", "reason"), hostile.REFUSED, ids=[m.__name__ for m, _ in hostile.REFUSED])
def test_load_refuses_in_one_line_and_keeps_the_store(loaded, tmp_path, make, reason):
    before = _export(loaded)
    path = make(tmp_path)
    result = CliRunner().invoke(main, ["load", str(path), "--store", str(loaded)])
    lines = [line for line in result.output.splitlines() if not line.startswith("reading ")]
    assert result.exit_code == 1, result.output
    assert lines == [lines[0]] and lines[0].startswith(f"Error: cannot read {path}: "), result.output
    assert reason in lines[0]
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert _export(loaded) == before


PEAK = (
    "import atexit, sys\n"
    "def peak():\n"
    "    hwm = next(line for line in open('/proc/self/status') if line.startswith('VmHWM'))\n"
    "    sys.stderr.write('PEAK ' + hwm.split()[1] + '\\n')\n"
    "atexit.register(peak)\n"
    "from api.cli import main\n"
    "main(sys.argv[1:], prog_name='plangraph')\n"
)
"""Runs the CLI and reports its own peak resident memory (VmHWM, which an exec resets,
unlike the rusage of a child forked from a large test process)."""


@pytest.mark.timeout(60)
@pytest.mark.parametrize("make", [hostile.zip_bomb, hostile.link_to("/dev/zero"), hostile.too_many_characters])
def test_refusing_a_bomb_takes_bounded_memory(tmp_path, make):
    path = make(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", PEAK, "load", str(path), "--store", str(tmp_path / "s")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    peak_mb = int(result.stderr.rsplit("PEAK ", 1)[1]) / 1024
    assert peak_mb < 300, f"{make.__name__} peaked at {peak_mb:.0f} MB"


TOKEN = "hostile-token"


@pytest.fixture(scope="module")
def uploads(tmp_path_factory):
    """``plangraph serve`` with uploads enabled, on a store holding the bundled plan."""
    store = tmp_path_factory.mktemp("upload-store")
    env = {"PLANGRAPH_STORE": str(store), "PLANGRAPH_API_TOKEN": TOKEN}
    with serving(store / "serve.log", env=env) as base:
        yield base


def _request(base: str, path: str, **kwargs) -> tuple[int, dict]:
    request = urllib.request.Request(base + path, **kwargs)
    try:
        with urllib.request.urlopen(request, timeout=LIMIT) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as err:
        return err.code, json.load(err)


def _multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = "plangraph-hostile-boundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode("utf-8", "surrogateescape")
    return head + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def _upload(base: str, name: str, data: bytes, token: str | bytes = TOKEN) -> tuple[int, dict]:
    body, kind = _multipart(name, data)
    auth = token if isinstance(token, bytes) else token.encode()
    headers = {"Content-Type": kind, "Authorization": (b"Bearer " + auth).decode("latin-1")}
    return _request(base, "/api/v1/plans", data=body, headers=headers, method="POST")


UPLOADABLE = [
    (m, r)
    for m, r in hostile.REFUSED
    if m.__name__ not in {"fifo", "directory", "symlink_loop"} and not m.__name__.startswith("link_to")
]


@pytest.mark.timeout(LIMIT * 2)
@pytest.mark.parametrize(("make", "reason"), UPLOADABLE, ids=[m.__name__ for m, _ in UPLOADABLE])
def test_upload_refuses_while_the_service_answers(uploads, tmp_path, make, reason):
    _, before = _request(uploads, "/api/v1/stats")
    path = make(tmp_path)
    data = path.read_bytes()
    answered: list[float] = []
    done = threading.Event()

    def poll_health() -> None:
        while not done.is_set():
            started = time.monotonic()
            status, _ = _request(uploads, "/api/v1/health")
            if status == 200:
                answered.append(time.monotonic() - started)
            time.sleep(0.05)

    poller = threading.Thread(target=poll_health)
    poller.start()
    try:
        status, body = _upload(uploads, path.name, data)
    finally:
        done.set()
        poller.join()
    assert status in (413, 422), body
    assert reason in body["error"]["message"] or status == 413
    assert answered, "/api/v1/health never answered during the upload"
    assert _request(uploads, "/api/v1/stats")[1] == before


@pytest.mark.timeout(LIMIT)
@pytest.mark.parametrize("token", [b"\xc3\xa9t\xc3\xa9", b"wrong", b"", b"\xff\xfe", "😀".encode()], ids=repr)
def test_any_token_value_is_a_401_not_a_500(uploads, token):
    status, body = _upload(uploads, "plan.txt", "计划".encode(), token=token)
    assert status == 401 and body["error"]["code"] == "unauthorized"


@pytest.mark.timeout(LIMIT)
@pytest.mark.parametrize("name", ["a\x00b.txt", "x" * 300 + ".txt", "../../etc/passwd.txt", "..\\..\\win.txt"])
def test_hostile_file_names_are_labels_not_paths(uploads, name):
    status, body = _upload(uploads, name, "计划".encode())
    assert status == 422, body
    assert "\x00" not in body["error"]["message"] and "/" not in body["error"]["message"].split(":")[0][12:]


@pytest.mark.timeout(LIMIT)
def test_a_huge_body_without_a_token_is_refused_before_it_is_read(uploads):
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(uploads)
    with socket.create_connection((parts.hostname, parts.port), timeout=LIMIT) as sock:
        sock.sendall(
            b"POST /api/v1/plans HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            b"Content-Length: 3000000000\r\n\r\n" + b"x" * 65536
        )
        reply = sock.recv(65536)
    assert reply.startswith(b"HTTP/1.1 401"), reply[:200]


@pytest.mark.timeout(LIMIT)
def test_a_huge_body_with_the_token_is_cut_off_at_the_limit(uploads):
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(uploads)
    with socket.create_connection((parts.hostname, parts.port), timeout=LIMIT) as sock:
        sock.sendall(
            b"POST /api/v1/plans HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            b"Authorization: Bearer " + TOKEN.encode() + b"\r\nContent-Length: 3000000000\r\n\r\n"
        )
        reply = sock.recv(65536)
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]


@pytest.mark.timeout(120)
def test_a_large_upload_is_loaded_while_the_service_answers(uploads, tmp_path):
    """20 000 sections (about 1 M characters): extraction is linear, runs in a worker off the
    event loop, and /health answers meanwhile."""
    parts = "".join(
        f"推进第{k}项重点工作\n加快推进产业发展，建设现代能源基地，完成年度目标任务。\n" for k in range(20_000)
    )
    data = ("2026年示例市国民经济和社会发展计划\n" + parts).encode("utf-8")
    answered: list[float] = []
    done = threading.Event()

    def poll_health() -> None:
        while not done.is_set():
            started = time.monotonic()
            if _request(uploads, "/api/v1/health")[0] == 200:
                answered.append(time.monotonic() - started)
            time.sleep(0.05)

    poller = threading.Thread(target=poll_health)
    poller.start()
    try:
        status, body = _upload(uploads, "sections.txt", data)
    finally:
        done.set()
        poller.join()
    assert status == 201, body
    assert answered, "/api/v1/health went unanswered during the load"
