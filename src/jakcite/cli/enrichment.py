"""What ``--enrich``, ``--offline`` and ``--dedupe`` do to the records a command has read,
and the configuration ``jakcite fetch`` shares with them."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from jakcite.api import Records
from jakcite.cli.progress import FetchProgress
from jakcite.model import Record
from jakcite.registry import Diagnostic

if TYPE_CHECKING:  # imported when used: a conversion without --enrich never loads the client
    from jakcite.enrichment import EnrichConfig

__all__ = ["add_enrich_options", "apply", "config_from", "report", "wanted"]


def add_enrich_options(parser: argparse.ArgumentParser) -> None:
    """``--enrich``, ``--offline``, ``--dedupe`` and ``--email`` on a reading command."""
    group = parser.add_argument_group(
        "completing and merging records (--enrich is the only option that uses the network)"
    )
    group.add_argument(
        "--enrich", action="store_true", help="complete the records from PubMed and Crossref by their identifiers"
    )
    group.add_argument(
        "--offline", action="store_true", help="complete from the cache only (implies --enrich); make no request"
    )
    group.add_argument("--dedupe", action="store_true", help="merge records that are the same work")
    group.add_argument("--email", metavar="ADDRESS", help="contact address sent to NCBI and Crossref (politeness)")


def config_from(args: argparse.Namespace, progress: FetchProgress | None = None) -> EnrichConfig:
    """The enrichment configuration the command line asks for (environment for the rest)."""
    from jakcite.enrichment import EnrichConfig

    if args.email:
        return EnrichConfig(offline=bool(args.offline), progress=progress, email=args.email)
    return EnrichConfig(offline=bool(args.offline), progress=progress)


def wanted(args: argparse.Namespace) -> bool:
    """True when the command line asks for enrichment or deduplication."""
    return bool(args.enrich or args.offline or args.dedupe)


def report(diagnostics: Iterable[Diagnostic], err: TextIO) -> None:
    """Each diagnostic as ``source: warning: message`` (``jakcite: warning: ...`` without a
    source) on ``err``."""
    for diag in diagnostics:
        if diag.source is None:
            err.write(f"jakcite: warning: {diag.message}\n")
        else:
            err.write(f"{diag}\n".replace(": ", ": warning: ", 1))


def apply(records: Iterable[Record], args: argparse.Namespace) -> list[Record]:
    """Enrich (``--enrich``/``--offline``), then deduplicate (``--dedupe``), reporting on stderr."""
    result: Records | list[Record] = list(records)
    if args.enrich or args.offline:
        progress = FetchProgress(sys.stderr)
        try:
            from jakcite.enrichment import enrich

            result = enrich(result, config_from(args, progress))
        finally:
            progress.close()
        report(result.diagnostics, sys.stderr)
    if args.dedupe:
        from jakcite.enrichment import dedupe

        result = dedupe(result)
        report(result.diagnostics, sys.stderr)
    return list(result)
