"""Every ``console`` block of the README is run and its output compared, so the examples
stay true. Blocks run in order against one fresh store (later ones use what earlier ones
loaded); times, paths and ports are masked; a line ``…`` stands for any lines.

``plangraph serve … &`` starts the service on a free port for the rest of its block, and
``curl`` is played by a small stand-in (``-s``, ``-H``, ``-F name=@file``), so nothing
outside Python is needed.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import ROOT, free_port

README = ROOT / "README.md"
BLOCK = re.compile(r"^```console\n(.*?)^```", re.S | re.M)
MASKS = [
    (re.compile(r"\d+\.\d+ s\b"), "N s"),
    (re.compile(r"(?<![\w.])/[\w./~+-]+"), "PATH"),
    (re.compile(r"127\.0\.0\.1:\d+"), "127.0.0.1:PORT"),
    (re.compile(r'"seconds":\s*[\d.]+'), '"seconds":N'),
    (re.compile(r"fix-[0-9a-f]{8}"), "fix-ID"),
]


@dataclass
class Block:
    line: int
    commands: list[tuple[str, list[str]]] = field(default_factory=list)  # (command, expected output)


def blocks() -> list[Block]:
    text = README.read_text(encoding="utf-8")
    out = []
    for m in BLOCK.finditer(text):
        block = Block(text[: m.start()].count("\n") + 1)
        for line in m.group(1).splitlines():
            if line.startswith("$ "):
                block.commands.append((line[2:], []))
            elif block.commands:
                block.commands[-1][1].append(line)
        for _, expected in block.commands:
            while expected and not expected[-1].strip():
                expected.pop()  # the blank line between two commands
        out.append(block)
    return out


def mask(line: str) -> str:
    for pattern, replacement in MASKS:
        line = pattern.sub(replacement, line)
    return line.rstrip()


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line after masking; ``…`` matches any run of lines (none included)."""
    if not expected:
        return not actual
    head, rest = mask(expected[0]), expected[1:]
    if head.strip() == "…":
        return any(matches(rest, actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and mask(actual[0]) == head and matches(rest, actual[1:])


class Session:
    """A shell for the README: ``plangraph`` is this checkout, the store is temporary."""

    def __init__(self, work: Path) -> None:
        self.work = work
        bin_dir = work / "bin"
        bin_dir.mkdir()
        shim = bin_dir / "plangraph"
        shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m api.cli "$@"\n', encoding="utf-8")
        shim.chmod(0o755)
        for name in ("loaders", "tests"):
            (work / name).symlink_to(ROOT / name)
        self.env = {
            **os.environ,
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "PLANGRAPH_STORE": str(work / "store"),
            "PYTHONPATH": str(ROOT),
            "COLUMNS": "200",
        }
        self.env.pop("PLANGRAPH_API_TOKEN", None)
        self.servers: list[subprocess.Popen[bytes]] = []
        self.port: int | None = None

    def run(self, command: str) -> list[str]:
        if self.port is not None:
            command = command.replace("127.0.0.1:8000", f"127.0.0.1:{self.port}")
        if command.endswith("&"):
            return self.serve(command[:-1].strip())
        if command.startswith("curl "):
            return self.curl(shlex.split(command)[1:])
        result = subprocess.run(
            ["bash", "-c", command],
            cwd=self.work,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=300,
        )
        return result.stdout.splitlines()

    def serve(self, command: str) -> list[str]:
        self.port = free_port()
        proc = subprocess.Popen(
            ["bash", "-c", f"{command} --port {self.port}"],
            cwd=self.work,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, stopped as a whole
        )
        self.servers.append(proc)
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/v1/health", timeout=1).close()
                return []
            except OSError:
                if proc.poll() is not None:
                    break
                import time

                time.sleep(0.2)
        pytest.fail(f"`{command}` did not start")

    def curl(self, args: list[str]) -> list[str]:
        headers: dict[str, str] = {}
        files: list[tuple[str, Path]] = []
        url = ""
        words = iter(args)
        for word in words:
            if word == "-s":
                continue
            if word == "-H":
                name, _, value = next(words).partition(":")
                headers[name.strip()] = value.strip()
            elif word == "-F":
                name, _, value = next(words).partition("=@")
                files.append((name, self.work / value))
            else:
                url = word
        data = None
        if files:
            boundary = "readme-boundary"
            parts = [
                f'--{boundary}\r\nContent-Disposition: form-data; name="{n}"; filename="{p.name}"\r\n\r\n'.encode()
                + p.read_bytes()
                + b"\r\n"
                for n, p in files
            ]
            data = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        url = urllib.parse.quote(url, safe=":/?=&%@+,;")  # curl sends the UTF-8 bytes of the URL
        request = urllib.request.Request(url, data=data, headers=headers, method="POST" if data else "GET")
        try:
            with urllib.request.urlopen(request, timeout=120) as r:
                body = r.read()
        except urllib.error.HTTPError as err:
            body = err.read()
        return [json.dumps(json.loads(body), ensure_ascii=False, separators=(",", ":"))]

    def close(self) -> None:
        for proc in self.servers:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        self.servers.clear()
        self.port = None


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    s = Session(tmp_path_factory.mktemp("readme"))
    yield s
    s.close()


@pytest.mark.timeout(600)
@pytest.mark.parametrize("block", blocks(), ids=lambda b: f"README.md:{b.line}")
def test_the_readme_example_is_what_the_commands_print(session, block):
    try:
        for command, expected in block.commands:
            actual = session.run(command)
            assert matches(expected, actual), (
                f"README.md:{block.line}: `{command}` printed\n"
                + "\n".join(actual)
                + "\n\nthe README shows\n"
                + "\n".join(expected)
            )
    finally:
        session.close()


def test_every_console_block_shows_a_command():
    assert blocks() and all(b.commands for b in blocks())
