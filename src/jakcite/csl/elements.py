"""Fast subclasses of citeproc-py's style elements, and the parser that uses them.

citeproc-py models a CSL style as an lxml tree whose element classes render themselves.
Its hot paths re-run the same XPath queries for every item (the macro named ``author``,
the ``<citation>`` or ``<bibliography>`` ancestor, a locale term) and re-walk subtrees to
learn whether they call a variable.  All of these are pure functions of the style tree,
which never changes after parsing, so jakcite's subclasses memoise them per element:

* ``xpath_search`` results, ``find`` results behind attribute access (``self.layout``),
  ``calls_variable()``, the root, locale terms and locale options;
* every element of a parsed style is kept referenced for the style's lifetime, so lxml
  hands back the same Python proxy (and its caches) every time.

The subclasses are generated for every element class citeproc-py defines, and a few of
them carry corrections (see :mod:`jakcite.csl.corrections`), switched on per style.
Installed packages are never modified: stock citeproc-py keeps working unchanged in the
same process (the benchmark compares against it).
"""

from __future__ import annotations

import os
from typing import Any

import citeproc.model as cm
from lxml import etree

from jakcite.csl.compiled import DISAMBIGUATION, CompiledChoose, CompiledName, CompiledParent, CompiledRender

__all__ = ["FAST_CLASSES", "parse_locale", "parse_style"]

CSL_NS = "http://purl.org/net/xbiblio/csl"
_MISSING = object()


class FastElement:
    """Mixin memoising citeproc-py's structural look-ups (put first in the MRO)."""

    __slots__ = ()

    def get_root(self) -> Any:
        d = self.__dict__
        root = d.get("_jk_root")
        if root is None:
            root = d["_jk_root"] = self.getroottree().getroot()
        return root

    def xpath_search(self, expression: str) -> Any:
        d = self.__dict__
        cache = d.get("_jk_xpath")
        if cache is None:
            cache = d["_jk_xpath"] = {}
        try:
            return cache[expression]
        except KeyError:
            result = cache[expression] = self.xpath(expression, namespaces=cm.SomewhatObjectifiedElement.nsmap)
            return result

    def __getattr__(self, name: str) -> Any:
        # citeproc-py reads child elements as attributes (``self.layout``); remember hits.
        if name.startswith("_"):
            raise AttributeError(name)
        found = self.find("cs:" + name, cm.SomewhatObjectifiedElement.nsmap)
        if found is not None:
            self.__dict__[name] = found
        return found

    def get_locale_option(self, name: str) -> Any:
        root = self.get_root()
        cache = root.__dict__.get("_jk_locale_options")
        if cache is None:
            cache = root.__dict__["_jk_locale_options"] = {}
        if name not in cache:
            cache[name] = super().get_locale_option(name)  # type: ignore[misc]
        return cache[name]


class _StyleTermMemo:
    __slots__ = ()

    def get_term(
        self, name: str, form: str | None = None, fallback_locale: bool = True, zero_padded: bool = False
    ) -> Any:
        root = self.get_root()  # type: ignore[attr-defined]
        cache = root.__dict__.get("_jk_terms")
        if cache is None:
            cache = root.__dict__["_jk_terms"] = {}
        key = (name, form, fallback_locale, zero_padded)
        result = cache.get(key, _MISSING)
        if result is _MISSING:
            try:
                result = super().get_term(name, form, fallback_locale, zero_padded)  # type: ignore[misc]
            except IndexError:
                result = IndexError
            cache[key] = result
        if result is IndexError:
            raise IndexError(name)
        return result


class _LocaleTermMemo:
    __slots__ = ()

    def get_term(self, name: str, form: str | None = None, zero_padded: bool = False) -> Any:
        cache = self.__dict__.get("_jk_own_terms")
        if cache is None:
            cache = self.__dict__["_jk_own_terms"] = {}
        key = (name, form, zero_padded)
        result = cache.get(key, _MISSING)
        if result is _MISSING:
            try:
                result = super().get_term(name, form, zero_padded)  # type: ignore[misc]
            except IndexError:
                result = IndexError
            cache[key] = result
        if result is IndexError:
            raise IndexError(name)
        return result


class _CallsVariableMemo:
    __slots__ = ()

    def calls_variable(self) -> bool:
        d = self.__dict__
        result = d.get("_jk_calls_variable")
        if result is None:
            result = d["_jk_calls_variable"] = bool(super().calls_variable())  # type: ignore[misc]
        return result


class _TermMemo:
    __slots__ = ()

    def _jk_text(self, child: str) -> Any:
        d = self.__dict__
        formatter = self.get_formatter()  # type: ignore[attr-defined]
        key = f"_jk_term_{child}_{id(formatter)}"
        cached = d.get(key)
        if cached is None:
            cached = d[key] = getattr(super(), child)
        return cached

    @property
    def single(self) -> Any:
        return self._jk_text("single")

    @property
    def multiple(self) -> Any:
        return self._jk_text("multiple")


class _GetFormatterMemo:
    """``get_formatter`` resolved once per element (the style's formatter never changes)."""

    __slots__ = ()

    def get_formatter(self) -> Any:
        d = self.__dict__
        formatter = d.get("_jk_formatter")
        if formatter is None:
            formatter = d["_jk_formatter"] = super().get_formatter()  # type: ignore[misc]
        return formatter


class _FormatterMemo(_GetFormatterMemo):
    """``get_formatter`` and ``format`` (font style, weight...) resolved once per element."""

    __slots__ = ()

    def format(self, string: Any) -> Any:
        d = self.__dict__
        wrappers = d.get("_jk_wrappers")
        if wrappers is None:
            wrappers = d["_jk_wrappers"] = self._jk_wrappers()
        if isinstance(string, (int, float)):
            string = str(string)
        for wrapper in wrappers:
            string = wrapper(string)
        return string

    def _jk_wrappers(self) -> list[Any]:
        formatter = self.get_formatter()
        get = self.get  # type: ignore[attr-defined]
        choices = (
            ("font-style", "normal", {"italic": formatter.Italic, "oblique": formatter.Oblique}),
            ("font-variant", "normal", {"small-caps": formatter.SmallCaps}),
            ("font-weight", "normal", {"bold": formatter.Bold, "light": formatter.Light}),
            ("text-decoration", "none", {"underline": formatter.Underline}),
            ("vertical-align", "baseline", {"sup": formatter.Superscript, "sub": formatter.Subscript}),
        )
        return [table[get(attr, default)] for attr, default, table in choices if get(attr, default) in table]


class _IfMemo:
    """``cs:if`` type and variable tests with their attribute lists split once."""

    __slots__ = ()

    def _type(self, item: Any) -> list[bool]:
        d = self.__dict__
        types = d.get("_jk_types")
        if types is None:
            types = d["_jk_types"] = [typ.lower() for typ in self.get("type").split()]  # type: ignore[attr-defined]
        ref_type = item.reference["type"]
        return [typ == ref_type for typ in types]

    def _variable(self, item: Any) -> list[bool]:
        d = self.__dict__
        variables = d.get("_jk_variables")
        if variables is None:
            variables = d["_jk_variables"] = [var.replace("-", "_") for var in self.get("variable").split()]  # type: ignore[attr-defined]
        reference = item.reference
        return [("locator" in item) if var == "locator" else (var in reference) for var in variables]


class _ChooseFast:
    """``cs:choose`` testing its branches directly instead of raising ConditionFailed per branch."""

    __slots__ = ()

    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        for child in self.iterchildren():  # type: ignore[attr-defined]
            test = getattr(child, "_jk_test", None)
            if test is None or test(item, context):
                return child.render_children(item, context=context, delimiter=delimiter, **kwargs)
        return None


class _IfTest:
    """The condition of ``cs:if``/``cs:else-if`` as a boolean (same tests as citeproc-py)."""

    __slots__ = ()

    def _jk_test(self, item: Any, context: Any) -> bool:
        attrib = self.attrib  # type: ignore[attr-defined]
        results: list[Any] = []
        if "type" in attrib:
            results += self._type(item)  # type: ignore[attr-defined]
        if "variable" in attrib:
            results += self._variable(item)  # type: ignore[attr-defined]
        if "is-numeric" in attrib:
            results += self._is_numeric(item)  # type: ignore[attr-defined]
        if "is-uncertain-date" in attrib:
            results += self._is_uncertain_date(item)  # type: ignore[attr-defined]
        if "locator" in attrib:
            results += self._locator(item)  # type: ignore[attr-defined]
        if "position" in attrib:
            results += self._position(item, context)  # type: ignore[attr-defined]
        if "disambiguate" in attrib and self._jk_is_corrected():
            # true once disambiguation needed it (jakcite.csl.disambiguation); citeproc-py
            # ignores the attribute, so the stock-equivalent path does too
            expansion = item.reference.get(DISAMBIGUATION)
            wanted = str(attrib["disambiguate"]).lower() == "true"
            results.append(bool(expansion is not None and expansion.condition) == wanted)
        match = attrib.get("match")
        if match == "any":
            return any(results)
        if match == "none":
            return not any(results)
        return all(results)

    def _jk_is_corrected(self) -> bool:
        d = self.__dict__
        found = d.get("_jk_corrected_flag")
        if found is None:
            found = d["_jk_corrected_flag"] = bool(self.get_root().__dict__.get("_jk_corrected"))  # type: ignore[attr-defined]
        return bool(found)


class _NameOptionMemo:
    """``cs:name`` options (inherited from ``cs:citation``/``cs:bibliography``) looked up once."""

    __slots__ = ()

    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        if sort_options and name in sort_options:
            return super().get_option(name, context, sort_options)  # type: ignore[misc]
        cache = self.__dict__.get("_jk_options")
        if cache is None:
            cache = self.__dict__["_jk_options"] = {}
        key = (name, context)
        if key not in cache:
            cache[key] = super().get_option(name, context, None)  # type: ignore[misc]
        return cache[key]


class _ChildrenMemo:
    """``render_children`` over a remembered child list (the tree never changes).

    Same loop as citeproc-py's ``Parent.render_children``; only the lxml child iteration
    and the ``isinstance(child, Choose)`` test per child and item are done once.
    """

    __slots__ = ()

    def render_children(self, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
        d = self.__dict__
        children = d.get("_jk_children")
        if children is None:
            children = d["_jk_children"] = [(child, isinstance(child, cm.Choose)) for child in self.iterchildren()]  # type: ignore[attr-defined]
        output = []
        for child, is_choose in children:
            try:
                text = child.render(item, delimiter=delimiter, **kwargs) if is_choose else child.render(item, **kwargs)
            except cm.VariableError:
                continue
            if text is not None:
                output.append(text)
        if output:
            return cm.join(output, delimiter)
        return None


class _GroupFast:
    """``cs:group`` as citeproc-py renders it, over a remembered child list with each
    child's (static) ``calls_variable()`` and ``Choose`` test worked out once."""

    __slots__ = ()

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        d = self.__dict__
        children = d.get("_jk_group_children")
        if children is None:
            children = d["_jk_group_children"] = [
                (child, isinstance(child, cm.Choose), child.calls_variable())
                for child in self.iterchildren()  # type: ignore[attr-defined]
            ]
            d["_jk_delimiter"] = self.get("delimiter", "")  # type: ignore[attr-defined]
        delimiter = d["_jk_delimiter"]
        output = []
        variable_called = variable_rendered = False
        for child, is_choose, calls in children:
            variable_called = variable_called or calls
            try:
                if is_choose:
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except cm.VariableError:
                continue
            if text is not None:
                output.append(text)
                variable_rendered = variable_rendered or calls
        if output and (not variable_called or variable_rendered):
            return self.join(output)  # type: ignore[attr-defined]
        raise cm.VariableError


class _AffixMemo:
    """``prefix``/``suffix`` read once per element (not for date parts, whose attributes
    citeproc-py rewrites from the calling date)."""

    __slots__ = ()

    def wrap(self, string: Any) -> Any:
        if string is None:
            return None
        d = self.__dict__
        affixes = d.get("_jk_affixes")
        if affixes is None:
            affixes = d["_jk_affixes"] = (self.get("prefix", ""), self.get("suffix", ""))  # type: ignore[attr-defined]
        prefix, suffix = affixes
        string = cm.normalize_seam(prefix, string)
        text = prefix + string
        return text + cm.normalize_seam(text, suffix)


class _TextMemo:
    """``cs:text`` without raising and catching an exception for every item lacking a language."""

    __slots__ = ()

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        if context is None:
            context = self
        language = item.reference.get("language")
        if language is not None:
            language = language[:2]
        else:
            language = self.get_root().get("default-locale", "en")[:2]  # type: ignore[attr-defined]
        attrib = self.attrib  # type: ignore[attr-defined]
        if "variable" in attrib:
            text = self._variable(item, context)  # type: ignore[attr-defined]
        elif "macro" in attrib:
            text = self.get_macro(attrib["macro"]).render(item, context)  # type: ignore[attr-defined]
        elif "term" in attrib:
            text = self._term(item)  # type: ignore[attr-defined]
        elif "value" in attrib:
            text = cm.String(self.preformat(attrib["value"]))  # type: ignore[attr-defined]
        return text, language


class _NamesDefaultName:
    """``cs:names`` without ``cs:name`` keeps the default ``cs:name`` citeproc-py gives it.

    citeproc-py inserts a fresh ``Name()`` into such an element on every render and never
    finds it again (its tag is ``Name``, outside the CSL namespace), so the element grows
    by one child per entry and each look-up scans them all: quadratic in the number of
    entries.  Every inserted default is alike (no attributes, no children, first child),
    so handing back the first one renders the same and keeps the tree at one extra child.
    Once citeproc-py's own has rendered its first entry it is swapped for an element of
    jakcite's memoising ``Name`` class without corrections, which renders as stock does.
    """

    __slots__ = ()

    def insert(self, index: int, element: Any) -> None:
        super().insert(index, element)  # type: ignore[misc]
        if index == 0 and type(element) is cm.Name and not len(element) and not element.attrib:
            self.__dict__["_jk_default_name"] = element

    def __getattr__(self, name: str) -> Any:
        found = super().__getattr__(name)  # type: ignore[misc]
        if found is None and name == "name":
            default = self.__dict__.get("_jk_default_name")
            if type(default) is cm.Name:
                fast = FAST_CLASSES["name"]()
                self.replace(default, fast)
                default = self.__dict__["_jk_default_name"] = fast
            return default
        return found


_COMPILED_MIXINS: dict[str, tuple[type, ...]] = {
    "Text": (CompiledRender,),
    "Group": (CompiledRender,),
    "Macro": (CompiledRender, CompiledParent),
    "Choose": (CompiledChoose,),
    "Layout": (CompiledParent,),
    "If": (CompiledParent,),
    "Else_If": (CompiledParent,),
    "Else": (CompiledParent,),
    "Name": (CompiledName,),
}

_SPEED_MIXINS: dict[str, tuple[type, ...]] = {
    "If": (_IfMemo, _IfTest),
    "Else_If": (_IfMemo, _IfTest),
    "Choose": (_ChooseFast,),
    "Group": (_GroupFast,),
    "Name": (_NameOptionMemo,),
    "Text": (_TextMemo,),
}


def _element_classes() -> list[type]:
    found: list[type] = []
    pending = [cm.CitationStylesElement]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            if sub.__module__ == cm.__name__ and sub not in found:
                found.append(sub)
                pending.append(sub)
    return found


def _make_fast(cls: type, overrides: dict[str, type], compiled: bool = True) -> type:
    bases: list[type] = [FastElement, _LocaleTermMemo if issubclass(cls, cm.Locale) else _StyleTermMemo]
    if "calls_variable" in dir(cls):
        bases.append(_CallsVariableMemo)
    if cls is cm.Term:
        bases.append(_TermMemo)
    if issubclass(cls, cm.Formatted) and cls is not cm.Date_Part:
        bases.append(_FormatterMemo)
    elif cls is cm.Date_Part:
        bases.append(_GetFormatterMemo)  # its format attributes change per call: only the formatter is fixed
    if issubclass(cls, cm.Affixed) and cls is not cm.Date_Part:
        bases.append(_AffixMemo)
    if issubclass(cls, cm.Parent) and "render_children" not in overrides_names(overrides.get(cls.__name__)):
        bases.append(_ChildrenMemo)
    bases[1:1] = _SPEED_MIXINS.get(cls.__name__, ())
    if cls is cm.Names:
        bases.insert(0, _NamesDefaultName)  # before FastElement, whose __getattr__ it extends
    if compiled:
        bases[0:0] = _COMPILED_MIXINS.get(cls.__name__, ())
    extra = overrides.get(cls.__name__)
    if extra is not None:
        bases.insert(0, extra)
    return type(cls.__name__, (*bases, cls), {"__module__": __name__})


def overrides_names(extra: type | None) -> set[str]:
    """Method names a correction class defines itself (so speed mixins do not shadow them)."""
    if extra is None:
        return set()
    return {name for klass in extra.__mro__ if klass is not object for name in vars(klass)}


def build_classes(overrides: dict[str, type] | None = None, compiled: bool = True) -> dict[str, type]:
    """Fast subclasses of every citeproc-py element class, by CSL tag name.

    With ``compiled`` (the default) text, group, choose, macro and layout render through
    :mod:`jakcite.csl.compiled`; without, through the memoising mixins alone (the exact
    reference the compiled path is tested against).
    """
    overrides = overrides or {}
    classes: dict[str, type] = {}
    for cls in _element_classes():
        tag = cls.__name__.replace("_", "-").lower()
        classes[tag] = _make_fast(cls, overrides, compiled)
    classes[""] = type(
        "CitationStylesElement", (FastElement, _StyleTermMemo, cm.CitationStylesElement), {"__module__": __name__}
    )
    return classes


FAST_CLASSES = build_classes()


def make_parser(classes: dict[str, type]) -> etree.XMLParser:
    """An lxml parser that builds CSL elements from ``classes``."""
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(CSL_NS)
    namespace[None] = classes[""]
    namespace.update({tag: cls for tag, cls in classes.items() if tag})
    parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True, resolve_entities=False)
    parser.set_element_class_lookup(lookup)
    return parser


def _keep_alive(root: Any) -> Any:
    # lxml recreates Python proxies for elements nobody references; holding every
    # element keeps one proxy per element, so the memo caches above persist.
    root.__dict__["_jk_elements"] = list(root.iter())
    return root


def parse_style(path: str | os.PathLike[str], parser: etree.XMLParser) -> Any:
    """The root ``<style>`` element of a style file, built with fast classes.

    Raises ``ValueError`` when the file's root is not a CSL ``<style>``.
    """
    root = etree.parse(os.fspath(path), parser).getroot()
    if root.tag != f"{{{CSL_NS}}}style":
        raise ValueError(f"{os.fspath(path)} is not a CSL style (root element {root.tag!r})")
    return _keep_alive(root)


def parse_locale(path: str | os.PathLike[str], parser: etree.XMLParser) -> Any:
    """The root ``<locale>`` element of a locale file, built with fast classes."""
    return _keep_alive(etree.parse(os.fspath(path), parser).getroot())
