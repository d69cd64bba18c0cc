"""Recognising CSL-JSON from its first characters."""

from __future__ import annotations

import re

__all__ = ["sniff"]

_CSL_KEY = re.compile(
    r'"(?:type|id|title|author|issued|container-title|DOI|citation-key|editor|URL|page|volume|accessed|publisher)"\s*:'
)


def sniff(head: str) -> float:
    """Confidence that ``head`` is CSL-JSON: a JSON array or object with CSL variable names."""
    text = head.lstrip("\ufeff \t\r\n")
    if not text or text[0] not in "[{":
        return 0.0
    if text.startswith("[") and text[1:].lstrip().startswith("]"):
        return 0.5  # an empty array: nothing else claims it
    keys = set(_CSL_KEY.findall(text))
    if len(keys) >= 2 or ('"type"' in text and '"id"' in text):
        return 0.9
    return 0.3 if keys or (text.startswith("[") and text[1:].lstrip().startswith("{}")) else 0.0
