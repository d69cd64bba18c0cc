"""The MEDLINE (PubMed ``.nbib``) tag vocabulary, shared by the MEDLINE reader and writer.

Sources: NLM's "MEDLINE/PubMed Data Element (Field) Descriptions" and the order in which
PubMed's MEDLINE display prints the tags.  Nothing here parses or writes: it is data.
"""

from __future__ import annotations

__all__ = [
    "ABSTRACT_LABEL",
    "HISTORY_TAGS",
    "NAME_SUFFIXES",
    "RELATION_BY_TAG",
    "TAG_BY_RELATION",
    "TAG_ORDER",
    "TAG_RANK",
    "TIMED_STATUSES",
    "tag_rank",
]

#: Comments/corrections tags and the PubMed ``CommentsCorrections`` RefType each one means.
RELATION_BY_TAG: dict[str, str] = {
    "CON": "CommentOn",
    "CIN": "CommentIn",
    "EIN": "ErratumIn",
    "EFR": "ErratumFor",
    "CRI": "RepublishedIn",
    "CRF": "RepublishedFrom",
    "ECI": "ExpressionOfConcernIn",
    "ECF": "ExpressionOfConcernFor",
    "RIN": "RetractionIn",
    "ROF": "RetractionOf",
    "RRI": "RetractedandRepublishedIn",
    "RRF": "RetractedandRepublishedFrom",
    "PRIN": "PartialRetractionIn",
    "PROF": "PartialRetractionOf",
    "UIN": "UpdateIn",
    "UOF": "UpdateOf",
    "SPIN": "SummaryForPatientsIn",
    "ORI": "OriginalReportIn",
    "RPI": "ReprintIn",
    "RPF": "ReprintOf",
    "DDIN": "DatasetDescribedIn",
    "DUIN": "DatasetUseReportedIn",
}
TAG_BY_RELATION: dict[str, str] = {relation: tag for tag, relation in RELATION_BY_TAG.items()}

#: An abstract section label as MEDLINE prints it inline (``BACKGROUND:``, ``AIM(S):``,
#: ``DESIGN, SETTING, AND PARTICIPANTS:``): upper-case words.  Mixed-case labels cannot be
#: told from ordinary text, so they are not recognised (and not written inline).
ABSTRACT_LABEL = r"[A-Z][A-Z0-9()]*(?:[ ,/&'\-]+[A-Z0-9()]+)*"

#: The display-date tags and the history (``PHST``) status each one repeats.
HISTORY_TAGS: dict[str, str] = {"EDAT": "pubmed", "MHDA": "medline", "CRDT": "entrez"}
#: History statuses whose time of day PubMed always gives: for them ``00:00`` is a real
#: time; for the others MEDLINE prints ``00:00`` where PubMed XML has no time at all.
TIMED_STATUSES = frozenset({"entrez", "medline"})

#: Suffixes PubMed writes after the given names (``Kaelin, William G Jr``); others follow
#: a comma.  A lone ``V`` is not one: in MEDLINE it is an initial (``Harissis, Haralampos V``).
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "2nd", "3rd"})

#: PubMed's display order.  Tags of one group (an author's FAU/AU/AUID/AD) are written
#: together by the writer; the order here decides where each group and each kept
#: ``extra`` value goes.
TAG_ORDER: tuple[str, ...] = (
    "PMID",
    "OWN",
    "STAT",
    "DA",
    "DCOM",
    "LR",
    "DRDT",
    "CTDT",
    "PB",
    "PUBM",
    "IS",
    "ISBN",
    "VI",
    "IP",
    "DP",
    "EN",
    "VTI",
    "CTI",
    "TI",
    "BTI",
    "PG",
    "LID",
    "AB",
    "CI",
    "FED",
    "ED",
    "FAU",
    "AU",
    "AUID",
    "AD",
    "CN",
    "LA",
    "SI",
    "GR",
    "PT",
    "DEP",
    "TT",
    "PL",
    "TA",
    "JT",
    "JID",
    "RN",
    "NM",
    "SB",
    "GS",
    *RELATION_BY_TAG,
    "MH",
    "PS",
    "FPS",
    "OAB",
    "OABL",
    "OCI",
    "PMC",
    "MID",
    "OID",
    "OTO",
    "OT",
    "COIS",
    "FIR",
    "IR",
    "IRAD",
    "GN",
    "SFM",
    "RF",
    "NR",
    "EDAT",
    "MHDA",
    "PMCR",
    "CRDT",
    "PHST",
    "AID",
    "PST",
    "SO",
)
TAG_RANK: dict[str, int] = {tag: rank for rank, tag in enumerate(TAG_ORDER)}


def tag_rank(tag: str) -> int:
    """Position of a tag in PubMed's order; unknown tags sort after every known one."""
    return TAG_RANK.get(tag, len(TAG_ORDER))
