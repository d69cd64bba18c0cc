"""The record counter ``jakcite convert`` draws on stderr for long inputs."""

from __future__ import annotations

import time
from typing import TextIO

__all__ = ["FETCH_PROGRESS_AFTER", "PROGRESS_AFTER", "FetchProgress", "Progress"]

#: Show progress only for inputs this big, so short runs stay quiet.
PROGRESS_AFTER = 2000


class Progress:
    """A record counter on stderr, shown only on a terminal and only for long inputs."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.count = 0
        self.start = time.monotonic()
        self.shown = False

    def tick(self) -> None:
        """Count one record; every 250 records past :data:`PROGRESS_AFTER`, redraw the bar in place."""
        self.count += 1
        if self.enabled and self.count >= PROGRESS_AFTER and self.count % 250 == 0:
            rate = self.count / max(time.monotonic() - self.start, 1e-9)
            self.stream.write(f"\r[{'#' * min(30, self.count // 1000):<30}] {self.count:,} records  {rate:,.0f}/s")
            self.stream.flush()
            self.shown = True

    def close(self) -> None:
        """End the bar's line, if a bar was drawn."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


#: Show the fetch bar only when this many identifiers go over the network (a few are quick).
FETCH_PROGRESS_AFTER = 50


class FetchProgress:
    """A bar of identifiers fetched, on stderr, on a terminal only; call it as ``(done, total)``."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        """Redraw the bar after a batch: ``done`` of ``total`` identifiers fetched."""
        if not self.enabled or total < FETCH_PROGRESS_AFTER:
            return
        filled = 30 * done // max(total, 1)
        self.stream.write(f"\r[{'#' * filled:<30}] {done:,}/{total:,} identifiers fetched")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """End the bar's line, if a bar was drawn."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
