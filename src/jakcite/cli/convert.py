"""``jakcite convert``: convert records between formats."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator, Sequence

from jakcite.cli import enrichment
from jakcite.cli.common import (
    EXIT_OK,
    InputStats,
    Subcommands,
    add_reading_parser,
    iter_inputs,
    print_summary,
    write_output,
)
from jakcite.cli.progress import Progress
from jakcite.errors import FormatError
from jakcite.model import Record

__all__ = ["add_parser", "parse_options", "run"]


def add_parser(commands: Subcommands, name: str) -> argparse.ArgumentParser:
    """Add the ``convert`` parser, with its arguments, to ``commands`` under ``name``."""
    parser = add_reading_parser(commands, name, "convert records between formats")
    parser.add_argument("--to", required=True, metavar="FORMAT", help="output format (see 'jakcite formats')")
    parser.add_argument("-o", "--output", metavar="OUT", help="output file ('-' or omitted: stdout)")
    parser.add_argument("-O", "--option", action="append", metavar="KEY=VALUE", help="writer option (repeatable)")
    enrichment.add_enrich_options(parser)
    return parser


def parse_options(pairs: Sequence[str] | None) -> dict[str, object]:
    """``-O key=value`` pairs to writer keyword arguments, values as text: ``jakcite.write``
    parses each by its option's kind (true/false, numbers, choices) and refuses the rest."""
    options: dict[str, object] = {}
    for pair in pairs or ():
        if "=" not in pair:
            raise FormatError(f"option {pair!r} must look like key=value")
        key, value = pair.split("=", 1)
        options[key.strip().replace("-", "_")] = value
    return options


def _counted(records: Iterable[Record], progress: Progress) -> Iterator[Record]:
    for record in records:
        progress.tick()
        yield record


def run(args: argparse.Namespace) -> int:
    """Convert records between formats."""
    options = parse_options(args.option)
    stats = InputStats()
    progress = Progress(sys.stderr)
    records: Iterable[Record] = _counted(iter_inputs(args, stats, sys.stderr), progress)
    if enrichment.wanted(args):
        records = enrichment.apply(records, args)  # needs them all: lookups are batched
    try:
        write_output(records, args.to, args.output, options)
    finally:
        progress.close()
    print_summary(args, stats)
    return EXIT_OK
