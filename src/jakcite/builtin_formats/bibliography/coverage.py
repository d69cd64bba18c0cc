"""What a formatted bibliography carries of a record: the declared losses.

A formatted reference is not read back, so the format has no projection.
"""

from __future__ import annotations

from jakcite.registry import Loss

__all__ = ["LOSSES"]

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
