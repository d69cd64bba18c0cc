"""The ``bibtex`` and ``biblatex`` formats: one reader for both dialects, one writer each.

The two formats share their modules; what differs between them is the dialect
(:data:`~jakcite.builtin_formats.bibtex.vocabulary.Dialect`, ``"bibtex"`` or
``"biblatex"``), a keyword argument of the writer's ``write`` and the projection's
``project`` and the key of the ``LOSSES`` table in ``coverage``.  Each format below binds
its dialect; the reader and the sniffer serve both.

* ``sniffer.sniff``: recognises .bib files (declared on ``bibtex``, which reads both).
* ``reader.read``: BibTeX and BibLaTeX to records.
* ``writer.write(records, out, dialect=...)``: records to either dialect.
* ``coverage.project(record, dialect=...)`` and ``coverage.LOSSES[dialect]``: what each
  dialect carries; with the cite keys of :func:`~jakcite.builtin_formats.bibtex.citekeys.assign_keys`,
  a round trip is correct when ``read(write(r)) == project(r)``.
"""

from __future__ import annotations

from functools import partial
from typing import Literal

from jakcite.registry import Coverage, Format, Lazy, Option

__all__ = ["BIBLATEX", "BIBTEX"]


def _coverage(dialect: Literal["bibtex", "biblatex"]) -> Coverage:
    from jakcite.builtin_formats.bibtex.citekeys import assign_keys
    from jakcite.builtin_formats.bibtex.coverage import LOSSES, project

    return Coverage(losses=LOSSES[dialect], project=partial(project, dialect=dialect), keys=assign_keys)


OPTIONS = {
    "key_pattern": Option(
        "cite-key pattern for records without a key (default `[auth:lower][year][title:lower]`)",
        default="[auth:lower][year][title:lower]",
    ),
    "journal_abbreviation": Option(
        "write the journal abbreviation as the journal (many biomedical .bst styles expect it)", "bool", False
    ),
    "case_protection": Option("brace acronyms, gene symbols and proper names in titles (default true)", "bool", True),
    "unicode": Option(
        "biblatex: write UTF-8 as is for xelatex/lualatex (default false: characters pdflatex cannot "
        "typeset become LaTeX commands); classic bibtex output is always ASCII",
        "bool",
        False,
    ),
}

BIBTEX = Format(
    name="bibtex",
    description="BibTeX .bib (reads BibTeX and BibLaTeX; writes classic BibTeX, ASCII with LaTeX accents)",
    aliases=("bib",),
    extensions=(".bib",),
    sniff=Lazy("jakcite.builtin_formats.bibtex.sniffer:sniff"),
    reader=Lazy("jakcite.builtin_formats.bibtex.reader:read"),
    writer=Lazy("jakcite.builtin_formats.bibtex.writer:write", dialect="bibtex"),
    coverage=partial(_coverage, "bibtex"),
    options=OPTIONS,
)
BIBLATEX = Format(
    name="biblatex",
    description="BibLaTeX .bib for Biber (UTF-8, ISO dates, eprint/eprinttype, journaltitle/shortjournal)",
    aliases=(),
    extensions=(),
    sniff=None,
    reader=Lazy("jakcite.builtin_formats.bibtex.reader:read"),
    writer=Lazy("jakcite.builtin_formats.bibtex.writer:write", dialect="biblatex"),
    coverage=partial(_coverage, "biblatex"),
    options=OPTIONS,
)
