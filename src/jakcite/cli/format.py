"""``jakcite format``: print records as a bibliography in a CSL style."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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
from jakcite.errors import FormatError
from jakcite.markup import OUTPUT_MARKUPS as OUTPUT_FORMATS

__all__ = ["add_parser", "run"]


def add_parser(commands: Subcommands, name: str) -> argparse.ArgumentParser:
    """Add the ``format`` parser, with its arguments, to ``commands`` under ``name``."""
    parser = add_reading_parser(commands, name, "format records as a bibliography in a CSL style")
    parser.add_argument(
        "--style", default="vancouver", help="CSL style short name, dependent style or .csl file (default: vancouver)"
    )
    parser.add_argument("--locale", default="en-US", help="CSL locale (default: en-US)")
    parser.add_argument(
        "--markup",
        choices=OUTPUT_FORMATS,
        help="markup of the entries (default: from -o's extension, else text, one entry per line)",
    )
    parser.add_argument("-o", dest="outfile", metavar="FILE", help="write to FILE instead of stdout")
    # --output is -o as in every command; its old meaning (the markup) is told apart by value.
    parser.add_argument("--output", dest="output_arg", metavar="FILE", help="the same as -o")
    enrichment.add_enrich_options(parser)
    return parser


#: The markup an output file's extension implies, when --markup is not given.
MARKUP_BY_EXTENSION = {".html": "html", ".htm": "html", ".md": "markdown", ".rst": "rst", ".tex": "latex"}


def _markup(args: argparse.Namespace) -> str:
    """The markup, and ``args.outfile`` settled from ``-o`` and ``--output``."""
    old = args.output_arg
    if old in OUTPUT_FORMATS:
        # The old spelling: --output named the markup. Kept working, with a notice, until 0.3.
        sys.stderr.write(
            f"jakcite: warning: '--output {old}' names the markup: say '--markup {old}' "
            "(-o/--output is the output file in every command; the old meaning goes in jakcite 0.3)\n"
        )
        return str(args.markup or old)
    if old is not None:
        if args.outfile is not None and args.outfile != old:
            raise FormatError(f"-o {args.outfile} and --output {old} name two output files")
        args.outfile = old
    if args.markup:
        return str(args.markup)
    suffix = Path(args.outfile).suffix.lower() if args.outfile and args.outfile != "-" else ""
    return MARKUP_BY_EXTENSION.get(suffix, "text")


def run(args: argparse.Namespace) -> int:
    """Format the input records as a bibliography."""
    stats = InputStats()
    records = list(iter_inputs(args, stats, sys.stderr))
    if enrichment.wanted(args):
        records = enrichment.apply(records, args)
    options = {"style": args.style, "locale": args.locale, "output": _markup(args)}
    write_output(records, "bibliography", args.outfile, options)
    print_summary(args, stats)
    return EXIT_OK
