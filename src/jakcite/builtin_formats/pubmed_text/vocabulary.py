"""Words of the PubMed page: banner and button lines, section headings, publication types, languages."""

from __future__ import annotations

import re

_BANNER = (
    "skip to main page content",
    "u.s. flag",
    "an official website of the united states government",
    "here's how you know",
    "here’s how you know",
    "dot gov",
    "the .gov means it’s official.",
    "the .gov means it's official.",
    "https",
    "the site is secure.",
    "access keys ncbi homepage mynbci homepage main content main navigation",
    "access keys ncbi homepage myncbi homepage main content main navigation",
    "log in",
    "show account info",
    "close",
    "account settings",
    "log out",
    "search: search",
    "advanced clipboard",
    "user guide",
    "save email",
    "send to",
    "display options",
    "display options format abstract pubmed pmid",
    "full text links",
    "cite",
    "add to collections",
    "add to my bibliography",
    "expand",
    "collapse",
    "item in clipboard",
    "free pmc article",
    "free article",
    "free full text",
    "pubmed disclaimer",
    "nih nlm logo",
    "account",
    "dashboard",
    "publications",
    "clipboard",
    "my bibliography",
    "collections",
    "citation manager",
    "create a new collection",
    "add to an existing collection",
    "name your collection:",
    "choose a collection:",
    "please try again",
    "add cancel",
    "permalink",
    "copy",
    "search",
    "search:",
    "show more",
    "show less",
    "load more",
    "no abstract available",
    "show details",
    "hide details",
)


_BANNER_PREFIXES = (
    "show all ",
    "see all ",
    "logged in as",
    "name must be less than",
    "unable to load your collection",
    "federal government websites often end in",
    "the https:// ensures that",
    "a lock (",
    "share sensitive information only on",
)


#: Section headings of the page and abstract views, lower-cased, mapped to a section name.
_HEADINGS = {
    "abstract": "abstract",
    "affiliations": "affiliations",
    "affiliation": "affiliation",
    "collaborators": "collaborators",
    "conflict of interest statement": "coi",
    "figures": "skip",
    "similar articles": "skip",
    "cited by": "skip",
    "references": "references",
    "publication types": "publication_types",
    "mesh terms": "mesh",
    "substances": "substances",
    "grants and funding": "grants",
    "linkout - more resources": "skip",
    "linkout": "skip",
    "ncbi literature resources": "skip",
    "follow ncbi": "skip",
    "connect with nlm": "skip",
    "supplementary concepts": "supplementary_concepts",
    "page navigation": "skip",
    "title & authors": "skip",
    "actions": "skip",
    "share": "skip",
    "related information": "skip",
    "full text sources": "skip",
    "other literature sources": "skip",
    "medical": "skip",
    "miscellaneous": "skip",
    "research materials": "skip",
    "supplementary info": "skip",
    "associated data": "associated_data",
    "comment in": "CommentIn",
    "comment on": "CommentOn",
    "erratum in": "ErratumIn",
    "erratum for": "ErratumFor",
    "update in": "UpdateIn",
    "update of": "UpdateOf",
    "retraction in": "RetractionIn",
    "retraction of": "RetractionOf",
    "republished in": "RepublishedIn",
    "republished from": "RepublishedFrom",
    "expression of concern in": "ExpressionOfConcernIn",
    "expression of concern for": "ExpressionOfConcernFor",
    "summary for patients in": "SummaryForPatientsIn",
    "reprint in": "ReprintIn",
    "reprint of": "ReprintOf",
}


RELATIONS = {v for v in _HEADINGS.values() if v[0].isupper()}


PUBLICATION_TYPES = {
    "review",
    "systematic review",
    "meta-analysis",
    "clinical trial",
    "randomized controlled trial",
    "case reports",
    "editorial",
    "letter",
    "comment",
    "comparative study",
    "observational study",
    "practice guideline",
    "guideline",
    "multicenter study",
    "clinical trial, phase i",
    "clinical trial, phase ii",
    "clinical trial, phase iii",
    "clinical trial, phase iv",
    "published erratum",
    "retracted publication",
    "retraction of publication",
    "news",
    "preprint",
    "historical article",
    "biography",
    "english abstract",
    "video-audio media",
    "consensus development conference",
}


LANGUAGES = {
    "german": "ger",
    "french": "fre",
    "spanish": "spa",
    "italian": "ita",
    "chinese": "chi",
    "japanese": "jpn",
    "russian": "rus",
    "portuguese": "por",
    "polish": "pol",
    "dutch": "dut",
    "czech": "cze",
    "korean": "kor",
    "turkish": "tur",
    "hungarian": "hun",
    "danish": "dan",
    "swedish": "swe",
    "norwegian": "nor",
    "finnish": "fin",
    "hebrew": "heb",
    "greek, modern": "gre",
    "croatian": "hrv",
    "serbian": "srp",
    "romanian": "rum",
    "persian": "per",
    "arabic": "ara",
    "ukrainian": "ukr",
    "slovak": "slo",
    "lithuanian": "lit",
}


def heading_of(line: str) -> str | None:
    """The section a heading line opens (``"MeSH terms"`` -> ``"mesh"``), or None."""
    key = line.strip().rstrip(":").lower()
    return _HEADINGS.get(key)


def is_banner(line: str) -> bool:
    """True for site banner, menu and button lines that carry no data."""
    low = line.lower()
    return low in _BANNER or low.startswith(_BANNER_PREFIXES)


def journal_name(text: str) -> str | None:
    """A journal as printed: ``Int J Mol Sci.`` loses its full stop, ``Int. J. Oncol.`` keeps it."""
    name = text.strip(" ;,")
    if name.endswith(".") and not re.search(r"\w\.\s+\S", name):
        name = name.rstrip(".").strip()
    return name or None
