"""``jakcite formats``: list the registered formats."""

from __future__ import annotations

import argparse

from jakcite.cli.common import EXIT_OK, Subcommands
from jakcite.registry import Format, get_format, load_formats

__all__ = ["add_parser", "run"]


def add_parser(commands: Subcommands, name: str) -> argparse.ArgumentParser:
    """Add the ``formats`` parser to ``commands`` under ``name``."""
    parser = commands.add_parser(
        name, help="list the registered formats", description="List the registered formats (r = read, w = write)."
    )
    parser.add_argument(
        "--options", action="store_true", help="also list each writer's options (-O key=value): kind, default, meaning"
    )
    parser.add_argument("names", nargs="*", metavar="FORMAT", help="only these formats")
    return parser


def run(args: argparse.Namespace) -> int:
    """List the registered formats: name, r/w modes, extensions and description, one per line."""
    rows = []
    chosen = [get_format(n) for n in args.names] if args.names else list(load_formats().values())
    for fmt in chosen:
        modes = ("r" if fmt.can_read else "-") + ("w" if fmt.can_write else "-")
        exts = " ".join(fmt.extensions)
        rows.append((fmt.name, modes, exts, fmt.description))
    width = max((len(r[0]) for r in rows), default=4)
    ext_width = max((len(r[2]) for r in rows), default=4)
    for name, modes, exts, desc in rows:
        print(f"{name:<{width}}  {modes}  {exts:<{ext_width}}  {desc}")
        if args.options:
            _print_options(get_format(name))
    return EXIT_OK


def _print_options(fmt: Format) -> None:
    for key, option in fmt.options.items():
        default = (
            ""
            if option.default is None
            else f" (default: {str(option.default).lower() if option.kind == 'bool' else option.default})"
        )
        print(f"    -O {key}=  {option.takes()}{default}")
        print(f"        {option.help}")
