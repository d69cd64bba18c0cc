"""Recognise RIS text from its first lines."""

from __future__ import annotations

import re

__all__ = ["sniff"]

_TY_LINE = re.compile(r"^TY {1,2}- ")


def sniff(head: str) -> float:
    """Confidence that ``head`` is RIS: a ``TY  - `` line among the first non-blank lines."""
    seen = 0
    for line in head.lstrip("\ufeff").split("\n"):
        if not line.strip():
            continue
        if _TY_LINE.match(line.lstrip("\ufeff")):
            return 0.95
        seen += 1
        if seen > 5:
            return 0.0
    return 0.0
