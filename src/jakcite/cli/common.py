"""What the ``jakcite`` sub-commands share: exit codes, the input arguments, reading the inputs
with diagnostics on stderr, the lenient-mode summary and writing to stdout or a file."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TextIO, TypeAlias

from jakcite.api import iter_records, write
from jakcite.cited import cited_records
from jakcite.errors import ParseError
from jakcite.model import Record
from jakcite.registry import Diagnostic

__all__ = [
    "EXIT_DATA",
    "EXIT_OK",
    "EXIT_USAGE",
    "InputStats",
    "Subcommands",
    "add_reading_parser",
    "iter_inputs",
    "print_summary",
    "write_output",
]

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2

#: What ``ArgumentParser.add_subparsers()`` returns; each command adds its parser to it.
Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def add_reading_parser(commands: Subcommands, name: str, help_text: str) -> argparse.ArgumentParser:
    """Add the parser of a command that reads records to ``commands``: ``help_text`` as its help
    (and, capitalised with a full stop, its description) and the input options every such
    command shares."""
    parser = commands.add_parser(name, help=help_text, description=help_text[:1].upper() + help_text[1:] + ".")
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="input files ('-' for stdin)")
    parser.add_argument("--from", dest="from_format", metavar="FORMAT", help="input format (default: detect)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--strict", dest="strict", action="store_true", default=True, help="stop at the first bad record (default)"
    )
    mode.add_argument("--lenient", dest="strict", action="store_false", help="warn about bad records and go on")
    parser.add_argument("--cited", action="store_true", help="use the records' cited references instead of the records")
    return parser


class InputStats:
    """Counts of what the inputs gave, for the lenient-mode summary."""

    def __init__(self) -> None:
        self.read = 0
        self.skipped: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        #: Inputs skipped whole in lenient mode (unreadable or not records at all).
        self.files_skipped: list[str] = []


def iter_inputs(args: argparse.Namespace, stats: InputStats, err: TextIO) -> Iterator[Record]:
    """Records from every input named on the command line, in order; each diagnostic is
    counted in ``stats`` and printed on ``err`` as ``file:line: warning: message``."""

    def report(diag: Diagnostic) -> None:
        (stats.skipped if diag.skipped else stats.warnings).append(diag)
        err.write(f"{diag}{' (skipped)' if diag.skipped else ''}\n".replace(": ", ": warning: ", 1))

    for name in args.inputs:
        try:
            yield from _records_of(name, args, stats, report)
        except ParseError as exc:
            if args.strict:
                raise
            # Lenient: an unreadable input costs that input, not the run.
            stats.files_skipped.append(name)
            err.write(f"{name}: warning: input skipped: {exc}\n")


def _records_of(
    name: str, args: argparse.Namespace, stats: InputStats, report: Callable[[Diagnostic], None]
) -> Iterator[Record]:
    # A name on the command line is always a file (Source says so when there is none), never content.
    source: object = sys.stdin.buffer if name == "-" else Path(name)
    label = "<stdin>" if name == "-" else name
    for record in iter_records(source, args.from_format, strict=args.strict, on_diagnostic=report, name=label):
        stats.read += 1
        if args.cited:
            yield from cited_records(record)  # citation strings parsed into fields
        else:
            yield record


def print_summary(args: argparse.Namespace, stats: InputStats) -> None:
    """In lenient mode, when anything was skipped or repaired, say how many records were read,
    skipped and warned about (on stderr)."""
    if not args.strict and (stats.skipped or stats.warnings or stats.files_skipped):
        files = f", {len(stats.files_skipped)} inputs skipped" if stats.files_skipped else ""
        sys.stderr.write(
            f"jakcite: {stats.read} records read, {len(stats.skipped)} skipped, {len(stats.warnings)} warnings{files}\n"
        )


def write_output(records: Iterable[Record], fmt: str, target: str | None, options: Mapping[str, object]) -> None:
    """Write ``records`` in format ``fmt`` to the file ``target``, or to stdout when it is
    ``None`` or ``-``."""
    if target in (None, "-"):
        write(records, fmt, sys.stdout, **options)
        sys.stdout.flush()
    else:
        write(records, fmt, target, **options)
