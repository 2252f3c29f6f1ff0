"""The ``plangraph`` command. User errors print one ``Error: …`` line and exit 1."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from graph.exceptions import GraphError
from graph.export import EXPORTERS
from graph.nx_store import NetworkxStore, default_store_dir
from graph.records import Graph
from graph.store import GraphStore
from loaders.exceptions import LoadError
from queries.exceptions import QueryError

if TYPE_CHECKING:
    from graph.bolt_store import BoltStore

STORE = click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=f"graph directory (default: $PLANGRAPH_STORE or {default_store_dir()})",
)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the layers' errors into one-line CLI errors."""
    try:
        yield
    except (LoadError, GraphError, QueryError, LookupError, ValueError) as exc:
        raise click.ClickException(str(exc).strip("'\"")) from exc
    except OSError as exc:
        raise click.ClickException(f"{exc.filename or ''}: {exc.strerror}".lstrip(": ")) from exc


def open_store(store_dir: Path | None) -> NetworkxStore:
    return NetworkxStore(store_dir)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="plangraph")
def main() -> None:
    """Turn Chinese development plans into a knowledge graph and question it."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@STORE
def load(files: tuple[Path, ...], store_dir: Path | None) -> None:
    """Load plan documents (.txt, .html, .docx, .pdf) into the store, all or none."""
    from loaders.pipeline import read_plan

    started = time.perf_counter()
    with user_errors():
        plans = []
        for path in files:
            click.echo(f"reading {path} …", err=True)
            plan_id, graph = read_plan(path)
            plans.append((plan_id, graph))
            click.echo(f"  {plan_id}: {len(graph.nodes)} nodes, {len(graph.edges)} edges", err=True)
        store = open_store(store_dir)
        store.write_plans(plans)
    _print_counts(Graph(nodes=[n for _, g in plans for n in g.nodes], edges=[e for _, g in plans for e in g.edges]))
    click.echo(f"loaded {len(plans)} plan(s) into {store.directory} in {time.perf_counter() - started:.2f} s")


def _print_counts(graph: Graph) -> None:
    for kind, count in graph.counts().items():
        if count:
            click.echo(f"{kind:<16}{count:>6}")


@main.command()
@STORE
def stats(store_dir: Path | None) -> None:
    """Count the nodes and edges of the stored graph by type."""
    with user_errors():
        graph = open_store(store_dir).snapshot()
    if not graph.nodes:
        raise click.ClickException("the store is empty: run 'plangraph load FILE' first")
    _print_counts(graph)
    plans = [n.name for n in graph.nodes if n.type == "Plan"]
    click.echo(f"plans: {', '.join(plans)}")


@main.command()
@STORE
@click.option("--format", "fmt", type=click.Choice([*sorted(EXPORTERS), "neo4j-csv"]), required=True)
@click.option(
    "--output", type=click.Path(path_type=Path), default=None, help="file (default: stdout); a directory for neo4j-csv"
)
def export(store_dir: Path | None, fmt: str, output: Path | None) -> None:
    """Write the stored graph as node-link JSON, GraphML, a Cypher script or neo4j-admin CSVs."""
    if fmt == "neo4j-csv":
        from graph.neo4j_export import to_neo4j_csv

        if output is None:
            raise click.ClickException("--format neo4j-csv writes several files: give --output DIRECTORY")
        with user_errors():
            for path in to_neo4j_csv(open_store(store_dir).snapshot(), output):
                click.echo(f"wrote {path}", err=True)
        return
    with user_errors():
        text = EXPORTERS[fmt](open_store(store_dir).snapshot())
        if output is None:
            click.echo(text)
        else:
            output.write_text(text, encoding="utf-8")
            click.echo(f"wrote {output}", err=True)


@main.command()
@click.argument("node")
@STORE
@click.option("--json", "as_json", is_flag=True, help="print JSON instead of text")
def show(node: str, store_dir: Path | None, as_json: bool) -> None:
    """Show one node (by id or name): attributes, edges and every provenance quote."""
    from queries.lookup import describe

    with user_errors():
        view = describe(open_store(store_dir), node)
    if as_json:
        click.echo(view.model_dump_json(indent=1))
        return
    n = view.node
    click.echo(f"{n.name}  [{n.type}]  {n.id}")
    if n.aliases:
        click.echo(f"  aliases: {', '.join(n.aliases)}")
    for key, value in n.attributes.items():
        if value not in (None, [], {}):
            click.echo(f"  {key}: {json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value}")
    for nb in view.neighbours:
        arrow = "→" if nb.direction == "out" else "←"
        click.echo(f"  {arrow} {nb.edge.type:<16} {nb.node.name}  [{nb.node.type}]")
    click.echo("  provenance:")
    for p in n.provenance:
        where = f"{p.start}-{p.end}" if p.start is not None else p.source
        click.echo(f"    「{p.quote}」 ({where})")


@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@STORE
def evaluate_command(gold: Path, store_dir: Path | None) -> None:
    """Precision, recall and F1 per entity and relation type against a gold file."""
    from queries.evaluation import evaluate

    with user_errors():
        graph = open_store(store_dir).snapshot()
        scores = evaluate(graph, gold)
    click.echo(f"{'':<18}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'pred':>6}{'gold':>6}")
    for s in scores:
        click.echo(f"{s.kind:<18}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp:6d}{s.predicted:6d}{s.gold:6d}")


NEO4J = click.option(
    "--neo4j",
    "neo4j_uri",
    default=None,
    metavar="URI",
    help="a Neo4j server (bolt://HOST:7687); NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE configure it",
)


def open_bolt(uri: str | None) -> BoltStore:
    from graph.bolt_store import BoltConfig, BoltStore

    with user_errors():
        return BoltStore(BoltConfig.from_env(uri))


@main.command()
@STORE
@NEO4J
@click.option("--host", default="127.0.0.1", show_default=True, help="address to bind (127.0.0.1 keeps it local)")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
def serve(store_dir: Path | None, neo4j_uri: str | None, host: str, port: int) -> None:
    """Serve the HTTP API and the page at /, from the embedded store or a Neo4j server;
    an empty store first gets the bundled Tongliao plan."""
    import uvicorn

    from api.main import create_app
    from api.settings import Settings
    from loaders.pipeline import bundled_plan, read_plan

    settings = Settings.from_env()
    store: GraphStore
    if neo4j_uri:
        store = open_bolt(neo4j_uri)
        where = neo4j_uri
    else:
        store = open_store(store_dir or settings.store_dir)
        where = str(store.directory)
    with user_errors():
        if store.is_empty():
            click.echo(f"the store {where} is empty: loading the bundled Tongliao 2025 plan …", err=True)
            store.write_plan(*read_plan(bundled_plan()))
        app = create_app(store, settings)
    click.echo(f"plangraph serving {where} at http://{host}:{port}/ (API docs at /docs)", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        store.close()


@main.command()
@STORE
@NEO4J
def push(store_dir: Path | None, neo4j_uri: str | None) -> None:
    """Copy the local graph into a Neo4j server (MERGE by id: pushing again changes nothing)."""
    graph = open_store(store_dir).snapshot()
    if not graph.nodes:
        raise click.ClickException("the local store is empty: run 'plangraph load FILE' first")
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


def run() -> None:  # pragma: no cover - console entry point
    main(prog_name="plangraph")


from api import cli_queries  # noqa: E402  (registers the query commands on main)

__all__ = ["cli_queries", "main", "run"]

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
