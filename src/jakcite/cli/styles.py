"""``jakcite styles``: list and search the available CSL styles."""

from __future__ import annotations

import argparse

from jakcite.cli.common import EXIT_DATA, EXIT_OK, Subcommands

__all__ = ["add_parser", "run"]


def add_parser(commands: Subcommands, name: str) -> argparse.ArgumentParser:
    """Add the ``styles`` parser to ``commands`` under ``name``."""
    parser = commands.add_parser(
        name,
        help="list and search the CSL styles",
        description="List the CSL styles whose name, title, short title or parent style holds every WORD (any case).",
    )
    parser.add_argument("words", nargs="*", metavar="WORD", help="words to look for (none: every style)")
    parser.add_argument("--field", help="only styles of this field (medicine, biology, science...)")
    parser.add_argument(
        "--citation-format", choices=("numeric", "author-date", "author", "note", "label"), help="only this kind"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """Print the matching styles (name, citation format, title and parent), one per line; exit 1 when none match."""
    from jakcite.csl.catalog import search_styles  # the CSL engine is imported only by this command

    found = search_styles(" ".join(args.words), field=args.field, citation_format=args.citation_format)
    width = min(max((len(s.name) for s in found), default=4), 40)
    for info in found:
        parent = f"  (uses {info.parent})" if info.parent else ""
        print(f"{info.name:<{width}}  {info.citation_format or '':<11}  {info.title}{parent}")
    if not found:
        print("no style matches; 'jakcite styles' lists them all")
        return EXIT_DATA
    return EXIT_OK
