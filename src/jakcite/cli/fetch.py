"""``jakcite fetch``: records by PMID, PMCID or DOI ("add by identifier")."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jakcite.cli import enrichment
from jakcite.cli.common import EXIT_DATA, EXIT_OK, EXIT_USAGE, Subcommands, write_output
from jakcite.cli.convert import parse_options
from jakcite.cli.progress import FetchProgress
from jakcite.enrichment import dedupe, fetch

__all__ = ["add_parser", "run"]


def add_parser(commands: Subcommands, name: str) -> argparse.ArgumentParser:
    """Add the ``fetch`` parser, with its arguments, to ``commands`` under ``name``."""
    help_text = "fetch records by PMID, PMCID or DOI from PubMed and Crossref"
    parser = commands.add_parser(name, help=help_text, description=help_text[:1].upper() + help_text[1:] + ".")
    parser.add_argument("identifiers", nargs="*", metavar="ID", help="PMIDs, PMCIDs (PMC...) and DOIs")
    parser.add_argument(
        "-i", "--input", action="append", metavar="FILE", help="a file of identifiers, one a line ('-' for stdin)"
    )
    parser.add_argument("--to", default="bibtex", metavar="FORMAT", help="output format (default: bibtex)")
    parser.add_argument("-o", "--output", metavar="OUT", help="output file ('-' or omitted: stdout)")
    parser.add_argument("-O", "--option", action="append", metavar="KEY=VALUE", help="writer option (repeatable)")
    parser.add_argument("--offline", action="store_true", help="use only what the cache holds, make no request")
    parser.add_argument("--dedupe", action="store_true", help="merge records that are the same work")
    parser.add_argument("--email", metavar="ADDRESS", help="contact address sent to NCBI and Crossref (politeness)")
    return parser


def _identifiers(args: argparse.Namespace) -> list[str]:
    found = list(args.identifiers)
    for name in args.input or ():
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8-sig")
        found.extend(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return found


def run(args: argparse.Namespace) -> int:
    """Fetch the records; an identifier nothing was found for is an error after the rest is written."""
    options = parse_options(args.option)
    identifiers = _identifiers(args)
    if not identifiers:
        sys.stderr.write("jakcite: error: no identifier given (as arguments or with -i FILE)\n")
        return EXIT_USAGE
    progress = FetchProgress(sys.stderr)
    try:
        records = fetch(identifiers, enrichment.config_from(args, progress))
    except ValueError as error:
        sys.stderr.write(f"jakcite: error: {error}\n")
        return EXIT_USAGE
    finally:
        progress.close()
    enrichment.report(records.diagnostics, sys.stderr)
    result = list(records)
    if args.dedupe:
        deduped = dedupe(result)
        enrichment.report(deduped.diagnostics, sys.stderr)
        result = list(deduped)
    write_output(result, args.to, args.output, options)
    return EXIT_DATA if len(records) < len(identifiers) else EXIT_OK
