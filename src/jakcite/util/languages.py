"""Language names and codes: PubMed's ISO 639-2 codes and the babel names LaTeX uses."""

from __future__ import annotations

import re

__all__ = [
    "BCP47_TAGS",
    "LANGIDS",
    "LANGUAGE_CODES",
    "babel_name",
    "bcp47_tag",
    "from_bcp47",
    "iso_code",
    "split_languages",
]

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

#: PubMed (ISO 639-2/B) codes to the BCP 47 tags CSL wants (ISO 639-1 where there is one):
#: citeproc-js and pandoc title-case only items whose language is English (``en``, ``en-US``).
BCP47_TAGS = {
    "eng": "en", "ger": "de", "fre": "fr", "spa": "es", "ita": "it", "por": "pt", "dut": "nl",
    "rus": "ru", "pol": "pl", "jpn": "ja", "chi": "zh", "swe": "sv", "dan": "da", "nor": "no",
    "fin": "fi", "cze": "cs", "hun": "hu", "tur": "tr", "gre": "el", "kor": "ko", "heb": "he",
    "cat": "ca", "rum": "ro", "hrv": "hr", "slo": "sk", "slv": "sl", "ukr": "uk", "bul": "bg",
    "srp": "sr", "lit": "lt", "ice": "is", "afr": "af", "ara": "ar", "per": "fa", "est": "et",
    "lav": "lv", "lat": "la", "tha": "th", "vie": "vi", "ind": "id", "hin": "hi", "ben": "bn",
    "bos": "bs", "geo": "ka", "arm": "hy", "mac": "mk", "alb": "sq", "baq": "eu", "glg": "gl",
    "wel": "cy", "gle": "ga", "may": "ms", "urd": "ur", "pus": "ps", "mao": "mi", "epo": "eo",
    "aze": "az", "kaz": "kk", "tgl": "tl", "swa": "sw", "amh": "am", "nep": "ne", "sin": "si",
    "tam": "ta", "tel": "te", "mon": "mn", "uzb": "uz", "kur": "ku", "yid": "yi", "ltz": "lb",
    "fao": "fo", "mlt": "mt", "gla": "gd", "bel": "be",
}  # fmt: skip
_ISO_639_2 = {tag: code for code, tag in BCP47_TAGS.items()}

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


def bcp47_tag(language: str) -> str:
    """The BCP 47 tag for a PubMed code or a babel name (``eng``, ``english`` -> ``en``);
    anything else (already a tag, ``en-US``) unchanged."""
    return BCP47_TAGS.get(iso_code(language).lower(), language)


def from_bcp47(tag: str) -> str:
    """The model's code for a BCP 47 language tag (``en`` -> ``eng``), the inverse of
    :func:`bcp47_tag`; a tag with a region or script (``en-US``) and unknown tags stay as they
    are, ISO 639-2 codes and babel names (older files) are read as :func:`iso_code` reads them."""
    return _ISO_639_2.get(tag.lower()) or iso_code(tag)
