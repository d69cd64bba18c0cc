"""Groups of work types that several formats treat alike, each named once."""

from __future__ import annotations

from jakcite.model import WorkType

#: Articles in a periodical (journal, magazine, newspaper) and reviews of other works:
#: what RIS, BibTeX and CSL-JSON write with a container title, volume and issue.
PERIODICAL_ARTICLES: frozenset[WorkType] = frozenset(
    {WorkType.JOURNAL_ARTICLE, WorkType.MAGAZINE_ARTICLE, WorkType.NEWSPAPER_ARTICLE, WorkType.REVIEW}
)

#: The periodical articles and preprints: works BibTeX's ``@article`` carries.
ARTICLE_LIKE: frozenset[WorkType] = PERIODICAL_ARTICLES | {WorkType.PREPRINT}
