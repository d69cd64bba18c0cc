"""The polite client against a real local server: limits, retries, Retry-After, faults, cache."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from enrich.conftest import Services
from jakcite.enrichment import EnrichConfig, Enricher, EnrichError, fetch
from jakcite.enrichment.client import Cache, RateLimiter, retry_after

SEED_PMID = "36233087"


class _Sleeps(list[float]):
    """A clock and a sleep that only pretends: each sleep is recorded and moves the clock on."""

    def __init__(self) -> None:
        super().__init__()
        self.now = 1000.0

    def __call__(self, seconds: float) -> None:
        self.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


def test_the_limiter_spaces_request_starts_by_one_over_the_rate() -> None:
    now = [100.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(4.0, lambda: now[0], sleep)
    for _ in range(5):
        limiter.wait()
    assert sleeps == pytest.approx([0.2575] * 4)  # 1/4 s, and 3 % to spare
    now[0] += 10  # a pause: the next request goes at once
    limiter.wait()
    assert len(sleeps) == 4


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after("7") == 7.0
    assert retry_after("Thu, 03 Dec 2026 06:00:10 GMT", now=1796277600.0) == pytest.approx(10.0)
    assert retry_after(None) is None
    assert retry_after("soon") is None


def test_ncbi_and_crossref_limits_follow_the_key_and_the_mailto() -> None:
    assert EnrichConfig(api_key=None).ncbi_limit == 3.0
    assert EnrichConfig(api_key="k").ncbi_limit == 10.0
    assert EnrichConfig(email=None).crossref_limit == 5.0
    assert EnrichConfig(email="a@b.org").crossref_limit == 10.0


def test_base_urls_and_the_key_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JAKCITE_EUTILS_URL", "http://127.0.0.1:9/e")
    monkeypatch.setenv("JAKCITE_CROSSREF_URL", "http://127.0.0.1:9/c/")
    monkeypatch.setenv("NCBI_API_KEY", "secret")
    config = EnrichConfig()
    assert (config.eutils_url, config.crossref_url, config.api_key) == (
        "http://127.0.0.1:9/e/",
        "http://127.0.0.1:9/c/",
        "secret",
    )


def test_tool_email_and_api_key_are_sent_to_ncbi(services: Services, tmp_path: Path) -> None:
    fetch([SEED_PMID], services.config(tmp_path, api_key="abc123"))
    ((endpoint, method, params, _),) = services.log
    assert (endpoint, method) == ("efetch", "POST")
    assert params["tool"] == ["jakcite"] and params["email"] == ["tests@example.org"]
    assert params["api_key"] == ["abc123"] and params["db"] == ["pubmed"] and params["id"] == [SEED_PMID]


def test_crossref_gets_the_mailto(services: Services, tmp_path: Path) -> None:
    fetch(["10.5555/12345678"], services.config(tmp_path))
    crossref = [params for endpoint, _, params, _ in services.log if endpoint == "crossref"]
    assert crossref == [{"mailto": ["tests@example.org"]}]


@pytest.mark.parametrize("fault", ["429:7", "500", "truncated", "html", "timeout"])
def test_each_fault_is_retried_and_the_record_still_arrives(services: Services, tmp_path: Path, fault: str) -> None:
    services.fault("efetch", fault)
    services.slow_seconds = 1.0
    sleeps = _Sleeps()
    records = fetch([SEED_PMID], services.config(tmp_path, sleep=sleeps, clock=sleeps.clock, timeout=0.4))
    assert [r.ids.pmid for r in records] == [SEED_PMID]
    assert services.requests("efetch") == 2
    assert sleeps == ([7.0] if fault.startswith("429") else [1.0])  # Retry-After, else the first backoff


def test_backoff_doubles_until_the_retries_are_spent(services: Services, tmp_path: Path) -> None:
    services.fault("efetch", "500", "500", "500", "500")
    sleeps = _Sleeps()
    records = fetch([SEED_PMID], services.config(tmp_path, sleep=sleeps, clock=sleeps.clock, retries=3))
    assert records == [] and services.requests("efetch") == 4
    assert sleeps == [1.0, 2.0, 4.0]
    assert "failed after 4 attempts: HTTP 500" in records.diagnostics[0].message


def test_a_long_retry_after_is_capped(services: Services, tmp_path: Path) -> None:
    services.fault("efetch", "429:3600")
    sleeps = _Sleeps()
    fetch([SEED_PMID], services.config(tmp_path, sleep=sleeps, clock=sleeps.clock, max_wait=60.0))
    assert sleeps == [60.0]


def test_html_forever_is_an_error_not_a_record(services: Services, tmp_path: Path) -> None:
    services.fault("efetch", *["html"] * 5)
    enricher = Enricher(services.config(tmp_path, retries=2))
    with pytest.raises(EnrichError, match="not what was asked for"):
        enricher.eutils.efetch([SEED_PMID])
    assert services.requests() == 3


def test_a_second_run_is_answered_by_the_cache(services: Services, tmp_path: Path) -> None:
    ids = [SEED_PMID, "10.1080/1744666X.2019.1608821", "10.5555/12345678", "PMC9569651", "999999999"]
    first = fetch(ids, services.config(tmp_path))
    asked = services.requests()
    second = fetch(ids, services.config(tmp_path))
    assert asked == 4  # idconv, esearch, efetch, crossref: one each
    assert services.requests() == asked  # the second run asked nothing
    assert [r.ids for r in second] == [r.ids for r in first] and len(first) == 4


def test_a_stale_cache_is_asked_again(services: Services, tmp_path: Path) -> None:
    fetch([SEED_PMID], services.config(tmp_path))
    fetch([SEED_PMID], services.config(tmp_path, cache_ttl=0.0))
    assert services.requests() == 2


def test_offline_asks_nothing_and_says_what_it_lacks(services: Services, tmp_path: Path) -> None:
    fetch([SEED_PMID], services.config(tmp_path))
    records = fetch([SEED_PMID, "30987474", "10.5555/12345678"], services.config(tmp_path, offline=True))
    assert services.requests() == 1
    assert [r.ids.pmid for r in records] == [SEED_PMID]
    messages = " ".join(d.message for d in records.diagnostics)
    assert "PMID 30987474 is not in the cache (offline)" in messages
    assert "DOI 10.5555/12345678 is not in the cache (offline)" in messages


def test_an_unwritable_cache_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = Cache(blocker / "cache", ttl=60)
    cache.put("pubmed", "1", b"<x/>")
    assert cache.get("pubmed", "1") is None


def test_an_unreachable_server_is_a_diagnostic_after_retries(tmp_path: Path) -> None:
    sleeps = _Sleeps()
    config = EnrichConfig(
        eutils_url="http://127.0.0.1:9/", cache_dir=tmp_path, sleep=sleeps, clock=sleeps.clock, retries=1, timeout=1.0
    )
    records = fetch([SEED_PMID], config)
    assert records == [] and "network error" in records.diagnostics[0].message


def _rate(services: Services, tmp_path: Path, key: str | None, count: int) -> float:
    enricher = Enricher(services.config(tmp_path, sleep=time.sleep, api_key=key, cache_dir=None))
    for number in range(count):
        enricher.eutils.esearch(f"request {number}")
    times = [t for _, _, _, t in services.log]
    return (len(times) - 1) / (times[-1] - times[0])


@pytest.mark.parametrize(("key", "limit", "count"), [(None, 3.0, 7), ("a-key", 10.0, 21)])
def test_the_request_rate_measured_at_the_server_stays_under_ncbis_limit(
    services: Services, tmp_path: Path, key: str | None, limit: float, count: int
) -> None:
    measured = _rate(services, tmp_path, key, count)
    print(f"limit {limit}/s: {count} requests, measured {measured:.2f} requests/s")
    assert limit * 0.9 < measured <= limit


def test_a_negative_answer_is_kept_a_day_a_positive_one_the_ttl(tmp_path: Path) -> None:
    import os

    cache = Cache(tmp_path, ttl=30 * 86400)
    cache.put("pubmed", "1", b"<x/>")
    cache.put("pubmed", "2", b"")
    two_days_ago = time.time() - 2 * 86400
    for path in (tmp_path / "pubmed").iterdir():
        os.utime(path, (two_days_ago, two_days_ago))
    assert cache.get("pubmed", "1") == b"<x/>"
    assert cache.get("pubmed", "2") is None
