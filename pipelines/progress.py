"""Progress of long runs for a person watching: files done / total, rate and time left, not too often.

Lines go to the logger `pipelines.progress` (and to the Dagster log by the asset); the main command prints
that logger on stderr, `dagster dev` shows the Dagster log.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

LOGGER = logging.getLogger("pipelines.progress")


class FileProgress:
    """Call with (files done, files to do, last file), as `ingest.ingest_files` does: reports the first file,
    then at most every `every` seconds, and always the last file."""

    def __init__(
        self,
        report: Callable[[str], None],
        *,
        every: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = 0
        self.report = report
        self.every = every
        self.clock = clock
        self.started = clock()
        self.last_report: float | None = None

    def message(self, done: int, source_file: str) -> str:
        elapsed = max(self.clock() - self.started, 1e-9)
        rate = done / elapsed
        text = f"parsed {done}/{self.total} files ({100 * done // max(self.total, 1)}%), {rate:.1f} files/s"
        if done < self.total and rate > 0:
            text += f", about {(self.total - done) / rate:.0f}s left"
        return f"{text} (last: {source_file})"

    def __call__(self, done: int, total: int, source_file: str) -> None:
        self.total = total
        now = self.clock()
        due = self.last_report is None or now - self.last_report >= self.every
        if done == self.total or due:
            self.last_report = now
            self.report(self.message(done, source_file))
