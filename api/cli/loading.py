"""Commands that fill the store and take the graph out of it: load, stats, export, eval,
and the store's local lists."""

from __future__ import annotations

import time
from pathlib import Path

import click

from api.cli.options import PLAN, RAW, STORE, open_store, store_directory, user_errors, write_output
from api.ingest import ingest, said
from api.store_lists import forget, keep, saved
from graph.exceptions import EmptyStore, PlanConflict
from graph.export import EXPORTERS
from graph.overlay import CorrectedStore
from graph.records import Graph
from graph.store import GraphStore
from loaders.local_lists import read_lists
from loaders.pipeline import PlanDocument


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@STORE
@click.option("--replace", is_flag=True, help="replace a plan the store holds from a different document")
@click.option(
    "--lists",
    "list_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="the commission's own enterprise, place or project list (.csv, .xlsx); kept by the store for later loads",
)
def load(files: tuple[Path, ...], store_dir: Path | None, replace: bool, list_files: tuple[Path, ...]) -> None:
    """Load plan documents (.txt, .html, .docx, .pdf) and project tables (.xlsx, .csv)
    into the store, all or none.

    Loading a document the store already holds changes nothing; a different document
    under the id of a stored plan (same region, year and kind) is refused unless
    --replace is given."""
    started = time.perf_counter()
    directory = store_directory(store_dir)

    def heard(path: Path, document: PlanDocument) -> None:
        graph = document.graph
        click.echo(f"  {document.plan_id}: {len(graph.nodes)} nodes, {len(graph.edges)} edges", err=True)

    with user_errors():
        local = read_lists([*saved(directory), *list_files])
        if local:
            click.echo(f"using {len(local.entries)} name(s) of the store's local lists", err=True)
        store = open_store(store_dir)
        try:
            documents, loads = ingest(
                store,
                [(p, p.name) for p in files],
                lists=local,
                replace=replace,
                reading=lambda path: click.echo(f"reading {path} …", err=True),
                read=heard,
            )
        except PlanConflict as exc:
            raise click.ClickException(f"{exc}: pass --replace to replace it") from exc
        for kept in keep(directory, list(list_files)):
            click.echo(f"kept the list {kept.name} in the store", err=True)
    for done in loads:
        if (words := said(done)) is not None:
            click.echo(f"{done.plan}: {words}", err=True)
    print_counts(
        Graph(
            nodes=[n for d in documents for n in d.graph.nodes], edges=[e for d in documents for e in d.graph.edges]
        ).counts()
    )
    report_corrections(store)
    seconds = time.perf_counter() - started
    click.echo(f"loaded {len(documents)} plan(s) into {directory} in {seconds:.2f} s")


def report_corrections(store: GraphStore) -> None:
    """After a load: the corrections applied again, and those whose subject is gone."""
    if not isinstance(store, CorrectedStore):
        return
    status = store.rewrite().status
    orphaned = [s for s in status if s.state == "orphaned"]
    if status:
        click.echo(f"corrections: {len(status) - len(orphaned)} applied again, {len(orphaned)} orphaned")
    for s in orphaned:
        click.echo(f"  orphaned {s.id} ({s.op}): {s.detail}")


def print_counts(counts: dict[str, int]) -> None:
    for kind, count in counts.items():
        if count:
            click.echo(f"{kind:<16}{count:>6}")


@click.command()
@STORE
@PLAN
@RAW
def stats(store_dir: Path | None, plan: str | None, raw: bool) -> None:
    """Count the nodes and edges of the stored graph (or of one plan's part) by type."""
    from queries.plans import scope

    store = open_store(store_dir, raw=raw)
    with user_errors(), store.reading() as whole:
        view = scope(whole, plan)
        counts, plans, empty = view.counts(), view.nodes(["Plan"]), view.is_empty()
    if empty:
        raise click.ClickException(str(EmptyStore()))
    print_counts(counts)
    click.echo(f"plans: {', '.join(n.name for n in plans)}")


TABLE_FORMATS = ("xlsx", "csv")


@click.command()
@STORE
@click.option("--format", "fmt", type=click.Choice([*sorted(EXPORTERS), "neo4j-csv", *TABLE_FORMATS]), required=True)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="file (default: stdout); a directory for neo4j-csv and for csv without --table",
)
@click.option("--table", type=click.Choice(["targets", "projects", "feeds"]), help="just this table (xlsx, csv)")
@PLAN
@RAW
def export(
    store_dir: Path | None, fmt: str, output: Path | None, table: str | None, plan: str | None, raw: bool
) -> None:
    """Write the stored graph (or one plan's part of it) as node-link JSON, GraphML, a Cypher
    script or neo4j-admin CSVs, or its tables (targets, projects, target ← project) as an
    xlsx workbook or CSV files."""
    from queries.plans import scope

    store = open_store(store_dir, raw=raw)
    if fmt in TABLE_FORMATS:
        with user_errors():
            scoped = scope(store, plan)
        export_tables(scoped, fmt, output, table)
        return
    with user_errors():
        graph = scope(store, plan).snapshot()
    if fmt == "neo4j-csv":
        from graph.neo4j_export import to_neo4j_csv

        if output is None:
            raise click.ClickException("--format neo4j-csv writes several files: give --output DIRECTORY")
        try:
            written = to_neo4j_csv(graph, output)
        except OSError as exc:
            raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from exc
        for path in written:
            click.echo(f"wrote {path}", err=True)
        return
    text = EXPORTERS[fmt](graph)
    if output is None:
        click.echo(text)
        return
    write_output(output, text)
    click.echo(f"wrote {output}", err=True)


def export_tables(store: GraphStore, fmt: str, output: Path | None, only: str | None) -> None:
    from api.spreadsheets import to_csv, to_xlsx
    from queries.tables import TABLES, build

    chosen = [only] if only else list(TABLES)
    if output is None and (fmt == "xlsx" or len(chosen) > 1):
        what = "an xlsx workbook" if fmt == "xlsx" else "one CSV file per table"
        raise click.ClickException(f"--format {fmt} writes {what}: give --output (or --table NAME for CSV on stdout)")
    with user_errors():
        tables = [build(store, name) for name in chosen]
    if fmt == "xlsx":
        assert output is not None
        files = {output: to_xlsx(tables)}
    elif output is None:
        click.echo(to_csv(tables[0]).decode("utf-8-sig"), nl=False)
        return
    elif only:
        files = {output: to_csv(tables[0])}
    else:
        files = {output / f"{t.name}.csv": to_csv(t) for t in tables}
    for path, data in files.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except OSError as exc:
            raise click.ClickException(f"cannot write {path}: {exc.strerror or exc}") from exc
        click.echo(f"wrote {path}", err=True)


@click.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@STORE
@RAW
def evaluate_command(gold: Path, store_dir: Path | None, raw: bool) -> None:
    """Precision, recall and F1 per entity and relation type against a gold file, of the
    corrected graph (``--raw``: of the extraction alone)."""
    from queries.evaluation import evaluate

    with user_errors():
        graph = open_store(store_dir, raw=raw).snapshot()
        scores = evaluate(graph, gold)
    click.echo(f"{'':<18}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'pred':>6}{'gold':>6}")
    for s in scores:
        click.echo(f"{s.kind:<18}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp:6d}{s.predicted:6d}{s.gold:6d}")


@click.group(invoke_without_command=True)
@STORE
@click.pass_context
def lists(ctx: click.Context, store_dir: Path | None) -> None:
    """The store's local lists (the commission's enterprises, places, projects), read by every load."""
    if ctx.invoked_subcommand is not None:
        return
    from loaders.local_lists import read_list

    kept = saved(store_directory(store_dir))
    with user_errors():
        for path in kept:
            entries = read_list(path)
            kinds = sorted({e.kind for e in entries})
            click.echo(f"{path.name}: {len(entries)} {'/'.join(kinds)} name(s)")
    if not kept:
        click.echo("no local lists: add them with `plangraph lists add FILE` or `plangraph load --lists FILE …`")


@lists.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@STORE
def add_lists(files: tuple[Path, ...], store_dir: Path | None) -> None:
    """Keep FILES as local lists of the store (they take effect at the next load)."""
    with user_errors():
        for path in keep(store_directory(store_dir), list(files)):
            click.echo(f"kept the list {path.name} in the store; reload the plans to use it")


@lists.command("remove")
@click.argument("name")
@STORE
def remove_list(name: str, store_dir: Path | None) -> None:
    """Stop using the list NAME (its file name)."""
    try:
        forget(store_directory(store_dir), name)
    except FileNotFoundError as exc:
        raise click.ClickException(f"the store keeps no list named {name}") from exc
    click.echo(f"removed the list {name}; reload the plans to drop what it added")


COMMANDS = (load, stats, export, evaluate_command, lists)
