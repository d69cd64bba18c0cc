"""``--jobs N``: read several inputs in a pool of processes, in the order given.

Each worker reads one whole input and sends back its records and diagnostics; the command
reports and writes them in input order, so the output is byte-identical to a serial run.
At most two inputs per worker are in flight, so memory stays bounded by a few inputs, not
the whole set. Workers ignore Ctrl-C: the command itself stops, cancels what is queued and
ends the pool, and prints one line.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Container, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import attrs

from jakcite.api import iter_records
from jakcite.errors import ParseError
from jakcite.model import Record
from jakcite.registry import Diagnostic

__all__ = ["InputResult", "read_in_pool", "read_input"]


@attrs.frozen
class InputResult:
    """What reading one input gave: its records, its diagnostics, or the error that stopped it."""

    name: str
    records: tuple[Record, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    error: ParseError | None = None
    read: int = 0


def _quiet_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C, once


def read_input(
    name: str, from_format: str | None, strict: bool, cited: bool, skip: Container[str] = frozenset()
) -> InputResult:
    """Read one named file whole (a worker's job); diagnostics are collected, not printed."""
    diagnostics: list[Diagnostic] = []
    records: list[Record] = []
    read = 0
    try:
        for record in iter_records(
            Path(name), from_format, strict=strict, on_diagnostic=diagnostics.append, name=name, skip=skip
        ):
            read += 1
            if cited:
                from jakcite.cited import cited_records

                records.extend(cited_records(record))
            else:
                records.append(record)
    except ParseError as exc:
        return InputResult(name, tuple(records), tuple(diagnostics), exc, read)
    return InputResult(name, tuple(records), tuple(diagnostics), None, read)


def read_in_pool(
    names: Sequence[str],
    jobs: int,
    from_format: str | None,
    strict: bool,
    cited: bool,
    skip: Container[str] = frozenset(),
) -> Iterator[InputResult]:
    """Each input's :class:`InputResult`, in the order of ``names``, read by ``jobs`` processes."""
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_quiet_worker)
    pending: deque[Future[InputResult]] = deque()
    queue = iter(names)
    try:
        for name in queue:
            pending.append(pool.submit(read_input, name, from_format, strict, cited, skip))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        # Normal end, an error or Ctrl-C: drop what is queued and let no worker outlive us.
        pool.shutdown(wait=True, cancel_futures=True)
