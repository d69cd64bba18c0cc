"""Recognising a list of identifiers (PubMed's "Save -> PMID" file) from its lines."""

from __future__ import annotations

from jakcite.builtin_formats.pmid_list.vocabulary import KINDS, tokens

__all__ = ["sniff"]


def sniff(head: str) -> float:
    """Confidence that ``head`` is a list of identifiers: every token a PMID, PMCID or DOI.

    The last line of a full head may be cut short, so it is not looked at.
    """
    lines = [line.strip() for line in head.lstrip("\ufeff").splitlines()]
    if len(head) >= 65536 and len(lines) > 1:
        lines = lines[:-1]
    found = [token for line in lines for token in tokens(line)]
    if not found:
        return 0.0
    kinds = [next((kind for kind, pattern in KINDS if pattern.match(token)), None) for token in found]
    if None in kinds:
        return 0.0
    return 0.9 if all(kind == "pmid" for kind in kinds) else 0.85
