"""``plangraph fix …`` records a correction; ``plangraph fixes …`` lists, undoes, exports
and imports them. Corrections live beside the extracted graph and apply to every answer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from api.cli.options import STORE, open_store, user_errors, write_output
from graph.overlay import CorrectedStore
from graph.records import EDGE_TYPES, NODE_TYPES
from queries.corrections import CorrectionRequest, export_lines, import_lines, listing, record, undo

WHY = click.option("--why", default="", help="the reason, kept with the correction")
WHO = click.option("--who", default=None, help="who makes it (default: the OS user)")
EDGE = click.option("--type", "edge_type", type=click.Choice(EDGE_TYPES), required=True, help="the edge's type")
EVIDENCE = [
    click.option("--quote", default=None, help="the plan's words that justify it"),
    click.option("--note", default=None, help="a note, where the plan has no words for it"),
]


def _corrected(store_dir: Path | None) -> CorrectedStore:
    store = open_store(store_dir)
    assert isinstance(store, CorrectedStore)
    return store


def _record(store_dir: Path | None, who: str | None, **fields: Any) -> None:
    with user_errors():
        store = _corrected(store_dir)
        correction = record(store, CorrectionRequest(**fields), who)
        state = next(s for s in store.rewrite().status if s.id == correction.id)
    click.echo(f"{correction.id}: {correction.op} {state.detail} ({state.state}) → {store.corrections.path}")


def _with(*options: Any) -> Any:
    def wrap(f: Any) -> Any:
        for option in reversed(options):
            f = option(f)
        return f

    return wrap


COMMON = _with(STORE, WHY, WHO)


@click.group()
def fix() -> None:
    """Correct the graph: delete, rename, retype, set, merge or add; kept across reloads."""


@fix.command("delete")
@click.argument("node")
@COMMON
def delete(node: str, store_dir: Path | None, why: str, who: str | None) -> None:
    """Delete NODE (by id or name) and its edges."""
    _record(store_dir, who, op="delete-node", node=node, why=why)


@fix.command("delete-edge")
@click.argument("source")
@click.argument("target")
@EDGE
@COMMON
def delete_edge(source: str, target: str, edge_type: str, store_dir: Path | None, why: str, who: str | None) -> None:
    """Delete the edge SOURCE → TARGET of --type."""
    _record(store_dir, who, op="delete-edge", source=source, target=target, edge_type=edge_type, why=why)


@fix.command("rename")
@click.argument("node")
@click.argument("name")
@COMMON
def rename(node: str, name: str, store_dir: Path | None, why: str, who: str | None) -> None:
    """Give NODE the name NAME (the old name stays an alias)."""
    _record(store_dir, who, op="rename", node=node, name=name, why=why)


@fix.command("retype")
@click.argument("node")
@click.argument("type", type=click.Choice(NODE_TYPES))
@COMMON
def retype(node: str, type: str, store_dir: Path | None, why: str, who: str | None) -> None:
    """Make NODE a node of TYPE."""
    _record(store_dir, who, op="retype", node=node, type=type, why=why)


@fix.command("set")
@click.argument("node")
@click.argument("key")
@click.argument("value")
@COMMON
def set_attribute(node: str, key: str, value: str, store_dir: Path | None, why: str, who: str | None) -> None:
    """Set NODE's attribute KEY to VALUE (JSON if it parses, else text; null removes it)."""
    try:
        parsed: Any = json.loads(value)
    except ValueError:
        parsed = value
    _record(store_dir, who, op="set-attribute", node=node, key=key, value=parsed, why=why)


@fix.command("merge")
@click.argument("node")
@click.argument("into")
@COMMON
def merge(node: str, into: str, store_dir: Path | None, why: str, who: str | None) -> None:
    """Merge NODE into INTO: its edges, names (as aliases) and quotes move there."""
    _record(store_dir, who, op="merge", node=node, into=into, why=why)


@fix.command("add-node")
@click.argument("type", type=click.Choice(NODE_TYPES))
@click.argument("name")
@click.option("--alias", "aliases", multiple=True, help="another name (repeatable)")
@click.option("--attr", "attrs", multiple=True, metavar="KEY=VALUE", help="an attribute (repeatable)")
@click.option("--plan", default=None, help="the plan id (for a Section, Task or Target)")
@_with(*EVIDENCE)
@COMMON
def add_node(type: str, name: str, aliases: tuple[str, ...], attrs: tuple[str, ...], **rest: Any) -> None:
    """Add a node the extraction missed: TYPE and NAME, with the quote or a note."""
    attributes = dict(a.split("=", 1) for a in attrs if "=" in a)
    store_dir, who = rest.pop("store_dir"), rest.pop("who")
    _record(store_dir, who, op="add-node", type=type, name=name, aliases=list(aliases), attributes=attributes, **rest)


@fix.command("add-edge")
@click.argument("source")
@click.argument("target")
@EDGE
@_with(*EVIDENCE)
@COMMON
def add_edge(source: str, target: str, edge_type: str, **rest: Any) -> None:
    """Add the edge SOURCE → TARGET of --type, with the quote or a note."""
    store_dir, who = rest.pop("store_dir"), rest.pop("who")
    _record(store_dir, who, op="add-edge", source=source, target=target, edge_type=edge_type, **rest)


@click.group(invoke_without_command=True)
@STORE
@click.option("--json", "as_json", is_flag=True, help="print JSON instead of text")
@click.pass_context
def fixes(ctx: click.Context, store_dir: Path | None, as_json: bool) -> None:
    """List the corrections and what became of each (applied, re-keyed, orphaned)."""
    if ctx.invoked_subcommand is not None:
        return
    with user_errors():
        answer = listing(_corrected(store_dir))
    if as_json:
        click.echo(answer.model_dump_json(indent=1))
        return
    for e in answer.entries:
        c = e.correction
        said = f"  — {c['who']}: {c['why']}" if c.get("why") else f"  — {c['who']}"
        click.echo(f"{c['id']}  {e.status.state:<9} {c['op']:<14} {e.status.detail}{said}")
    for problem in answer.problems:
        click.echo(f"problem: {problem}")
    click.echo(
        f"{len(answer.entries)} correction(s): {answer.count('applied')} applied, "
        f"{answer.count('re-keyed')} re-keyed, {answer.count('orphaned')} orphaned ({answer.file})"
    )


@fixes.command("undo")
@click.argument("correction_id")
@STORE
def undo_command(correction_id: str, store_dir: Path | None) -> None:
    """Remove the correction CORRECTION_ID."""
    with user_errors():
        gone = undo(_corrected(store_dir), correction_id)
    click.echo(f"undid {gone.id} ({gone.op})")


@fixes.command("export")
@STORE
@click.option("--output", type=click.Path(path_type=Path), default=None, help="file (default: stdout)")
def export_command(store_dir: Path | None, output: Path | None) -> None:
    """Write the corrections as JSON Lines (one per line), to keep or to give on."""
    with user_errors():
        text = export_lines(_corrected(store_dir))
    if output is None:
        click.echo(text, nl=False)
    else:
        write_output(output, text)
        click.echo(f"wrote {output}", err=True)


@fixes.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@STORE
def import_command(file: Path, store_dir: Path | None) -> None:
    """Add the corrections of FILE (JSON Lines); those already present (same id) are kept."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"cannot read {file}: {exc}") from exc
    with user_errors():
        added, present = import_lines(_corrected(store_dir), text, file.name)
    click.echo(f"imported {added} correction(s) from {file}; {present} already present")


COMMANDS = (fix, fixes)
