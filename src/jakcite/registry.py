"""The format registry: every reader and writer, ours and third parties', plugs in here.

A format is a :class:`Format` object published under the ``jakcite.formats`` entry-point
group.  jakcite's own formats are registered exactly as a plugin's are (see
``pyproject.toml``), so a third-party package adds a format with one entry point and no
change to jakcite.
"""

from __future__ import annotations

import difflib
import importlib
import warnings
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from importlib.metadata import entry_points
from typing import Any, Literal, Protocol, TextIO

import attrs
from attrs import field, frozen

from jakcite.errors import FormatError, ParseError, PluginWarning
from jakcite.model import Provenance, Record
from jakcite.sources import Source

__all__ = [
    "Coverage",
    "Diagnostic",
    "Format",
    "Lazy",
    "Loss",
    "Option",
    "ReadContext",
    "Reader",
    "Writer",
    "describe_content",
    "detect_format",
    "extension_formats",
    "get_format",
    "load_formats",
    "looks_binary",
    "looks_binary_to",
    "register",
]

ENTRY_POINT_GROUP = "jakcite.formats"


@frozen
class Diagnostic:
    """A problem met while reading: where, which record, what, and whether it was skipped."""

    message: str
    source: str | None = None
    line: int | None = None
    offset: int | None = None
    #: The record's number in its source, counted from 1 (as messages print it).
    record: int | None = None
    #: True when the record was skipped (lenient mode); False for a repaired problem.
    skipped: bool = False

    def __str__(self) -> str:
        return str(ParseError(self.message, source=self.source, line=self.line, offset=self.offset, record=self.record))


def _number(index: int | None) -> int | None:
    return None if index is None else index + 1


@attrs.define
class ReadContext:
    """What a reader needs besides the bytes: strictness and where diagnostics go.

    Readers call :meth:`fail` for a record they cannot read: in strict mode it raises
    :class:`ParseError`; in lenient mode it records a diagnostic and returns, and the
    reader goes on with the next record.  :meth:`warn` reports a problem worked around.
    """

    source: Source
    format: str
    strict: bool = True
    on_diagnostic: Callable[[Diagnostic], None] | None = None
    diagnostics: list[Diagnostic] = attrs.Factory(list)
    #: Model fields the caller will not use (a conversion's writer does not carry them): a
    #: reader may leave them empty instead of building them. A hint, never required.
    skip: Container[str] = frozenset()

    def _report(self, diag: Diagnostic) -> None:
        self.diagnostics.append(diag)
        if self.on_diagnostic is not None:
            self.on_diagnostic(diag)

    def error(
        self, message: str, *, line: int | None = None, offset: int | None = None, record: int | None = None
    ) -> ParseError:
        """A ParseError located in this source (for readers that raise it themselves)."""
        return ParseError(message, source=self.source.name, line=line, offset=offset, record=_number(record))

    def fail(
        self, message: str, *, line: int | None = None, offset: int | None = None, record: int | None = None
    ) -> None:
        """A record cannot be read: raise in strict mode, else report it skipped."""
        if self.strict:
            raise self.error(message, line=line, offset=offset, record=record)
        self._report(Diagnostic(message, self.source.name, line, offset, _number(record), skipped=True))

    def warn(
        self, message: str, *, line: int | None = None, offset: int | None = None, record: int | None = None
    ) -> None:
        """Report a problem the reader worked around; the record is kept."""
        self._report(Diagnostic(message, self.source.name, line, offset, _number(record), skipped=False))

    def provenance(self, **kwargs: Any) -> Provenance:
        """A :class:`Provenance` naming this source and format."""
        return Provenance(format=self.format, source=self.source.name, **kwargs)


class Reader(Protocol):
    """Reads records from a source, one at a time."""

    def __call__(self, source: Source, context: ReadContext, /) -> Iterator[Record]: ...


class Writer(Protocol):
    """Writes records to a text stream; options are the writer's own keyword arguments."""

    def __call__(self, records: Iterable[Record], out: TextIO, /, **options: Any) -> None: ...


@frozen
class Loss:
    """One declared loss: a model field a format cannot carry, or carries only in part."""

    field: str
    kind: Literal["dropped", "lossy"]
    note: str = ""


def _identity(record: Record) -> Record:
    return record


@frozen
class Coverage:
    """What a format carries of the model, as data next to its reader and writer.

    ``losses`` is the declared loss table (the docs are generated from it);
    ``project`` maps a record onto what the format can carry, so that a round trip
    is correct exactly when ``read(write(r)) == project(r)``.  ``keys``, for formats whose
    entries need unique identifiers (BibTeX cite keys), gives the key the writer assigns
    each record of a list: keys depend on the other records, so no single projection can.
    """

    losses: tuple[Loss, ...] = ()
    project: Callable[[Record], Record] = _identity
    keys: Callable[[Sequence[Record]], list[str]] | None = None


_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0"})


@frozen
class Option:
    """One writer option: what it does, the kind of value it takes and its default.

    Values given as text (the command's ``-O key=value``) are parsed by kind: booleans
    from true/false, yes/no, on/off, 1/0; whole numbers; one of ``choices``.  Anything
    else is a :class:`~jakcite.FormatError` naming the option and what it takes.
    """

    help: str
    kind: Literal["text", "bool", "int", "choice"] = "text"
    default: object = None
    choices: tuple[str, ...] = ()
    #: The least value of an ``int`` option.
    minimum: int | None = None

    def __str__(self) -> str:
        return self.help

    def takes(self) -> str:
        """What the option takes, for messages and listings."""
        if self.kind == "bool":
            return "true or false"
        if self.kind == "int":
            return "a whole number" + (f" >= {self.minimum}" if self.minimum is not None else "")
        if self.kind == "choice":
            return "one of " + ", ".join(self.choices)
        return "text"

    def parse(self, name: str, value: object) -> object:
        """The value as the writer takes it; FormatError when it is not one this option takes."""
        parsed = _PARSERS[self.kind](self, value)
        if parsed is _INVALID:
            raise FormatError(f"option {name!r} takes {self.takes()}, not {value!r}")
        return parsed


_INVALID = object()


def _parse_bool(option: Option, value: object) -> object:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower() if isinstance(value, (str, int)) else None
    return True if word in _TRUE else False if word in _FALSE else _INVALID


def _parse_int(option: Option, value: object) -> object:
    if value is None:
        return value  # the Python API's "no value" (csl-json: no indentation step)
    if isinstance(value, bool):
        return _INVALID
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or (option.minimum is not None and value < option.minimum):
        return _INVALID
    return value


def _parse_choice(option: Option, value: object) -> object:
    return value if isinstance(value, str) and value in option.choices else _INVALID


def _parse_text(option: Option, value: object) -> object:
    return value


_PARSERS: dict[str, Callable[[Option, object], object]] = {
    "bool": _parse_bool,
    "int": _parse_int,
    "choice": _parse_choice,
    "text": _parse_text,
}


def _options(value: Mapping[str, Option | str]) -> dict[str, Option]:
    return {name: opt if isinstance(opt, Option) else Option(str(opt)) for name, opt in value.items()}


def _lower_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(v.lower() for v in values)


class Lazy:
    """A function named ``"package.module:name"``, imported on its first call.

    Format declarations name their reader, writer and sniffer this way, so that loading
    the registry (for detection, ``--help``, ``jakcite formats``) imports no reader or
    writer: each is imported when a conversion first uses it.
    """

    __slots__ = ("_target", "bound", "target")

    def __init__(self, target: str, **bound: Any) -> None:
        if ":" not in target:
            raise ValueError(f"Lazy target {target!r} must look like 'package.module:name'")
        self.target = target
        #: Keyword arguments every call gets (as :func:`functools.partial` binds them).
        self.bound = bound
        self._target: Callable[..., Any] | None = None

    def resolve(self) -> Callable[..., Any]:
        """The function itself (imported now if it was not yet)."""
        if self._target is None:
            module, _, name = self.target.partition(":")
            self._target = getattr(importlib.import_module(module), name)
        return self._target

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.resolve()(*args, **self.bound, **kwargs)

    def __repr__(self) -> str:
        bound = "".join(f", {k}={v!r}" for k, v in self.bound.items())
        return f"Lazy({self.target!r}{bound})"


@frozen
class Format:
    """A bibliographic format: its names, how to recognise it, how to read and write it.

    ``sniff`` gets the first 64 KiB of an input as text and returns a confidence from
    0 (not this format) to 1 (certainly this format).
    """

    name: str
    description: str
    aliases: tuple[str, ...] = field(default=(), converter=_lower_tuple)
    extensions: tuple[str, ...] = field(default=(), converter=_lower_tuple)
    sniff: Callable[[str], float] | None = None
    reader: Reader | None = None
    writer: Writer | None = None
    #: The declared coverage, or a function that builds it (called on first use, so that
    #: the projection's module is imported only by round-trip checks and the docs).
    _coverage: Coverage | Callable[[], Coverage] | None = field(default=None, alias="coverage", eq=False)
    #: The writer's options by name: an :class:`Option` each (a plain description is
    #: taken as a text option).
    options: Mapping[str, Option] = field(factory=dict, converter=_options)
    #: One record as the format's in-memory data, before serialisation (CSL-JSON: the item
    #: dict). Other parts, such as the CSL engine, use it through the registry instead of
    #: importing the format's package.
    encode: Callable[[Record], Any] | None = None

    @property
    def coverage(self) -> Coverage | None:
        """What the format carries of the model (:class:`Coverage`), or None when undeclared."""
        value = self._coverage
        if value is None or isinstance(value, Coverage):
            return value
        built = value()
        object.__setattr__(self, "_coverage", built)  # built once: a cache, not a change
        return built

    @property
    def can_read(self) -> bool:
        """True when the format has a reader."""
        return self.reader is not None

    @property
    def can_write(self) -> bool:
        """True when the format has a writer."""
        return self.writer is not None


_registry: dict[str, Format] | None = None


def _add(registry: dict[str, Format], fmt: Format, origin: str) -> None:
    if not isinstance(fmt, Format):
        raise FormatError(f"{origin} did not give a jakcite Format, got {type(fmt).__name__}")
    registry[fmt.name] = fmt


def load_formats(*, reload: bool = False) -> dict[str, Format]:
    """All registered formats by name, loading entry points on first use.

    A plugin that fails to load is reported with a warning and left out, so one broken
    third-party package does not take the other formats down with it.
    """
    global _registry
    if _registry is not None and not reload:
        return _registry
    registry: dict[str, Format] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = ep.load()
        except Exception as exc:  # noqa: BLE001 - any plugin failure is reported, not raised
            warnings.warn(
                f"jakcite format plugin {ep.name!r} ({ep.value}) failed to load: {exc}", PluginWarning, stacklevel=2
            )
            continue
        for fmt in loaded if isinstance(loaded, (list, tuple)) else [loaded]:
            _add(registry, fmt, f"entry point {ep.name!r}")
    _registry = dict(sorted(registry.items()))
    return _registry


def register(fmt: Format) -> None:
    """Register a format at run time (notebooks, tests); replaces one of the same name."""
    registry = load_formats()
    _add(registry, fmt, "register()")


def unregister(name: str) -> None:
    """Remove a format registered at run time (tests use it to clean up)."""
    load_formats().pop(name, None)


def get_format(name: str | Format) -> Format:
    """The format with this name or alias; unknown names get did-you-mean suggestions."""
    if isinstance(name, Format):
        return name
    key = name.strip().lower()
    registry = load_formats()
    if key in registry:
        return registry[key]
    for fmt in registry.values():
        if key in fmt.aliases:
            return fmt
    known = list(registry) + [a for f in registry.values() for a in f.aliases]
    close = difflib.get_close_matches(key, known, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else f"; known formats: {', '.join(registry)}"
    raise FormatError(f"unknown format {name!r}{hint}")


#: A sniff score this high is unambiguous: such content wins over a file's extension.
CERTAIN = 0.8


def _readers() -> list[Format]:
    return [f for f in load_formats().values() if f.reader is not None]


def extension_formats(source: Source) -> list[Format]:
    """The readable formats whose extensions match the source's file name."""
    ext = source.extension
    return [f for f in _readers() if ext and any(ext == e or ext.endswith(e) for e in f.extensions)]


def _ranked(head: str, formats: Sequence[Format]) -> list[tuple[float, Format]]:
    scores = [(fmt.sniff(head) if fmt.sniff else 0.0, -i, fmt) for i, fmt in enumerate(formats)]
    return [(score, fmt) for score, _, fmt in sorted(scores, key=lambda t: (t[0], t[1]), reverse=True)]


def detect_format(source: Source) -> Format:
    """Guess a source's format from its extension and its content.

    The extension decides among the formats that claim it, by sniffing; content that
    another format recognises with certainty (``CERTAIN``) beats an extension whose
    formats do not recognise it (PubMed's MEDLINE export saved as ``.ris``).
    """
    by_ext = extension_formats(source)
    if len(by_ext) == 1 and by_ext[0].sniff is None:
        return by_ext[0]
    head = source.head_text()
    if not head.strip():
        if by_ext:
            return by_ext[0]
        raise FormatError(f"{source.name}: input is empty; cannot tell its format")
    ranked = _ranked(head, by_ext)
    if ranked and ranked[0][0] > 0:
        return ranked[0][1]
    score, best = _ranked(head, _readers())[0]
    if score >= CERTAIN or (score > 0 and not by_ext):
        return best
    if len(by_ext) == 1:
        return by_ext[0]  # let its reader explain what is wrong with the content
    looks = describe_content(source) or _describe_text(head)
    hint = f"; it looks like {looks}" if looks else ""
    raise FormatError(
        f"{source.name}: cannot tell the format of this input{hint}; known formats: {', '.join(f.name for f in _readers())}"
    )


def _describe_text(head: str) -> str | None:
    """Text no format recognises, described for the message: its size and how it starts."""
    lines = [line.strip() for line in head.replace("\ufeff", "").splitlines() if line.strip()]
    if not lines:
        return None
    count = "one line" if len(lines) == 1 else f"{len(lines)} lines"
    start = lines[0] if len(lines[0]) <= 40 else lines[0][:40] + "..."
    return (
        f"plain text ({count}, starting {start!r}) with none of the formats' landmarks "
        "(record tags, markup, a PubMed page or export's layout, references with a year)"
    )


def looks_binary(source: Source) -> bool:
    """Whether the input's head is binary data rather than text (NULs, many control characters).

    The decoded head is looked at, so that UTF-16 text (NULs in its bytes) is text. A
    stray NUL counts like any other control character: a record whose value holds one
    (written back by a writer that keeps the value) is still text.
    """
    text = source.head_text()
    if "\x00" in text and "\x00\x00" in text:
        return True  # executables, images, archives: runs of NULs no text value holds
    odd = sum(1 for c in text if c == "\ufffd" or (c < " " and c not in "\t\n\r\f"))
    return odd > max(8, len(text) // 50)


def looks_binary_to(fmt: Format, source: Source) -> bool:
    """Whether ``fmt`` should refuse ``source`` as binary: binary-looking and not opening as ``fmt``.

    Content that opens with a record of the format (a sniff score of ``CERTAIN``) is that
    format's text even when values hold control characters a writer kept.
    """
    if not looks_binary(source):
        return False
    return not (fmt.sniff is not None and fmt.sniff(source.head_text()) >= CERTAIN)


def describe_content(source: Source, *, besides: Format | None = None) -> str | None:
    """What an input looks like, for a message: binary data, or the format that sniffs it.

    ``besides`` is left out (the format the input was read as); None when nothing
    recognises the content.
    """
    if looks_binary(source):
        return "binary data"
    head = source.head_text()
    others = [f for f in _readers() if besides is None or f.name != besides.name]
    ranked = _ranked(head, others)
    if ranked and ranked[0][0] > 0:
        return f"{ranked[0][1].name} (read it as format {ranked[0][1].name!r})"
    return None
