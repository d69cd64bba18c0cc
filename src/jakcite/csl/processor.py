"""The processor: a parsed, cached style that formats citeproc-py references fast.

:class:`Processor` is what :func:`jakcite.csl.bibliography` uses.  A processor is built once
per (style, locale, corrected) and cached, so formatting many small batches does not
re-parse the style or its locales.  With ``corrected=False`` it renders exactly what stock
citeproc-py renders (the benchmark asserts this), only faster; with corrections on (the
default) the defects listed in :mod:`jakcite.csl.corrections` are fixed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS
from citeproc.frontend import CitationStylesBibliography
from citeproc.source import Citation, CitationItem, CustomDict, Locator, Reference

from jakcite.csl import corrections, disambiguation, grouping
from jakcite.csl.clusters import Cite, Cluster
from jakcite.csl.elements import build_classes, make_parser, parse_locale, parse_style
from jakcite.csl.output import MARKER_FORMATTER
from jakcite.csl.positions import IN_BIBLIOGRAPHY, POSITION, Tracker
from jakcite.csl.styles import ResolvedStyle, StyleError, locales_dir, resolve_locale, resolve_style
from jakcite.errors import WriteError

__all__ = ["Processor", "get_processor"]


class _StyleRoot:
    """Overrides for the ``<style>`` element: locales parsed with the fast classes."""

    __slots__ = ()

    def set_locale_list(self, output_locale: str, validate: bool = True) -> None:
        """citeproc-py's locale search order, with locale files parsed by our parser."""
        root: Any = self
        parser = root.__dict__["_jk_parser"]
        root.locales = []
        added: set[str] = set()

        def in_style(locale: str | None) -> None:
            expr = f'./cs:locale[@xml:lang="{locale}"]' if locale else "./cs:locale[not(@xml:lang)]"
            root.locales.extend(root.xpath_search(expr)[:1])

        def system(locale: str) -> None:
            if locale not in added:
                path = locales_dir() / f"locales-{locale}.xml"
                if not path.exists():
                    raise StyleError(f"unknown locale {locale!r}")
                root.locales.append(parse_locale(path, parser))
                added.add(locale)

        language = output_locale.split("-")[0]
        in_style(output_locale)
        in_style(language)
        in_style(None)
        if output_locale in LANGUAGE_NAMES:
            system(output_locale)
        if language in PRIMARY_DIALECTS:
            system(PRIMARY_DIALECTS[language])
        system("en-US")
        for locale in root.locales:
            locale.style = root


class FastCitationItem(CitationItem):  # type: ignore[misc]  # citeproc is untyped
    """A cite of one reference: keeps the id's case, looks its reference and number up in O(1)."""

    def __init__(self, key: str, **args: Any) -> None:
        CustomDict.__init__(self, args, optional={"locator", "prefix", "suffix"})
        self.key = key

    @functools.cached_property
    def reference(self) -> Any:
        """The cited reference, looked up once (then an ordinary instance attribute)."""
        return self.citation.bibliography.source[self["key"]]

    @property
    def number(self) -> int:
        return int(self.citation.bibliography.position[self["key"]]) + 1

    def is_bad(self) -> bool:
        return self["key"] not in self.citation.bibliography.position


class _StyleAdapter:
    """What ``CitationStylesBibliography`` expects of a style, around a fast root."""

    def __init__(self, root: Any) -> None:
        self.root = root

    def render_citation(self, citation: Any, cites: Any, callback: Any = None) -> Any:
        return self.root.citation.render(citation, cites, callback)

    def sort_bibliography(self, items: Any) -> Any:
        if self.root.bibliography is None:
            return items  # a note style: citation order
        return self.root.bibliography.sort(items)

    def render_bibliography(self, items: Any) -> Any:
        return self.root.bibliography.render(items)


class FastBibliography(CitationStylesBibliography):  # type: ignore[misc]
    """citeproc-py's bibliography with O(1) key look-ups instead of list scans."""

    def __init__(self, root: Any, source: dict[str, Any], formatter: Any) -> None:
        super().__init__(_StyleAdapter(root), source, formatter)
        self.items: list[Any] = []
        self.keys: list[str] = []
        self.position: dict[str, int] = {}

    def register(self, citation: Any, callback: Any = None) -> None:
        citation.bibliography = self
        for item in citation.cites:
            key = item["key"]
            if key in self.source:
                if key not in self.position:
                    self.position[key] = len(self.keys)
                    self.keys.append(key)
                    self.items.append(item)
            elif callback is not None:
                callback(item)

    def sort(self) -> None:
        self.items = self.style.sort_bibliography(self.items)
        self.keys = [item["key"] for item in self.items]
        self.position = {key: index for index, key in enumerate(self.keys)}


class Processor:
    """A parsed style in one locale, ready to format references."""

    def __init__(
        self,
        style: ResolvedStyle,
        locale: str,
        *,
        corrected: bool = True,
        formatter: Any = MARKER_FORMATTER,
        compiled: bool = True,
    ) -> None:
        self.style = style
        self.locale = locale
        self.corrected = corrected
        classes = build_classes(corrections.OVERRIDES if corrected else None, compiled)
        classes["style"] = type("Style", (_StyleRoot, classes["style"]), {"__module__": __name__})
        parser = make_parser(classes)
        try:
            root = parse_style(style.path, parser)
        except OSError as exc:
            raise StyleError(f"cannot read style {style.name!r}: {exc}") from exc
        except ValueError as exc:
            raise StyleError(str(exc)) from exc
        except Exception as exc:
            raise StyleError(f"citeproc-py cannot load style {style.name!r}: {exc}") from exc
        root.__dict__["_jk_parser"] = parser
        root.__dict__["_jk_corrected"] = corrected
        root.__dict__["_jk_has_disambiguate_condition"] = bool(root.xpath_search(".//cs:if[@disambiguate]"))
        root.set_locale_list(locale)
        root.formatter = formatter
        self.root = root
        self.formatter = formatter
        self.quotes = corrections.quote_marks(root) if corrected else None

    @functools.cached_property
    def variables(self) -> frozenset[str]:
        """Every CSL variable the style (or its locales) can print or test, ``_``-spelt."""
        found: set[str] = set()
        for tree in [self.root, *self.root.locales]:
            for element in tree.iter():
                for attribute in ("variable", "is-numeric", "is-uncertain-date"):
                    value = element.get(attribute) if hasattr(element, "get") else None
                    if value:
                        found.update(v.replace("-", "_") for v in value.split())
        # short forms are looked up by name ("title" -> "title_short")
        found.update(f"{v}_short" for v in list(found))
        return frozenset(found)

    @property
    def has_bibliography(self) -> bool:
        """True when the style defines a bibliography (note styles may not)."""
        return self.root.bibliography is not None

    @property
    def is_numeric(self) -> bool:
        """True for citation-number styles."""
        category = self.root.xpath_search("./cs:info/cs:category[@citation-format]")
        return bool(category) and category[0].get("citation-format") == "numeric"

    def _registered(self, references: Sequence[Reference]) -> tuple[FastBibliography, list[Any]]:
        return self._register_clusters(references, [Cluster((Cite(ref.key),)) for ref in references])

    def _register_clusters(
        self, references: Sequence[Reference], clusters: Sequence[Cluster]
    ) -> tuple[FastBibliography, list[Any]]:
        """A bibliography of the cited references, the clusters registered in document order."""
        source = {ref.key: ref for ref in references}
        bib = FastBibliography(self.root, source, self.formatter)
        if self.corrected:
            bib.__dict__[grouping.TRACKER] = Tracker(self._near_note_distance())
        citations = []
        for cluster in clusters:
            unknown = [cite.id for cite in cluster.cites if cite.id not in source]
            if unknown:
                raise WriteError(f"cannot cite {', '.join(map(repr, unknown))}: no record has this id")
            citation = Citation([_citation_item(cite) for cite in cluster.cites])
            citation.__dict__["_jk_note"] = cluster.note  # (a CustomDict: attributes would be keys)
            bib.register(citation)
            citations.append(citation)
        try:
            bib.sort()
        except Exception as exc:
            raise WriteError(
                f"citeproc-py failed to sort the references in style {self.style.name!r}: {exc!r}"
            ) from exc
        return bib, citations

    def bibliography(self, references: Sequence[Reference]) -> list[tuple[str, str]]:
        """``(id, marked entry)`` pairs in the style's bibliography order.

        A style without a bibliography (some note styles) gives each reference's full
        first citation (its note) instead, in the given order.
        """
        if not self.has_bibliography:
            cited, _ = self.citations(references)
            return [(ref.key, text) for ref, text in zip(references, cited, strict=True)]
        self.root.__dict__["_jk_disambiguation"] = None
        bib, _ = self._registered(references)
        if self.corrected:
            self._disambiguate(bib)
        return self._entries(bib)

    def citations(self, references: Sequence[Reference]) -> tuple[list[str], list[tuple[str, str]]]:
        """One in-text citation per reference (in the given order), and the bibliography."""
        self.root.__dict__["_jk_disambiguation"] = None
        bib, citations = self._registered(references)
        if self.corrected:
            self._disambiguate(bib)
        cited = [self._finish(bib.cite(citation, _unknown)) for citation in citations]
        return cited, self._entries(bib) if self.has_bibliography else []

    def cite(
        self, references: Sequence[Reference], clusters: Sequence[Cluster]
    ) -> tuple[list[str], list[tuple[str, str]]]:
        """Each cluster rendered, in document order, and the bibliography of the cited works.

        The clusters are one document: a work's first cite is its ``first`` position, a
        cite of the work just cited is ``ibid``, and numeric styles number works in the
        order they are first cited.
        """
        self.root.__dict__["_jk_disambiguation"] = None
        bib, citations = self._register_clusters(references, clusters)
        if self.corrected:
            self._disambiguate(bib)
        cited = [self._finish(bib.cite(citation, _unknown)) for citation in citations]
        return cited, self._entries(bib) if self.has_bibliography else []

    def _disambiguate(self, bib: FastBibliography) -> None:
        """Names expanded (add-names, add-givenname), then year suffixes, where cites print alike."""
        rendered = disambiguation.disambiguate(self.root, bib, self._plain_cite(bib))
        corrections.prepare_disambiguation(self.root, bib, rendered)

    def _plain_cite(self, bib: FastBibliography) -> Any:
        element = self.root.citation

        def render(item: Any) -> str | None:
            citation = Citation([FastCitationItem(item["key"])])
            citation.bibliography = bib
            try:
                text = element.render(citation, [], None)
            except Exception:  # noqa: BLE001 - a cite that cannot render cannot be ambiguous
                return None
            return None if text is None else str(text)

        return render

    def _near_note_distance(self) -> int:
        citation = self.root.citation
        try:
            return int(citation.get("near-note-distance", 5)) if citation is not None else 5
        except ValueError:
            return 5

    def _entries(self, bib: FastBibliography) -> list[tuple[str, str]]:
        """Each item rendered on its own, so one that renders empty or fails is named, not lost."""
        layout = self.root.bibliography.layout
        substitute = self.root.bibliography.get("subsequent-author-substitute") if self.corrected else None
        previous = None
        entries = []
        for item in bib.items:
            key = item["key"]
            item.__dict__[POSITION] = IN_BIBLIOGRAPHY  # no position test holds in a bibliography
            first = grouping.FirstNames(previous=previous, substitute=substitute)
            layout.__dict__[grouping.FIRST_NAMES] = first if substitute is not None else None
            try:
                rendered = layout.render_bibliography([item])
            except Exception as exc:
                raise WriteError(
                    f"{key}: citeproc-py failed to format this record in style {self.style.name!r}: {exc!r}"
                ) from exc
            finally:
                layout.__dict__[grouping.FIRST_NAMES] = None
            previous = first.text
            entries.append((key, self._finish(rendered[0]) if rendered else ""))
        return entries

    def _finish(self, entry: Any) -> str:
        text = str(entry)
        return corrections.postprocess(text, self.root) if self.corrected else text


_SPACED_RANGE = re.compile(r"(?<=\d)\s+[-\u2013]\s+(?=\d)")


def _citation_item(cite: Cite) -> FastCitationItem:
    """citeproc-py's citation item for one cite."""
    extra: dict[str, Any] = {}
    if cite.locator is not None:
        # "100 - 103" is a range, printed as citeproc-js prints it: 100–103
        extra["locator"] = Locator(cite.label, _SPACED_RANGE.sub("-", cite.locator))
    if cite.prefix:
        extra["prefix"] = cite.prefix
    if cite.suffix:
        extra["suffix"] = cite.suffix
    item = FastCitationItem(cite.id, **extra)
    item.__dict__["_jk_cite"] = cite  # beside the mapping: CustomDict stores attributes as keys
    return item


def _unknown(item: Any) -> None:
    return None


@functools.lru_cache(maxsize=32)
def _cached(style: ResolvedStyle, locale: str, corrected: bool) -> Processor:
    return Processor(style, locale, corrected=corrected)


def get_processor(style: str, locale: str | None = None, *, corrected: bool = True) -> Processor:
    """The cached processor for a style name (or ``.csl`` path) and locale.

    ``locale`` defaults to the dependent style's ``default-locale``, then the style's own,
    then ``en-US``.
    """
    resolved = resolve_style(style)
    if locale is None:
        locale = resolved.default_locale or _style_default_locale(resolved) or "en-US"
    return _cached(resolved, resolve_locale(locale), corrected)


def _style_default_locale(style: ResolvedStyle) -> str | None:
    from jakcite.csl.styles import _default_locale

    return _default_locale(style.path)
