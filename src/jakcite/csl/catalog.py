"""The catalogue of styles: each style's title, fields, citation format and parent, searchable.

Read from the first kilobytes of each ``.csl`` file (the ``<info>`` block), so that listing
about ten thousand styles takes a fraction of a second and builds no style.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator
from pathlib import Path

import attrs

from jakcite.csl.styles import styles_dir

__all__ = ["StyleInfo", "all_styles", "search_styles"]

_TITLE = re.compile(rb"<title>([^<]*)</title>")
_TITLE_SHORT = re.compile(rb"<title-short>([^<]*)</title-short>")
_FIELD = re.compile(rb'<category\s+field="([^"]+)"')
_CITATION_FORMAT = re.compile(rb'<category\s+citation-format="([^"]+)"')
_PARENT = re.compile(
    rb'<link\s+[^>]*rel="independent-parent"[^>]*href="([^"]+)"|<link\s+href="([^"]+)"[^>]*rel="independent-parent"'
)


@attrs.frozen
class StyleInfo:
    """What a style says of itself: short name, title, fields, citation format, parent."""

    name: str
    title: str
    title_short: str | None = None
    fields: tuple[str, ...] = ()
    citation_format: str | None = None
    #: The independent style a dependent one uses; None for an independent style.
    parent: str | None = None

    def line(self) -> str:
        """``name  format  fields  title (-> parent)`` for a listing."""
        parent = f" (uses {self.parent})" if self.parent else ""
        return f"{self.name}\t{self.citation_format or ''}\t{','.join(self.fields)}\t{self.title}{parent}"


def _head(path: Path) -> bytes:
    with open(path, "rb") as handle:
        head = handle.read(6144)
    end = head.find(b"</info>")
    return head if end < 0 else head[:end]


def _info(path: Path) -> StyleInfo:
    head = _head(path)
    title = _TITLE.search(head)
    short = _TITLE_SHORT.search(head)
    fmt = _CITATION_FORMAT.search(head)
    parent = _PARENT.search(head)
    parent_name = None
    if parent:
        parent_name = (parent.group(1) or parent.group(2)).decode().rstrip("/").rsplit("/", 1)[-1]
    return StyleInfo(
        name=path.stem,
        title=html.unescape(title.group(1).decode("utf-8", "replace")).strip() if title else path.stem,
        title_short=html.unescape(short.group(1).decode("utf-8", "replace")).strip() if short else None,
        fields=tuple(f.decode() for f in _FIELD.findall(head)),
        citation_format=fmt.group(1).decode() if fmt else None,
        parent=parent_name,
    )


def _style_files() -> Iterator[Path]:
    root = styles_dir()
    yield from root.glob("*.csl")
    yield from (root / "dependent").glob("*.csl")


@functools.cache
def all_styles() -> tuple[StyleInfo, ...]:
    """Every available style's :class:`StyleInfo`, sorted by name."""
    return tuple(sorted((_info(p) for p in _style_files()), key=lambda s: s.name))


def search_styles(
    word: str | None = None, *, field: str | None = None, citation_format: str | None = None
) -> list[StyleInfo]:
    """Styles whose name, title, short title or parent holds every word of ``word`` (any case), in a
    ``field`` (``medicine``) and of a ``citation_format`` (``numeric``, ``author-date``, ``note``...)."""
    words = (word or "").lower().split()
    found = []
    for info in all_styles():
        text = f"{info.name} {info.title} {info.title_short or ''} {info.parent or ''}".lower()
        if not all(w in text for w in words):
            continue
        if field and field not in info.fields:
            continue
        if citation_format and info.citation_format != citation_format:
            continue
        found.append(info)
    return found
