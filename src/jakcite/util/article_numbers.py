"""PubMed's article numbers printed as pagination (``e0180707``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["is_article_number"]

_ARTICLE_NUMBER = re.compile(r"^[eE]\d+$")


def is_article_number(pagination: str, piis: Iterable[str]) -> bool:
    """True when a printed pagination is an article number, not a page.

    PubMed prints the article number of an electronic-only article as its pagination
    (MEDLINE ``PG - e0180707``, XML ``MedlinePgn``) and again as its location ID (``LID -
    e0180707 [pii]``, ``ELocationID``): a single value (no range) that is a location pii
    or has the ``e12345`` form is one.
    """
    text = pagination.strip()
    return text in set(piis) or bool(_ARTICLE_NUMBER.match(text))
