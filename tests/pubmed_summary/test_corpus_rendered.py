"""Real PubMed records printed as PubMed's Summary (text), CSV and NLM Cite strings, read back.

There is no public collection of these saves, so (like the pubmed-text corpus tests) this
takes the real records of the corpus's PubMed XML, prints each the way PubMed's Summary
(text) and CSV saves and its NLM citation do (MedlineTA journal, ``AU``-form authors,
``Epub`` from ArticleDate, ``PMID:``/``PMCID:``), reads them back with the three readers
and checks each field against the values taken from the XML with lxml.  It prints a
per-field table and fails below the floors.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from lxml import etree

import jakcite
from conftest import require_corpus
from jakcite.model import Record
from pubmed_text.test_corpus_rendered_abstracts import FILES, _names, _text, _title, _truth

FIELDS = ("pmid", "doi", "pmcid", "title", "authors", "journal", "volume", "issue", "pages", "year", "epub")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Per-field floors, set from the first measured run (see the printed table).
FLOOR = 0.99


def _corpus() -> Iterator[dict[str, Any]]:
    root = require_corpus("pubmed-xml")
    for pattern in FILES:
        for path in sorted(root.glob(pattern)):
            for citation in etree.parse(str(path)).iter("MedlineCitation"):
                parent = citation.getparent()
                if parent is None or parent.tag != "PubmedArticle":
                    continue
                truth = _truth(citation)
                truth["journal"] = _text(citation.find("MedlineJournalInfo/MedlineTA")) or truth["journal"]
                yield truth


def _date(text: str) -> str:
    """``2019 01 15`` / ``2019 Jan 15`` as PubMed prints it: ``2019 Jan 15``."""
    parts = text.split()
    if len(parts) >= 2 and parts[1].isdigit():
        parts[1] = MONTHS[int(parts[1]) - 1]
    if len(parts) >= 3 and parts[2].isdigit():
        parts[2] = str(int(parts[2]))
    return " ".join(parts)


def citation_line(t: dict[str, Any]) -> str:
    line = f"{t['journal']}. {_date(t['date'])}"
    if t["volume"] or t["issue"]:
        line += ";" + t["volume"] + (f"({t['issue']})" if t["issue"] else "")
    if t["pages"]:
        line += f":{t['pages']}"
    line += "."
    if t["doi"]:
        line += f" doi: {t['doi']}."
    if t["epub"]:
        year, month, day = t["epub"].split("-")
        line += f" Epub {year} {MONTHS[int(month) - 1]} {int(day)}."
    return line


def author_line(t: dict[str, Any]) -> str:
    names = ", ".join(f"{family} {initials}".strip() for family, initials in t["persons"])
    return "; ".join(x for x in [names, *t["groups"]] if x)


def summary(number: int, t: dict[str, Any]) -> str:
    lines = [f"{number}. {t['title']}"]
    if author_line(t):
        lines.append(author_line(t) + ".")
    lines.append(citation_line(t))
    lines.append(f"PMID: {t['pmid']}" + (" Free PMC article." if t["pmcid"] else ""))
    return "\n".join(lines) + "\n"


def csv_text(truths: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["PMID", "Title", "Authors", "Citation", "First Author", "Journal/Book", "Publication Year",
                     "Create Date", "PMCID", "NIHMS ID", "DOI"])  # fmt: skip
    for t in truths:
        first = " ".join(t["persons"][0]).strip() if t["persons"] else ""
        authors = author_line(t) + "." if author_line(t) else ""
        writer.writerow([t["pmid"], t["title"], authors, citation_line(t), first, t["journal"], t["date"][:4], "",
                         t["pmcid"], "", t["doi"]])  # fmt: skip
    return out.getvalue()


def nlm(t: dict[str, Any]) -> str:
    title = t["title"] if t["title"].endswith((".", "?", "!")) else t["title"] + "."
    head = f"{author_line(t)}. {title}" if author_line(t) else title
    ids = f" PMID: {t['pmid']}" + (f"; PMCID: {t['pmcid']}" if t["pmcid"] else "") + "."
    return f"{head} {citation_line(t)}{ids}"


def ama(t: dict[str, Any]) -> str:
    """AMA as PubMed's Cite prints it: six authors at most, else three and ``et al.``; ``Published`` for an Epub date."""
    names = [f"{family} {initials}".strip() for family, initials in t["persons"]] + t["groups"]
    shown = ", ".join(names if len(names) <= 6 else [*names[:3], "et al"])
    title = t["title"] + ("." if t["title"].endswith(("?", "!")) else "")
    line = f"{t['journal']}. {t['date'][:4]};{t['volume']}" + (f"({t['issue']})" if t["issue"] else "")
    line += f":{t['pages']}." if t["pages"] else "."
    if t["epub"]:
        year, month, day = t["epub"].split("-")
        line += f" Published {year} {MONTHS[int(month) - 1]} {int(day)}."
    line += f" doi:{t['doi']}" if t["doi"] else ""
    return f"{shown}. {title} {line}" if shown else f"{title} {line}"


def apa(t: dict[str, Any]) -> str:
    """APA as PubMed's Cite prints it: ``Family, I. I.``, ``&`` before the last, ``. . .`` past twenty."""
    names = [_apa_name(family, initials) for family, initials in t["persons"]] + t["groups"]
    if len(names) > 20:
        shown = ", ".join(names[:19]) + ", . . . " + names[-1]
    else:
        shown = ", ".join(names[:-1]) + ", & " + names[-1] if len(names) > 1 else "".join(names)
    title = t["title"] + ("." if t["title"].endswith(("?", "!")) else "")
    source = f"{t['journal']}, {t['volume']}" + (f"({t['issue']})" if t["issue"] else "")
    source += f", {t['pages']}." if t["pages"] else "."
    return f"{shown} ({t['date'][:4]}). {title} {source}" + (f" https://doi.org/{t['doi']}" if t["doi"] else "")


def _apa_name(family: str, initials: str) -> str:
    """``Nease RF Jr`` -> ``Nease, R. F., Jr.``"""
    letters, _, suffix = initials.partition(" ")
    dotted = " ".join(c + "." for c in letters if c.isalpha())
    return f"{family}, {dotted}" + (f", {suffix}." if suffix else "") if dotted else family


def _compare(record: Record, t: dict[str, Any], *, title_stop: bool) -> dict[str, bool]:
    pages = record.pages.printed if record.pages else record.article_number
    title = _title(t["title"])
    if not title_stop and title.endswith(".") and not title.endswith(".."):
        title = title[:-1]
    doi = t["doi"].lower().rstrip(".") if t["doi"].startswith("10.") else ""
    return {
        "pmid": record.ids.pmid == t["pmid"],
        "doi": (record.ids.doi or "").lower() == doi,
        "pmcid": (record.ids.pmcid or "") == t["pmcid"],
        "title": (record.title.text if record.title else "") == title,
        "authors": _names(record) == (t["persons"], t["groups"]),
        "journal": record.container is not None and record.container.title == t["journal"],
        "volume": (record.volume or "") == t["volume"],
        "issue": (record.issue or "") == t["issue"],
        "pages": (pages or "") == t["pages"],
        "year": record.published is not None and str(record.published.year) == t["date"][:4],
        "epub": (record.epublished.iso() if record.epublished else "") == t["epub"],
    }


@pytest.fixture(scope="module")
def truths() -> list[dict[str, Any]]:
    return [t for t in _corpus() if t["title"] and t["journal"] and t["date"][:4].isdigit()]


def _measure(
    name: str,
    records: list[Record],
    truths: list[dict[str, Any]],
    compare: Callable[[Record, dict[str, Any]], dict[str, bool]],
) -> None:
    assert len(records) == len(truths) >= 800
    right = dict.fromkeys(FIELDS, 0)
    misses: list[str] = []
    for record, truth in zip(records, truths, strict=True):
        for field, ok in compare(record, truth).items():
            right[field] += ok
            if not ok and len(misses) < 40:
                misses.append(f"{field}: PMID {truth['pmid']}")
    print(f"\n{len(truths)} real PubMed records printed as {name} and read back")
    for field in FIELDS:
        print(f"  {field:8} {right[field] / len(truths):7.2%}")
    low = {f: right[f] / len(truths) for f in FIELDS if right[f] / len(truths) < FLOOR}
    assert low == {}, f"below {FLOOR:.1%}: {low}; first misses: {misses}"


def test_summary_text_reads_back(truths: list[dict[str, Any]]) -> None:
    text = "\n".join(summary(i, t) for i, t in enumerate(truths, start=1))
    records = list(jakcite.iter_records(text, "pubmed-summary", strict=False, on_diagnostic=lambda d: None))
    # The Summary shows no PMCID (only "Free PMC article."): none is expected back.
    _measure("Summary (text)", records, [{**t, "pmcid": ""} for t in truths],
             lambda r, t: _compare(r, t, title_stop=True))  # fmt: skip


def test_csv_reads_back(truths: list[dict[str, Any]]) -> None:
    records = list(jakcite.iter_records(csv_text(truths), "pubmed-csv", strict=False, on_diagnostic=lambda d: None))
    _measure("CSV", records, truths, lambda r, t: _compare(r, t, title_stop=True))


def test_nlm_cite_strings_read_back(truths: list[dict[str, Any]]) -> None:
    text = "\n".join(nlm(t) for t in truths)
    records = list(jakcite.iter_records(text, "citation-strings", strict=False, on_diagnostic=lambda d: None))
    _measure("NLM Cite strings", records, truths, lambda r, t: _compare(r, t, title_stop=False))


def _style_compare(record: Record, t: dict[str, Any], *, shown: int, epub: bool = True) -> dict[str, bool]:
    """As :func:`_compare`, for a style that shows ``shown`` authors of a longer list and no PMID/PMCID/Epub."""
    persons, groups = _names(record)
    every = [*t["persons"], *t["groups"]]
    cut = len(every) > shown
    got = _compare(record, {**t, "pmcid": "", "epub": t["epub"] if epub else ""}, title_stop=False)
    got["authors"] = record.authors_truncated == cut and (
        (persons, groups) == (t["persons"], t["groups"]) if not cut else len(record.authors) >= 3
    )
    got["pmid"] = record.ids.pmid is None
    return got


def test_ama_cite_strings_read_back(truths: list[dict[str, Any]]) -> None:
    usable = [t for t in truths if t["volume"] and not t["groups"]]
    text = "\n".join(ama(t) for t in usable)
    records = list(jakcite.iter_records(text, "citation-strings", strict=False, on_diagnostic=lambda d: None))
    _measure("AMA Cite strings", records, usable, lambda r, t: _style_compare(r, t, shown=6))


def test_apa_cite_strings_read_back(truths: list[dict[str, Any]]) -> None:
    usable = [t for t in truths if t["volume"] and not t["groups"] and t["persons"] and len(t["persons"]) <= 20]
    text = "\n".join(apa(t) for t in usable)
    records = list(jakcite.iter_records(text, "citation-strings", strict=False, on_diagnostic=lambda d: None))
    _measure("APA Cite strings", records, usable, lambda r, t: _style_compare(r, t, shown=20, epub=False))
