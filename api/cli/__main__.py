"""``python -m api.cli``: the same as the ``plangraph`` command."""

from api.cli import run

run()
