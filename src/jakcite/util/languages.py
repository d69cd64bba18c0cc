"""Language names and codes: PubMed's ISO 639-2 codes and the babel names LaTeX uses."""

from __future__ import annotations

import re

__all__ = ["LANGIDS", "LANGUAGE_CODES", "babel_name", "iso_code", "split_languages"]

#: PubMed (ISO 639-2) language codes to babel names for ``langid``; others are written as is.
LANGIDS = {
    "eng": "english", "ger": "german", "fre": "french", "spa": "spanish", "ita": "italian",
    "por": "portuguese", "dut": "dutch", "rus": "russian", "pol": "polish", "jpn": "japanese",
    "chi": "chinese", "swe": "swedish", "dan": "danish", "nor": "norsk", "fin": "finnish",
    "cze": "czech", "hun": "hungarian", "tur": "turkish", "gre": "greek", "kor": "korean",
    "heb": "hebrew", "cat": "catalan", "rum": "romanian", "hrv": "croatian", "slo": "slovak",
    "slv": "slovenian", "ukr": "ukrainian", "bul": "bulgarian", "srp": "serbian", "lit": "lithuanian",
    "ice": "icelandic", "afr": "afrikaans", "ara": "arabic", "per": "farsi", "est": "estonian",
    "lav": "latvian",
}  # fmt: skip
#: babel names (in ``langid``, ``language``) back to PubMed's ISO 639-2 codes: the names
#: above, and the other babel names of the same languages.
LANGUAGE_CODES = {name: code for code, name in LANGIDS.items()} | {
    "american": "eng", "british": "eng", "usenglish": "eng", "ukenglish": "eng", "ngerman": "ger",
    "austrian": "ger", "naustrian": "ger", "brazil": "por", "brazilian": "por", "norwegian": "nor",
    "magyar": "hun",
}  # fmt: skip

_SEPARATOR = re.compile(r"\s*(?:,|;|\band\b)\s*")


def iso_code(language: str) -> str:
    """PubMed's code for a babel name or a code in any case (``english``, ``ENG`` -> ``eng``).

    Anything else is returned unchanged.
    """
    key = language.lower()
    return LANGUAGE_CODES.get(key) or (key if key in LANGIDS else language)


def babel_name(language: str) -> str:
    """The babel name for a code or name (``eng``, ``English`` -> ``english``); others unchanged."""
    code = iso_code(language)
    return LANGIDS.get(code.lower(), code)


def split_languages(text: str) -> list[str]:
    """The codes of a ``language`` field listing several (``english, and french``), each once."""
    codes: list[str] = []
    for part in _SEPARATOR.split(text):
        code = iso_code(part)
        if part and code not in codes:
            codes.append(code)
    return codes
