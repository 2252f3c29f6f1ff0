"""What the commands share: options, opening a store, and turning the layers' errors
into one ``Error: …`` line (exit 1). Anything else is a bug and keeps its traceback."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from pydantic import BaseModel

from graph.exceptions import GraphError
from graph.overlay import CorrectedStore
from graph.sqlite_store import SqliteStore, default_store_dir
from graph.store import GraphStore
from loaders.exceptions import LoadError
from queries.exceptions import QueryError
from queries.models import DEFAULT_DEPTH, DEFAULT_LIMIT

if TYPE_CHECKING:
    from graph.bolt_store import BoltStore

STORE = click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=f"graph directory (default: $PLANGRAPH_STORE or {default_store_dir()})",
)
NEO4J = click.option(
    "--neo4j",
    "neo4j_uri",
    default=None,
    metavar="URI",
    help="a Neo4j server (bolt://HOST:7687); NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE configure it",
)
DEPTH = click.option("--max-depth", default=DEFAULT_DEPTH, show_default=True, type=int, help="hops to follow at most")
LIMIT = click.option("--limit", default=DEFAULT_LIMIT, show_default=True, type=int, help="rows to return at most")
JSON = click.option("--json", "as_json", is_flag=True, help="print the answer as JSON")
PLAN = click.option(
    "--plan",
    default=None,
    metavar="PLAN",
    help="only what this plan says: a plan id (plan:2025年通辽市计划报告, or without plan:) or its title",
)
RAW = click.option("--raw", is_flag=True, help="the extracted graph, without the corrections")

USER_ERRORS = (LoadError, GraphError, QueryError)
"""The layers' own errors: each names what was wrong, so one line says it all."""


@contextmanager
def user_errors() -> Iterator[None]:
    """Print a layer's error as one ``Error: …`` line and exit 1."""
    try:
        yield
    except USER_ERRORS as exc:
        raise click.ClickException(str(exc)) from exc


def open_store(store_dir: Path | None, *, raw: bool = False) -> GraphStore:
    """The embedded store in ``store_dir``, seen through its corrections (``raw``: the
    extracted graph alone); a JSON store found there is converted first, and one line on
    stderr says so."""
    with user_errors():
        base = SqliteStore(store_dir)
    if base.migration:
        click.echo(base.migration, err=True)
    return base if raw else CorrectedStore.in_directory(base, base.directory)


def store_directory(store_dir: Path | None) -> Path:
    """The directory the embedded store of ``store_dir`` lives in (the default when None)."""
    return Path(store_dir) if store_dir is not None else default_store_dir()


def open_bolt(uri: str | None) -> BoltStore:
    from graph.bolt_store import BoltConfig, BoltStore

    with user_errors():
        return BoltStore(BoltConfig.from_env(uri))


def write_output(output: Path, text: str) -> None:
    """Write a command's output file, or say in one line why it cannot be written."""
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from exc


def answer(
    store_dir: Path | None,
    as_json: bool,
    ask: Callable[[Any], BaseModel],
    show: Callable[[Any], None],
    plan: str | None = None,
) -> None:
    """Ask a question of the store (of one plan's part of it with ``plan``) and print the
    answer as text (or JSON)."""
    from queries.plans import scope

    store = open_store(store_dir)
    with user_errors(), store.reading() as view:
        reply = ask(scope(view, plan))
    if as_json:
        click.echo(reply.model_dump_json(indent=1))
        return
    show(reply)
    if getattr(reply, "truncated", False):
        click.echo("(truncated: raise --limit or --max-depth to see more)")
