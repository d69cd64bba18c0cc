"""The pubmed-xml reader on small hand-written inputs: safety, errors, markup, streaming."""

from __future__ import annotations

import gzip
import io
import subprocess
import sys
import time
from pathlib import Path

import pytest

import jakcite
from jakcite.builtin_formats.pubmed_xml import PUBMED_XML
from jakcite.builtin_formats.pubmed_xml.sniffer import sniff
from jakcite.markup import to_html
from jakcite.model import Mark, PartialDate, Segment

HEAD = '<?xml version="1.0"?>\n<PubmedArticleSet>\n'
TAIL = "</PubmedArticleSet>\n"


def article(pmid: str = "1", title: str = "A title.", body: str = "", data: str = "") -> str:
    """A minimal PubmedArticle with room for extra Article/MedlineCitation/PubmedData content."""
    return (
        f'<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">{pmid}</PMID>'
        f"<Article><Journal><Title>Journal of Things</Title><JournalIssue><PubDate><Year>2020</Year></PubDate>"
        f"</JournalIssue></Journal><ArticleTitle>{title}</ArticleTitle>{body}</Article>"
        f"<MedlineJournalInfo><MedlineTA>J Things</MedlineTA></MedlineJournalInfo></MedlineCitation>"
        f"<PubmedData>{data}</PubmedData></PubmedArticle>\n"
    )


def read(*articles: str, strict: bool = True) -> jakcite.Records:
    return jakcite.read(HEAD + "".join(articles) + TAIL, "pubmed-xml", strict=strict)


# --------------------------------------------------------------------------- safety

BOMB = (
    """<?xml version="1.0"?>
<!DOCTYPE PubmedArticleSet [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
]>
<PubmedArticleSet>"""
    + article(title="&h;")
    + TAIL
)

SMALL_ENTITY = (
    """<?xml version="1.0"?>
<!DOCTYPE PubmedArticleSet [ <!ENTITY x "expanded"> ]>
<PubmedArticleSet>"""
    + article(title="&x;")
    + TAIL
)


def test_entity_expansion_bomb_is_refused_quickly() -> None:
    start = time.perf_counter()
    with pytest.raises(jakcite.ParseError):
        jakcite.read(BOMB, "pubmed-xml")
    assert time.perf_counter() - start < 2.0


def test_any_internal_entity_declaration_is_refused() -> None:
    with pytest.raises(jakcite.ParseError, match="declares entities"):
        jakcite.read(SMALL_ENTITY, "pubmed-xml")


def test_file_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    doc = (
        f'<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>\n'
        f"<PubmedArticleSet>{article(title='&xxe;')}{TAIL}"
    )
    start = time.perf_counter()
    with pytest.raises(jakcite.ParseError) as info:
        jakcite.read(doc, "pubmed-xml")
    assert "TOP-SECRET" not in str(info.value)
    assert time.perf_counter() - start < 2.0


def test_external_dtd_and_parameter_entities_are_not_loaded(tmp_path: Path) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY title "FROM-THE-DTD">', encoding="utf-8")
    external = f'<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet SYSTEM "file://{dtd}">\n<PubmedArticleSet>'
    (r,) = jakcite.read(external + article(title="Plain &amp; simple") + TAIL, "pubmed-xml")
    assert str(r.title) == "Plain & simple"
    parameter = (
        f'<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [ <!ENTITY % p SYSTEM "file://{dtd}"> %p; ]>\n'
        f"<PubmedArticleSet>{article(title='&title;')}{TAIL}"
    )
    with pytest.raises(jakcite.ParseError):
        jakcite.read(parameter, "pubmed-xml")


def test_standard_pubmed_doctype_is_accepted_without_network() -> None:
    doc = (
        '<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN"'
        ' "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n<PubmedArticleSet>'
    )
    start = time.perf_counter()
    assert len(jakcite.read(doc + article() + TAIL, "pubmed-xml")) == 1
    assert time.perf_counter() - start < 2.0


def test_undeclared_html_entity_becomes_its_character() -> None:
    doc = '<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet SYSTEM "pubmed.dtd">\n<PubmedArticleSet>'
    (r,) = jakcite.read(doc + article(title="a&nbsp;b &unknownthing; c") + TAIL, "pubmed-xml")
    assert str(r.title) == "a\u00a0b &unknownthing; c"


# --------------------------------------------------------------------------- errors


def test_malformed_xml_names_line_and_record() -> None:
    text = HEAD + article("1") + article("2").replace("</ArticleTitle>", "</ArticleTitel>") + TAIL
    with pytest.raises(jakcite.ParseError) as info:
        jakcite.read(text, "pubmed-xml", name="broken.xml")
    assert info.value.source == "broken.xml" and info.value.line == 4 and info.value.record == 2
    assert "not well-formed" in str(info.value)


def test_lenient_mode_keeps_records_before_a_syntax_error_and_reports_the_rest() -> None:
    text = HEAD + article("1") + article("2").replace("<Title>", "<Title x=>") + TAIL
    records = jakcite.read(text, "pubmed-xml", strict=False)
    assert [r.ids.pmid for r in records] == ["1"]
    assert len(records.skipped) == 1 and "rest of the input" in records.skipped[0].message


def test_a_record_the_model_refuses_fails_strict_and_is_skipped_lenient() -> None:
    bad = article("3").replace("<Year>2020</Year>", "<Year>2020</Year><Month>Jan</Month><Day>1</Day>")
    bad = bad.replace('<PMID Version="1">3</PMID>', '<PMID Version="1">3</PMID>').replace(
        "<Article>", '<Article PubModel="Print">'
    )
    missing_article = '<PubmedArticle><MedlineCitation><PMID Version="1">9</PMID></MedlineCitation></PubmedArticle>\n'
    with pytest.raises(jakcite.ParseError) as info:
        read(article("1"), missing_article, bad)
    assert info.value.record == 2 and "PMID 9" in str(info.value) and info.value.line == 4
    lenient = read(article("1"), missing_article, bad, strict=False)
    assert [r.ids.pmid for r in lenient] == ["1", "3"]
    assert lenient.skipped[0].record == 2


def test_not_pubmed_xml_is_an_error_not_an_empty_result() -> None:
    with pytest.raises(jakcite.ParseError, match="root element is <eSearchResult>"):
        jakcite.read("<eSearchResult><Count>0</Count></eSearchResult>", "pubmed-xml")
    assert list(jakcite.read(b"", "pubmed-xml")) == []  # an empty input holds no record


def test_malformed_identifiers_are_kept_in_extra_with_a_warning() -> None:
    data = '<ArticleIdList><ArticleId IdType="doi">51466</ArticleId><ArticleId IdType="pubmed">1</ArticleId></ArticleIdList>'
    body = '<AuthorList><Author><LastName>Roe</LastName><Identifier Source="ORCID">12-34</Identifier></Author></AuthorList>'
    records = read(article("1", body=body, data=data))
    (r,) = records
    assert r.ids.doi is None and ("pubmed-xml:doi", "51466") in r.extra
    assert r.authors[0].orcid is None and ("pubmed-xml:ORCID", "12-34") in r.extra  # type: ignore[union-attr]
    messages = [d.message for d in records.diagnostics]
    assert any("malformed DOI" in m for m in messages) and any("malformed ORCID" in m for m in messages)
    assert all(not d.skipped for d in records.diagnostics)


def test_unknown_elements_are_kept_in_extra() -> None:
    body = "<FutureElement Kind='x'>new <i>data</i></FutureElement>"
    (r,) = read(article("1", body=body, data="<NewThing>42</NewThing>"))
    assert ("pubmed-xml:FutureElement", "Kind=x: new data") in r.extra
    assert ("pubmed-xml:NewThing", "42") in r.extra


def test_impossible_day_is_dropped_with_a_warning_not_invented() -> None:
    body = '<ArticleDate DateType="Electronic"><Year>2021</Year><Month>02</Month><Day>30</Day></ArticleDate>'
    records = read(article("1", body=body))
    assert records[0].epublished == PartialDate(2021, 2)
    assert any("day" in d.message for d in records.diagnostics)


def test_delete_citation_is_reported() -> None:
    records = jakcite.read(
        HEAD
        + article("1")
        + '<DeleteCitation><PMID Version="1">5</PMID><PMID Version="1">6</PMID></DeleteCitation>'
        + TAIL,
        "pubmed-xml",
    )
    assert len(records) == 1
    assert any("2 PMID(s) to delete" in d.message and "5, 6" in d.message for d in records.diagnostics)


# --------------------------------------------------------------------------- content


def test_inline_markup_becomes_marks_never_escaped_tags() -> None:
    title = "Role of <i>TP53</i> in CO<sub>2</sub> and Ca<sup>2+</sup> <b>bold <i>both</i></b> <u>u</u>."
    (r,) = read(article(title=title))
    assert r.title is not None
    assert Segment("TP53", frozenset({Mark.ITALIC})) in r.title.segments
    assert Segment("both", frozenset({Mark.BOLD, Mark.ITALIC})) in r.title.segments
    assert str(r.title) == "Role of TP53 in CO2 and Ca2+ bold both u."
    assert to_html(r.title).startswith("Role of <i>TP53</i> in CO<sub>2</sub> and Ca<sup>2+</sup> <b>bold </b>")


def test_translated_title_brackets_only_when_they_enclose_the_whole_title() -> None:
    (plain, chem, translated, inner) = read(
        article("1", title="[FeFe]-hydrogenase mimics."),
        article("2", title="[(K(18-crown-6))2Cp][CpFe(CO)2] chemistry."),
        article("3", title="[Treatment of <i>Helicobacter</i> infection]."),
        article("4", title="[A study [of something]]"),
    )
    assert str(plain.title) == "[FeFe]-hydrogenase mimics." and not plain.title_translated
    assert not chem.title_translated
    assert translated.title_translated and to_html(translated.title) == "Treatment of <i>Helicobacter</i> infection."
    assert inner.title_translated and str(inner.title) == "A study [of something]"


def test_whitespace_of_pretty_printed_files_is_collapsed() -> None:
    (r,) = read(article(title="A title\n        over two lines   with\ttabs."))
    assert str(r.title) == "A title over two lines with tabs."


def test_dates_pubdate_forms() -> None:
    def pub(pub_date: str) -> PartialDate | None:
        text = article().replace("<PubDate><Year>2020</Year></PubDate>", f"<PubDate>{pub_date}</PubDate>")
        return read(text)[0].published

    assert pub("<Year>2019</Year><Month>Sep</Month><Day>04</Day>") == PartialDate(2019, 9, 4)
    assert pub("<Year>2019</Year><Month>09</Month>") == PartialDate(2019, 9)
    assert pub("<MedlineDate>1998 Dec-1999 Jan</MedlineDate>") == PartialDate(
        1998, 12, end=PartialDate(1999, 1), literal="1998 Dec-1999 Jan"
    )
    assert pub("<Year>2000</Year><Season>Fall</Season>") is not None
    assert pub("<Year>2000</Year><Season>May-Jun</Season>") == PartialDate(
        2000, 5, end=PartialDate(2000, 6), literal="2000 May-Jun"
    )


def test_all_article_id_types_are_kept() -> None:
    data = (
        "<ArticleIdList><ArticleId IdType='pubmed'>7</ArticleId><ArticleId IdType='pmc'>PMC99</ArticleId>"
        "<ArticleId IdType='mid'>NIHMS123</ArticleId><ArticleId IdType='sici'>0000-0000(1)</ArticleId>"
        "<ArticleId IdType='pmcpid'>x1</ArticleId><ArticleId IdType='doi'>10.1000/AbC</ArticleId></ArticleIdList>"
    )
    (r,) = read(article("7", data=data))
    assert (r.ids.pmid, r.ids.pmcid, r.ids.mid, r.ids.doi) == ("7", "PMC99", "NIHMS123", "10.1000/AbC")
    assert r.ids.others == (("sici", "0000-0000(1)"), ("pmcpid", "x1"))


def test_reference_list_nested_and_with_ids() -> None:
    data = (
        "<ReferenceList><Title>References</Title><Reference><Citation>Doe J. A <i>paper</i>. 2001.</Citation>"
        "<ArticleIdList><ArticleId IdType='doi'>10.5555/x</ArticleId><ArticleId IdType='pubmed'>11</ArticleId>"
        "</ArticleIdList></Reference><ReferenceList><Reference><Citation>Nested one.</Citation></Reference>"
        "</ReferenceList></ReferenceList>"
    )
    (r,) = read(article("1", data=data))
    assert [c.reference_text for c in r.references] == ["Doe J. A paper. 2001.", "Nested one."]
    assert (r.references[0].ids.doi, r.references[0].ids.pmid) == ("10.5555/x", "11")
    assert ("pubmed-xml:ReferenceListTitle", "References") in r.extra


# --------------------------------------------------------------------------- sources, detection, streaming


def test_sniffer() -> None:
    assert sniff('<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet PUBLIC "x" "y">') == 1.0
    assert sniff("<MedlineCitationSet>\n<MedlineCitation Owner='NLM'>") == 1.0
    assert sniff("<PubmedArticle>\n<MedlineCitation>") > 0
    assert sniff("<rss><channel>") == 0.0
    assert sniff("PMID- 123\nTI  - x") == 0.0
    assert PUBMED_XML.reader is not None and PUBMED_XML.writer is None


def test_detected_from_gzip_bytes_and_read_from_a_stream(tmp_path: Path) -> None:
    data = (HEAD + article("1") + article("2") + TAIL).encode()
    path = tmp_path / "set.xml.gz"
    path.write_bytes(gzip.compress(data))
    assert [r.ids.pmid for r in jakcite.read(path)] == ["1", "2"]
    assert [r.ids.pmid for r in jakcite.iter_records(io.BytesIO(gzip.compress(data)), "pubmed-xml")] == ["1", "2"]
    assert [r.ids.pmid for r in jakcite.read(data)] == ["1", "2"]  # sniffed from content


def test_records_are_yielded_before_the_input_ends() -> None:
    """Streaming: the first record is available before a later syntax error is even parsed."""
    stream = jakcite.iter_records(HEAD + article("1") + "<PubmedArticle><broken" * 1, "pubmed-xml")
    assert next(stream).ids.pmid == "1"
    with pytest.raises(jakcite.ParseError):
        next(stream)


_RSS_SCRIPT = r"""
import io, sys
import jakcite
count = int(sys.argv[1])
head = b'<?xml version="1.0"?>\n<PubmedArticleSet>\n'
record = sys.argv[2].encode()

class Lazy(io.RawIOBase):
    # Generates the document as it is read, so the input itself takes no memory.
    def __init__(self):
        self.parts = iter([head] + [record] * count + [b"</PubmedArticleSet>\n"])
        self.buffer = b""
    def readable(self):
        return True
    def readinto(self, target):
        while len(self.buffer) < len(target):
            part = next(self.parts, None)
            if part is None:
                break
            self.buffer += part
        size = min(len(target), len(self.buffer))
        target[:size] = self.buffer[:size]
        self.buffer = self.buffer[size:]
        return size

seen = sum(1 for _ in jakcite.iter_records(io.BufferedReader(Lazy()), "pubmed-xml"))
assert seen == count, seen
# VmHWM: this process's own peak (ru_maxrss would include the parent's memory at fork).
with open("/proc/self/status") as status:
    print(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
"""


def _peak_rss_kib(count: int) -> int:
    body = article("1", body="<Abstract><AbstractText>" + "words " * 300 + "</AbstractText></Abstract>")
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", _RSS_SCRIPT, str(count), body],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.strip())


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc for VmHWM")
def test_memory_does_not_grow_with_the_number_of_records() -> None:
    """Peak RSS for 10,000 records (~20 MB of XML) stays within a few MB of 500 records."""
    small, large = _peak_rss_kib(500), _peak_rss_kib(10000)
    assert large - small < 12 * 1024, (small, large)
