"""Input sources: paths, strings, bytes and file objects behind one small interface.

Readers never open files themselves: they get a :class:`Source` and ask it for bytes
(XML parsers) or decoded text (line formats).  Decoding lives here once: BOMs, UTF-16,
gzip, CRLF/CR line ends, and Windows-1252 bytes inside otherwise UTF-8 files.
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import re
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO, BinaryIO, TextIO

import attrs

from jakcite.errors import ParseError
from jakcite.util.mojibake import repair_mojibake

__all__ = ["Repair", "Source", "decode_bytes", "detect_encoding"]

_GZIP_MAGIC = b"\x1f\x8b"
HEAD_SIZE = 65536
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode bytes that are not UTF-8 as Windows-1252 (old .bib and RIS files mix them)."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("cp1252", errors="replace"), error.end


codecs.register_error("jakcite-cp1252", _cp1252_fallback)


def detect_encoding(head: bytes) -> str:
    """Guess the encoding from the first bytes: BOM, UTF-16 without BOM, else UTF-8.

    UTF-8 is decoded with a Windows-1252 fallback for stray bytes (see :func:`decode_bytes`).
    """
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    sample = head[:2000]
    if len(sample) >= 4:
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        half = len(sample) // 2
        if odd_nuls > half * 0.4 and even_nuls < half * 0.05:
            return "utf-16-le"
        if even_nuls > half * 0.4 and odd_nuls < half * 0.05:
            return "utf-16-be"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte sequence cut at the end of the head is still UTF-8.
        if exc.start < len(head) - 4:
            return "cp1252"
    return "utf-8"


def decode_bytes(data: bytes) -> str:
    """Decode a whole byte string the way :meth:`Source.open_text` would."""
    encoding = detect_encoding(data[:HEAD_SIZE])
    errors = "jakcite-cp1252" if encoding.startswith("utf-8") else "replace"
    text = data.decode(encoding, errors=errors)
    return text.replace("\r\n", "\n").replace("\r", "\n")


@attrs.frozen
class Repair:
    """A double-encoded run repaired while decoding (``"RenstrÃ¶m"`` -> ``"Renström"``)."""

    line: int
    before: str
    after: str


class _RepairingText(io.TextIOBase):
    """Line-by-line mojibake repair over a decoded text stream, noting each repair."""

    def __init__(self, inner: TextIO, on_repair: Callable[[Repair], None]) -> None:
        self._inner = inner
        self._on_repair = on_repair
        self._line = 0

    def readable(self) -> bool:
        return True

    def _fix(self, line: str) -> str:
        self._line += 1
        fixed, repairs = repair_mojibake(line)
        for before, after in repairs:
            self._on_repair(Repair(self._line, before, after))
        return fixed

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        line = self._inner.readline()
        return self._fix(line) if line else line

    def read(self, size: int | None = -1) -> str:
        if size is None or size < 0:
            return "".join(iter(self.readline, ""))
        chunk = self._inner.read(size)
        if chunk and not chunk.endswith("\n"):
            chunk += self._inner.readline()  # never split a line: repairs need whole runs
        return "".join(self._fix(line) for line in chunk.splitlines(keepends=True))

    def close(self) -> None:
        self._inner.close()
        super().close()


def _peekable(stream: IO[bytes]) -> io.BufferedReader:
    if isinstance(stream, io.BufferedReader):
        return stream
    return io.BufferedReader(stream)  # type: ignore[arg-type]


#: One line shaped like a file name: no markup characters, a short extension at the end.
_PATH_SHAPE = re.compile(r"^[^\n<>{}\[\]@|]*\.[A-Za-z][A-Za-z0-9]{0,7}(?:\.gz)?$")


def _names_a_path(text: str) -> bool:
    if "\n" in text or not text.strip() or len(text) >= 4096:
        return False
    if any(len(part.encode("utf-8")) > 255 for part in re.split(r"[/\\]", text)):
        return False  # no file system has a name this long: a one-line reference, not a path
    return os.path.exists(text) or bool(_PATH_SHAPE.match(text.strip()))


def _check_readable(path: Path, shown: str) -> None:
    if path.is_dir():
        raise ParseError("is a folder, not a file", source=shown)
    if not path.exists():
        raise ParseError("no such file", source=shown)


#: What damaged or truncated gzip data raises.
GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)


def _gunzip_head(data: bytes) -> bytes:
    # A stream's head holds only the start of the compressed data: decompress what is there.
    try:
        return gzip.decompress(data)[:HEAD_SIZE]
    except (OSError, EOFError):
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            return gz.read(HEAD_SIZE)


@attrs.define
class Source:
    """One input: a name for messages and a way to get its bytes.

    Build one with :meth:`Source.from_any`.  A source made from a stream can be opened
    once; one made from a path or from bytes can be opened again and again.
    """

    name: str
    _open: Callable[[], BinaryIO]
    path: Path | None = None
    _head: bytes | None = None
    _head_text: str | None = attrs.field(default=None, init=False)
    #: Called for each mojibake repair made while decoding (``jakcite.read`` reports them).
    on_repair: Callable[[Repair], None] | None = None

    @classmethod
    def from_any(cls, obj: object, name: str | None = None) -> Source:
        """Make a source from a path, text, bytes or a binary/text file object.

        A ``str`` is a path when it names an existing file and has no newline;
        otherwise it is the content itself, unless it has the shape of a path (one line
        ending in a file extension, such as ``refs.bib``) and names no file: that is
        a :class:`~jakcite.ParseError` naming the path, not content read as a record.
        """
        if isinstance(obj, Source):
            return obj
        if isinstance(obj, os.PathLike) or (isinstance(obj, str) and _names_a_path(obj)):
            path = Path(os.fspath(obj))
            _check_readable(path, name or str(path))
            return cls(name or str(path), lambda: open(path, "rb"), path)
        if isinstance(obj, str):
            data = obj.encode("utf-8")
            return cls(name or "<string>", lambda: io.BytesIO(data))
        if isinstance(obj, (bytes, bytearray, memoryview)):
            raw = bytes(obj)
            return cls(name or "<bytes>", lambda: io.BytesIO(raw))
        if isinstance(obj, io.TextIOBase) or hasattr(obj, "encoding"):
            text_stream: TextIO = obj  # type: ignore[assignment]
            buffer = getattr(text_stream, "buffer", None)
            stream_name = name or str(getattr(obj, "name", "<stream>"))
            if buffer is not None:
                return cls._from_stream(buffer, stream_name)
            data = text_stream.read().encode("utf-8")
            return cls(stream_name, lambda: io.BytesIO(data))
        if hasattr(obj, "read"):
            return cls._from_stream(obj, name or str(getattr(obj, "name", "<stream>")))  # type: ignore[arg-type]
        raise TypeError(f"cannot read from {type(obj).__name__}: give a path, str, bytes or file object")

    @classmethod
    def _from_stream(cls, stream: IO[bytes], name: str) -> Source:
        reader = _peekable(stream)
        used = False

        def opener() -> BinaryIO:
            nonlocal used
            if used:
                raise ValueError(f"{name}: a stream source can be opened only once")
            used = True
            return reader

        src = cls(name, opener)
        src._head = reader.peek(HEAD_SIZE)[:HEAD_SIZE]
        return src

    @property
    def extension(self) -> str:
        """Lower-case extensions, ``.xml.gz`` style, or '' when there is no path."""
        if self.path is None:
            return ""
        return "".join(self.path.suffixes[-2:]).lower() if self.path.suffix == ".gz" else self.path.suffix.lower()

    def open_binary(self) -> BinaryIO:
        """The bytes, gunzipped when they are gzip-compressed."""
        raw = self._open()
        if self.path is not None or not isinstance(raw, io.BufferedReader):
            raw = _peekable(raw)
        assert isinstance(raw, io.BufferedReader)
        if raw.peek(2)[:2] == _GZIP_MAGIC:
            return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
        return raw

    def head(self) -> bytes:
        """The first 64 KiB (decompressed), for format sniffing; does not consume a stream.

        Damaged gzip data is a :class:`~jakcite.ParseError`, not an empty head.
        """
        try:
            if self._head is None:
                with self.open_binary() as stream:
                    self._head = stream.read(HEAD_SIZE)
            elif self._head[:2] == _GZIP_MAGIC:
                self._head = _gunzip_head(self._head)
        except GZIP_ERRORS as exc:
            raise ParseError(f"damaged gzip data: {exc}", source=self.name) from exc
        return self._head

    def head_text(self) -> str:
        """The head decoded as :meth:`open_text` would, for content sniffers (decoded once:
        detection, the empty-input check and error messages all look at it)."""
        if self._head_text is None:
            self._head_text = decode_bytes(self.head())
        return self._head_text

    def open_text(self) -> TextIO:
        """Decoded text with universal newlines (CRLF and CR become ``\\n``)."""
        encoding = detect_encoding(self.head())
        errors = "jakcite-cp1252" if encoding.startswith("utf-8") else "replace"
        text = io.TextIOWrapper(self.open_binary(), encoding=encoding, errors=errors, newline=None)
        if not encoding.startswith("utf-8"):
            return text
        return _RepairingText(text, self._note_repair)  # type: ignore[return-value]

    def _note_repair(self, repair: Repair) -> None:
        if self.on_repair is not None:
            self.on_repair(repair)

    def read_text(self) -> str:
        """The whole text at once."""
        with self.open_text() as stream:
            return stream.read()
