"""Compiled localized dates: ``<date form="text" variable="issued"/>`` as one closure.

A style's ``cs:date`` with a ``form`` renders through the locale's date of that form:
citeproc-py's ``Date.process`` looks the localized date up, which renders each of its
``cs:date-part`` children (``Date_Part.process`` then ``markup``), joins them with the
style date's delimiter and wraps them in the style date's affixes.  Every one of those
steps re-reads attributes per call; this module reads them once.

One thing keeps date parts from being fixed in general: ``Date_Part.process`` first
copies onto the locale's date part the attributes of a same-named ``cs:date-part`` of the
calling style date, so a style date that overrides parts changes the locale's parts from
then on.  The locale is parsed per style, so when no style date with a ``form`` has
``cs:date-part`` children (Vancouver's case) the copy never happens and the parts'
attributes never change: only then are dates compiled.  Anything else (date ranges,
seasons, ordinal days, years before 1000, unknown forms, subclasses overriding a method)
renders through citeproc-py's own methods, so the output is the same by construction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import citeproc.model as cm
from citeproc.source import DateRange, LiteralDate

from jakcite.csl.compiled import FAILED, Renderer, VariableError, _defined_by, _wrapper, fast_join

__all__ = ["compile_date"]

_CSL = "{http://purl.org/net/xbiblio/csl}"
#: The methods a ``cs:date``'s class must take from citeproc-py unchanged to be compiled.
_DATE_METHODS = ("render", "process", "render_single_date", "render_date_range", "parts", "markup", "join")
_PART_METHODS = {
    "render": cm.CitationStylesElement.render,
    "process": cm.Date_Part.process,
    "markup": cm.Date_Part.markup,
    "strip_periods": cm.StrippedPeriods.strip_periods,
    "case": cm.TextCased.case,
    "format": cm.Formatted.format,
    "font_style": cm.Formatted.font_style,
    "font_variant": cm.Formatted.font_variant,
    "font_weight": cm.Formatted.font_weight,
    "text_decoration": cm.Formatted.text_decoration,
    "vertical_align": cm.Formatted.vertical_align,
    "wrap": cm.Affixed.wrap,
}
#: A date part's text from the date (``Date_Part.process``); raises ``VariableError``.
PartProcess = Callable[[Any], Any]


def compile_date(element: Any) -> Renderer | None:
    """``cs:date`` with a ``form`` as ``Date.render`` renders it, or ``None`` (then the
    element's own ``render`` runs)."""
    from jakcite.csl import elements as el

    form = element.get("form")
    variable = element.get("variable")
    if form is None or variable is None or element.is_locale_date():
        return None
    if any(_defined_by(element, name) is not getattr(cm.Date, name) for name in _DATE_METHODS):
        return None
    if _defined_by(element, "wrap") is not el._AffixMemo.wrap or _parts_rewritten(element.get_root()):
        return None
    localized = element.get_date(form)
    if localized is None or type(localized) is not type(element) or not localized.is_locale_date():
        return None
    return _localized_renderer(element, localized, variable)


def _parts_rewritten(root: Any) -> bool:
    """Whether a style date with a ``form`` has ``cs:date-part`` children (whose attributes
    ``Date_Part.process`` copies onto the locale's parts), worked out once per style."""
    d = root.__dict__
    found = d.get("_jk_parts_rewritten")
    if found is None:
        found = d["_jk_parts_rewritten"] = any(
            date.get("form") is not None and date.find(_CSL + "date-part") is not None and not date.is_locale_date()
            for date in root.iter(_CSL + "date")
        )
    return bool(found)


def _localized_renderer(element: Any, localized: Any, variable: str) -> Renderer | None:
    """The render function of ``element`` through ``localized`` (the locale's date)."""
    date_parts = element.get("date-parts")
    show = date_parts.split("-") if date_parts is not None else ["year", "month", "day"]
    parts = []
    for part in localized.iterchildren():
        if not isinstance(part, cm.Date_Part):
            return None
        if part.get("name") in show:
            compiled = _compile_part(part, element)
            if compiled is None:
                return None
            parts.append(compiled)
    key = variable.replace("-", "_")
    delimiter = element.get("delimiter", "")
    wrap = _wrapper(element)
    render_range = localized.render_date_range

    def single(date: Any) -> Any:
        output = []
        for render_part in parts:
            try:
                text = render_part(date)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
        if not output:
            return None
        try:
            return fast_join(output, delimiter)
        except Exception:  # noqa: BLE001 - citeproc-py's Delimited.join swallows everything
            return cm.String("")

    def localized_date(item: Any, context: Any, delimiter_: str, kw: dict[str, Any]) -> Any:
        try:
            value = item.reference[key]
        except VariableError:
            return FAILED
        if not value:
            return None
        if isinstance(value, LiteralDate):
            text = value.text
        elif isinstance(value, DateRange):
            text = render_range(value, list(show), element)  # it edits the list it is given
        else:
            text = single(value)
        if text is None or wrap is None:
            return text
        return wrap(text)

    return localized_date


def _compile_part(part: Any, context: Any) -> Callable[[Any], Any] | None:
    """``part.render(date, context)`` (``Date_Part.process`` then ``markup``) with the
    part's attributes read once, or ``None`` when its class changes any of those steps."""
    if any(_defined_by(part, name) is not function for name, function in _PART_METHODS.items()):
        return None
    process = _part_process(part, context)
    markup = _part_markup(part)

    def render_part(date: Any) -> Any:
        return markup(process(date))

    return render_part


def _part_process(part: Any, context: Any) -> PartProcess:
    """``Date_Part.process`` for the common forms; the method itself for the rest."""

    def stock(date: Any) -> Any:
        return cm.Date_Part.process(part, date, context)

    name = part.get("name")
    if name == "day":
        return _day(part.get("form", "numeric"), stock)
    if name == "month":
        return _month(part.get("form", "long"), context, stock)
    if name == "year":
        return _year(part.get("form", "long"), stock)
    return stock


def _day(form: str, stock: PartProcess) -> PartProcess:
    """The day's text (ordinal days through ``stock``, as they read locale options and terms)."""
    if form == "numeric":
        return lambda date: date.day
    if form == "numeric-leading-zeros":
        return lambda date: f"{date.day:02}"
    return stock


def _month(form: str, context: Any, stock: PartProcess) -> PartProcess:
    """The month's text (seasons through ``stock``); month terms are locale terms, looked up
    once per month."""
    if form in ("long", "short"):
        term_form = "short" if form == "short" else None
        terms: dict[Any, Any] = {}

        def term(date: Any) -> Any:
            try:
                index = date.month
            except VariableError:
                return stock(date)
            name = f"month-{index:02}"
            text = terms.get(name)
            if text is None:
                text = terms[name] = context.get_single_term(name=name, form=term_form)
            return text

        return term

    def numeric(date: Any) -> Any:
        try:
            index = date.month
        except VariableError:
            return stock(date)
        return f"{index}" if form == "numeric" else f"{index:02}"

    return numeric if form in ("numeric", "numeric-leading-zeros") else stock


def _year(form: str, stock: PartProcess) -> PartProcess:
    """The year's text (years before 1000, which take era terms, through ``stock``)."""
    if form == "long":

        def long(date: Any) -> Any:
            year = date.year
            return str(year) if year >= 1000 else stock(date)

        return long
    if form == "short":
        return lambda date: str(date.year)[-2:]
    return stock


def _part_markup(part: Any) -> Callable[[Any], Any]:
    """``Date_Part.markup``: periods stripped, cased, formatted and wrapped as the part says."""
    from jakcite.csl import elements as el

    strip = part.get("strip-periods", "false").lower() == "true"
    case = part.case if part.get("text-case") is not None else None
    wrappers = el._FormatterMemo._jk_wrappers(part)
    prefix, suffix = part.get("prefix", ""), part.get("suffix", "")
    seam = cm.normalize_seam

    def markup(text: Any) -> Any:
        if not text:
            return None
        if strip:
            text = text.replace(".", "")
        if case is not None:
            text = case(text)
        if isinstance(text, (int, float)):
            text = str(text)
        for wrapper in wrappers:
            text = wrapper(text)
        text = prefix + seam(prefix, text)
        return text + seam(text, suffix)

    return markup
