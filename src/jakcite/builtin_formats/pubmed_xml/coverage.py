"""What PubMed XML carries of the model: the declared losses of the reader.

The format is read-only, so there is no round trip to project records onto; the
``Coverage`` of the declaration keeps the registry's identity projection.
"""

from __future__ import annotations

from jakcite.registry import Loss

__all__ = ["LOSSES"]

LOSSES: tuple[Loss, ...] = (
    Loss("key", "dropped", "PubMed XML has no cite key"),
    Loss("short_title", "dropped", "not in PubMed XML"),
    Loss("transliterated_title", "dropped", "PubMed XML has VernacularTitle only"),
    Loss("accessed", "dropped", "not in PubMed XML"),
    Loss("url", "dropped", "ArticleId IdType=url is kept in ids.others"),
    Loss("note", "dropped", "GeneralNote is kept in extra"),
    Loss("conflict_of_interest", "lossy", "CoiStatement inline markup is flattened (the model slot is plain text)"),
    Loss("container.title", "lossy", "a chapter's BookTitle markup is flattened (the model slot is plain text)"),
    Loss("references", "lossy", "each cited reference is its citation string and identifiers"),
)
