"""Input is what it claims or an error: detection, empty inputs, inputs that give no record."""

from __future__ import annotations

import gzip
import os
import random
from pathlib import Path

import pytest

import jakcite
from conftest import FIXTURES
from jakcite import FormatError, ParseError

MEDLINE_RECORD = "PMID- 12345678\nTI  - A title of a MEDLINE record.\nAU  - Smith J\nDP  - 2020 Jan\n"
READABLE = ["bibtex", "biblatex", "ris", "csl-json", "medline", "pubmed-xml", "pubmed-text"]


def test_medline_saved_as_ris_is_read_as_medline_with_a_diagnostic(tmp_path: Path) -> None:
    path = tmp_path / "pubmed-export.ris"
    path.write_text(MEDLINE_RECORD, encoding="utf-8")
    records = jakcite.read(path)
    assert [r.ids.pmid for r in records] == ["12345678"]
    assert [d.message for d in records.diagnostics] == [
        "the content is medline, although the extension '.ris' says ris"
    ]


def test_a_named_format_is_not_overridden_by_content(tmp_path: Path) -> None:
    path = tmp_path / "pubmed-export.ris"
    path.write_text(MEDLINE_RECORD, encoding="utf-8")
    with pytest.raises(ParseError):
        jakcite.read(path, "ris")


def test_random_bytes_named_bib_are_an_error_saying_binary(tmp_path: Path) -> None:
    path = tmp_path / "random.bib"
    path.write_bytes(random.Random(4).randbytes(4096))
    with pytest.raises(ParseError) as info:
        jakcite.read(path)
    assert str(info.value) == f"{path}: no bibtex record found; it looks like binary data"


def test_a_stray_nul_in_a_record_is_text_not_binary() -> None:
    # A writer keeps a NUL a user's value holds; reading that output back must work.
    (record,) = jakcite.read("TY  - JOUR\nAU  - \x00, A\nER  - \n", "ris")
    assert record.authors[0].family == "\x00"


def test_runs_of_nuls_are_binary_even_in_a_mostly_ascii_head() -> None:
    noise = "".join("MZ\x90\x00\x00\x03\x00" for _ in range(40))
    with pytest.raises(jakcite.ParseError, match="looks like binary data"):
        list(jakcite.read(noise, "ris"))


def test_control_characters_in_values_of_a_well_formed_file_are_text() -> None:
    text = "TY  - GEN\nAU  - \x1b\x08\x1b\x1b\x08, A\nER  - \n\n" * 2
    assert [r.authors[0].family for r in jakcite.read(text, "ris")] == ["\x1b\x08\x1b\x1b\x08"] * 2


def test_medline_read_as_bibtex_is_an_error_naming_what_it_looks_like(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text(MEDLINE_RECORD, encoding="utf-8")
    with pytest.raises(
        ParseError, match=r"no bibtex record found; it looks like medline \(read it as format 'medline'\)"
    ):
        jakcite.read(path, "bibtex")


@pytest.mark.parametrize("fmt", READABLE)
@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_an_empty_input_gives_no_record_in_every_format(fmt: str, content: str) -> None:
    records = jakcite.read(content, fmt)
    assert list(records) == [] and records.diagnostics == []


@pytest.mark.parametrize("ext", [".bib", ".ris", ".json", ".nbib", ".xml", ".txt"])
def test_an_empty_file_gives_no_record_whatever_its_extension(tmp_path: Path, ext: str) -> None:
    path = tmp_path / f"empty{ext}"
    path.write_bytes(b"")
    assert list(jakcite.read(path)) == []


def test_comments_and_strings_alone_are_a_valid_empty_bibtex_file() -> None:
    text = "% my bibliography\n@comment{nothing yet}\n@string{j = {J Biol}}\n@preamble{{\\relax}}\n"
    assert list(jakcite.read(text, "bibtex")) == []


def test_an_undetectable_input_names_no_command_line_flag() -> None:
    with pytest.raises(FormatError) as info:
        jakcite.read(FIXTURES / "pubmed-text" / "not-pubmed.txt")
    assert "cannot tell the format" in str(info.value)
    assert "--" not in str(info.value)


def test_parse_error_record_agrees_with_its_message() -> None:
    text = "@article{a, title={A}}\n@article{b, title={B}\n@article{c, title={C}}\n"  # b is unclosed
    skipped = jakcite.read(text, "bibtex", strict=False).skipped
    assert skipped and all(str(d).endswith(f"(record {d.record})") for d in skipped)
    assert skipped[0].record == 2
    with pytest.raises(ParseError) as info:
        jakcite.read(text, "bibtex")
    assert info.value.record == 2 and str(info.value).endswith("(record 2)")


def test_a_folder_given_with_a_format_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.bib").write_text("@article{a, title={A}}\n", encoding="utf-8")
    with pytest.raises(ParseError, match="is a folder"):
        jakcite.read(os.fspath(tmp_path), "bibtex")


@pytest.mark.parametrize("fmt", READABLE)
def test_a_byte_order_mark_alone_is_an_empty_input_in_every_format(fmt: str) -> None:
    assert list(jakcite.read(b"\xef\xbb\xbf\n", fmt)) == []


@pytest.mark.parametrize("fmt", READABLE)
@pytest.mark.parametrize("cut", [2, 10, 0.5])
def test_damaged_gzip_data_is_a_parse_error(tmp_path: Path, fmt: str, cut: float) -> None:
    data = gzip.compress((FIXTURES / "ris" / "dialects.ris").read_bytes() * 2000)
    path = tmp_path / "refs.gz"
    path.write_bytes(data[: int(cut * len(data)) if cut < 1 else int(cut)])
    # Cut inside the header it can only be damaged gzip; cut later, a reader for another
    # format may refuse the (intact) start first: a ParseError either way, never a traceback.
    with pytest.raises(ParseError, match="damaged gzip data" if cut >= 1 else None):
        jakcite.read(path, fmt)
