"""A bad field costs the field, not the record, in every reader.

A value the model refuses (a PMID ``000000000000``, a malformed DOI, a year 99999, an
empty MeSH descriptor...) in an otherwise good record leaves the record readable, in
strict and in lenient mode: the value is dropped from its slot, kept in ``Record.extra``
(as ``("<format>:<TAG>", raw value)``) or in the note, and a warning names the field and
the record.  The hand-written cases pin one bad identifier per reader; the properties put
random text into one field of a good record and check that the record survives.
"""

from __future__ import annotations

import json
import os
import re
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jakcite
from conftest import FIXTURES

MEDLINE = """PMID- 31000001
OWN - NLM
DP  - 2019 Jul 3
TI  - Tofacitinib in lupus nephritis.
LID - 10.1371/journal.pone.0180707 [doi]
FAU - Novák, Anna Maria
AU  - Novák AM
AUID- ORCID: 0000-0002-1825-0097
LA  - eng
PT  - Journal Article
DEP - 20190703
TA  - PLoS One
JT  - PloS one
IS  - 1932-6203 (Electronic)
VI  - 14
IP  - 7
PG  - 1-9
MH  - *Lupus Nephritis/drug therapy
RN  - 0 (Piperidines)
GR  - R01 AR012345/AR/NIAMS NIH HHS/United States
CIN - Nat Rev Rheumatol. 2019 Sep;15(9):511. PMID: 31300002
PMC - PMC6600001
OT  - JAK inhibitor
EDAT- 2019/07/04 06:00
PHST- 2019/07/04 06:00 [entrez]
"""

RIS = """TY  - JOUR
TI  - Tofacitinib in lupus nephritis
AU  - Novák, Anna Maria
PY  - 2019/07/03
DA  - 2019/07/03
Y2  - 2020/01/01
ET  - 2019/06/01
T2  - PloS one
J2  - PLoS One
SN  - 1932-6203
VL  - 14
IS  - 7
SP  - 1
EP  - 9
DO  - 10.1371/journal.pone.0180707
AN  - 31000001
DB  - PubMed
C2  - PMC6600001
M2  - PMID: 31000001
N1  - A note.
KW  - JAK inhibitor
LA  - eng
ER  -
"""

CSL_ITEM: dict[str, object] = {
    "id": "novak2019",
    "type": "article-journal",
    "title": "Tofacitinib in lupus nephritis",
    "author": [{"family": "Novák", "given": "Anna Maria"}],
    "container-title": "PloS one",
    "ISSN": "1932-6203",
    "volume": "14",
    "issue": "7",
    "page": "1-9",
    "issued": {"date-parts": [[2019, 7, 3]]},
    "DOI": "10.1371/journal.pone.0180707",
    "PMID": "31000001",
    "PMCID": "PMC6600001",
    "keyword": "JAK inhibitor",
    "language": "en",
    "custom": {"x": 1},
}

XML_ARTICLE = """<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM">
<PMID Version="1">31000001</PMID>
<DateRevised><Year>2021</Year><Month>03</Month><Day>01</Day></DateRevised>
<Article PubModel="Electronic-eCollection">
<Journal><ISSN IssnType="Electronic">1932-6203</ISSN>
<JournalIssue CitedMedium="Internet"><Volume>14</Volume><Issue>7</Issue>
<PubDate><Year>2019</Year><Month>Jul</Month><Day>3</Day></PubDate></JournalIssue>
<Title>PloS one</Title><ISOAbbreviation>PLoS One</ISOAbbreviation></Journal>
<ArticleTitle>Tofacitinib in lupus nephritis.</ArticleTitle>
<Pagination><MedlinePgn>1-9</MedlinePgn></Pagination>
<ELocationID EIdType="doi" ValidYN="Y">10.1371/journal.pone.0180707</ELocationID>
<Abstract><AbstractText Label="BACKGROUND">Janus kinase inhibitors.</AbstractText></Abstract>
<AuthorList><Author ValidYN="Y"><LastName>Novák</LastName><ForeName>Anna Maria</ForeName><Initials>AM</Initials>
<Identifier Source="ORCID">0000-0002-1825-0097</Identifier>
<AffiliationInfo><Affiliation>Charles University, Prague.</Affiliation></AffiliationInfo></Author></AuthorList>
<Language>eng</Language>
<GrantList><Grant><GrantID>R01 AR012345</GrantID><Agency>NIAMS</Agency><Country>United States</Country></Grant></GrantList>
<PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType></PublicationTypeList>
<ArticleDate DateType="Electronic"><Year>2019</Year><Month>07</Month><Day>03</Day></ArticleDate>
</Article>
<MedlineJournalInfo><Country>United States</Country><MedlineTA>PLoS One</MedlineTA></MedlineJournalInfo>
<ChemicalList><Chemical><RegistryNumber>0</RegistryNumber><NameOfSubstance UI="D010880">Piperidines</NameOfSubstance></Chemical></ChemicalList>
<CommentsCorrectionsList><CommentsCorrections RefType="CommentIn"><RefSource>Nat Rev Rheumatol. 2019</RefSource>
<PMID Version="1">31300002</PMID></CommentsCorrections></CommentsCorrectionsList>
<MeshHeadingList><MeshHeading><DescriptorName UI="D008181" MajorTopicYN="Y">Lupus Nephritis</DescriptorName>
<QualifierName UI="Q000188" MajorTopicYN="N">drug therapy</QualifierName></MeshHeading></MeshHeadingList>
<KeywordList Owner="NOTNLM"><Keyword MajorTopicYN="N">JAK inhibitor</Keyword></KeywordList>
</MedlineCitation>
<PubmedData><History><PubMedPubDate PubStatus="received"><Year>2019</Year><Month>01</Month><Day>02</Day></PubMedPubDate>
<PubMedPubDate PubStatus="entrez"><Year>2019</Year><Month>7</Month><Day>4</Day><Hour>6</Hour><Minute>0</Minute></PubMedPubDate>
</History><PublicationStatus>epublish</PublicationStatus>
<ArticleIdList><ArticleId IdType="pubmed">31000001</ArticleId><ArticleId IdType="doi">10.1371/journal.pone.0180707</ArticleId>
<ArticleId IdType="pmc">PMC6600001</ArticleId></ArticleIdList>
<ReferenceList><Reference><Citation>Smith J. Lupus. 2018.</Citation>
<ArticleIdList><ArticleId IdType="pubmed">29000001</ArticleId></ArticleIdList></Reference></ReferenceList>
</PubmedData></PubmedArticle>"""


def xml_document(article: str) -> str:
    return f'<?xml version="1.0"?>\n<PubmedArticleSet>\n{article}\n</PubmedArticleSet>\n'


PUBMED_TEXT = (FIXTURES / "pubmed-text" / "abstract-text.txt").read_text(encoding="utf-8").split("\n\n\n2. ")[0] + "\n"

EXAMPLES = int(os.environ.get("JAKCITE_FUZZ_EXAMPLES", "60"))
BIBTEX = """@article{novak2019,
  title = {Tofacitinib in lupus nephritis},
  author = {Nov{\\'a}k, Anna Maria and Smith, John},
  journal = {PloS one},
  year = {2019},
  month = jul,
  volume = {14},
  number = {7},
  pages = {1--9},
  doi = {10.1371/journal.pone.0180707},
  pmid = {31000001},
  pmcid = {PMC6600001},
  issn = {1932-6203},
  language = {english},
  keywords = {JAK inhibitor},
  note = {A note.},
}
"""

FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))


def read_both(text: str, fmt: str) -> jakcite.Records:
    """Read strict (the record must not fail) and lenient (the same records, none skipped)."""
    strict = jakcite.read(text, fmt, strict=True)
    lenient = jakcite.read(text, fmt, strict=False)
    assert list(lenient) == list(strict)
    assert not lenient.skipped and not strict.skipped
    return strict


def warned(records: jakcite.Records, *words: str) -> bool:
    """True when one warning, located at a record, mentions every word."""
    return any(d.record is not None and all(w in d.message for w in words) for d in records.diagnostics)


# --------------------------------------------------------------------------- hand-written cases


def test_medline_invalid_pmid_costs_the_pmid_not_the_record() -> None:
    records = read_both(MEDLINE.replace("PMID- 31000001", "PMID- 000000000000"), "medline")
    (record,) = records
    assert record.ids.pmid is None and ("medline:PMID", "000000000000") in record.extra
    assert record.title is not None and record.ids.doi == "10.1371/journal.pone.0180707"
    assert warned(records, "PMID", "000000000000")
    assert [d.line for d in records.diagnostics] == [1]


@pytest.mark.parametrize(
    ("line", "tag"),
    [
        ("MH  - *", "MH"),
        ("MH  - Lupus//drug therapy", "MH"),
        ("RN  - 0 ()", "RN"),
        ("CIN - Lupus. 2019. PMID: 0", "CIN"),
        ("LID - not-a-doi [doi]", "LID"),
        ("PMC - PMC-x", "PMC"),
        ("AUID- ORCID: 12-34", "AUID"),
        ("PHST- 2019/13/45 00:00 [received]", "PHST"),
    ],
)
def test_medline_value_the_model_refuses_is_kept_in_extra(line: str, tag: str) -> None:
    others = "".join(kept + "\n" for kept in MEDLINE.splitlines() if not kept.startswith(line[:4]))
    records = read_both(others + line + "\n", "medline")
    (record,) = records
    assert (f"medline:{tag}", line[6:]) in record.extra
    assert warned(records, tag)


def test_medline_invalid_pmid_round_trips_through_extra() -> None:
    (record,) = read_both(MEDLINE.replace("PMID- 31000001", "PMID- 0"), "medline")
    text = jakcite.write([record], "medline") or ""
    assert "PMID- 0\n" in text


@pytest.mark.parametrize(
    ("old", "new", "key", "field"),
    [
        ("AN  - 31000001", "AN  - 000000000000", ("ris:AN", "000000000000"), "PMID"),
        ("DO  - 10.1371/journal.pone.0180707", "DO  - not-a-doi", ("ris:DO", "not-a-doi"), "DOI"),
        ("C2  - PMC6600001", "C2  - 0", ("ris:C2", "0"), "PMID"),
        ("M2  - PMID: 31000001", "M2  - PMID: 0", ("ris:M2", "PMID: 0"), "PMID"),
        ("PY  - 2019/07/03", "PY  - 99999", ("ris:PY", "99999"), "PY"),
    ],
)
def test_ris_bad_identifier_or_date_is_kept_in_extra(old: str, new: str, key: tuple[str, str], field: str) -> None:
    text = RIS.replace(old, new)
    if old.startswith("AN"):
        text = text.replace("M2  - PMID: 31000001\n", "")
    records = read_both(text, "ris")
    (record,) = records
    assert key in record.extra and record.title is not None
    assert any(field in d.message or key[1] in d.message for d in records.diagnostics)


def test_ris_note_line_with_pmid_zero_stays_in_the_note_with_a_warning() -> None:
    text = RIS.replace("N1  - A note.", "N1  - PMID: 000000000000").replace("M2  - PMID: 31000001\n", "")
    text = text.replace("AN  - 31000001\n", "")
    records = read_both(text, "ris")
    (record,) = records
    assert record.ids.pmid is None and record.note == "PMID: 000000000000"
    assert warned(records, "N1", "PMID")


@pytest.mark.parametrize(
    ("variable", "value"),
    [("PMID", "000000000000"), ("PMID", 0), ("DOI", "not-a-doi"), ("PMCID", "P-1"), ("custom", 3), ("custom", [1])],
)
def test_csl_bad_identifier_or_custom_is_kept_in_extra(variable: str, value: object) -> None:
    item = {**CSL_ITEM, variable: value}
    records = read_both(json.dumps([item]), "csl-json")
    (record,) = records
    kept = [v for k, v in record.extra if k.endswith(f":{variable}") or k.endswith(f".{variable}")]
    assert kept == [json.dumps(value)]
    assert warned(records, variable)
    again = jakcite.read(jakcite.write(records, "csl-json") or "", "csl-json")
    assert list(again) == list(records)


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        (
            '<PMID Version="1">31000001</PMID>',
            '<PMID Version="1">000000000000</PMID>',
            ("pubmed-xml:PMID", "000000000000"),
        ),
        ('<ArticleId IdType="pubmed">31000001</ArticleId>', '<ArticleId IdType="pubmed">0</ArticleId>', None),
        ("<PubDate><Year>2019</Year>", "<PubDate><Year>99999</Year>", ("pubmed-xml:PubDate", "99999 Jul 3")),
        ("<DateRevised><Year>2021</Year>", "<DateRevised><Year>²</Year>", ("pubmed-xml:DateRevised", "² 03 01")),
        ('PubStatus="received"', 'PubStatus=" "', None),
        ('RefType="CommentIn"', 'RefType=" "', None),
    ],
)
def test_xml_bad_value_costs_the_value_not_the_record(old: str, new: str, key: tuple[str, str] | None) -> None:
    assert old in XML_ARTICLE
    records = read_both(xml_document(XML_ARTICLE.replace(old, new, 1)), "pubmed-xml")
    (record,) = records
    assert record.title is not None and record.authors
    if key is not None:
        assert key in record.extra
        assert warned(records, key[0].partition(":")[2])


def test_xml_invalid_record_pmid_keeps_the_other_ids() -> None:
    article = XML_ARTICLE.replace('<PMID Version="1">31000001</PMID>', '<PMID Version="1">000000000000</PMID>', 1)
    article = article.replace('<ArticleId IdType="pubmed">31000001</ArticleId>', "")
    (record,) = read_both(xml_document(article), "pubmed-xml")
    assert record.ids.pmid is None and record.ids.doi == "10.1371/journal.pone.0180707"
    assert record.ids.pmcid == "PMC6600001"


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("PMID: 33579723", "PMID: 000000000000", ("pubmed-text:pmid", "000000000000")),
        ("PMID: 33579723", "PMID: 3357x723", ("pubmed-text:pmid", "3357x723")),
        ("PMCID: PMC7883891", "PMCID: PMC-1", ("pubmed-text:pmcid", "PMC-1")),
        ("DOI: 10.1136/lupus-2021-000512", "DOI: 10.x", ("pubmed-text:doi", "10.x")),
    ],
)
def test_pubmed_text_bad_identifier_is_kept_in_extra(old: str, new: str, key: tuple[str, str]) -> None:
    assert old in PUBMED_TEXT
    records = read_both(PUBMED_TEXT.replace(old, new), "pubmed-text")
    (record,) = records
    assert key in record.extra and record.title is not None
    assert warned(records, key[0].partition(":")[2].upper())


def test_pubmed_text_related_work_with_pmid_zero_is_kept_in_extra() -> None:
    text = PUBMED_TEXT.replace("Conflict of interest", "Comment in\n    Lupus. 2021. PMID: 0\n\nConflict of interest")
    records = read_both(text, "pubmed-text")
    (record,) = records
    assert not record.related and [k for k, v in record.extra if v == "Lupus. 2021. PMID: 0"]
    assert warned(records, "PMID")


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("pmid = {31000001}", "pmid = {000000000000}", ("bibtex:pmid", "000000000000")),
        ("pmcid = {PMC6600001}", "pmcid = {PMC-1}", ("bibtex:pmcid", "PMC-1")),
        ("doi = {10.1371/journal.pone.0180707}", "doi = {not-a-doi}", ("bibtex:doi", "not-a-doi")),
        ("year = {2019}", "year = {99999}", ("bibtex:year", "99999")),
        ("month = jul", "month = {13}", ("bibtex:month", "13")),
        ("year = {2019}", "date = {2019-99-99}", ("bibtex:date", "2019-99-99")),
    ],
)
def test_bibtex_bad_identifier_or_date_is_kept_in_extra(old: str, new: str, key: tuple[str, str]) -> None:
    assert old in BIBTEX
    records = read_both(BIBTEX.replace(old, new), "bibtex")
    (record,) = records
    assert key in record.extra and record.title is not None and len(record.authors) == 2
    assert warned(records, key[0].partition(":")[2], key[1])


# --------------------------------------------------------------------------- properties

#: Values that look like what the slots want but are not (and plain random text).
_NEAR_MISSES = st.sampled_from(
    [
        "0",
        "000000000000",
        "-1",
        "99999",
        "²",
        "١٢",
        "*",
        "/",
        "//",
        "()",
        "0 ()",
        "PMID: 0",
        "PMCID: PMC",
        "10.",
        "10.1/x",
        "doi:",
        "[doi]",
        "x [doi]",
        "ORCID: 1",
        "2019/13/45",
        "2019/02/30 00:00 [received]",
        "99999/01/01",
        "0000",
        "Spring",
        ",",
        ", ,",
        "-",
        "---",
        "1-",
        "e",
        "[]",
        "{}",
    ]
)
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(str.strip)
VALUES = st.one_of(_NEAR_MISSES, _TEXT, st.builds(lambda a, b: f"{a} {b}", _NEAR_MISSES, _TEXT))


def _one_line(value: str) -> str:
    return " ".join(value.split())


@FUZZ
@given(st.integers(0, MEDLINE.count("\n") - 1), VALUES)
def test_medline_one_random_value_never_costs_the_record(position: int, value: str) -> None:
    lines = MEDLINE.splitlines()
    lines[position] = lines[position][:6] + _one_line(value)
    (record,) = read_both("\n".join(lines) + "\n", "medline")
    assert record.provenance.line == 1


@FUZZ
@given(st.integers(1, RIS.count("\n") - 2), VALUES)
def test_ris_one_random_value_never_costs_the_record(position: int, value: str) -> None:
    lines = RIS.splitlines()
    lines[position] = lines[position][:6] + _one_line(value)
    read_both("\n".join(lines) + "\n", "ris")


_CSL_JSON_VALUES = st.one_of(
    VALUES,
    st.integers(-(10**12), 10**12),
    st.booleans(),
    st.none(),
    st.lists(st.one_of(VALUES, st.integers()), max_size=3),
    st.dictionaries(st.sampled_from(["date-parts", "season", "raw", "literal", "family", "x"]), VALUES, max_size=2),
    st.builds(
        lambda parts: {"date-parts": parts},
        st.lists(st.lists(st.one_of(st.integers(), VALUES), max_size=4), max_size=3),
    ),
    st.lists(
        st.dictionaries(st.sampled_from(["family", "given", "literal", "suffix", "non-dropping-particle"]), VALUES),
        max_size=2,
    ),
)


@FUZZ
@given(st.sampled_from(sorted(CSL_ITEM)), _CSL_JSON_VALUES)
def test_csl_one_random_value_never_costs_the_record(variable: str, value: object) -> None:
    read_both(json.dumps([{**CSL_ITEM, variable: value}]), "csl-json")


_XML_LEAF = re.compile(r">([^<>\n]+)</")
_XML_ATTRIBUTE = re.compile(r'="([^"]*)"')
_XML_SPOTS = [("text", m.start(1), m.end(1)) for m in _XML_LEAF.finditer(XML_ARTICLE)] + [
    ("attribute", m.start(1), m.end(1)) for m in _XML_ATTRIBUTE.finditer(XML_ARTICLE)
]


@FUZZ
@given(st.sampled_from(_XML_SPOTS), VALUES)
def test_xml_one_random_value_never_costs_the_record(spot: tuple[str, int, int], value: str) -> None:
    kind, start, end = spot
    text = escape(value, {'"': "&quot;"}) if kind == "attribute" else escape(value)
    article = XML_ARTICLE[:start] + text + XML_ARTICLE[end:]
    read_both(xml_document(article), "pubmed-xml")


_PUBMED_TEXT_SPOTS = [
    "33579723",
    "PMC7883891",
    "10.1136/lupus-2021-000512",
    "2021 Mar",
    "8(1)",
    "e000512",
    "2021 Feb 12",
]


@FUZZ
@given(st.sampled_from(_PUBMED_TEXT_SPOTS), VALUES)
def test_pubmed_text_one_random_identifier_or_date_never_costs_the_record(spot: str, value: str) -> None:
    assert spot in PUBMED_TEXT
    records = jakcite.read(PUBMED_TEXT.replace(spot, _one_line(value)), "pubmed-text", strict=False)
    assert len(records) == 1 and not records.skipped


_BIBTEX_FIELDS = re.findall(r"^  (\w+) = ", BIBTEX, re.MULTILINE)


def _bibtex_value(value: str) -> str:
    # Braces and backslashes are BibTeX's syntax, not a field's value: escape them as a user must.
    return "{" + re.sub(r"([{}\\])", r"\\\1", _one_line(value)) + "}"


@FUZZ
@given(st.sampled_from(_BIBTEX_FIELDS), VALUES)
def test_bibtex_one_random_value_never_costs_the_record(name: str, value: str) -> None:
    text = re.sub(rf"^  {name} = .*,$", lambda _: f"  {name} = {_bibtex_value(value)},", BIBTEX, flags=re.MULTILINE)
    (record,) = read_both(text, "bibtex")
    assert record.key == "novak2019"
