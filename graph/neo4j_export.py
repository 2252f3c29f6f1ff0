"""Exports for Neo4j that need no server: a cypher-shell script and neo4j-admin CSVs."""

from __future__ import annotations

import csv
import shlex
from pathlib import Path

from graph import cypher
from graph.records import Graph

ARRAY_DELIMITERS = (";", "|", "¦")


def to_cypher(graph: Graph) -> str:
    """A script for ``cypher-shell -f``: the schema first, then batched MERGE statements
    with every value written as an escaped literal (Chinese and emoji as themselves)."""
    lines = ["// plangraph export for Neo4j 5: cypher-shell -u neo4j -p PASSWORD -f graph.cypher", ""]
    lines += [f"{statement};" for statement in cypher.NEO4J.schema]
    lines += [cypher.inline(st) for st in cypher.upserts(graph.nodes, graph.edges, cypher.NEO4J)]
    return "\n".join(lines) + "\n"


def _array_delimiter(graph: Graph) -> str:
    used = {ch for n in graph.nodes for a in n.aliases for ch in a}
    for candidate in ARRAY_DELIMITERS:
        if candidate not in used:
            return candidate
    raise ValueError("every array delimiter plangraph knows occurs in an alias")


def to_neo4j_csv(graph: Graph, directory: Path) -> list[Path]:
    """``nodes.csv``, ``relationships.csv`` with neo4j-admin's headers, and ``import.sh``
    with the command (and the delimiter this data needs) to import them."""
    directory.mkdir(parents=True, exist_ok=True)
    delimiter = _array_delimiter(graph)
    nodes, rels, script = directory / "nodes.csv", directory / "relationships.csv", directory / "import.sh"
    with nodes.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["id:ID", "type", "name", "aliases:string[]", "attributes", "provenance", ":LABEL"])
        for n in graph.nodes:
            props = cypher.node_row(n)["props"]
            labels = delimiter.join(["Node", cypher.label(n.type)])
            aliases = delimiter.join(n.aliases)
            out.writerow([n.id, n.type, n.name, aliases, props["attributes"], props["provenance"], labels])
    with rels.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow([":START_ID", ":END_ID", ":TYPE", "attributes", "provenance"])
        for e in graph.edges:
            props = cypher.edge_row(e)["props"]
            out.writerow([e.source, e.target, cypher.rel_type(e.type), props["attributes"], props["provenance"]])
    command = [
        "neo4j-admin",
        "database",
        "import",
        "full",
        "neo4j",
        f"--nodes={nodes.name}",
        f"--relationships={rels.name}",
        f"--array-delimiter={delimiter}",
        "--multiline-fields=true",
        "--overwrite-destination=true",
    ]
    script.write_text(
        "#!/bin/sh\n# Run from this directory with the Neo4j server stopped, then start it and run the schema:\n"
        f"# {cypher.NEO4J.schema[0]}\n{shlex.join(command)}\n",
        encoding="utf-8",
    )
    return [nodes, rels, script]
