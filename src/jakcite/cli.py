"""The ``jakcite`` command.

Exit codes: 0 success, 1 data error (unreadable input, a record that cannot be written),
2 usage error (unknown option or format).  Errors go to stderr as ``file:line: message``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TextIO

from jakcite.api import iter_records, write
from jakcite.errors import FormatError, JakciteError, ParseError
from jakcite.model import Record
from jakcite.registry import Diagnostic, load_formats

__all__ = ["main"]

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
#: Show progress only for inputs this big, so short runs stay quiet.
PROGRESS_AFTER = 2000


class Progress:
    """A record counter on stderr, shown only on a terminal and only for long inputs."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.count = 0
        self.start = time.monotonic()
        self.shown = False

    def tick(self) -> None:
        self.count += 1
        if self.enabled and self.count >= PROGRESS_AFTER and self.count % 250 == 0:
            rate = self.count / max(time.monotonic() - self.start, 1e-9)
            self.stream.write(f"\r[{'#' * min(30, self.count // 1000):<30}] {self.count:,} records  {rate:,.0f}/s")
            self.stream.flush()
            self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """Input options shared by every command that reads records."""
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="input files ('-' for stdin)")
    parser.add_argument("--from", dest="from_format", metavar="FORMAT", help="input format (default: detect)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--strict", dest="strict", action="store_true", default=True, help="stop at the first bad record (default)"
    )
    mode.add_argument("--lenient", dest="strict", action="store_false", help="warn about bad records and go on")
    parser.add_argument("--cited", action="store_true", help="use the records' cited references instead of the records")


class InputStats:
    """Counts of what the inputs gave, for the lenient-mode summary."""

    def __init__(self) -> None:
        self.read = 0
        self.skipped: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []


def iter_inputs(args: argparse.Namespace, stats: InputStats, err: TextIO) -> Iterator[Record]:
    """Records from every input named on the command line, in order."""

    def report(diag: Diagnostic) -> None:
        (stats.skipped if diag.skipped else stats.warnings).append(diag)
        err.write(f"{diag}{' (skipped)' if diag.skipped else ''}\n".replace(": ", ": warning: ", 1))

    for name in args.inputs:
        source: object = sys.stdin.buffer if name == "-" else name
        label = "<stdin>" if name == "-" else name
        if name != "-":
            import os

            if not os.path.exists(name):
                raise ParseError("no such file", source=name)
        for record in iter_records(source, args.from_format, strict=args.strict, on_diagnostic=report, name=label):
            stats.read += 1
            if args.cited:
                yield from record.references
            else:
                yield record


def _counted(records: Iterable[Record], progress: Progress) -> Iterator[Record]:
    for record in records:
        progress.tick()
        yield record


def cmd_convert(args: argparse.Namespace) -> int:
    """Convert records between formats."""
    options = parse_options(args.option)
    stats = InputStats()
    progress = Progress(sys.stderr)
    records = _counted(iter_inputs(args, stats, sys.stderr), progress)
    try:
        if args.output in (None, "-"):
            write(records, args.to, sys.stdout, **options)
            sys.stdout.flush()
        else:
            write(records, args.to, args.output, **options)
    finally:
        progress.close()
    if not args.strict and (stats.skipped or stats.warnings):
        sys.stderr.write(
            f"jakcite: {stats.read} records read, {len(stats.skipped)} skipped, {len(stats.warnings)} warnings\n"
        )
    return EXIT_OK


def parse_options(pairs: Sequence[str] | None) -> dict[str, object]:
    """``-O key=value`` pairs to writer keyword arguments (true/false become booleans)."""
    options: dict[str, object] = {}
    for pair in pairs or ():
        if "=" not in pair:
            raise FormatError(f"option {pair!r} must look like key=value")
        key, value = pair.split("=", 1)
        lowered = value.lower()
        options[key.strip().replace("-", "_")] = True if lowered == "true" else False if lowered == "false" else value
    return options


def cmd_formats(args: argparse.Namespace) -> int:
    """List the registered formats."""
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


#: Extra sub-commands register here: (name, help, configure-parser, handler).
COMMANDS: list[tuple[str, str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]] = []


def _configure_convert(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser)
    parser.add_argument("--to", required=True, metavar="FORMAT", help="output format (see 'jakcite formats')")
    parser.add_argument("-o", "--output", metavar="OUT", help="output file ('-' or omitted: stdout)")
    parser.add_argument("-O", "--option", action="append", metavar="KEY=VALUE", help="writer option (repeatable)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="jakcite", description="Turn PubMed and reference-manager records into clean bibliographic data."
    )
    from jakcite import __version__

    parser.add_argument("--version", action="version", version=f"jakcite {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    convert = sub.add_parser(
        "convert", help="convert records between formats", description="Convert records between formats."
    )
    _configure_convert(convert)
    convert.set_defaults(handler=cmd_convert)
    fmts = sub.add_parser(
        "formats", help="list the registered formats", description="List the registered formats (r = read, w = write)."
    )
    fmts.set_defaults(handler=cmd_formats)
    for name, help_text, configure, handler in COMMANDS:
        extra = sub.add_parser(name, help=help_text, description=help_text[:1].upper() + help_text[1:] + ".")
        configure(extra)
        extra.set_defaults(handler=handler)
    return parser


def _load_command_modules() -> None:
    # Sub-commands that live in their own modules register themselves on import.
    import importlib

    for module in ("jakcite.cli_format", "jakcite.cli_check"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code."""
    _load_command_modules()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except FormatError as exc:
        sys.stderr.write(f"jakcite: error: {exc}\n")
        return EXIT_USAGE
    except ParseError as exc:
        sys.stderr.write(f"{exc}\n")
        return EXIT_DATA
    except JakciteError as exc:
        sys.stderr.write(f"jakcite: error: {exc}\n")
        return EXIT_DATA
    except KeyboardInterrupt:
        sys.stderr.write("\njakcite: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    entry()
