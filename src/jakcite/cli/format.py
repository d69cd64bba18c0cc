"""``jakcite format``: print records as a bibliography in a CSL style."""

from __future__ import annotations

import argparse
import sys

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
from jakcite.csl.output import OUTPUT_FORMATS

__all__ = ["add_parser", "run"]


def add_parser(commands: Subcommands, name: str) -> argparse.ArgumentParser:
    """Add the ``format`` parser, with its arguments, to ``commands`` under ``name``."""
    parser = add_reading_parser(commands, name, "format records as a bibliography in a CSL style")
    parser.add_argument(
        "--style", default="vancouver", help="CSL style short name, dependent style or .csl file (default: vancouver)"
    )
    parser.add_argument("--locale", default="en-US", help="CSL locale (default: en-US)")
    parser.add_argument(
        "--output", default="text", choices=OUTPUT_FORMATS, help="output format (default: text, one entry per line)"
    )
    parser.add_argument("-o", dest="outfile", metavar="FILE", help="write to FILE instead of stdout")
    enrichment.add_enrich_options(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Format the input records as a bibliography."""
    stats = InputStats()
    records = list(iter_inputs(args, stats, sys.stderr))
    if enrichment.wanted(args):
        records = enrichment.apply(records, args)
    options = {"style": args.style, "locale": args.locale, "output": args.output}
    write_output(records, "bibliography", args.outfile, options)
    print_summary(args, stats)
    return EXIT_OK
