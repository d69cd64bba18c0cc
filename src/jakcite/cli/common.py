"""What the ``jakcite`` sub-commands share: exit codes, the input arguments, reading the inputs
with diagnostics on stderr, the lenient-mode summary and writing to stdout or a file."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TextIO, TypeAlias

from jakcite.api import iter_records, write
from jakcite.cli.exits import EXIT_DATA, EXIT_OK, EXIT_USAGE
from jakcite.errors import ParseError
from jakcite.model import Record
from jakcite.registry import Diagnostic, get_format

__all__ = [
    "EXIT_DATA",
    "EXIT_OK",
    "EXIT_USAGE",
    "FieldsNotWritten",
    "InputStats",
    "Subcommands",
    "WarningPrinter",
    "add_reading_parser",
    "add_verbosity",
    "fields_not_written",
    "iter_inputs",
    "print_summary",
    "warning_kind",
    "write_output",
]


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
    add_verbosity(parser)
    parser.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        metavar="N",
        help="read inputs in N processes (default: the machine's cores for 4 inputs or more, else 1)",
    )
    return parser


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")
    return int(text)


def add_verbosity(parser: argparse.ArgumentParser) -> None:
    """``-q/--quiet`` (errors only) and ``-v/--verbose`` (every warning, not one per kind)."""
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument(
        "-q", "--quiet", dest="verbosity", action="store_const", const=0, default=1, help="print errors only"
    )
    loudness.add_argument(
        "-v", "--verbose", dest="verbosity", action="store_const", const=2, help="print every warning in full"
    )


#: Values inside a message (quoted text, numbers) that make two warnings of one kind differ.
_VALUES = re.compile(r"'[^']*'|\"[^\"]*\"|\b\d+\b")


def warning_kind(diag: Diagnostic) -> str:
    """A diagnostic's message with its values blanked: warnings of one kind share it."""
    return _VALUES.sub("…", diag.message)


class WarningPrinter:
    """Prints diagnostics as they come: every one with ``-v``, else the first of each kind
    (the rest counted and summed up by :meth:`summary`), none with ``-q``."""

    def __init__(self, err: TextIO, verbosity: int) -> None:
        self.err = err
        self.verbosity = verbosity
        self.kinds: dict[str, list[Diagnostic]] = {}

    def __call__(self, diag: Diagnostic) -> None:
        seen = self.kinds.setdefault(warning_kind(diag), [])
        seen.append(diag)
        if self.verbosity >= 2 or (self.verbosity == 1 and len(seen) == 1):
            self.err.write(f"{diag}{' (skipped)' if diag.skipped else ''}\n".replace(": ", ": warning: ", 1))

    def summary(self) -> None:
        """One line per kind of which only the first was printed: how many more, and that -v shows them."""
        if self.verbosity != 1:
            return
        for kind, diags in self.kinds.items():
            if len(diags) > 1:
                self.err.write(
                    f"jakcite: {len(diags)} warnings like '{kind}' ({len(diags) - 1} not shown; -v shows all)\n"
                )


class InputStats:
    """Counts of what the inputs gave, for the lenient-mode summary."""

    def __init__(self) -> None:
        self.read = 0
        self.skipped: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        #: Inputs skipped whole in lenient mode (unreadable or not records at all).
        self.files_skipped: list[str] = []
        #: What prints the diagnostics (set by :func:`iter_inputs`), for the closing summary.
        self.printer: WarningPrinter | None = None


def iter_inputs(args: argparse.Namespace, stats: InputStats, err: TextIO) -> Iterator[Record]:
    """Records from every input named on the command line, in order; each diagnostic is
    counted in ``stats`` and printed on ``err`` as ``file:line: warning: message``."""

    printer = stats.printer = WarningPrinter(err, getattr(args, "verbosity", 1))

    def report(diag: Diagnostic) -> None:
        (stats.skipped if diag.skipped else stats.warnings).append(diag)
        printer(diag)

    jobs = getattr(args, "jobs", None) or default_jobs(args.inputs)
    if jobs > 1 and len(args.inputs) > 1 and "-" not in args.inputs:
        yield from _pooled_inputs(args, jobs, stats, report, err)
        return
    for name in args.inputs:
        try:
            yield from _records_of(name, args, stats, report)
        except ParseError as exc:
            _input_failed(name, exc, args, stats, err)


#: With fewer inputs than this, starting processes costs more than it saves.
MANY_INPUTS = 4


def default_jobs(inputs: Sequence[str]) -> int:
    """The machine's cores for many file inputs; one process otherwise (and for stdin)."""
    if len(inputs) < MANY_INPUTS or "-" in inputs:
        return 1
    return os.cpu_count() or 1


def _input_failed(name: str, exc: ParseError, args: argparse.Namespace, stats: InputStats, err: TextIO) -> None:
    if args.strict:
        raise exc
    # Lenient: an unreadable input costs that input, not the run.
    stats.files_skipped.append(name)
    if getattr(args, "verbosity", 1):
        err.write(f"{name}: warning: input skipped: {exc}\n")


def _pooled_inputs(
    args: argparse.Namespace, jobs: int, stats: InputStats, report: Callable[[Diagnostic], None], err: TextIO
) -> Iterator[Record]:
    from jakcite.cli.jobs import read_in_pool  # multiprocessing only when --jobs asks for it

    skip: Container[str] = getattr(args, "skip", frozenset())
    for result in read_in_pool(args.inputs, jobs, args.from_format, args.strict, args.cited, skip):
        for diag in result.diagnostics:
            report(diag)
        stats.read += result.read
        if result.error is not None:
            # As in a serial run: strict stops here (the records read before the error
            # were not output either); lenient skips the input's records and goes on.
            _input_failed(result.name, result.error, args, stats, err)
            continue
        yield from result.records


def _records_of(
    name: str, args: argparse.Namespace, stats: InputStats, report: Callable[[Diagnostic], None]
) -> Iterator[Record]:
    # A name on the command line is always a file (Source says so when there is none), never content.
    source: object = sys.stdin.buffer if name == "-" else Path(name)
    label = "<stdin>" if name == "-" else name
    skip: Container[str] = getattr(args, "skip", frozenset())
    for record in iter_records(
        source, args.from_format, strict=args.strict, on_diagnostic=report, name=label, skip=skip
    ):
        stats.read += 1
        if args.cited:
            from jakcite.cited import cited_records  # the reference-string grammar: only for --cited

            yield from cited_records(record)  # citation strings parsed into fields
        else:
            yield record


class FieldsNotWritten:
    """The record fields the writer of ``fmt`` declares dropped, which a reader need not build
    (``references`` is kept for ``--cited``, whose records they are).

    Worked out on the first question: only a reader that can skip a field asks, so a
    conversion from a format that cannot never imports the writer's coverage. It pickles
    (``--jobs`` sends it to the workers).
    """

    def __init__(self, fmt: str, cited: bool) -> None:
        self.fmt = fmt
        self.cited = cited
        self._fields: frozenset[str] | None = None

    @property
    def fields(self) -> frozenset[str]:
        """The fields, worked out now if they were not yet."""
        if self._fields is None:
            coverage = get_format(self.fmt).coverage
            losses = coverage.losses if coverage is not None else ()
            dropped = {loss.field for loss in losses if loss.kind == "dropped" and "." not in loss.field}
            self._fields = frozenset(dropped - {"references"} if self.cited else dropped)
        return self._fields

    def __contains__(self, name: object) -> bool:
        return name in self.fields


def fields_not_written(fmt: str, cited: bool) -> FieldsNotWritten:
    """What a reader need not build for a conversion to ``fmt`` (see :class:`FieldsNotWritten`)."""
    return FieldsNotWritten(fmt, cited)


def print_summary(args: argparse.Namespace, stats: InputStats) -> None:
    """In lenient mode, when anything was skipped or repaired, say how many records were read,
    skipped and warned about (on stderr); before it, the count of each kind of warning shown once."""
    if stats.printer is not None:
        stats.printer.summary()
    if getattr(args, "verbosity", 1) == 0:
        return
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
