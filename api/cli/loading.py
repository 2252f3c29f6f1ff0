"""Commands that fill the store and take the graph out of it: load, stats, export, eval."""

from __future__ import annotations

import time
from pathlib import Path

import click

from api.cli.options import STORE, open_store, user_errors, write_output
from graph.exceptions import EmptyStore, PlanConflict
from graph.export import EXPORTERS
from graph.records import Graph


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@STORE
@click.option("--replace", is_flag=True, help="replace a plan the store holds from a different document")
def load(files: tuple[Path, ...], store_dir: Path | None, replace: bool) -> None:
    """Load plan documents (.txt, .html, .docx, .pdf) into the store, all or none.

    Loading a document the store already holds changes nothing; a different document
    under the id of a stored plan (same region, year and kind) is refused unless
    --replace is given."""
    started = time.perf_counter()
    with user_errors():
        plans, texts = [], {}
        for path in files:
            click.echo(f"reading {path} …", err=True)
            plan_id, graph, text = read_document(path)
            plans.append((plan_id, graph))
            texts[plan_id] = text
            click.echo(f"  {plan_id}: {len(graph.nodes)} nodes, {len(graph.edges)} edges", err=True)
        store = open_store(store_dir)
        try:
            loads = store.load_plans(plans, replace=replace, texts=texts)
        except PlanConflict as exc:
            raise click.ClickException(f"{exc}: pass --replace to replace it") from exc
    for done in loads:
        if done.outcome in SAID:
            click.echo(f"{done.plan}: {SAID[done.outcome].format(previous=done.previous)}", err=True)
    print_counts(
        Graph(nodes=[n for _, g in plans for n in g.nodes], edges=[e for _, g in plans for e in g.edges]).counts()
    )
    click.echo(f"loaded {len(plans)} plan(s) into {store.directory} in {time.perf_counter() - started:.2f} s")


SAID = {
    "unchanged": "unchanged (the store already holds this document)",
    "replaced": "replaced {previous}",
    "reloaded": "reloaded (its old records replaced)",
}


def read_document(path: Path) -> tuple[str, Graph, str]:
    """A plan file read once: its plan id, its graph and its decoded text."""
    from loaders.extract import extract
    from loaders.read import read_text

    text = read_text(path)
    graph = extract(text, path.name)
    plan = next(n for n in graph.nodes if n.type == "Plan")
    if plan.attributes.get("source") in (None, plan.id):  # until the extractor names the file itself
        plan.attributes["source"] = path.name
    return plan.id, graph, text


def print_counts(counts: dict[str, int]) -> None:
    for kind, count in counts.items():
        if count:
            click.echo(f"{kind:<16}{count:>6}")


@click.command()
@STORE
def stats(store_dir: Path | None) -> None:
    """Count the nodes and edges of the stored graph by type."""
    store = open_store(store_dir)
    with user_errors(), store.reading():
        counts, plans = store.counts(), store.nodes(["Plan"])
    if store.is_empty():
        raise click.ClickException(str(EmptyStore()))
    print_counts(counts)
    click.echo(f"plans: {', '.join(n.name for n in plans)}")


@click.command()
@STORE
@click.option("--format", "fmt", type=click.Choice([*sorted(EXPORTERS), "neo4j-csv"]), required=True)
@click.option(
    "--output", type=click.Path(path_type=Path), default=None, help="file (default: stdout); a directory for neo4j-csv"
)
def export(store_dir: Path | None, fmt: str, output: Path | None) -> None:
    """Write the stored graph as node-link JSON, GraphML, a Cypher script or neo4j-admin CSVs."""
    with user_errors():
        graph = open_store(store_dir).snapshot()
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


@click.command(name="eval")
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


COMMANDS = (load, stats, export, evaluate_command)
