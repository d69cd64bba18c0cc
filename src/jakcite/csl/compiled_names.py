"""Compiled ``cs:names``: citeproc-py's ``Names.render`` with the style's decisions taken once.

``Names.process`` renders each of its roles present in the item through its ``cs:name``
(compiled itself, see :class:`jakcite.csl.compiled.CompiledName`) and its ``cs:label``,
joins them with the bibliography's ``names-delimiter`` and, when no role is present,
renders ``cs:substitute``.  Per call it splits the variable list, looks up the label, the
substitute and the ``names-delimiter`` ancestor by XPath and re-reads the affixes and
formatting; here those are looked up once (the delimiter once per calling context).  The
``cs:name`` is still looked up per call, as citeproc-py does: a ``cs:names`` without one
gets a default inserted on first use (see :mod:`jakcite.csl.elements`).  Editor and
translator together (``editortranslator``) and any class overriding a step render through
citeproc-py's own methods.
"""

from __future__ import annotations

from typing import Any

import citeproc.model as cm

from jakcite.csl.compiled import FAILED, Renderer, _defined_by, _formatter, _wrapper, fast_join

__all__ = ["compile_names"]

_NAMES_METHODS = ("render", "process", "markup", "join", "get_parent_delimiter", "substitute")
_PARENT = "./ancestor::*[self::cs:citation or self::cs:bibliography][1]"


def compile_names(element: Any, stock: Renderer) -> Renderer | None:
    """``cs:names`` as ``Names.render`` renders it, or ``None`` (then its own ``render``
    runs); ``stock`` is that ``render``, for the calls that find no ``cs:name``."""
    from jakcite.csl import elements as el

    variable = element.get("variable")
    if variable is None or any(_defined_by(element, name) is not getattr(cm.Names, name) for name in _NAMES_METHODS):
        return None
    if _defined_by(element, "wrap") is not el._AffixMemo.wrap:
        return None
    roles = variable.split()
    if set(roles) == {"editor", "translator"}:
        return None  # the editortranslator term decides: citeproc-py's own code
    label = element.label
    substitute = element.substitute()
    own_delimiter = element.get("delimiter")
    fmt = _formatter(element)
    wrap = _wrapper(element)
    delimiters: dict[Any, Any] = {}
    name_of = _name_finder(element)

    def parent_delimiter(context: Any) -> Any:
        found = delimiters.get(context, delimiters)
        if found is delimiters:
            found = delimiters[context] = context.xpath_search(_PARENT)[0].get_option("names-delimiter")
        return found

    def join(output: list[Any], default: Any) -> Any:
        try:
            present = [text for text in output if text is not None]
            return fast_join(present, own_delimiter if own_delimiter is not None else default)
        except Exception:  # noqa: BLE001 - citeproc-py's Delimited.join swallows everything
            return cm.String("")

    def labelled(item: Any, role: str, text: Any, kw: dict[str, Any]) -> Any:
        plural = len(item.reference[role]) > 1
        try:
            rendered = label.render(item, role, plural, **kw)
            if rendered is not None:
                text = rendered + text if label is element.getchildren()[0] else text + rendered
        except AttributeError:
            pass
        return text

    def names(item: Any, context: Any, delimiter: str, kw: dict[str, Any]) -> Any:
        own_context = context if context is not None else element
        reference = item.reference
        output = []
        for role in roles:
            if role in reference:
                name = name_of()
                if name is None:
                    return stock(item, context, delimiter, kw)
                text = name.render(item, role, context=own_context, **kw)
                if label is not None:
                    text = labelled(item, role, text, kw)
                else:
                    len(reference[role])  # as citeproc-py: a role that is not a list fails here
                output.append(text)
        if output:
            text = _count(output)
            if text is _NOT_COUNT:
                text = join(output, parent_delimiter(own_context))
        elif substitute is not None:
            text = substitute.render(item, context=own_context, **kw)
        else:
            return FAILED
        if not text:
            return None
        text = fmt(text)
        return text if wrap is None else wrap(text)

    return names


def _name_finder(element: Any) -> Any:
    """``element.name`` (its ``cs:name``, or the default ``cs:name`` jakcite keeps for it),
    looked up until it is one that stays: a ``cs:name`` child, found once and kept by
    :class:`jakcite.csl.elements.FastElement`, or the memoising default, which
    :class:`jakcite.csl.elements._NamesDefaultName` hands back from then on."""
    found: list[Any] = []

    def name_of() -> Any:
        if found:
            return found[0]
        name = element.name
        if name is not None and type(name) is not cm.Name:
            found.append(name)
        return name

    return name_of


_NOT_COUNT: Any = object()


def _count(output: list[Any]) -> Any:
    """The names count (``cs:name form="count"`` gives numbers): their sum as text, ``None``
    for zero, or :data:`_NOT_COUNT` for names, as ``Names.process`` tells them apart."""
    try:
        total = sum(output)
    except TypeError:
        return _NOT_COUNT
    if not isinstance(total, int):
        return _NOT_COUNT
    return str(total) if total > 0 else None
