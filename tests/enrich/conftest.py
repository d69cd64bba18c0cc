"""A real HTTP server on 127.0.0.1 shaped like the E-utilities, the PMC ID converter and
Crossref, serving records from the shared corpus's PubMed XML (when present) and from
``fixtures/enrich``; faults are queued per endpoint.  Nothing is mocked inside the client:
it is pointed at this server by its base URLs."""

from __future__ import annotations

import http.server
import json
import re
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from conftest import CORPUS, FIXTURES
from jakcite.enrichment import EnrichConfig

ENRICH_FIXTURES = FIXTURES / "enrich"
HEAD = (
    b'<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN"'
    b' "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n<PubmedArticleSet>\n'
)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _articles(path: Path) -> Iterator[tuple[str, str | None, str, bytes]]:
    """(PMID, DOI, normalised title, XML) of each PubmedArticle in a file."""
    try:
        root = etree.parse(str(path), _PARSER).getroot()
    except etree.XMLSyntaxError:
        return
    for article in root.iter("PubmedArticle", "PubmedBookArticle"):
        pmid = article.findtext("MedlineCitation/PMID") or article.findtext("BookDocument/PMID")
        doi = article.findtext("PubmedData/ArticleIdList/ArticleId[@IdType='doi']")
        title = article.find("MedlineCitation/Article/ArticleTitle")
        if title is None:
            title = article.find("BookDocument/ArticleTitle")
        if title is None:
            title = article.find("BookDocument/Book/BookTitle")
        words = _words("".join(title.itertext())) if title is not None else ""
        if pmid:
            yield pmid.strip(), (doi or "").strip().lower() or None, words, etree.tostring(article)


def _words(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())


class Library:
    """What the fake services know, built once per test session."""

    def __init__(self) -> None:
        self.articles: dict[str, bytes] = {}
        self.by_doi: dict[str, str] = {}
        self.by_title: dict[str, str] = {}
        self.pmc: dict[str, str] = {}
        self.crossref: dict[str, bytes] = {}
        files = sorted(p for p in (CORPUS / "pubmed-xml").rglob("*.xml") if "benchmark" not in p.parts)
        files += sorted(ENRICH_FIXTURES.glob("efetch-*.xml"))  # last: the fixtures win
        about: dict[str, tuple[str | None, str]] = {}
        for path in files:
            for pmid, doi, title, xml in _articles(path):
                self.articles[pmid] = xml  # a PMID in several files: the last copy is served
                about[pmid] = (doi, title)
        for pmid, (doi, title) in about.items():
            if doi:
                self.by_doi[doi] = pmid
            if title:
                self.by_title[title] = pmid
        self.pmc["PMC9569651"] = "36233087"
        for path in ENRICH_FIXTURES.glob("crossref-*.json"):
            body = path.read_bytes()
            self.crossref[json.loads(body)["DOI"].lower()] = body


_LIBRARY: Library | None = None


def library() -> Library:
    global _LIBRARY
    if _LIBRARY is None:
        _LIBRARY = Library()
    return _LIBRARY


class Services(http.server.ThreadingHTTPServer):
    """The server, its knowledge, the queued faults and the log of requests."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.library = library()
        #: PMIDs PubMed merged into another: asking for the key answers the value's record.
        self.merged: dict[str, str] = {}
        #: PMIDs PubMed deleted: efetch answers nothing for them.
        self.deleted: set[str] = set()
        #: endpoint ("efetch", "esearch", "idconv", "crossref") -> faults to serve, in order.
        self.faults: dict[str, list[str]] = {}
        #: (endpoint, method, params, monotonic time) of every request.
        self.log: list[tuple[str, str, dict[str, list[str]], float]] = []
        self.lock = threading.Lock()
        self.slow_seconds = 1.0

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up on a slow answer (the timeout fault) is expected

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def requests(self, endpoint: str | None = None) -> int:
        return sum(1 for e, *_ in self.log if endpoint is None or e == endpoint)

    def fault(self, endpoint: str, *faults: str) -> None:
        self.faults.setdefault(endpoint, []).extend(faults)

    def config(self, tmp_path: Path, **overrides: object) -> EnrichConfig:
        """A configuration pointed at this server, caching under ``tmp_path``, never sleeping."""
        settings: dict[str, object] = {
            "eutils_url": self.url + "eutils/",
            "idconv_url": self.url + "idconv/",
            "crossref_url": self.url + "crossref/",
            "cache_dir": tmp_path / "cache",
            "email": "tests@example.org",
            "api_key": None,
            "sleep": lambda seconds: None,
            "timeout": 5.0,
        }
        settings.update(overrides)
        return EnrichConfig(**settings)  # type: ignore[arg-type]


class _Handler(http.server.BaseHTTPRequestHandler):
    server: Services
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._answer("GET", urllib.parse.urlsplit(self.path).query)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self._answer("POST", self.rfile.read(length).decode("ascii"))

    def _answer(self, method: str, query: str) -> None:
        path = urllib.parse.urlsplit(self.path).path
        params = urllib.parse.parse_qs(query)
        endpoint = path.strip("/").split("/")[0]
        if endpoint == "eutils":
            endpoint = path.rsplit("/", 1)[-1].replace(".fcgi", "")
        with self.server.lock:
            self.server.log.append((endpoint, method, params, time.monotonic()))
            queued = self.server.faults.get(endpoint)
            fault = queued.pop(0) if queued else None
        if fault is not None and self._fault(fault):
            return
        if endpoint == "efetch":
            self._efetch(params)
        elif endpoint == "esearch":
            self._esearch(params)
        elif endpoint == "idconv":
            self._idconv(params)
        elif endpoint == "crossref":
            self._crossref(path)
        else:
            self._send(404, b"not found", "text/plain")

    def _fault(self, fault: str) -> bool:
        if fault.startswith("429"):
            wait = fault.partition(":")[2] or "2"
            self._send(429, b"Too Many Requests", "text/plain", {"Retry-After": wait})
        elif fault == "500":
            self._send(500, b"Internal Server Error", "text/plain")
        elif fault == "timeout":
            time.sleep(self.server.slow_seconds)
            self._send(503, b"too late", "text/plain")
        elif fault == "truncated":
            body = HEAD + b"<PubmedArticle><MedlineCitation>"
            self.send_response(200)
            self.send_header("Content-Type", "text/xml; charset=UTF-8")
            self.send_header("Content-Length", str(len(body) + 5000))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
            self.close_connection = True
        elif fault == "html":
            page = b"<!DOCTYPE html><html><head><title>Service unavailable</title></head><body>Busy</body></html>"
            self._send(200, page, "text/html")
        else:
            return False
        return True

    def _send(self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _efetch(self, params: dict[str, list[str]]) -> None:
        ids = [i for i in ",".join(params.get("id", [])).split(",") if i]
        parts = []
        for pmid in ids:
            pmid = self.server.merged.get(pmid, pmid)
            if pmid not in self.server.deleted and pmid in self.server.library.articles:
                parts.append(self.server.library.articles[pmid])
        self._send(200, HEAD + b"\n".join(parts) + b"\n</PubmedArticleSet>\n", "text/xml; charset=UTF-8")

    def _esearch(self, params: dict[str, list[str]]) -> None:
        term = params.get("term", [""])[0]
        lib = self.server.library
        found = [lib.by_doi[d.lower()] for d in re.findall(r'"([^"]+)"\[aid\]', term) if d.lower() in lib.by_doi]
        title = re.match(r"(.*)\[ti\]", term)
        if title:
            words = _words(title.group(1))
            found += [pmid for t, pmid in lib.by_title.items() if t == words]
        result = {
            "header": {"type": "esearch", "version": "0.3"},
            "esearchresult": {"count": str(len(found)), "retmax": str(len(found)), "retstart": "0", "idlist": found},
        }
        self._send(200, json.dumps(result).encode(), "application/json; charset=UTF-8")

    def _idconv(self, params: dict[str, list[str]]) -> None:
        records = []
        for pmcid in ",".join(params.get("ids", [])).split(","):
            pmid = self.server.library.pmc.get(pmcid)
            if pmid is None:
                records.append({"pmcid": pmcid, "status": "error", "errmsg": "invalid article id"})
                continue
            entry = {"pmcid": pmcid, "pmid": pmid}
            doi = next((d for d, p in self.server.library.by_doi.items() if p == pmid), None)
            if doi:
                entry["doi"] = doi
            records.append(entry)
        body = {"status": "ok", "responseDate": "2026-12-03 05:00:00", "request": "format=json", "records": records}
        self._send(200, json.dumps(body).encode(), "application/json")

    def _crossref(self, path: str) -> None:
        match = re.match(r"/crossref/works/(.+)/transform/", path)
        doi = urllib.parse.unquote(match.group(1)).lower() if match else ""
        body = self.server.library.crossref.get(doi)
        if body is None:
            self._send(404, b"Resource not found.", "text/plain")
        else:
            self._send(200, body, "application/vnd.citationstyles.csl+json")


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy set in the environment must not carry requests meant for the local server."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.fixture
def services() -> Iterator[Services]:
    """The fake services, running in a thread for one test."""
    server = Services()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
