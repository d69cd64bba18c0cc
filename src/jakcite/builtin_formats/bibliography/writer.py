"""Writer for formatted bibliographies: one entry per line (text), or one block per entry."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any, TextIO

from jakcite.csl import bibliography
from jakcite.model import Record

__all__ = ["write"]


def write(
    records: Iterable[Record],
    out: TextIO,
    /,
    *,
    style: str = "vancouver",
    locale: str = "en-US",
    output: str = "text",
    **options: Any,
) -> None:
    """Write ``records`` as a bibliography formatted in a CSL ``style``.

    ``text``: one entry per line.  ``html``: a ``csl-bib-body`` block with one
    ``csl-entry`` div per line.  ``markdown``, ``rst`` and ``latex``: one paragraph per
    entry (entries separated by a blank line).
    """
    if options:
        raise TypeError(f"unknown bibliography option(s): {', '.join(sorted(options))}")
    entries = bibliography(records, style=style, locale=locale, output=output)
    if output == "html":
        out.write(f'<div class="csl-bib-body" data-style="{html.escape(style)}">\n')
        for entry in entries:
            out.write(f'  <div class="csl-entry">{entry}</div>\n')
        out.write("</div>\n")
        return
    separator = "\n" if output == "text" else "\n\n"
    for index, entry in enumerate(entries):
        if index:
            out.write(separator)
        out.write(" ".join(entry.split("\n")))
    if entries:
        out.write("\n")
