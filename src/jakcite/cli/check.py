"""``jakcite check``: prove that records survive conversion through each format."""

from __future__ import annotations

import argparse
import json
import sys
import time

from jakcite.check import FormatReport, check_roundtrip, roundtrip_formats
from jakcite.cli.common import EXIT_DATA, EXIT_OK, InputStats, Subcommands, add_reading_parser, iter_inputs

__all__ = ["add_parser", "run"]

#: How many differences per format the text report shows (``--json`` has them all).
SHOW = 20


def add_parser(commands: Subcommands, name: str) -> argparse.ArgumentParser:
    """Add the ``check`` parser, with its arguments, to ``commands`` under ``name``."""
    parser = add_reading_parser(commands, name, "round-trip records through formats and report undeclared losses")
    parser.add_argument(
        "--via",
        metavar="FORMATS",
        help="comma-separated formats to round-trip through (default: every format that reads and writes)",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    return parser


def _print_losses(report: FormatReport, verbose: bool) -> None:
    if not report.losses:
        return
    if verbose:
        for loss in report.losses:
            print(f"{report.format}: lost as declared: {loss.field} in {loss.records} records (e.g. {loss.example})")
        return
    shown = ", ".join(f"{x.field} ({x.records})" for x in report.losses[:SHOW])
    more = f", ... {len(report.losses) - SHOW} more" if len(report.losses) > SHOW else ""
    print(f"{report.format}: lost as declared, field (records): {shown}{more}; -v gives an example record of each")


def _print_text(reports: list[FormatReport], seconds: float, verbose: bool = False) -> None:
    width = max(len(r.format) for r in reports) if reports else 6
    print(f"{'format':<{width}}  records  fields  declared-losses  undeclared  idempotent")
    for r in reports:
        status = "ERROR" if r.error else str(len(r.differences))
        print(
            f"{r.format:<{width}}  {r.records:>7}  {r.fields_compared:>6}  {r.declared_losses:>15}  {status:>10}  "
            f"{'yes' if r.idempotent else 'NO':>10}"
        )
    for r in reports:
        _print_losses(r, verbose)
    for r in reports:
        if r.error:
            print(f"\n{r.format}: {r.error}")
        for d in r.differences[:SHOW]:
            print(f"{r.format}: {d.record}: {d.field}: expected {d.expected!r}, got {d.actual!r}")
        if len(r.differences) > SHOW:
            print(f"{r.format}: ... {len(r.differences) - SHOW} more (use --json)")
    print(f"\n{'OK' if all(r.ok for r in reports) else 'FAILED'} in {seconds:.2f} s")


def _print_json(reports: list[FormatReport], seconds: float) -> None:
    payload = {
        "ok": all(r.ok for r in reports),
        "seconds": round(seconds, 3),
        "formats": [
            {
                "format": r.format,
                "records": r.records,
                "fields_compared": r.fields_compared,
                "declared_losses": r.declared_losses,
                "losses": [{"field": x.field, "records": x.records, "example": x.example} for x in r.losses],
                "idempotent": r.idempotent,
                "error": r.error,
                "differences": [
                    {"record": d.record, "field": d.field, "expected": d.expected, "actual": d.actual}
                    for d in r.differences
                ],
            }
            for r in reports
        ],
    }
    json.dump(payload, sys.stdout, indent=2)
    sys.stdout.write("\n")


def run(args: argparse.Namespace) -> int:
    """Round-trip the inputs through each format and report undeclared differences."""
    start = time.monotonic()
    stats = InputStats()
    records = list(iter_inputs(args, stats, sys.stderr))
    if stats.printer is not None:
        stats.printer.summary()
    formats = roundtrip_formats(args.via.split(",") if args.via else None)
    reports = [check_roundtrip(records, fmt) for fmt in formats]
    seconds = time.monotonic() - start
    if args.json:
        _print_json(reports, seconds)
    else:
        _print_text(reports, seconds, verbose=args.verbosity >= 2)
    return EXIT_OK if all(r.ok for r in reports) else EXIT_DATA
