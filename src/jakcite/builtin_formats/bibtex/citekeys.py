"""BibTeX cite keys: :mod:`jakcite.util.citekeys`, shared with the CSL-JSON and RIS writers so
that a record has one key in every format (issue 17)."""

from __future__ import annotations

from jakcite.util.citekeys import (
    DEFAULT_PATTERN,
    KeyBasis,
    PatternError,
    ascii_fold,
    assign_keys,
    assign_keys_from,
    check_pattern,
    identity,
    key_basis,
    keyed_texts,
    render_pattern,
    sanitize_key,
)

__all__ = [
    "DEFAULT_PATTERN",
    "KeyBasis",
    "PatternError",
    "ascii_fold",
    "assign_keys",
    "assign_keys_from",
    "check_pattern",
    "identity",
    "key_basis",
    "keyed_texts",
    "render_pattern",
    "sanitize_key",
]
