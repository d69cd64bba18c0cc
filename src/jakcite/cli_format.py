"""The ``jakcite format`` command: print records as a bibliography in a CSL style.

It registers itself in :data:`jakcite.cli.COMMANDS` on import (``jakcite.cli`` imports
this module when it exists).
"""

from __future__ import annotations

import argparse
import sys

from jakcite.api import write
from jakcite.cli import COMMANDS, EXIT_OK, InputStats, add_input_arguments, iter_inputs
from jakcite.csl.output import OUTPUT_FORMATS

__all__ = ["cmd_format"]


def _configure(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser)
    parser.add_argument(
        "--style", default="vancouver", help="CSL style short name, dependent style or .csl file (default: vancouver)"
    )
    parser.add_argument("--locale", default="en-US", help="CSL locale (default: en-US)")
    parser.add_argument(
        "--output", default="text", choices=OUTPUT_FORMATS, help="output format (default: text, one entry per line)"
    )
    parser.add_argument("-o", dest="outfile", metavar="FILE", help="write to FILE instead of stdout")


def cmd_format(args: argparse.Namespace) -> int:
    """Format the input records as a bibliography."""
    stats = InputStats()
    records = list(iter_inputs(args, stats, sys.stderr))
    options = {"style": args.style, "locale": args.locale, "output": args.output}
    if args.outfile in (None, "-"):
        write(records, "bibliography", sys.stdout, **options)
        sys.stdout.flush()
    else:
        write(records, "bibliography", args.outfile, **options)
    if not args.strict and (stats.skipped or stats.warnings):
        sys.stderr.write(
            f"jakcite: {stats.read} records read, {len(stats.skipped)} skipped, {len(stats.warnings)} warnings\n"
        )
    return EXIT_OK


COMMANDS.append(("format", "format records as a bibliography in a CSL style", _configure, cmd_format))
