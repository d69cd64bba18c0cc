"""``jakcite convert``: convert records between formats."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from jakcite.cli import enrichment
from jakcite.cli.common import (
    EXIT_OK,
    InputStats,
    Subcommands,
    add_reading_parser,
    fields_not_written,
    iter_inputs,
    print_summary,
    write_output,
)
from jakcite.cli.progress import Progress
from jakcite.errors import FormatError
from jakcite.model import Record
from jakcite.registry import load_formats

__all__ = ["add_parser", "output_format", "parse_options", "run"]


def add_parser(commands: Subcommands, name: str) -> argparse.ArgumentParser:
    """Add the ``convert`` parser, with its arguments, to ``commands`` under ``name``."""
    parser = add_reading_parser(commands, name, "convert records between formats")
    parser.add_argument(
        "--to", metavar="FORMAT", help="output format (see 'jakcite formats'; default: from -o's extension)"
    )
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


def output_format(to: str | None, output: str | None) -> str:
    """The format to write: ``--to``, else the one writable format that claims ``-o``'s extension."""
    if to:
        return to
    if output in (None, "-"):
        raise FormatError("give --to FORMAT (the output goes to stdout, so no file extension says it)")
    assert output is not None
    name = output.lower().removesuffix(".gz")
    suffix = "." + name.rsplit(".", 1)[-1] if "." in Path(name).name else ""
    writers = [f.name for f in load_formats().values() if f.can_write and suffix and suffix in f.extensions]
    if len(writers) == 1:
        return writers[0]
    if writers:
        raise FormatError(f"{output}: '{suffix}' is written by {' and '.join(writers)}; give --to")
    raise FormatError(f"{output}: no format writes '{suffix or 'files without an extension'}'; give --to")


def _counted(records: Iterable[Record], progress: Progress) -> Iterator[Record]:
    for record in records:
        progress.tick()
        yield record


def run(args: argparse.Namespace) -> int:
    """Convert records between formats."""
    options = parse_options(args.option)
    fmt = output_format(args.to, args.output)
    args.skip = fields_not_written(fmt, args.cited)  # projection pushdown: build only what is written
    stats = InputStats()
    progress = Progress(sys.stderr)
    records: Iterable[Record] = _counted(iter_inputs(args, stats, sys.stderr), progress)
    if enrichment.wanted(args):
        records = enrichment.apply(records, args)  # needs them all: lookups are batched
    try:
        write_output(records, fmt, args.output, options)
    finally:
        progress.close()
    print_summary(args, stats)
    return EXIT_OK
