"""Real PubMed records rendered as a copied PubMed article page, read back, checked against the XML.

Like ``test_corpus_rendered_abstracts.py`` for the page layout: each real record of the corpus's
PubMed XML is printed the way a whole-page copy of pubmed.ncbi.nlm.nih.gov looks (banner,
publication type, journal on its own line, ``. 2019 Jun 1;202(11):3120-9.``, ``doi:``,
``Epub``, title, ``Forename Lastname 1 2`` author line, numbered ``Affiliations``, the
``PMID: … PMCID: … DOI: …`` line, labelled abstract paragraphs, ``Keywords:``, ``References``
with link words, ``Publication types``, ``MeSH terms`` with ``/`` and ``*``, ``Substances``,
``Grants and funding``) with bullets and non-breaking spaces, and read back.

Full names on the page do not say where the family name starts, so a two-word family name
(``Sandra Diaz Garcia``) cannot be told from a middle name; the author floor allows for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from lxml import etree

import jakcite
from conftest import require_corpus
from jakcite.builtin_formats.pubmed_text import PUBMED_TEXT
from jakcite.model import Collective, Person, Record
from pubmed_text.test_corpus_rendered_abstracts import FILES, _text, _title, _truth

NBSP = "\u00a0"
BANNER = """Skip to main page content
U.S. flag

An official website of the United States government

Here's how you know

Dot gov

The .gov means it’s official.
Federal government websites often end in .gov or .mil. Before sharing sensitive information, make sure you’re on a federal government site.

Https

The site is secure.
The https:// ensures that you are connecting to the official website and that any information you provide is encrypted and transmitted securely.

Access keys NCBI Homepage MyNCBI Homepage Main Content Main Navigation
Search: Search
Advanced Clipboard
User Guide
Save Email
Send to
Display options
Full text links
"""
FIELDS = (
    "pmid",
    "title",
    "family names",
    "given names",
    "affiliations",
    "journal",
    "volume",
    "issue",
    "pages",
    "year",
    "epub",
    "abstract",
    "keywords",
    "publication types",
    "mesh",
    "substances",
    "grants",
    "references",
)
#: Per-field floors: measured values rounded down (family 96.3%, given 96.5%, affiliations 99.6%,
#: journal 99.3%, abstract 98.8%, keywords 99.9%, everything else 100% when they were set).
FLOORS = dict.fromkeys(FIELDS, 0.995) | {
    "family names": 0.96,
    "given names": 0.96,
    "journal": 0.99,
    "abstract": 0.985,
}


def _extra_truth(citation: etree._Element) -> dict[str, Any]:
    article = citation.find("Article")
    assert article is not None
    people = []
    for author in article.findall("AuthorList/Author"):
        if author.get("ValidYN") != "N" and author.find("LastName") is not None:
            people.append(
                (_text(author.find("ForeName")), _text(author.find("LastName")), _text(author.find("Suffix")))
            )
    mesh = []
    for heading in citation.findall("MeshHeadingList/MeshHeading"):
        descriptor = heading.find("DescriptorName")
        qualifiers = [(_text(q), q.get("MajorTopicYN") == "Y") for q in heading.findall("QualifierName")]
        mesh.append((_text(descriptor), descriptor is not None and descriptor.get("MajorTopicYN") == "Y", qualifiers))
    pubmed_data = citation.getparent().find("PubmedData")  # type: ignore[union-attr]
    references = (
        [_text(c) for c in pubmed_data.findall("ReferenceList/Reference/Citation")] if pubmed_data is not None else []
    )
    grants = []
    for grant in citation.findall("Article/GrantList/Grant"):
        parts = [_text(grant.find(tag)) for tag in ("GrantID", "Acronym", "Agency", "Country")]
        grants.append(parts)
    return {
        "people": people,
        "keywords": [_text(k) for k in citation.findall("KeywordList/Keyword")],
        "publication_types": [_text(p) for p in article.findall("PublicationTypeList/PublicationType")],
        "mesh": mesh,
        "substances": [_text(c.find("NameOfSubstance")) for c in citation.findall("ChemicalList/Chemical")],
        "grants": grants,
        "references": [r for r in references if r],
    }


def render_page(t: dict[str, Any], x: dict[str, Any]) -> str:
    """One record as a whole-page copy of the PubMed article page."""
    source = f". {t['date']}"
    if t["volume"] or t["issue"]:
        source += ";" + t["volume"] + (f"({t['issue']})" if t["issue"] else "")
    if t["pages"]:
        source += f":{t['pages']}"
    lines = [
        BANNER.rstrip("\n"),
        x["publication_types"][0] if x["publication_types"] else "Journal Article",
        t["journal"],
        source + ".",
    ]
    if t["doi"]:
        lines.append(f"doi: {t['doi']}.")
    if t["epub"]:
        year, month, day = t["epub"].split("-")
        month_name = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")[
            int(month) - 1
        ]
        lines.append(f"Epub {year} {month_name} {int(day)}.")
    lines += ["", t["title"], ""]
    names = []
    for (given, family, suffix), keys in zip(x["people"], t["marks"], strict=True):
        name = " ".join(p for p in (given, family, suffix) if p)
        names.append(name + "".join(f"{NBSP}{k}" for k in keys))
    author_line = ", ".join(names)
    if t["groups"]:
        author_line = "; ".join([author_line, *t["groups"]]) if author_line else "; ".join(t["groups"])
    if author_line:
        lines.append(author_line)
    if t["affiliations"]:
        lines += (
            ["Affiliations", "Expand", ""] + [f"    {i} {a}" for i, a in enumerate(t["affiliations"], start=1)] + [""]
        )
    ids = (
        f"PMID: {t['pmid']}"
        + (f" PMCID: {t['pmcid']}" if t["pmcid"] else "")
        + (f" DOI: {t['doi']}" if t["doi"] else "")
    )
    lines += [ids, "Free PMC article" if t["pmcid"] else "Free article", "Abstract", ""]
    for label, text in t["sections"]:
        lines += [f"{label.capitalize() if label.isupper() else label}: {text}" if label else text, ""]
    if x["keywords"]:
        lines += ["Keywords: " + "; ".join(x["keywords"]) + ".", ""]
    lines += ["PubMed Disclaimer", ""]
    if x["references"]:
        lines += ["References", ""] + [f"    {i}. {r} - PubMed" for i, r in enumerate(x["references"], start=1)] + [""]
    if x["publication_types"]:
        lines += ["Publication types", ""] + [f"  \u2022 {p}" for p in x["publication_types"]] + [""]
    if x["mesh"]:
        lines += ["MeSH terms", ""]
        for descriptor, major, qualifiers in x["mesh"]:
            if not qualifiers:
                lines.append(f"  \u2022 {descriptor}{'*' if major else ''}")
            for name, qualifier_major in qualifiers:
                lines.append(f"  \u2022 {descriptor}{'*' if major else ''} / {name}{'*' if qualifier_major else ''}")
        lines.append("")
    if x["substances"]:
        lines += ["Substances", ""] + [f"  \u2022 {s}" for s in x["substances"]] + [""]
    if x["grants"]:
        lines += ["Grants and funding", ""] + ["  \u2022 " + "/".join(g) for g in x["grants"]] + [""]
    lines += ["LinkOut - more resources", "", "Full Text Sources", "  \u2022 Silverchair Information Systems", ""]
    return "\n".join(lines) + "\n"


def _corpus() -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    root = require_corpus("pubmed-xml")
    for pattern in FILES:
        for path in sorted(root.glob(pattern)):
            for citation in etree.parse(str(path)).iter("MedlineCitation"):
                if citation.getparent() is not None and citation.getparent().tag == "PubmedArticle":  # type: ignore[union-attr]
                    t = _truth(citation)
                    if t["title"] and t["journal"] and t["date"][:4].isdigit():
                        yield t, _extra_truth(citation)


def _compare(record: Record, t: dict[str, Any], x: dict[str, Any]) -> dict[str, bool]:
    persons = [a for a in record.authors if isinstance(a, Person)]
    groups = [a.name for a in record.authors if isinstance(a, Collective)]
    pages = record.pages.printed if record.pages else record.article_number
    printed_sections = [
        f"{label.capitalize() if label.isupper() else label}: {text}" if label else text
        for label, text in t["sections"]
    ]
    sections = (
        [f"{s.label}: {s.text}" if s.label else str(s.text) for s in record.abstract.sections]
        if record.abstract
        else []
    )
    mesh = [(m.descriptor, m.major, [(q.name, q.major) for q in m.qualifiers]) for m in record.mesh]
    expected_affiliations = [tuple(t["affiliations"][k - 1] for k in keys) for keys in t["marks"]]
    return {
        "pmid": record.ids.pmid == t["pmid"],
        "title": (record.title.text if record.title else "") == _title(t["title"]),
        "family names": [" ".join(p for p in (a.family, a.suffix) if p) for a in persons]
        == [" ".join(p for p in (f, s) if p) for _, f, s in x["people"]]
        and groups == t["groups"],
        "given names": [(a.given, a.family) for a in persons] == [(g or None, f) for g, f, _ in x["people"]],
        "affiliations": [a.affiliations for a in persons] == expected_affiliations,
        # the page prints the abbreviation without its final full stop when it has no other
        "journal": record.container is not None
        and (record.container.abbreviation or "").rstrip(".") == t["journal"].rstrip("."),
        "volume": (record.volume or "") == t["volume"],
        "issue": (record.issue or "") == t["issue"],
        "pages": (pages or "") == t["pages"],
        "year": record.published is not None and str(record.published.year) == t["date"][:4],
        "epub": (record.epublished.iso() if record.epublished else "") == t["epub"],
        "abstract": [" ".join(s.split()) for s in sections] == [" ".join(s.split()) for s in printed_sections],
        "keywords": [k.term for k in record.keywords] == x["keywords"],
        "publication types": list(record.publication_types) == list(dict.fromkeys(x["publication_types"])),
        "mesh": mesh == x["mesh"],
        "substances": [s.name for s in record.substances] == x["substances"],
        "grants": len(record.grants) == len(x["grants"]),
        "references": [r.reference_text for r in record.references] == x["references"],
    }


def test_rendered_pages_read_back() -> None:
    pairs = list(_corpus())
    text = "".join(render_page(t, x) for t, x in pairs)
    records = jakcite.read(text, PUBMED_TEXT)
    assert len(records) == len(pairs) >= 800
    right = dict.fromkeys(FIELDS, 0)
    misses: list[str] = []
    for record, (t, x) in zip(records, pairs, strict=True):
        for field, ok in _compare(record, t, x).items():
            right[field] += ok
            if not ok and len(misses) < 80:
                misses.append(f"{field}: PMID {t['pmid']}")
    print(f"\n{len(pairs)} real PubMed records rendered as copied article pages and read back")
    for field in FIELDS:
        print(f"  {field:18s} {right[field]:4d}/{len(pairs)} = {right[field] / len(pairs):7.2%}")
    for miss in misses:
        print("  MISS", miss)
    for field in FIELDS:
        assert right[field] / len(pairs) >= FLOORS[field], field


@pytest.mark.parametrize("index", [0, 100, 500])
def test_one_rendered_page_alone(index: int) -> None:
    pairs = list(_corpus())
    t, x = pairs[index]
    record = jakcite.read(render_page(t, x), PUBMED_TEXT)[0]
    assert record.ids.pmid == t["pmid"]


def render_abstract_view(t: dict[str, Any], x: dict[str, Any]) -> str:
    """One record as the copied abstract view (seed 000): title first, no headings above the
    abstract, the substance list after the MeSH terms without its heading."""
    source = f"{t['journal'].rstrip('.')}. {t['date']}"
    if t["volume"] or t["issue"]:
        source += ";" + t["volume"] + (f"({t['issue']})" if t["issue"] else "")
    if t["pages"]:
        source += f":{t['pages']}"
    source += "."
    if t["doi"]:
        source += f" doi: {t['doi']}."
    if t["epub"]:
        year, month, day = t["epub"].split("-")
        month_name = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")[
            int(month) - 1
        ]
        source += f" Epub {year} {month_name} {int(day)}."
    lines = [t["title"], "", source, "", ""]
    names = [" ".join(p for p in person if p) for person in x["people"]]
    if names or t["groups"]:
        lines += ["; ".join([", ".join(names), *t["groups"]] if names else t["groups"]), ""]
    for label, text in t["sections"]:
        lines += [f"{label.capitalize() if label.isupper() else label}: {text}" if label else text, ""]
    if x["keywords"]:
        lines += ["Keywords: " + "; ".join(x["keywords"]) + ".", ""]
    if x["publication_types"]:
        lines += ["Publication types", ""] + [f"  \u2022 {p}" for p in x["publication_types"]] + [""]
    if x["mesh"]:
        lines += ["MeSH terms", ""]
        for descriptor, major, qualifiers in x["mesh"]:
            if not qualifiers:
                lines.append(f"  \u2022 {descriptor}{'*' if major else ''}")
            for name, qualifier_major in qualifiers:
                lines.append(f"  \u2022 {descriptor}{'*' if major else ''} / {name}{'*' if qualifier_major else ''}")
        lines += ["", ""]
        lines += [f"  \u2022 {s}" for s in x["substances"]]
    return "\n".join(lines) + "\n\n\n"


def test_rendered_abstract_views_read_back() -> None:
    pairs = [(t, x) for t, x in _corpus() if x["mesh"]]  # the substance list needs the MeSH list above it
    text = "".join(render_abstract_view(t, x) for t, x in pairs)
    records = jakcite.read(text, PUBMED_TEXT)
    assert len(records) == len(pairs) >= 600
    checks = {
        "title": lambda r, t, x: (r.title.text if r.title else "") == _title(t["title"]),
        "journal": lambda r, t, x: (
            r.container is not None and (r.container.abbreviation or "") == t["journal"].rstrip(".")
        ),
        "pages": lambda r, t, x: ((r.pages.printed if r.pages else r.article_number) or "") == t["pages"],
        "doi": lambda r, t, x: (r.ids.doi or "").lower() == (t["doi"].lower() if t["doi"].startswith("10.") else ""),
        "family names": lambda r, t, x: (
            [a.family for a in r.authors if isinstance(a, Person)][:1] == [f for _, f, _ in x["people"]][:1]
        ),
        "keywords": lambda r, t, x: [k.term for k in r.keywords] == x["keywords"],
        "mesh": lambda r, t, x: [m.descriptor for m in r.mesh] == [d for d, _, _ in x["mesh"]],
        "substances": lambda r, t, x: [s.name for s in r.substances] == x["substances"],
        "publication types": lambda r, t, x: list(r.publication_types) == list(dict.fromkeys(x["publication_types"])),
    }
    right = dict.fromkeys(checks, 0)
    for record, (t, x) in zip(records, pairs, strict=True):
        for name, check in checks.items():
            right[name] += bool(check(record, t, x))
    print(f"\n{len(pairs)} real PubMed records rendered as copied abstract views and read back")
    for name in checks:
        print(f"  {name:18s} {right[name]:4d}/{len(pairs)} = {right[name] / len(pairs):7.2%}")
    for name in checks:
        assert right[name] / len(pairs) >= 0.98, name
