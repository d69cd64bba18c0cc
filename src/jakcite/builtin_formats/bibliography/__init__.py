"""The ``bibliography`` format: records formatted in any CSL style (write only).

``writer.write`` formats through :mod:`jakcite.csl`; ``coverage.LOSSES`` lists what a
formatted reference leaves out.
"""

from __future__ import annotations

from jakcite.markup import OUTPUT_MARKUPS
from jakcite.registry import Coverage, Format, Lazy, Option

__all__ = ["BIBLIOGRAPHY"]


def _coverage() -> Coverage:
    from jakcite.builtin_formats.bibliography.coverage import LOSSES

    return Coverage(losses=LOSSES)


BIBLIOGRAPHY = Format(
    name="bibliography",
    description="formatted bibliography in any CSL style (citeproc-py, corrected to match citeproc-js)",
    # ``csl`` is a CSL style, as pandoc's ``--csl`` (CSL data is ``csl-json``, alias ``csljson``).
    aliases=("csl", "formatted"),
    extensions=(),
    writer=Lazy("jakcite.builtin_formats.bibliography.writer:write"),
    coverage=_coverage,
    options={
        "style": Option(
            "CSL style: short name (apa, vancouver, nature...), dependent style or .csl path (default vancouver)",
            default="vancouver",
        ),
        "locale": Option("CSL locale, e.g. en-US, de-DE (default en-US)", default="en-US"),
        "output": Option("text, html, markdown, rst or latex (default text)", "choice", "text", choices=OUTPUT_MARKUPS),
    },
)
