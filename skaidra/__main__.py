"""Run the command line: `python -m skaidra`."""

from .cli import run

run()
