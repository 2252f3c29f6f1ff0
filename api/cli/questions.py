"""The questions: one node (show) and the query families, as the HTTP API asks them,
printed as text or ``--json``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from api.cli.options import DEPTH, JSON, LIMIT, PLAN, STORE, answer
from graph.records import EDGE_TYPES, NODE_TYPES
from queries.models import DEFAULT_DEPTH, path_text


@click.command()
@click.argument("node")
@STORE
@PLAN
@JSON
def show(node: str, store_dir: Path | None, plan: str | None, as_json: bool) -> None:
    """Show one node (by id or name): attributes, edges and every provenance quote."""
    from queries.lookup import describe

    def print_view(view: Any) -> None:
        n = view.node
        click.echo(f"{n.name}  [{n.type}]  {n.id}")
        if n.aliases:
            click.echo(f"  aliases: {', '.join(n.aliases)}")
        for key, value in n.attributes.items():
            if value not in (None, [], {}):
                shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                click.echo(f"  {key}: {shown}")
        for nb in view.neighbours:
            arrow = "→" if nb.direction == "out" else "←"
            click.echo(f"  {arrow} {nb.edge.type:<16} {nb.node.name}  [{nb.node.type}]")
        click.echo("  provenance:")
        for p in n.provenance:
            where = f"{p.start}-{p.end}" if p.start is not None else p.source
            click.echo(f"    「{p.quote}」 ({where})")

    answer(store_dir, as_json, lambda s: describe(s, node), print_view, plan=plan)


@click.command()
@click.argument("target")
@STORE
@PLAN
@DEPTH
@LIMIT
@JSON
def feeders(target: str, store_dir: Path | None, plan: str | None, max_depth: int, limit: int, as_json: bool) -> None:
    """Which projects feed TARGET, and through what (every hop quoted)."""
    from queries.feeds import feeders as ask

    def show(a: Any) -> None:
        click.echo(f"{a.target.name}: {len(a.feeds)} feeding project(s)")
        for f in a.feeds:
            money = f"  总投资 {f.investment['value']:g} {f.investment['unit']}" if f.investment else ""
            click.echo(f"  [{f.way}] {f.project.name}" + ("  (correction)" if f.project.corrected else "") + money)
            for p in f.paths[:1]:
                click.echo(f"      {path_text(p)}")
                click.echo(f"      「{p[0].quote}」")
        if a.tasks:
            click.echo(f"  tasks: {', '.join(t.name for t in a.tasks)}")
        if a.industries:
            click.echo(f"  industries: {', '.join(i.name for i in a.industries)}")

    answer(store_dir, as_json, lambda s: ask(s, target, max_depth=max_depth, limit=limit), show, plan=plan)


@click.command()
@click.argument("project")
@STORE
@PLAN
@DEPTH
@LIMIT
@JSON
def impacts(project: str, store_dir: Path | None, plan: str | None, max_depth: int, limit: int, as_json: bool) -> None:
    """What is at risk if PROJECT slips: targets, tasks and industries downstream."""
    from queries.feeds import impacts as ask

    def show(a: Any) -> None:
        click.echo(f"{a.project.name}: {len(a.targets)} target(s) downstream")
        for i in a.targets:
            click.echo(f"  [{i.way}] {i.target.name}    {path_text(i.path)}")
        click.echo(f"  tasks: {', '.join(t.name for t in a.tasks) or '-'}")
        click.echo(f"  industries: {', '.join(t.name for t in a.industries) or '-'}")

    answer(store_dir, as_json, lambda s: ask(s, project, max_depth=max_depth, limit=limit), show, plan=plan)


@click.command()
@click.argument("node")
@STORE
@PLAN
@click.option(
    "--direction", type=click.Choice(["upstream", "downstream", "both"]), default="upstream", show_default=True
)
@click.option("--type", "types", multiple=True, type=click.Choice(EDGE_TYPES), help="edge types to follow")
@DEPTH
@LIMIT
@JSON
def dependencies(
    node: str,
    store_dir: Path | None,
    plan: str | None,
    direction: Any,
    types: tuple[str, ...],
    max_depth: int,
    limit: int,
    as_json: bool,
) -> None:
    """The upstream or downstream closure of NODE."""
    from queries.dependencies import dependencies as ask

    def show(a: Any) -> None:
        click.echo(f"{a.root.name} ({a.direction}): {len(a.nodes)} node(s)")
        for n in a.nodes:
            click.echo(f"  {n.type:<11}{n.name}")

    answer(
        store_dir,
        as_json,
        lambda s: ask(s, node, direction=direction, max_depth=max_depth, limit=limit, types=types or None),
        show,
        plan=plan,
    )


@click.command()
@click.argument("source")
@click.argument("target")
@STORE
@PLAN
@click.option("--max-length", default=DEFAULT_DEPTH, show_default=True, type=int)
@click.option("--limit", default=10, show_default=True, type=int, help="paths to return at most")
@click.option("--type", "types", multiple=True, type=click.Choice(EDGE_TYPES), help="edge types to follow")
@click.option("--directed", is_flag=True, help="follow edges only in their direction")
@JSON
def path(
    source: str,
    target: str,
    store_dir: Path | None,
    plan: str | None,
    max_length: int,
    limit: int,
    types: tuple[str, ...],
    directed: bool,
    as_json: bool,
) -> None:
    """How SOURCE and TARGET are connected, shortest path first."""
    from queries.paths import paths as ask

    def show(a: Any) -> None:
        for i, p in enumerate(a.paths, 1):
            click.echo(f"{i:>3}. {path_text(p)}")

    answer(
        store_dir,
        as_json,
        lambda s: ask(s, source, target, max_length=max_length, limit=limit, types=types or None, directed=directed),
        show,
        plan=plan,
    )


@click.command()
@click.argument("industry")
@STORE
@PLAN
@DEPTH
@LIMIT
@JSON
def chain(industry: str, store_dir: Path | None, plan: str | None, max_depth: int, limit: int, as_json: bool) -> None:
    """How INDUSTRY's chain is built up, upstream to downstream, and where."""
    from queries.chains import chain as ask

    def show(a: Any) -> None:
        click.echo(a.industry.name)
        if a.upstream:
            click.echo(f"  upstream sectors: {', '.join(n.name for n in a.upstream)}")
        if a.downstream:
            click.echo(f"  downstream sectors: {', '.join(n.name for n in a.downstream)}")
        for link in a.links:
            click.echo(f"  ▸ {link.name}" + (f"  → {', '.join(link.feeds)}" if link.feeds else ""))
            for p in link.projects:
                who = ", ".join(e.name for e in p.enterprises)
                where = ", ".join(b.name for b in p.banners)
                click.echo(f"      {p.project.name}" + (f"  ({who})" if who else "") + (f"  @{where}" if where else ""))
        for p in a.unplaced:
            click.echo(f"  · {p.project.name}")

    answer(store_dir, as_json, lambda s: ask(s, industry, max_depth=max_depth, limit=limit), show, plan=plan)


@click.command()
@click.argument("banner")
@STORE
@PLAN
@DEPTH
@LIMIT
@JSON
def banner(banner: str, store_dir: Path | None, plan: str | None, max_depth: int, limit: int, as_json: bool) -> None:
    """What is planned in BANNER (name or abbreviation) and which targets it feeds."""
    from queries.banners import banner as ask

    def show(a: Any) -> None:
        click.echo(f"{a.banner.name}: {len(a.projects)} project(s), {len(a.enterprises)} enterprise(s)")
        for p in a.projects:
            click.echo(f"  {p.project.name}" + (f"  → {', '.join(t.name for t in p.targets)}" if p.targets else ""))
        if a.enterprises:
            click.echo(f"  enterprises: {', '.join(e.name for e in a.enterprises)}")

    answer(store_dir, as_json, lambda s: ask(s, banner, max_depth=max_depth, limit=limit), show, plan=plan)


@click.command()
@click.argument("query")
@STORE
@PLAN
@click.option("--type", "types", multiple=True, type=click.Choice(NODE_TYPES), help="node types to search")
@click.option("--limit", default=20, show_default=True, type=int)
@JSON
def search(
    query: str, store_dir: Path | None, plan: str | None, types: tuple[str, ...], limit: int, as_json: bool
) -> None:
    """Find nodes by name, alias, Chinese substring or pinyin."""
    from queries.search import search as ask

    def show(a: Any) -> None:
        for h in a.hits:
            click.echo(f"  {h.score:>3}  {h.node.type:<11}{h.node.name}")

    answer(store_dir, as_json, lambda s: ask(s, query, types=types or None, limit=limit), show, plan=plan)


COMMANDS = (show, feeders, impacts, dependencies, path, chain, banner, search)
