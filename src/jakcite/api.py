"""The public functions: read, iter_records, write, formats."""

from __future__ import annotations

import io
import os
import warnings
from collections.abc import Callable, Container, Iterable, Iterator
from typing import Any, TextIO

from jakcite.errors import FormatError, ParseError, ParseWarning
from jakcite.model import Record
from jakcite.output import atomic_output
from jakcite.records import Records
from jakcite.registry import (
    Diagnostic,
    Format,
    ReadContext,
    describe_content,
    detect_format,
    extension_formats,
    get_format,
    load_formats,
    looks_binary_to,
)
from jakcite.sources import GZIP_ERRORS, HEAD_SIZE, Source

__all__ = ["Records", "formats", "iter_records", "read", "write"]


def _warn(diag: Diagnostic) -> None:
    warnings.warn(str(diag), ParseWarning, stacklevel=4)


def _reader_for(src: Source, format: str | Format | None) -> Format:
    fmt = get_format(format) if format is not None else detect_format(src)
    if fmt.reader is None:
        raise FormatError(f"format {fmt.name!r} cannot be read (write-only)")
    return fmt


def iter_records(
    source: object,
    format: str | Format | None = None,
    *,
    strict: bool = True,
    on_diagnostic: Callable[[Diagnostic], None] | None = None,
    name: str | None = None,
    skip: Container[str] = frozenset(),
) -> Iterator[Record]:
    """Stream records from ``source`` one at a time.

    ``source`` is a path, a ``str`` of content, ``bytes`` or a file object; ``format`` is
    detected from the extension, then the content, when not given.  In strict mode a
    record that cannot be read raises :class:`~jakcite.ParseError`; with
    ``strict=False`` it is skipped and reported to ``on_diagnostic`` (by default as a
    :class:`~jakcite.ParseWarning`).

    ``skip`` names model fields the caller will not use (``jakcite convert`` passes those
    its writer does not carry); a reader may leave them empty, which saves building them.

    An empty input (nothing but blank space) gives no record in every format.  An input
    that gives no record but looks like something else (binary data, another format) is
    a :class:`~jakcite.ParseError` saying what it looks like, never an empty result.
    Content another format recognises with certainty beats the extension (with a
    diagnostic saying so).
    """
    src = Source.from_any(source, name)
    fmt = _reader_for(src, format)
    context = ReadContext(src, fmt.name, strict, on_diagnostic or _warn, skip=skip)
    src.on_repair = lambda r: context.warn(f"repaired mis-encoded text {r.before!r} -> {r.after!r}", line=r.line)
    if format is None:
        _note_content_over_extension(src, fmt, context)
    if _is_empty(src):
        return  # an empty input holds no record, whatever its format
    if looks_binary_to(fmt, src):  # a text format's reader would find "records" in noise
        raise ParseError(f"no {fmt.name} record found; it looks like binary data", source=src.name)
    assert fmt.reader is not None
    count = 0
    try:
        for record in fmt.reader(src, context):
            count += 1
            yield record
    except (ParseError, FormatError):
        raise
    except GZIP_ERRORS as exc:
        raise ParseError(f"damaged gzip data: {exc}", source=src.name) from exc
    except OSError as exc:
        raise ParseError(f"cannot read: {exc.strerror or exc}", source=src.name) from exc
    except RecursionError as exc:
        raise ParseError("input nested too deeply", source=src.name) from exc
    if count == 0 and not any(d.skipped for d in context.diagnostics):
        _check_nothing_missed(src, fmt)


def _is_empty(src: Source) -> bool:
    # Blank space and byte-order marks only: nothing any format could hold.
    return len(src.head()) < HEAD_SIZE and not src.head_text().replace("\ufeff", "").strip()


def _note_content_over_extension(src: Source, fmt: Format, context: ReadContext) -> None:
    claimed = extension_formats(src)
    if claimed and fmt not in claimed:
        context.warn(f"the content is {fmt.name}, although the extension {src.extension!r} says {claimed[0].name}")


def _check_nothing_missed(src: Source, fmt: Format) -> None:
    """No record read from content that is something else: an error, not an empty result."""
    looks = describe_content(src, besides=fmt)
    if looks is not None:
        raise ParseError(f"no {fmt.name} record found; it looks like {looks}", source=src.name)


def read(
    source: object,
    format: str | Format | None = None,
    *,
    strict: bool = True,
    name: str | None = None,
) -> Records:
    """Read every record of ``source`` into a :class:`Records` list (see :func:`iter_records`).

    Diagnostics (repairs, and in lenient mode skipped records) are on ``.diagnostics``.
    """
    diagnostics: list[Diagnostic] = []
    records = list(iter_records(source, format, strict=strict, on_diagnostic=diagnostics.append, name=name))
    return Records(records, diagnostics)


def write(
    records: Iterable[Record] | Record,
    format: str | Format,
    dest: str | os.PathLike[str] | TextIO | None = None,
    **options: Any,
) -> str | None:
    """Write records in ``format``; returns the text when ``dest`` is None.

    ``dest`` is a path or a text file object.  A path is replaced atomically: the file
    appears whole when the writer has finished, and on any error it is left as it was (so
    writing over one of the inputs is safe).  ``options`` are the writer's own (see the
    format's docs page); an unknown option is an error.
    """
    fmt = get_format(format)
    if fmt.writer is None:
        raise FormatError(f"format {fmt.name!r} cannot be written (read-only)")
    unknown = sorted(set(options) - set(fmt.options))
    if unknown:
        known = ", ".join(sorted(fmt.options)) or "none"
        raise FormatError(f"format {fmt.name!r} has no option {', '.join(unknown)} (options: {known})")
    options = {name: fmt.options[name].parse(name, value) for name, value in options.items()}
    items: Iterable[Record] = [records] if isinstance(records, Record) else records
    if dest is None:
        buffer = io.StringIO()
        fmt.writer(items, buffer, **options)
        return buffer.getvalue()
    if isinstance(dest, (str, os.PathLike)):
        # Atomic: a failed or interrupted write leaves an existing file as it was.
        with atomic_output(dest) as out:
            fmt.writer(items, out, **options)
        return None
    fmt.writer(items, dest, **options)
    return None


def formats() -> dict[str, Format]:
    """All registered formats by name (built-in and plugins)."""
    return dict(load_formats())
