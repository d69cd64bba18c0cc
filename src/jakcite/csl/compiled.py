"""Compiled rendering: each style element turned once into a small render function.

citeproc-py renders an entry by walking the style tree and, at every element, calling
``render`` -> ``process`` -> ``markup`` -> ``format``/``case``/``quote``/``wrap``, each of
which re-reads the element's attributes.  Everything those calls decide from the style
alone (which branch of ``process`` applies, the affixes, the formatting wrappers, whether
a text is cased, quoted or period-stripped, a term's or a value's text, a group's
delimiter and which of its children call variables) is fixed once the style is parsed.

:func:`renderer` compiles an element into a closure ``fn(item, context, delimiter, kw)``
with those decisions taken, calling its children's closures directly.  The closures build
the very same citeproc string objects in the same order as citeproc-py's methods, so the
output is identical by construction; only the interpretation overhead goes.

Compiled: ``cs:text``, ``cs:group``, ``cs:choose`` (with ``cs:if``/``cs:else-if``/
``cs:else``), ``cs:macro``, the children of ``cs:layout``, and on the stock-equivalent
path ``cs:names`` (:mod:`jakcite.csl.compiled_names`) and localized dates
(:mod:`jakcite.csl.compiled_dates`).  Everything else (other dates, numbers, labels...)
and any element whose class carries a method this module does not know (a correction
overriding it, say) renders through its own ``render`` method: the exact fallback, so
correctness never depends on what is compiled.  Nothing is cached by
item: a compiled function depends on the style, its locales and the formatter only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import citeproc.model as cm
from citeproc.source import CustomDict
from citeproc.string import MixedString, String, _strip_first_char, normalize_seam

from jakcite.csl.output import MarkedString
from jakcite.csl.positions import FIRST, POSITION

__all__ = ["CompiledChoose", "CompiledName", "CompiledParent", "CompiledRender", "Renderer", "fast_join", "renderer"]

#: ``fn(item, context, delimiter, kwargs)``: the element's rendered text or ``None``; where
#: citeproc-py's ``render`` raises ``VariableError`` it returns :data:`FAILED` (or raises).
Renderer = Callable[[Any, Any, str, dict[str, Any]], Any]

VariableError = cm.VariableError
#: What a compiled function returns instead of raising ``VariableError`` (an empty group,
#: a missing variable): the parents treat both alike, and the ``render`` methods raise.
FAILED: Any = object()
_CUSTOM_GETITEM = CustomDict.__getitem__
_KEY = "_jk_render"


def renderer(element: Any) -> Renderer:
    """The compiled render function of ``element`` (compiled on first use, then kept)."""
    fn: Renderer | None = element.__dict__.get(_KEY)
    if fn is None:
        fn = element.__dict__[_KEY] = _compile(element)
    return fn


def _original(element: Any, name: str) -> Any:
    """``element``'s method ``name`` as its class would have it without the compiled mixins."""
    for klass in type(element).__mro__:
        if name in vars(klass) and klass not in _MIXINS:
            return vars(klass)[name].__get__(element)
    raise AttributeError(name)


def _defined_by(element: Any, name: str) -> Any:
    """The function that defines ``name`` for ``element``'s class, skipping the compiled mixins."""
    for klass in type(element).__mro__:
        if name in vars(klass) and klass not in _MIXINS:
            return vars(klass)[name]
    return None


def _compile(element: Any) -> Renderer:
    # imported here: elements.py builds its classes with this module's mixins
    from jakcite.csl import elements as el

    if isinstance(element, cm.Text) and _defined_by(element, "markup") is cm.Text.markup:
        process = _defined_by(element, "process")
        if process is el._TextMemo.process or _is_sort_options_correction(process):
            compiled = _compile_text(element, sort_aware=process is not el._TextMemo.process)
            if compiled is not None:
                return compiled
    elif isinstance(element, cm.Group):
        if (
            _defined_by(element, "process") is el._GroupFast.process
            and _defined_by(element, "markup") is cm.Group.markup
            and _defined_by(element, "join") is cm.Delimited.join
        ):
            return _compile_group(element)
    elif isinstance(element, cm.Choose):
        if _defined_by(element, "render") is el._ChooseFast.render and all(
            _defined_by(child, "render_children") is el._ChildrenMemo.render_children
            for child in element.iterchildren()
        ):
            return _compile_choose(element)
    elif isinstance(element, cm.Macro):
        if _defined_by(element, "render") is cm.Macro.render:
            return _compile_macro(element)
    elif isinstance(element, cm.Date):
        from jakcite.csl.compiled_dates import compile_date

        date = compile_date(element)
        if date is not None:
            return date
    elif isinstance(element, cm.Names):
        from jakcite.csl.compiled_names import compile_names

        names = compile_names(element, _fallback(element))
        if names is not None:
            return names
    return _fallback(element)


def _is_sort_options_correction(process: Any) -> bool:
    from jakcite.csl import corrections

    return process is corrections.SortOptionsCorrections.process


def _fallback(element: Any) -> Renderer:
    """The element's own ``render``, called as its parent in citeproc-py would call it."""
    render = _original(element, "render")
    if isinstance(element, cm.Choose):

        def choose(item: Any, context: Any, delimiter: str, kw: dict[str, Any]) -> Any:
            return render(item, context=context, delimiter=delimiter, **kw)

        return choose

    def other(item: Any, context: Any, delimiter: str, kw: dict[str, Any]) -> Any:
        return render(item, context=context, **kw)

    return other


# --------------------------------------------------------------------------- markup steps


def _wrapper(element: Any) -> Callable[[Any], Any] | None:
    """``element.wrap`` (prefix and suffix), or ``None`` when it is the identity."""
    from jakcite.csl import elements as el

    if _defined_by(element, "wrap") is not el._AffixMemo.wrap:
        return _original(element, "wrap")  # type: ignore[no-any-return]
    prefix, suffix = element.get("prefix", ""), element.get("suffix", "")
    if not prefix and not suffix:
        return None  # '' + s and s + '' give s back for str, String and MixedString alike
    seam = cm.normalize_seam

    def wrap(string: Any) -> Any:
        if string is None:
            return None
        text = prefix + seam(prefix, string)
        return text + seam(text, suffix)

    return wrap


def _formatter(element: Any) -> Callable[[Any], Any]:
    """``element.format``: numbers to ``str``, then the font wrappers in citeproc-py's order."""
    from jakcite.csl import elements as el

    if _defined_by(element, "format") is not el._FormatterMemo.format:
        return _original(element, "format")  # type: ignore[no-any-return]
    wrappers = element._jk_wrappers()
    if not wrappers:
        return _plain

    def formatted(string: Any) -> Any:
        if isinstance(string, (int, float)):
            string = str(string)
        for wrapper in wrappers:
            string = wrapper(string)
        return string

    return formatted


def _plain(string: Any) -> Any:
    """``format`` without font wrappers: numbers to ``str``, anything else as it is."""
    return str(string) if isinstance(string, (int, float)) else string


def _children(element: Any) -> list[tuple[Renderer, bool]]:
    """Each child's compiled renderer and whether it calls a variable."""
    return [(renderer(child), bool(child.calls_variable())) for child in element.iterchildren()]


def _runner(children: Sequence[Renderer]) -> Renderer:
    """:func:`_run_children` over fixed ``children`` (one child: its text, unjoined, as
    joining a single text gives it back)."""
    if len(children) == 1:
        (only,) = children

        def single(item: Any, context: Any, delimiter: str, kw: dict[str, Any]) -> Any:
            try:
                text = only(item, context, delimiter, kw)
            except VariableError:
                return None
            return None if text is FAILED else text

        return single
    listed = list(children)

    def several(item: Any, context: Any, delimiter: str, kw: dict[str, Any]) -> Any:
        return _run_children(listed, item, context, delimiter, kw)

    return several


def _run_children(children: Sequence[Renderer], item: Any, context: Any, delimiter: str, kw: dict[str, Any]) -> Any:
    """``Parent.render_children``: the children's texts joined by the inherited delimiter."""
    output = []
    for fn in children:
        try:
            text = fn(item, context, delimiter, kw)
        except VariableError:
            continue
        if text is not None and text is not FAILED:
            output.append(text)
    if output:
        return output[0] if len(output) == 1 else fast_join(output, delimiter)
    return None


# --------------------------------------------------------------------------- elements


def _compile_text(element: Any, sort_aware: bool) -> Renderer | None:
    """``cs:text`` as ``Text.render`` (``_TextMemo.process`` or, with ``sort_aware``, the
    sort-options correction's ``process``, then ``Text.markup``) would render it."""
    attrib = element.attrib
    default_language = element.get_root().get("default-locale", "en")[:2]
    case = _original(element, "case") if element.get("text-case") is not None else None
    strip = element.get("strip-periods", "false").lower() == "true"
    quote = _original(element, "quote") if element.get("quotes", "false").lower() == "true" else None
    fmt = _formatter(element)
    wrap = _wrapper(element)

    def markup(text: Any, language: Any) -> Any:
        if not text:
            return None
        if strip:
            text = text.replace(".", "")
        if case is not None:
            text = case(text, language)
        text = fmt(text)
        if quote is not None:
            text = quote(text)
        return text if wrap is None else wrap(text)

    def language_of(item: Any) -> Any:
        if case is None:
            return None  # only text-case reads the language
        language = item.reference.get("language")
        return language[:2] if language is not None else default_language

    if "variable" in attrib:
        variable = _variable_reader(element)

        def text_variable(item: Any, context: Any, delimiter: str, kw: dict[str, Any]) -> Any:
            language = language_of(item)
            text = variable(item, context if context is not None else element)
            return FAILED if text is FAILED else markup(text, language)

        if case is not None or strip or quote is not None or wrap is not None or fmt is not _plain:
            return text_variable

        def bare_variable(item: Any, context: Any, delimiter: str, kw: dict[str, Any]) -> Any:
            # no case, quotes, affixes or formatting: markup only turns a number into str
            text = variable(item, context if context is not None else element)
            if text is FAILED:
                return FAILED
            if not text:
                return None
            return str(text) if isinstance(text, (int, float)) else text

        return bare_variable
    if "macro" in attrib:
        macro = element.get_macro(attrib["macro"])
        if _defined_by(macro, "render") is not cm.Macro.render:
            return None
        run_macro = _runner([fn for fn, _ in _children(macro)])

        def text_macro(item: Any, context: Any, delimiter: str, kw: dict[str, Any]) -> Any:
            sort_options = kw.get("sort_options") if sort_aware else None
            if sort_options is not None and case is not None:  # SortOptionsCorrections tests its truth
                language = item.reference.get("language")
                language = language[:2] if language else default_language
            else:
                language = language_of(item)
            inner = {"sort_options": sort_options} if sort_options is not None else _NO_KW
            text = run_macro(item, context if context is not None else element, "", inner)
            return markup(text, language)

        return text_macro
    if "term" in attrib or "value" in attrib:
        if "term" in attrib:
            if _defined_by(element, "_term") is not cm.Text._term:
                return None
            constant = element._term(None)  # a locale term: the same for every item
        else:
            constant = String(element.preformat(attrib["value"]))

        def text_constant(item: Any, context: Any, delimiter: str, kw: dict[str, Any]) -> Any:
            return markup(constant, language_of(item))

        if case is not None:
            return text_constant
        rendered = markup(constant, None)  # nothing in it depends on the item

        def fixed_text(item: Any, context: Any, delimiter: str, kw: dict[str, Any]) -> Any:
            return rendered

        return fixed_text
    return None


_NO_KW: dict[str, Any] = {}


def _compile_group(element: Any) -> Renderer:
    children = _children(element)
    own_delimiter = element.get("delimiter", "")
    any_calls = any(calls for _, calls in children)
    fmt = _formatter(element)
    wrap = _wrapper(element)

    def group(item: Any, context: Any, delimiter: str, kw: dict[str, Any]) -> Any:
        output = []
        rendered = False
        for fn, calls in children:
            try:
                text = fn(item, context, own_delimiter, kw)
            except VariableError:
                continue
            if text is not None and text is not FAILED:
                output.append(text)
                rendered = rendered or calls
        if not output or (any_calls and not rendered):
            return FAILED
        try:
            text = output[0] if len(output) == 1 else fast_join(output, own_delimiter)
        except Exception:  # noqa: BLE001 - citeproc-py's Delimited.join swallows everything
            text = String("")
        if not text:
            return None
        text = fmt(text)
        return text if wrap is None else wrap(text)

    return group


def _compile_choose(element: Any) -> Renderer:
    branches: list[tuple[Any, Renderer]] = []
    for child in element.iterchildren():
        test = _condition(child) if hasattr(child, "_jk_test") else None
        branches.append((test, _runner([fn for fn, _ in _children(child)])))

    def choose(item: Any, context: Any, delimiter: str, kw: dict[str, Any]) -> Any:
        for test, run in branches:
            if test is None or test(item, context):
                return run(item, context, delimiter, kw)
        return None

    return choose


def _compile_macro(element: Any) -> Renderer:
    run = _runner([fn for fn, _ in _children(element)])

    def macro(item: Any, context: Any, delimiter: str, kw: dict[str, Any]) -> Any:
        sort_options = kw.get("sort_options")
        inner = {"sort_options": sort_options} if sort_options is not None else _NO_KW
        return run(item, context, "", inner)

    return macro


def _condition(branch: Any) -> Callable[[Any, Any], bool]:
    """The test of ``cs:if``/``cs:else-if``.  Tests of ``type`` and ``variable`` (nearly all
    of them) are worked out directly; any other as ``_IfTest._jk_test`` does it."""
    from jakcite.csl import elements as el

    test: Callable[[Any, Any], bool] = branch._jk_test
    attrib = branch.attrib
    others = ("is-numeric", "is-uncertain-date", "locator", "position", "disambiguate")
    if (
        _defined_by(branch, "_jk_test") is not el._IfTest._jk_test
        or _defined_by(branch, "_type") is not el._IfMemo._type
        or _defined_by(branch, "_variable") is not el._IfMemo._variable
        or any(name in attrib for name in others)
    ):
        return test
    types = [typ.lower() for typ in attrib["type"].split()] if "type" in attrib else []
    names = [var.replace("-", "_") for var in attrib["variable"].split()] if "variable" in attrib else []
    if "locator" in names:
        return test
    match = attrib.get("match")
    wanted = frozenset(types)
    if not names:
        # results are [t == type for t in types]: any() is membership, all() needs one distinct type
        if match == "any":
            return lambda item, context: item.reference["type"] in wanted
        if match == "none":
            return lambda item, context: item.reference["type"] not in wanted
        if len(wanted) == 1:
            (only,) = wanted
            return lambda item, context: item.reference["type"] == only
        return lambda item, context: not types

    def results(item: Any) -> list[bool]:
        reference = item.reference
        ref_type = reference["type"] if types else None
        return [typ == ref_type for typ in types] + [name in reference for name in names]

    if match == "any":
        return lambda item, context: any(results(item))
    if match == "none":
        return lambda item, context: not any(results(item))
    return lambda item, context: all(results(item))


def _layout(context: Any) -> Any:
    """``context.get_layout()`` (the enclosing ``cs:layout``, fixed by the tree), kept on the element."""
    d = context.__dict__
    layout = d.get("_jk_layout")
    if layout is None:
        layout = d["_jk_layout"] = context.get_layout()
    return layout


def _variable_reader(element: Any) -> Callable[[Any, Any], Any]:
    """``cs:text variable``'s look-up: ``Text._variable`` (and, on the corrected path, the
    suppression correction around it) with the variable's name and kind worked out once."""
    from jakcite.csl import corrections

    chain = [vars(k)["_variable"] for k in type(element).__mro__ if "_variable" in vars(k) and k not in _MIXINS]
    corrected = chain[:1] == [corrections.SuppressionCorrections._variable]
    expected = [corrections.SuppressionCorrections._variable, cm.Text._variable] if corrected else [cm.Text._variable]
    if chain[: len(expected)] != expected:
        return _original(element, "_variable")  # type: ignore[no-any-return]
    variable = element.get("variable")
    tag = element.tag
    short = variable + "-short" if element.get("form") == "short" else None
    short_key = short.replace("-", "_") if short else None
    process = element._process

    def read(item: Any, context: Any, name: str) -> Any:
        if name.startswith("page"):
            return process(item.reference.page, name)
        if name == "citation-number":
            return item.number
        if name == "locator":
            en_dash = element.unicode_character("EN DASH")
            return str(item.locator.identifier).replace("-", en_dash)
        return item.reference[name.replace("-", "_")]

    plain_key = variable.replace("-", "_")
    simple = short is None and not variable.startswith("page") and variable not in ("citation-number", "locator")

    def stock(item: Any, context: Any) -> Any:
        repressed = _layout(context).repressed
        if tag in repressed and variable in repressed[tag]:
            return None
        if simple:
            reference = item.reference
            if type(reference).__getitem__ is _CUSTOM_GETITEM:
                return reference.get(plain_key, FAILED)  # a missing variable: VariableError
            return reference[plain_key]
        name: str = short if short is not None and short_key in item.reference else variable
        return read(item, context, name)

    if not corrected:
        return stock
    number_variable = variable in corrections._NUMBER_VARIABLES
    number_range = corrections._NUMBER_RANGE
    suppressed_key = corrections._SUPPRESSED
    marked = MarkedString

    def suppressing(item: Any, context: Any) -> Any:
        layout = _layout(context)
        suppressed = layout.repressed.get(suppressed_key)
        if suppressed and variable in suppressed:
            return None
        text = stock(item, context)
        if text is FAILED:
            return FAILED
        if number_variable and text and number_range.match(str(text)):
            text = marked(number_range.sub("\\1\u2013\\2", str(text)))
        recording = layout.__dict__.get("_jk_recording")
        if recording is not None and text:
            recording.append(variable)
        return text

    return suppressing


_NAME_OPTIONS = (
    "and",
    "delimiter",
    "delimiter-precedes-et-al",
    "delimiter-precedes-last",
    "et-al-min",
    "et-al-use-first",
    "et-al-subsequent-min",
    "et-al-subsequent-use-first",
    "et-al-use-last",
    "initialize-with",
    "name-as-sort-order",
    "sort-separator",
    "form",
    "demote-non-dropping-particle",
)

NameProcess = Callable[[Any, str, Any], Any]


def name_process(element: Any) -> NameProcess | None:
    """``cs:name``'s ``Name.process`` (outside sort keys) with its options looked up once per
    calling context and its join exact but fast; ``None`` when the element's class changes
    anything this does not reproduce (then ``Name.process`` itself runs)."""
    from jakcite.csl import corrections

    process = _defined_by(element, "process")
    if process is not cm.Name.process and process is not corrections.NameCorrections.process:
        return None
    if _defined_by(element, "join") is not cm.Delimited.join or _defined_by(element, "markup") is not cm.Name.markup:
        return None
    get_option = element.get_option
    initialize = element.initialize
    own_delimiter = element.get("delimiter")
    name_parts = element.findall("cs:name-part", element.nsmap)
    by_context: dict[Any, tuple[Any, ...]] = {}

    def join_names(strings: list[Any], default: str) -> Any:
        try:
            present = [string for string in strings if string is not None]
            return fast_join(present, own_delimiter if own_delimiter is not None else default)
        except Exception:  # noqa: BLE001 - as citeproc-py's Delimited.join
            return String("")

    def format_name_parts(given: Any, family: Any) -> tuple[Any, Any]:
        for part in name_parts:
            given, family = part.format_part(given, family)
        return given, family

    def settings(context: Any) -> tuple[Any, ...]:
        options = tuple(get_option(name, context, None) for name in _NAME_OPTIONS)
        and_ = options[0]
        and_term = None
        if and_ == "text":
            and_term = element.get_single_term(name="and")
        elif and_ == "symbol":
            and_term = element.preformat("&")
        in_citation = bool(context.xpath_search("./ancestor-or-self::cs:citation"))
        # locale terms: the same for every entry
        return (*options, and_term, element.et_al(), in_citation)

    def run(item: Any, variable: str, context: Any) -> Any:
        found = by_context.get(context)
        if found is None:
            found = by_context[context] = settings(context)
        (and_, delimiter, precedes_et_al, precedes_last, et_al_min, et_al_use_first, subsequent_min,
         subsequent_use_first, et_al_use_last,
         initialize_with, name_as_sort_order, sort_separator, form, demote_ndp, and_term, et_al,
         in_citation) = found  # fmt: skip
        if form not in ("long", "short"):
            return _MISSING
        reference = item.reference
        names = reference.get(variable, [])
        output = []
        if in_citation and subsequent_min:
            # jakcite's positions (set only on the corrected path): a repeated cite
            # takes the et-al-subsequent options
            position = item.__dict__.get(POSITION)
            if position is not None and position.kind != FIRST:
                et_al_min, et_al_use_first = subsequent_min, subsequent_use_first
        expand: Any = reference.get(DISAMBIGUATION) if in_citation else None
        if expand is not None and expand.names:
            et_al_use_first = max(et_al_use_first, expand.names)
        et_al_truncate = len(names) > 1 and et_al_min and len(names) >= et_al_min and len(names) > et_al_use_first
        et_al_last = et_al_use_last and et_al_use_first <= et_al_min - 2
        if variable == "author" and names and reference.get(AUTHORS_TRUNCATED):
            # The source itself showed only part of the list: whatever the style's
            # et-al thresholds, the printed list must say so.
            et_al_truncate, et_al_last = True, False
            names = names[: et_al_use_first or len(names)]
        elif et_al_truncate:
            names = [*names[:et_al_use_first], names[-1]] if et_al_last else names[:et_al_use_first]
        for i, name in enumerate(names):
            given, family, dp, ndp, suffix = name.parts()
            level = expand.given_level(variable, i) if expand is not None else 0
            name_form = form
            if level and given is not None:
                # disambiguation shows this name's given name (initials first, where the style initializes)
                name_form = "long"
                if level == 1 and initialize_with is not None:
                    given = initialize(given, initialize_with, context)
            elif given is not None and initialize_with is not None:
                given = initialize(given, initialize_with, context)
            if name_form == "long":
                if name_as_sort_order == "all" or (name_as_sort_order == "first" and i == 0):
                    if demote_ndp in ("never", "sort-only"):
                        family = " ".join([n for n in (ndp, family) if n])
                        given = " ".join([n for n in (given, dp) if n])
                    else:
                        given = " ".join([n for n in (given, dp, ndp) if n])
                    given, family = format_name_parts(given, family)
                    text = sort_separator.join([n for n in (family, given, suffix) if n])
                else:
                    family = " ".join([n for n in (dp, ndp, family) if n])
                    given, family = format_name_parts(given, family)
                    text = " ".join([n for n in (given, family, suffix) if n])
            else:
                family = " ".join([n for n in (ndp, family) if n])
                given, family = format_name_parts(given, family)
                text = family
            output.append(text)
        if et_al_truncate and et_al:
            if et_al_last:
                ellipsis = element.unicode_character("horizontal ellipsis")
                output[-1] = ellipsis + " " + output[-1]
                return join_names(output, delimiter)
            if precedes_et_al == "always" or (precedes_et_al == "contextual" and len(output) >= 2):
                output.append(et_al)
                return join_names(output, delimiter)
            return join_names(output, delimiter) + " " + et_al
        if and_ is not None and len(output) > 1:
            text = join_names(output[:-1], ", ")
            if precedes_last == "always" or (precedes_last == "contextual" and len(output) > 2):
                text = join_names([text, ""], ", ")
            else:
                text += " "
            text += f"{and_term} " + output[-1]
            return text
        return join_names(output, delimiter)

    return run


_MISSING = object()
#: A reference field: the :class:`jakcite.csl.disambiguation.Expansion` of its names in
#: citations (more names, given names), set while disambiguating.
DISAMBIGUATION = "jk_disambiguation"
#: A reference field (set by :func:`jakcite.csl.cite` from ``Record.authors_truncated``):
#: the record's author list is known to be incomplete.
AUTHORS_TRUNCATED = "jk_authors_truncated"


class CompiledName:
    """``cs:name``'s ``process`` through :func:`name_process` (sort keys: citeproc-py's own)."""

    __slots__ = ()

    def process(self, item: Any, variable: Any, context: Any = None, sort_options: Any = None, **kwargs: Any) -> Any:
        d = self.__dict__
        run = d.get("_jk_name_process", _MISSING)
        if run is _MISSING:
            run = d["_jk_name_process"] = name_process(self)
        if run is not None and sort_options is None:
            text = run(item, variable, context)
            if text is not _MISSING:
                return text
        return super().process(item, variable, context=context, sort_options=sort_options, **kwargs)  # type: ignore[misc]


# --------------------------------------------------------------------------- mixins


class CompiledRender:
    """``render`` through the compiled function (for ``cs:text``, ``cs:group``, ``cs:macro``)."""

    __slots__ = ()

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        kwargs.pop("delimiter", None)
        text = renderer(self)(item, context, "", kwargs)
        if text is FAILED:
            raise VariableError
        return text


class CompiledChoose:
    """``cs:choose``'s ``render`` through the compiled function."""

    __slots__ = ()

    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        text = renderer(self)(item, context, delimiter, kwargs)
        if text is FAILED:
            raise VariableError
        return text


class CompiledParent:
    """``render_children`` over the children's compiled functions (``cs:layout``, ``cs:if``...)."""

    __slots__ = ()

    def render_children(self, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
        d = self.__dict__
        children = d.get("_jk_compiled_children")
        if children is None:
            children = d["_jk_compiled_children"] = [renderer(child) for child in self.iterchildren()]  # type: ignore[attr-defined]
        context = kwargs.pop("context", None)
        return _run_children(children, item, context, delimiter, kwargs)


_MIXINS = (CompiledRender, CompiledChoose, CompiledParent, CompiledName)


# --------------------------------------------------------------------------- joining

_SEAM_PUNCTUATION = frozenset(".,;:!?")
_STRING_ADD = String.__add__
_STRING_RADD = String.__radd__
_STR_STR: Any = str.__str__


def _kind(value: Any) -> int:
    """0: plain ``str``; 1: a citeproc ``String`` (or subclass adding nothing to ``+``);
    2: ``MixedString``; -1: anything else (joined by citeproc-py's own code)."""
    cls: Any = type(value)
    if cls is str:
        return 0
    if cls is MixedString:
        return 2
    if (
        isinstance(value, String)
        and cls.__add__ is _STRING_ADD
        and cls.__radd__ is _STRING_RADD
        and cls.__str__ is _STR_STR
    ):
        return 1
    return -1


def _last(value: Any, kind: int) -> str:
    """The last character of ``str(value)`` ('' when empty), without building the string."""
    if kind != 2:
        return value[-1:]  # type: ignore[no-any-return]
    for segment in reversed(value):
        text = segment if type(segment) is str else str(segment)
        if text:
            return text[-1]
    return ""


def _first(value: Any, kind: int) -> str:
    """The first character of ``str(value)`` ('' when empty)."""
    if kind != 2:
        return value[:1]  # type: ignore[no-any-return]
    for segment in value:
        text = segment if type(segment) is str else str(segment)
        if text:
            return text[0]
    return ""


def _seam(last: str, other: Any, kind: int) -> Any:
    """``citeproc.string.normalize_seam`` given the left side's last character."""
    if not last:
        return other
    first = _first(other, kind)
    if first and ((last == " " and first == " ") or (last == first and first in _SEAM_PUNCTUATION)):
        return _strip_first_char(other)
    return other


def _add(left: Any, lkind: int, right: Any, rkind: int) -> Any:
    """``left + right`` for str, String and MixedString, as Python and citeproc-py do it."""
    if lkind == 0:
        if rkind == 0:
            return left + right
        if left == "":  # String/MixedString.__radd__ give themselves back for ''
            return right
        head = MixedString([left])
        if rkind == 1 and right == "":
            return head
        return _extend(head, left[-1:], right, rkind)
    if rkind != 2 and right == "":  # discard_empty_other
        return left
    head = MixedString([left]) if lkind == 1 else left
    return _extend(head, _last(left, lkind), right, rkind)


def _extend(head: Any, last: str, right: Any, rkind: int) -> Any:
    """``MixedString.__add__(head, right)`` (``right`` not the empty string)."""
    other = _seam(last, right, rkind)
    if other == "" or other == []:
        return head
    if rkind == 2:
        return MixedString(list.__add__(head, other))
    return MixedString([*head, other])


def fast_join(items: Sequence[Any], delimiter: str = "") -> Any:
    """``citeproc.string.join`` with the same result, object for object, without turning
    the growing output into a ``str`` at every seam."""
    if not items:
        return String("")
    output = items[0]
    kind = _kind(output)
    for item in items[1:]:
        ikind = _kind(item)
        if kind < 0 or ikind < 0:
            output = output + normalize_seam(output, delimiter)
            output = output + normalize_seam(output, item)
            kind = _kind(output)
            continue
        if delimiter:
            output = _add(output, kind, _seam(_last(output, kind), delimiter, 0), 0)
            kind = _kind(output)
        output = _add(output, kind, _seam(_last(output, kind), item, ikind), ikind)
        kind = _kind(output)
    return output
