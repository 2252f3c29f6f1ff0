"""Commands that face a server: serve the API and the page, push the graph to Neo4j."""

from __future__ import annotations

import errno
import socket
import sys
from pathlib import Path

import click

from api.cli.options import NEO4J, STORE, open_bolt, open_store, store_directory, user_errors
from graph.exceptions import EmptyStore
from graph.overlay import CorrectedStore
from graph.store import GraphStore


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``, or one line saying why there cannot be one."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # asyncio sets TCP_NODELAY only then
    except (OSError, UnicodeError) as exc:
        raise click.ClickException(f"cannot listen on {host}: {exc}") from exc
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise click.ClickException(f"port {port} on {host} is in use: choose another with --port") from exc
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    return sock


@click.command()
@STORE
@NEO4J
@click.option("--host", default="127.0.0.1", show_default=True, help="address to bind (127.0.0.1 keeps it local)")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
def serve(store_dir: Path | None, neo4j_uri: str | None, host: str, port: int) -> None:
    """Serve the HTTP API and the page at /, from the embedded store or a Neo4j server;
    an empty store first gets the bundled Tongliao plan."""
    import uvicorn

    from api.ingest import ingest
    from api.main import create_app
    from api.settings import Settings
    from loaders.pipeline import bundled_plan

    settings = Settings.from_env()
    sock = bind(host, port)
    store: GraphStore
    local = store_dir or settings.store_dir
    if neo4j_uri:
        store = CorrectedStore.in_directory(open_bolt(neo4j_uri), store_directory(local))
        where = neo4j_uri
    else:
        store = open_store(local)
        where = str(store_directory(local))
    try:
        with user_errors():
            if store.is_empty():
                click.echo(f"the store {where} is empty: loading the bundled Tongliao 2025 plan …", err=True)
                ingest(store, [(bundled_plan(), bundled_plan().name)])
            app = create_app(store, settings)
        click.echo(f"plangraph serving {where} at http://{host}:{port}/ (API docs at /docs)", err=True)
        uvicorn.Server(uvicorn.Config(app, log_level="info")).run(sockets=[sock])
    finally:
        sock.close()
        store.close()


@click.command()
@STORE
@NEO4J
def push(store_dir: Path | None, neo4j_uri: str | None) -> None:
    """Copy the local graph into a Neo4j server (MERGE by id: pushing again changes nothing)."""
    with user_errors():
        graph = open_store(store_dir).snapshot()
    if not graph.nodes:
        raise click.ClickException(str(EmptyStore()))
    target = open_bolt(neo4j_uri)
    try:
        total = len(graph.nodes) + len(graph.edges)
        with user_errors(), click.progressbar(length=total, label="pushing", file=sys.stderr) as bar:
            target.push(graph, bar.update)
        with user_errors():
            stored = target.snapshot()
    finally:
        target.close()
    click.echo(f"pushed {len(graph.nodes)} nodes and {len(graph.edges)} edges to {target.config.uri}")
    click.echo(f"the server now holds {len(stored.nodes)} nodes and {len(stored.edges)} edges")


COMMANDS = (serve, push)
