"""``jakcite cite``: in-text citations of records, written in pandoc's citation syntax.

``jakcite cite refs.bib --style apa "[@smith2020, p. 23; see @jones2019]" "[-@smith2020]"``
prints one citation per argument (the arguments are the clusters of one document, so
``ibid`` and citation numbers follow from their order) and, with ``--bibliography``, then
the entries of the cited works.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any

from jakcite.cli.common import EXIT_OK, InputStats, Subcommands, iter_inputs, print_summary
from jakcite.csl.output import OUTPUT_FORMATS
from jakcite.errors import FormatError

__all__ = ["add_parser", "parse_cluster", "run"]

#: Locator label words (pandoc's and CSL's abbreviations) -> CSL locator label.
LABELS = {
    "p.": "page", "pp.": "page", "page": "page", "pages": "page", "p": "page", "pp": "page",
    "chap.": "chapter", "chaps.": "chapter", "ch.": "chapter", "chapter": "chapter",
    "sec.": "section", "secs.": "section", "section": "section", "§": "section", "§§": "section",
    "fig.": "figure", "figs.": "figure", "figure": "figure",
    "vol.": "volume", "vols.": "volume", "volume": "volume",
    "para.": "paragraph", "paras.": "paragraph", "paragraph": "paragraph", "¶": "paragraph",
    "l.": "line", "ll.": "line", "line": "line", "n.": "note", "nn.": "note", "note": "note",
    "no.": "issue", "bk.": "book", "book": "book", "col.": "column", "column": "column",
}  # fmt: skip
_CITE = re.compile(r"^(?P<prefix>.*?)(?P<minus>-?)@(?P<key>[\w][\w:.#$%&+?<>~/-]*?)(?P<rest>(?:[,\s].*)?)$", re.DOTALL)
_LOCATOR = re.compile(
    r"^,?\s*(?:(?P<label>[^\s\d]+)\s*)?(?P<value>[\dA-Za-z]*\d[\dA-Za-z]*(?:\s*[-\u2013,]\s*[\dA-Za-z]*\d[\dA-Za-z]*)*)(?P<suffix>.*)$"
)


def add_parser(commands: Subcommands, name: str) -> argparse.ArgumentParser:
    """Add the ``cite`` parser, with its arguments, to ``commands`` under ``name``."""
    help_text = "format citations of records, written as pandoc citations"
    parser = commands.add_parser(name, help=help_text, description=help_text[:1].upper() + help_text[1:] + ".")
    parser.add_argument("input", metavar="INPUT", help="the records ('-' for stdin)")
    parser.add_argument("clusters", nargs="+", metavar="CITATION", help="one citation, e.g. '[@smith2020, p. 23]'")
    parser.add_argument("--from", dest="from_format", metavar="FORMAT", help="input format (default: detect)")
    parser.add_argument(
        "--lenient", dest="strict", action="store_false", default=True, help="warn about bad records and go on"
    )
    parser.add_argument("--style", default="vancouver", help="CSL style (default: vancouver)")
    parser.add_argument("--locale", default=None, help="CSL locale (default: the style's, else en-US)")
    parser.add_argument("--output", default="text", choices=OUTPUT_FORMATS, help="output format (default: text)")
    parser.add_argument("--bibliography", action="store_true", help="also print the cited works' entries")
    parser.add_argument("--note", action="store_true", help="number the citations as footnotes 1, 2, 3...")
    return parser


def _cite(text: str) -> dict[str, Any]:
    found = _CITE.match(text.strip())
    if found is None:
        raise FormatError(f"not a citation: {text.strip()!r} (write @key, e.g. [see @smith2020, p. 23])")
    cite: dict[str, Any] = {"id": found["key"]}
    if found["prefix"].strip():
        cite["prefix"] = found["prefix"].rstrip() + " "
    if found["minus"]:
        cite["suppress-author"] = True
    rest = found["rest"].strip()
    locator = _LOCATOR.match(rest) if rest.startswith(",") else None
    if locator is not None and (locator["label"] is None or locator["label"].lower() in LABELS):
        cite["locator"] = locator["value"]
        cite["label"] = LABELS[locator["label"].lower()] if locator["label"] else "page"
        rest = locator["suffix"].strip()
    if rest:
        cite["suffix"] = (" " if rest[0].isalnum() else "") + rest
    return cite


def parse_cluster(text: str) -> list[dict[str, Any]]:
    """One citation in pandoc's syntax as CSL cites: ``[see @a, p. 23; -@b]`` or ``@a``.

    >>> parse_cluster("[see @smith2020, pp. 23-25; -@jones2019]")
    [{'id': 'smith2020', 'prefix': 'see ', 'locator': '23-25', 'label': 'page'}, {'id': 'jones2019', 'suppress-author': True}]
    """
    body = text.strip()
    if body.startswith("[") and body.endswith("]"):
        body = body[1:-1]
    return [_cite(part) for part in body.split(";") if part.strip()]


def run(args: argparse.Namespace) -> int:
    """Print the citations (and the bibliography) of the input records."""
    import jakcite

    clusters: list[Any] = [parse_cluster(text) for text in args.clusters]
    if args.note:
        clusters = [{"cites": cites, "note": number} for number, cites in enumerate(clusters, 1)]
    args.inputs, args.cited = [args.input], False
    stats = InputStats()
    records = list(iter_inputs(args, stats, sys.stderr))
    done = jakcite.cite(records, clusters, style=args.style, locale=args.locale, output=args.output)
    out = sys.stdout
    out.write("".join(f"{citation}\n" for citation in done.citations))
    if args.bibliography:
        out.write("".join(f"{entry}\n" for entry in done.bibliography))
    print_summary(args, stats)
    return EXIT_OK
