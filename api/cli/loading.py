"""Commands that fill the store and take the graph out of it: load, stats, export, eval."""

from __future__ import annotations

import time
from functools import reduce
from pathlib import Path

import click

from api.cli.options import RAW, STORE, open_store, store_directory, user_errors, write_output
from api.store_lists import forget, keep, saved
from graph.exceptions import EmptyStore
from graph.export import EXPORTERS
from graph.matching import align
from graph.merge import merge
from graph.nx_store import NetworkxStore
from graph.overlay import CorrectedStore
from graph.records import Graph
from graph.store import GraphStore
from loaders.local_lists import read_lists


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@STORE
@click.option(
    "--lists",
    "list_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="the commission's own enterprise, place or project list (.csv, .xlsx); kept by the store for later loads",
)
def load(files: tuple[Path, ...], store_dir: Path | None, list_files: tuple[Path, ...]) -> None:
    """Load plan documents (.txt, .html, .docx, .pdf) and project tables (.xlsx, .csv)
    into the store, all or none."""
    from loaders.pipeline import read_plan

    started = time.perf_counter()
    directory = store_directory(store_dir)
    with user_errors():
        local = read_lists([*saved(directory), *list_files])
        if local:
            click.echo(f"using {len(local.entries)} name(s) of the store's local lists", err=True)
        store = open_store(store_dir)
        plans: list[tuple[str, Graph]] = []
        for path in files:
            click.echo(f"reading {path} …", err=True)
            plan_id, graph = read_plan(path, lists=local)
            read_alongside = NetworkxStore.in_memory(reduce(merge, (g for _, g in plans), Graph()))
            graph = align(graph, [store, read_alongside])
            plans.append((plan_id, graph))
            click.echo(f"  {plan_id}: {len(graph.nodes)} nodes, {len(graph.edges)} edges", err=True)
        store.write_plans(plans)
        for kept in keep(directory, list(list_files)):
            click.echo(f"kept the list {kept.name} in the store", err=True)
    print_counts(Graph(nodes=[n for _, g in plans for n in g.nodes], edges=[e for _, g in plans for e in g.edges]))
    report_corrections(store)
    click.echo(
        f"loaded {len(plans)} plan(s) into {store_directory(store_dir)} in {time.perf_counter() - started:.2f} s"
    )


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


def print_counts(graph: Graph) -> None:
    for kind, count in graph.counts().items():
        if count:
            click.echo(f"{kind:<16}{count:>6}")


@click.command()
@STORE
@RAW
def stats(store_dir: Path | None, raw: bool) -> None:
    """Count the nodes and edges of the stored graph by type."""
    with user_errors():
        graph = open_store(store_dir, raw=raw).snapshot()
    if not graph.nodes:
        raise click.ClickException(str(EmptyStore()))
    print_counts(graph)
    plans = [n.name for n in graph.nodes if n.type == "Plan"]
    click.echo(f"plans: {', '.join(plans)}")


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
@RAW
def export(store_dir: Path | None, fmt: str, output: Path | None, table: str | None, raw: bool) -> None:
    """Write the stored graph as node-link JSON, GraphML, a Cypher script or neo4j-admin CSVs,
    or its tables (targets, projects, target ← project) as an xlsx workbook or CSV files."""
    if fmt in TABLE_FORMATS:
        export_tables(open_store(store_dir, raw=raw), fmt, output, table)
        return
    with user_errors():
        graph = open_store(store_dir, raw=raw).snapshot()
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
