"""Worker processes for the text stage: parsing and extraction on every core, the writing left to one.

The text stage is CPU-bound Python (rjieba, the ONNX tagger with one thread per process, the rules), so
threads would take turns on the GIL: each worker is a process that loads the models once (the
initializer) and turns one seed file at a time into rows. The caller keeps the only DuckDB connection and
writes the rows in file order; at most WINDOW_PER_WORKER files per worker are in flight, so memory does
not grow with the archive. Plain Python, no Dagster import.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

# Fewer files than this are parsed in the calling process: starting a worker (imports and models) costs
# a few seconds, more than parsing a handful of files.
MIN_FILES_FOR_WORKERS = 24
# Files handed to each worker ahead of the writer: enough to keep it busy, few enough to bound memory.
WINDOW_PER_WORKER = 8
WORKERS_ENV = "NEWS_TEXT_WORKERS"

T = TypeVar("T")
R = TypeVar("R")


def worker_count() -> int:
    """NEWS_TEXT_WORKERS if set, else the cores this process may use (1 disables the workers)."""
    configured = os.environ.get(WORKERS_ENV, "").strip()
    if configured:
        return max(1, int(configured))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def load_models() -> None:
    """The initializer: one extraction loads the tagger, the dictionaries and the gazetteer, so the first
    real file does not pay for them. Runs once per worker."""
    from pipelines.text.extraction import extract_text

    follow_parent()
    extract_text("阿里巴巴在杭州发布了新模型。")


def follow_parent(interval: float = 1.0) -> None:
    """Exit when the process that started this worker is gone. A main command or run killed with SIGKILL
    cannot shut its pool down, and its idle workers (about 300 MB each with the models) would otherwise
    wait forever, adopted by init."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(0)

    threading.Thread(target=watch, name="follow-parent", daemon=True).start()


@contextmanager
def text_workers(files: int, workers: int | None = None) -> Iterator[Executor | None]:
    """A pool of worker processes for `files` files, or None when one process does better (few files,
    or one core). Workers are spawned, not forked: the caller holds DuckDB and Dagster threads, whose
    locks a forked child would inherit in whatever state they were in."""
    workers = worker_count() if workers is None else workers
    if workers < 2 or files < MIN_FILES_FOR_WORKERS:
        yield None
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=load_models) as pool:
        yield pool


def ordered_map(pool: Executor | None, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
    """`function` over `items`, results in order, at most WINDOW_PER_WORKER per worker in flight (not
    Executor.map, which submits everything at once). Without a pool, in this process."""
    if pool is None:
        yield from map(function, items)
        return
    window = WINDOW_PER_WORKER * getattr(pool, "_max_workers", 2)
    pending: deque = deque()
    for item in items:
        pending.append(pool.submit(function, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
