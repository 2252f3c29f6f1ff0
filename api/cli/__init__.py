"""The ``plangraph`` command: one click group, every command registered here by name."""

from __future__ import annotations

import click

from api.cli import corrections, loading, questions, serving


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="plangraph")
def main() -> None:
    """Turn Chinese development plans into a knowledge graph and question it."""


for command in (*loading.COMMANDS, *questions.COMMANDS, *corrections.COMMANDS, *serving.COMMANDS):
    main.add_command(command)


def run() -> None:  # pragma: no cover - console entry point
    main(prog_name="plangraph")


__all__ = ["main", "run"]
