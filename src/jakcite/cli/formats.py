"""``jakcite formats``: list the registered formats."""

from __future__ import annotations

import argparse

from jakcite.cli.common import EXIT_OK, Subcommands
from jakcite.registry import load_formats

__all__ = ["add_parser", "run"]


def add_parser(commands: Subcommands, name: str) -> argparse.ArgumentParser:
    """Add the ``formats`` parser to ``commands`` under ``name``."""
    return commands.add_parser(
        name, help="list the registered formats", description="List the registered formats (r = read, w = write)."
    )


def run(args: argparse.Namespace) -> int:
    """List the registered formats: name, r/w modes, extensions and description, one per line."""
    rows = []
    for fmt in load_formats().values():
        modes = ("r" if fmt.can_read else "-") + ("w" if fmt.can_write else "-")
        exts = " ".join(fmt.extensions)
        rows.append((fmt.name, modes, exts, fmt.description))
    width = max((len(r[0]) for r in rows), default=4)
    ext_width = max((len(r[2]) for r in rows), default=4)
    for name, modes, exts, desc in rows:
        print(f"{name:<{width}}  {modes}  {exts:<{ext_width}}  {desc}")
    return EXIT_OK
