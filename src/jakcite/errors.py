"""Errors and warnings raised while reading and writing bibliographic data."""

from __future__ import annotations

__all__ = ["FormatError", "JakciteError", "ParseError", "ParseWarning", "PluginWarning", "WriteError"]


class JakciteError(Exception):
    """Base class of every error jakcite raises on purpose."""


class FormatError(JakciteError, ValueError):
    """An unknown format name, or a format that cannot read or write."""


class WriteError(JakciteError):
    """A record that a writer cannot serialise (names the record)."""


def _location(source: str | None, line: int | None, offset: int | None) -> str:
    where = source or "<input>"
    if line is not None:
        where += f":{line}"
    elif offset is not None:
        where += f":@{offset}"
    return where


class ParseError(JakciteError, ValueError):
    """Input that cannot be read: names the source, line (or byte offset) and record.

    ``str(error)`` is ``source:line: message (record N)``, the form the command prints;
    ``record`` is that N, counted from 1 as printed.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        offset: int | None = None,
        record: int | None = None,
    ) -> None:
        self.message = message
        self.source = source
        self.line = line
        self.offset = offset
        self.record = record
        super().__init__(self.__str__())

    def __str__(self) -> str:
        text = f"{_location(self.source, self.line, self.offset)}: {self.message}"
        if self.record is not None:
            text += f" (record {self.record})"
        return text

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments need help to survive pickling (multiprocessing).
        return (_rebuild_parse_error, (self.message, self.source, self.line, self.offset, self.record))


def _rebuild_parse_error(
    message: str, source: str | None, line: int | None, offset: int | None, record: int | None
) -> ParseError:
    return ParseError(message, source=source, line=line, offset=offset, record=record)


class ParseWarning(UserWarning):
    """A problem a reader worked around (lenient mode, repaired mojibake, missing field)."""


class PluginWarning(UserWarning):
    """A format plugin that failed to load (it is left out; the others keep working)."""
