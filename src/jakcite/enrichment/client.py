"""A polite HTTP client on :mod:`urllib`: rate limits per host, retries, a disk cache.

Politeness is the point: NCBI blocks clients that exceed its rate, and both NCBI and
Crossref ask to be told who is calling.  So every request goes through one
:class:`RateLimiter` per host; a 429 or 5xx answer, a network error, a timeout or a
truncated or garbled body is retried with exponential backoff, honouring ``Retry-After``;
and answers are kept on disk per identifier, so a second run asks nothing.
"""

from __future__ import annotations

import hashlib
import os
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path

import attrs

from jakcite.enrichment.config import EnrichConfig
from jakcite.errors import JakciteError

__all__ = ["Cache", "EnrichError", "HttpClient", "OfflineError", "RateLimiter", "Response"]


class EnrichError(JakciteError):
    """A source could not be asked (after every retry) or answered something unusable."""


class OfflineError(EnrichError):
    """Offline mode, and the answer is not in the cache."""


class RateLimiter:
    """At most ``rate`` request starts per second: each waits until ``1/rate`` after the last.

    A bucket of one token: NCBI counts requests per second, so a burst of three followed
    by a pause is as impolite as it gets at the edges of that second.
    """

    #: Spacing a little wider than ``1/rate``: the server counts arrivals, and the network's
    #: jitter must not put ``rate + 1`` of them into one second.
    MARGIN = 1.03

    def __init__(self, rate: float, clock: Callable[[], float], sleep: Callable[[float], None]) -> None:
        self.interval = self.MARGIN / rate if rate > 0 else 0.0
        self.clock = clock
        self.sleep = sleep
        self.next_start: float | None = None

    def wait(self) -> None:
        """Block until the next request may start, and book that start."""
        now = self.clock()
        if self.next_start is not None and now < self.next_start:
            self.sleep(self.next_start - now)
            now = self.next_start
        self.next_start = now + self.interval


class Cache:
    """Answers on disk, one file per identifier, fresh for ``ttl`` seconds.

    A negative answer (the source has no such identifier) is cached too, as an empty
    file, so an unknown ID costs one request, not one per run; it stays fresh for at most
    a day (``negative_ttl``), since a new PMID or DOI becomes known soon after it is issued.
    """

    def __init__(self, root: Path | None, ttl: float, negative_ttl: float = 24 * 3600.0) -> None:
        self.root = root
        self.ttl = ttl
        self.negative_ttl = min(ttl, negative_ttl)

    def _path(self, namespace: str, key: str) -> Path | None:
        if self.root is None:
            return None
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in key)[:60]
        return self.root / namespace / f"{safe}-{digest}"

    def get(self, namespace: str, key: str) -> bytes | None:
        """The cached answer (b"" for a cached "not found"), or None when absent or stale."""
        path = self._path(namespace, key)
        if path is None:
            return None
        try:
            info = path.stat()
            age = time.time() - info.st_mtime
            if age > (self.ttl if info.st_size else self.negative_ttl):
                return None
            return path.read_bytes()
        except OSError:
            return None

    def put(self, namespace: str, key: str, body: bytes) -> None:
        """Store ``body`` (b"" for "not found"); a cache that cannot be written is no error."""
        path = self._path(namespace, key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(path.name + f".{os.getpid()}.tmp")
            temporary.write_bytes(body)
            os.replace(temporary, path)
        except OSError:
            pass


@attrs.frozen
class Response:
    """An HTTP answer: status, body and (lower-cased) headers."""

    status: int
    body: bytes
    headers: Mapping[str, str]


#: Statuses worth another attempt: rate limited, or the server's own trouble.
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class _Retry(Exception):
    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header: a number, or an HTTP date."""
    import email.utils  # here, not at the top: ``import jakcite`` must stay quick

    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _user_agent(contact: str | None) -> str:
    import importlib.metadata  # slow to import, and needed only when a client is made

    try:
        version = importlib.metadata.version("jakcite")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    return f"jakcite/{version} (mailto:{contact})" if contact else f"jakcite/{version}"


class HttpClient:
    """GET and POST with limits, retries and counters; one instance per run.

    ``requests`` counts the requests sent per host, so callers (and tests) can see the
    batching and the cache at work.
    """

    def __init__(self, config: EnrichConfig) -> None:
        self.config = config
        self.limiters: dict[str, RateLimiter] = {}
        self.requests: Counter[str] = Counter()
        self.cache = Cache(config.cache_dir, config.cache_ttl)
        self.user_agent = _user_agent(config.email)

    def _limiter(self, host: str, rate: float) -> RateLimiter:
        if host not in self.limiters:
            self.limiters[host] = RateLimiter(rate, self.config.clock, self.config.sleep)
        return self.limiters[host]

    def request(
        self,
        url: str,
        params: Mapping[str, str] | None = None,
        *,
        method: str = "GET",
        rate: float,
        accept: str | None = None,
        valid: Callable[[bytes], bool] | None = None,
    ) -> Response:
        """Send one request (retrying as the module docstring says); a 404 is returned, not raised.

        ``valid`` checks a 200 body (an HTML error page where XML was asked for is retried,
        then an :class:`EnrichError`).
        """
        if self.config.offline:
            raise OfflineError(f"offline: not asking {urllib.parse.urlsplit(url).netloc}")
        query = urllib.parse.urlencode(params or {})
        host = urllib.parse.urlsplit(url).netloc
        limiter = self._limiter(host, rate)
        last = "no attempt"
        for attempt in range(self.config.retries + 1):
            limiter.wait()
            self.requests[host] += 1
            try:
                response = self._send(url, query, method, accept)
            except _Retry as retry:
                last = retry.reason
                wait = retry.wait
            else:
                if response.status == 200 and valid is not None and not valid(response.body):
                    last = "an answer that is not what was asked for"
                    wait = None
                else:
                    return response
            if attempt == self.config.retries:
                break
            delay = wait if wait is not None else self.config.backoff * (2**attempt)
            self.config.sleep(min(delay, self.config.max_wait))
        raise EnrichError(f"{host} failed after {self.config.retries + 1} attempts: {last}")

    def _send(self, url: str, query: str, method: str, accept: str | None) -> Response:
        # The HTTP stack is imported on the first request: most runs of jakcite make none.
        import http.client
        import urllib.error
        import urllib.request

        headers = {"User-Agent": self.user_agent}
        if accept:
            headers["Accept"] = accept
        data: bytes | None = None
        if method == "POST":
            data = query.encode("ascii")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif query:
            url = f"{url}?{query}"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.config.timeout) as answer:
                body = answer.read()
                return Response(answer.status, body, {k.lower(): v for k, v in answer.headers.items()})
        except urllib.error.HTTPError as error:
            if error.code in _RETRY_STATUSES:
                raise _Retry(f"HTTP {error.code}", retry_after(error.headers.get("Retry-After"))) from error
            return Response(error.code, b"", {k.lower(): v for k, v in error.headers.items()})
        except (http.client.IncompleteRead, http.client.RemoteDisconnected) as error:
            raise _Retry(f"truncated answer ({type(error).__name__})") from error
        except TimeoutError as error:
            raise _Retry("timed out") from error
        except urllib.error.URLError as error:
            raise _Retry(f"network error: {error.reason}") from error
        except (ConnectionError, http.client.HTTPException) as error:
            raise _Retry(f"network error: {error}") from error
