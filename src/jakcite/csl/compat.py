"""What jakcite takes from citeproc-py beyond its documented face, checked at import.

jakcite's CSL layer subclasses citeproc-py's element classes and calls a few of its
private helpers. citeproc-py is pinned below its next minor release in ``pyproject.toml``;
a version that still lacks one of these names fails here, at import, with one clear line
instead of an AttributeError deep inside a bibliography.
"""

from __future__ import annotations

import importlib

__all__ = ["REQUIRED", "check_citeproc"]

#: module -> the names jakcite uses from it.
REQUIRED: dict[str, tuple[str, ...]] = {
    "citeproc": ("DATES", "NAMES", "VARIABLES", "LANGUAGE_NAMES", "PRIMARY_DIALECTS"),
    "citeproc.frontend": ("CitationStylesBibliography",),
    "citeproc.source": ("Citation", "CitationItem", "CustomDict", "Date", "DateRange", "LiteralDate", "Locator", "Name", "Reference"),
    "citeproc.source.json": ("CiteProcJSON",),
    "citeproc.string": ("MixedString", "NoCase", "String", "join", "_strip_first_char", "normalize_seam"),
    "citeproc.model": (
        "Affixed", "Choose", "CitationStylesElement", "Date", "Date_Part", "Delimited", "Formatted", "Group",
        "Locale", "Macro", "Name", "Names", "Parent", "SomewhatObjectifiedElement", "String", "StrippedPeriods",
        "Style", "Term", "Text", "TextCased", "VariableError", "join", "normalize_seam",
    ),
}  # fmt: skip


def check_citeproc() -> None:
    """Raise ImportError naming the citeproc-py version and the missing names, if any."""
    missing = []
    for module_name, names in REQUIRED.items():
        module = importlib.import_module(module_name)
        missing += [f"{module_name}.{n}" for n in names if not hasattr(module, n)]
    if missing:
        from importlib.metadata import version

        raise ImportError(
            f"jakcite's CSL layer needs citeproc-py's {', '.join(missing)}, which citeproc-py "
            f"{version('citeproc-py')} lacks; install the version pyproject.toml allows (citeproc-py<0.12)"
        )


check_citeproc()
