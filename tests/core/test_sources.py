"""Sources decode every encoding real files come in, and never raise UnicodeDecodeError."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import jakcite
from jakcite.sources import Source, decode_bytes, detect_encoding

TEXT = "TY  - JOUR\nAU  - Renström, Åsa\nER  - \n"


def test_utf8_with_and_without_bom() -> None:
    assert Source.from_any(TEXT.encode()).read_text() == TEXT
    assert Source.from_any(b"\xef\xbb\xbf" + TEXT.encode()).read_text() == TEXT


def test_utf16_with_and_without_bom() -> None:
    assert Source.from_any(TEXT.encode("utf-16")).read_text() == TEXT
    assert Source.from_any(TEXT.encode("utf-16-le")).read_text() == TEXT


def test_cp1252_and_mixed_bytes_never_raise() -> None:
    assert Source.from_any(TEXT.encode("cp1252")).read_text() == TEXT
    mixed = TEXT.encode("utf-8") + "café “q”\n".encode("cp1252")
    assert Source.from_any(mixed).read_text().endswith("café “q”\n")
    assert detect_encoding("é".encode("latin-1") * 10 + b"abc" * 10) == "cp1252"


def test_crlf_and_cr_line_ends() -> None:
    assert Source.from_any(TEXT.replace("\n", "\r\n").encode()).read_text() == TEXT
    assert decode_bytes(TEXT.replace("\n", "\r").encode()) == TEXT


def test_gzip_paths_and_streams(tmp_path: Path) -> None:
    path = tmp_path / "x.ris.gz"
    path.write_bytes(gzip.compress(TEXT.encode()))
    src = Source.from_any(path)
    assert src.extension == ".ris.gz"
    assert src.head().startswith(b"TY  - ")
    assert src.read_text() == TEXT
    stream = Source.from_any(io.BytesIO(gzip.compress(TEXT.encode())))
    assert stream.head().startswith(b"TY  - ")
    assert stream.read_text() == TEXT


def test_str_is_path_only_when_the_file_exists(tmp_path: Path) -> None:
    path = tmp_path / "a.ris"
    path.write_text(TEXT, encoding="utf-8")
    assert Source.from_any(str(path)).path == path
    assert Source.from_any("TY  - JOUR").path is None


def test_text_stream_source() -> None:
    assert Source.from_any(io.StringIO(TEXT)).read_text() == TEXT


def test_mojibake_is_repaired_and_reported() -> None:
    from jakcite.sources import Repair

    src = Source.from_any("first line\nAU  - RenstrÃ¶m, Ã…sa\n".encode())
    seen: list[Repair] = []
    src.on_repair = seen.append
    assert src.read_text() == "first line\nAU  - Renström, Åsa\n"
    assert seen == [Repair(2, "Ã¶", "ö"), Repair(2, "Ã…", "Å")]


def test_correct_text_is_not_touched() -> None:
    text = "Ã alone, Renström, naïve – “quotes”\n"
    assert Source.from_any(text.encode()).read_text() == text


def test_chunked_reads_repair_whole_lines() -> None:
    src = Source.from_any(("x" * 10 + "RenstrÃ¶m\n") * 3)
    with src.open_text() as stream:
        parts = []
        while chunk := stream.read(7):
            parts.append(chunk)
    assert "".join(parts) == ("x" * 10 + "Renström\n") * 3


def test_a_long_one_line_reference_is_content_not_a_path() -> None:
    # Ends like a file name (".x"), but no file system has a name this long (it raised OSError).
    text = (
        "Gress F, Schmitt C, Sherman S, Ikenberry S, Lehman G. A prospective randomized comparison of endoscopic "
        "ultrasound- and computed tomography-guided celiac plexus block for managing chronic pancreatitis pain. "
        "Am J Gastroenterol. 1999 Apr;94(4):900-5. doi: 10.1111/j.1572-0241.1999.01042.x"
    )
    (record,) = jakcite.read(text, "citation-strings")
    assert record.ids.doi == "10.1111/j.1572-0241.1999.01042.x"
