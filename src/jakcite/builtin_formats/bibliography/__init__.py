"""The ``bibliography`` format: records formatted in any CSL style (write only)."""

from __future__ import annotations

from jakcite.builtin_formats.bibliography.writer import write_bibliography
from jakcite.registry import Coverage, Format, Loss

__all__ = ["BIBLIOGRAPHY"]

LOSSES = (
    Loss("abstract", "dropped", "a formatted reference has no abstract"),
    Loss("other_abstracts", "dropped"),
    Loss("keywords", "dropped"),
    Loss("mesh", "dropped"),
    Loss("substances", "dropped"),
    Loss("grants", "dropped"),
    Loss("history", "dropped"),
    Loss("references", "dropped"),
    Loss("related", "dropped"),
    Loss("authors.affiliations", "dropped"),
    Loss("authors.orcid", "dropped"),
    Loss("authors", "lossy", "the style decides how many names are printed and how (initials, et al.)"),
    Loss("title", "lossy", "the style may change the title's case; markup survives only in html/markdown/rst/latex"),
    Loss("extra", "dropped"),
)

BIBLIOGRAPHY = Format(
    name="bibliography",
    description="formatted bibliography in any CSL style (citeproc-py, corrected to match citeproc-js)",
    aliases=("csl", "formatted"),
    extensions=(),
    writer=write_bibliography,
    coverage=Coverage(losses=LOSSES),
    options={
        "style": "CSL style: short name (apa, vancouver, nature...), dependent style or .csl path (default vancouver)",
        "locale": "CSL locale, e.g. en-US, de-DE (default en-US)",
        "output": "text, html, markdown, rst or latex (default text)",
    },
)
