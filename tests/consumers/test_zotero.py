"""Our RIS, BibTeX, BibLaTeX and CSL-JSON imported by Zotero's own translators (issue 17).

``../shared/zotero-import`` runs Zotero's ``RIS.js``, ``BibTeX.js`` and ``CSL JSON.js`` headless
and returns what the Zotero 8 desktop client would store (its ``client`` view: fields a type
lacks go to *Extra*).  ``.ci/run`` installs it into ``.cache/zotero`` with its ``install.sh``;
without it these tests skip (fail under ``JAKCITE_REQUIRE_TOOLS=1``).

Samples: one record of each work type (``samples.every_work_type``) and PubMed records of the
corpus (journal articles, books, chapters).  For each item: the item type, and where title,
authors, date, DOI, volume, pages and journal land.  The item types Zotero gives differ by
format where the format cannot say more (classic BibTeX has no magazine entry type) or where
Zotero's translator maps a type to ``document``: those are listed in :data:`ITEM_TYPES`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import warnings
from pathlib import Path
from typing import Any

import pytest

import jakcite
from conftest import ROOT, require_corpus, skip_or_fail
from jakcite.model import Record, WorkType
from samples import every_work_type

pytestmark = [pytest.mark.tools, pytest.mark.filterwarnings("ignore::jakcite.errors.PluginWarning")]

ZOTERO = Path(os.environ.get("JAKCITE_ZOTERO", ROOT / ".cache" / "zotero"))

#: The Zotero item type of each work type, as Zotero's translators import our output.
ZOTERO_TYPE = {
    WorkType.JOURNAL_ARTICLE: "journalArticle", WorkType.MAGAZINE_ARTICLE: "magazineArticle",
    WorkType.NEWSPAPER_ARTICLE: "newspaperArticle", WorkType.REVIEW: "journalArticle", WorkType.BOOK: "book",
    WorkType.CHAPTER: "bookSection", WorkType.PREPRINT: "preprint", WorkType.CONFERENCE_PAPER: "conferencePaper",
    WorkType.REPORT: "report", WorkType.THESIS: "thesis", WorkType.WEBPAGE: "webpage", WorkType.DATASET: "dataset",
    WorkType.SOFTWARE: "computerProgram", WorkType.PATENT: "patent", WorkType.MANUSCRIPT: "manuscript",
    WorkType.OTHER: "document",
}  # fmt: skip
#: Per format, the work types that arrive as another item type, and why (None: Zotero drops it).
ITEM_TYPES: dict[str, dict[WorkType, str | None]] = {
    "ris": {
        WorkType.PREPRINT: "journalArticle",  # RIS has no preprint TY; JOUR keeps the journal fields
        WorkType.OTHER: "journalArticle",  # GEN with a journal: RIS.js makes it an article
    },
    "bibtex": {
        # Classic BibTeX has @article for every periodical; the sample has author and editor,
        # volume and number, which classic styles refuse together on @book/@incollection: @misc.
        WorkType.MAGAZINE_ARTICLE: "journalArticle", WorkType.NEWSPAPER_ARTICLE: "journalArticle",
        WorkType.BOOK: "document", WorkType.CHAPTER: "document", WorkType.PREPRINT: "document",
        WorkType.CONFERENCE_PAPER: "document", WorkType.WEBPAGE: "document", WorkType.DATASET: "document",
        WorkType.SOFTWARE: "document", WorkType.PATENT: "document", WorkType.MANUSCRIPT: "document",
    },
    "biblatex": {
        # BibTeX.js ignores entrysubtype (magazine, newspaper) and has no @dataset (it skips the entry).
        WorkType.MAGAZINE_ARTICLE: "journalArticle", WorkType.NEWSPAPER_ARTICLE: "journalArticle",
        WorkType.PREPRINT: "document", WorkType.DATASET: None,
    },
    "csl-json": {
        WorkType.REVIEW: "document",  # CSL "review" (of a work) has no Zotero type
    },
}  # fmt: skip
#: Zotero's item type for the entry types jakcite writes for a book or a chapter it cannot give its own.
ENTRY_TYPE_ITEM = {"misc": "document", "collection": "book"}
#: The translator each format goes through.
TRANSLATOR = {"ris": "ris", "bibtex": "bibtex", "biblatex": "bibtex", "csl-json": "csljson"}
#: Zotero's field for the container title, by item type (types not listed keep it elsewhere).
CONTAINER_FIELD = {
    "journalArticle": "publicationTitle", "magazineArticle": "publicationTitle",
    "newspaperArticle": "publicationTitle", "bookSection": "bookTitle",
}  # fmt: skip
#: Item types with Zotero ``volume`` and ``pages`` fields.
HAS_VOLUME = {"journalArticle", "magazineArticle", "newspaperArticle", "bookSection", "book", "conferencePaper"}
HAS_PAGES = {"journalArticle", "magazineArticle", "newspaperArticle", "bookSection", "conferencePaper", "report"}


def zotero_import(fmt: str, text: str, where: Path) -> list[dict[str, Any]]:
    """Zotero's items for ``text`` in ``fmt`` (the desktop client's view)."""
    script = ZOTERO / "import.sh"
    if not script.is_file():
        skip_or_fail(f"Zotero import harness not installed at {ZOTERO} (run ../shared/zotero-import/install.sh)")
    where.mkdir(parents=True, exist_ok=True)
    path = where / f"refs.{fmt}"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run([str(script), TRANSLATOR[fmt], str(path)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    items: list[dict[str, Any]] = json.loads(done.stdout)
    return items


def _dashes(text: str) -> str:
    return re.sub(r"[\u2013\u2014-]+", "-", text)


def _landed(item: dict[str, Any], field: str, value: str) -> str:
    """``field`` (in its Zotero field), ``extra`` (a line of Extra) or ``lost``."""
    if _dashes(str(item.get(field, ""))) == _dashes(value):
        return "field"
    if _dashes(value) in _dashes(item.get("extra", "")):
        return "extra"
    return "lost"


def check_item(record: Record, item: dict[str, Any], expected_type: str) -> dict[str, str]:
    """Where each field of ``record`` landed in ``item``; asserts what must be in its field."""
    where: dict[str, str] = {}
    assert item["itemType"] == expected_type, (record.label(), item["itemType"])
    if record.title is not None:
        # Zotero keeps italics, superscripts... as its rich-text tags (<i>, <sup>).
        title = re.sub(r"</?(?:i|b|sup|sub|sc|span)(?: [^>]*)?>", "", item.get("title", ""))
        assert " ".join(title.split()) == " ".join(record.title.text.split()), (record.label(), item.get("title"))
        where["title"] = "field"
    people = [p for p in record.authors if hasattr(p, "family")]
    if people:
        last_names = [c.get("lastName") for c in item.get("creators", [])]
        assert [p.family for p in people][:3] == last_names[: min(3, len(people))], record.label()
        where["authors"] = "field"
    if record.published is not None:
        date = item.get("date") or item.get("issueDate") or ""
        assert str(record.published.year) in date, (record.label(), date)
        where["date"] = "field"
    if record.ids.doi:
        assert _landed(item, "DOI", record.ids.doi) == "field", record.label()
        where["DOI"] = "field"
    kind = item["itemType"]
    if record.volume and kind in HAS_VOLUME:  # (a type without one: Extra, or dropped by the translator)
        where["volume"] = _landed(item, "volume", record.volume)
        assert where["volume"] == "field", record.label()
    if record.pages is not None and record.pages.first and kind in HAS_PAGES:
        first, last = record.pages.first, record.pages.last
        where["pages"] = _landed(item, "pages", f"{first}-{last}" if last and last != first else first)
        assert where["pages"] == "field", (record.label(), item.get("pages"))
    if record.container is not None and record.container.title and kind in CONTAINER_FIELD:
        where["journal"] = _landed(item, CONTAINER_FIELD[kind], record.container.title)
        assert where["journal"] == "field", (record.label(), item)
    return where


@pytest.mark.parametrize("fmt", ["ris", "bibtex", "biblatex", "csl-json"])
def test_every_work_type_lands_in_zotero(fmt: str, tmp_path: Path) -> None:
    records = every_work_type()
    items = zotero_import(fmt, jakcite.write(records, fmt) or "", tmp_path)
    expected = [ITEM_TYPES[fmt].get(r.type, ZOTERO_TYPE[r.type]) for r in records]
    kept = [(r, t) for r, t in zip(records, expected, strict=True) if t is not None]
    assert len(items) == len(kept)
    for (record, item_type), item in zip(kept, items, strict=True):
        check_item(record, item, item_type)


def _corpus_sample() -> list[Record]:
    folder = require_corpus("pubmed-xml")
    records: list[Record] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in sorted(p for p in folder.rglob("*.xml*") if "benchmark" not in p.parts):
            records.extend(jakcite.read(path, "pubmed-xml", strict=False))
    articles = [r for r in records if r.type is WorkType.JOURNAL_ARTICLE]
    others = [r for r in records if r.type is not WorkType.JOURNAL_ARTICLE]
    return articles[::25] + others  # every 25th article (anonymous ones included) and every book and chapter


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["ris", "bibtex", "biblatex", "csl-json"])
def test_pubmed_records_land_in_their_zotero_fields(fmt: str, tmp_path: Path) -> None:
    records = _corpus_sample()
    assert len(records) > 60
    items = zotero_import(fmt, jakcite.write(records, fmt) or "", tmp_path)
    assert len(items) == len(records)
    landed: dict[str, int] = {}
    expected = [ZOTERO_TYPE[r.type] for r in records]
    if fmt in ("bibtex", "biblatex"):
        # A book or chapter without what its entry type needs (a publisher...) is written @misc.
        entry_types = re.findall(r"^@(\w+)\{", jakcite.write(records, fmt) or "", re.MULTILINE)
        expected = [ENTRY_TYPE_ITEM.get(e, t) for e, t in zip(entry_types, expected, strict=True)]
    for record, item, item_type in zip(records, items, expected, strict=True):
        for field, place in check_item(record, item, item_type).items():
            landed[f"{field}:{place}"] = landed.get(f"{field}:{place}", 0) + 1
        if record.ids.pmid and fmt in ("ris", "csl-json"):
            # Zotero keeps a PMID in its PMID field (articles) or as a "PMID: ..." line in Extra.
            assert item.get("PMID") == record.ids.pmid or f"PMID: {record.ids.pmid}" in item.get("extra", ""), (
                fmt,
                record.label(),
            )
    assert not any(key.endswith(":lost") for key in landed), landed
    print(fmt, sorted(landed.items()))
