"""The text stage in worker processes gives the raw tables row for row what one process gives."""

import os
import shutil
import time

import duckdb
import pytest

from pipelines import ingest, seed_folder, text_workers, warehouse
from tests.paths import FIXTURE_SEEDS

ORDER = {  # a stable order for each raw table
    "source_files": "source_file",
    "articles": "article_id",
    "paragraphs": "article_id, paragraph_index",
    "sentences": "article_id, sentence_index",
    "removed_spans": "source_file, start_char, reason",
    "mentions": "article_id, mention_index",
    "event_mentions": "article_id, event_index",
    "event_arguments": "article_id, event_index, argument_index",
}


def seeds_with_copies(root):
    """The fixture documents, each under a second and third name: duplicates in and across chunks."""
    seeds = root / "seeds"
    shutil.copytree(FIXTURE_SEEDS, seeds)
    for path in sorted(seeds.iterdir()):
        for copy in ("copy_a", "copy_b"):
            shutil.copyfile(path, seeds / f"{path.stem}_{copy}{path.suffix}")
    old = time.time() - 3600
    for path in seeds.iterdir():
        os.utime(path, (old, old))
    return seeds


def raw_tables(database, seeds) -> dict[str, list[tuple]]:
    with duckdb.connect(str(database)) as conn:
        ingest.ingest_files(conn, seeds, seed_folder.list_seed_files(seeds))
        tables = {}
        for table, order in ORDER.items():
            columns = [c for c in warehouse.RAW_TABLES[table] if c != "processed_at"]
            tables[table] = conn.execute(
                f"select {', '.join(columns)} from raw.{table} order by {order}"
            ).fetchall()
    return tables


def test_two_workers_write_what_one_process_writes(tmp_path, monkeypatch):
    seeds = seeds_with_copies(tmp_path)
    monkeypatch.setattr(ingest, "CHUNK_FILES", 4)  # several chunks, duplicates across them
    monkeypatch.setenv(text_workers.WORKERS_ENV, "1")
    alone = raw_tables(tmp_path / "one.duckdb", seeds)
    monkeypatch.setenv(text_workers.WORKERS_ENV, "2")
    monkeypatch.setattr(text_workers, "MIN_FILES_FOR_WORKERS", 1)
    pools = []
    original = ingest.ordered_map

    def recording(pool, function, items):
        pools.append(pool)
        return original(pool, function, items)

    monkeypatch.setattr(ingest, "ordered_map", recording)
    together = raw_tables(tmp_path / "two.duckdb", seeds)
    assert pools and all(pool is not None for pool in pools)
    for table, rows in alone.items():
        differing = [pair for pair in zip(together[table], rows, strict=False) if pair[0] != pair[1]]
        assert together[table] == rows, differing[:3]


def test_few_files_or_one_core_use_no_workers():
    with text_workers.text_workers(files=3, workers=2) as pool:
        assert pool is None
    with text_workers.text_workers(files=1000, workers=1) as pool:
        assert pool is None


def test_results_come_back_in_order_with_a_bounded_window():
    with text_workers.text_workers(files=100, workers=2) as pool:
        assert pool is not None
        assert list(text_workers.ordered_map(pool, abs, range(-50, 0))) == [abs(i) for i in range(-50, 0)]


@pytest.mark.parametrize("value, expected", [("3", 3), ("0", 1)])
def test_the_worker_count_is_configurable(monkeypatch, value, expected):
    monkeypatch.setenv(text_workers.WORKERS_ENV, value)
    assert text_workers.worker_count() == expected


def test_files_parsed_together_give_the_rows_each_gives_alone(tmp_path):
    """One tagger batch over several files' articles changes no row (the tagger's output for a sentence
    does not depend on the sentences batched with it)."""
    seeds = seeds_with_copies(tmp_path)
    now = ingest.datetime(2025, 1, 1)
    tasks = [(seeds, name, now) for name in seed_folder.list_seed_files(seeds)]
    assert ingest.parse_files(tasks) == [ingest.parse_files([task])[0] for task in tasks]


def test_a_tagger_failure_on_the_batch_is_retried_file_by_file(tmp_path, monkeypatch):
    seeds = seeds_with_copies(tmp_path)
    now = ingest.datetime(2025, 1, 1)
    tasks = [(seeds, name, now) for name in seed_folder.list_seed_files(seeds)]
    expected = ingest.parse_files(tasks)
    original = ingest.entities.recognise_many

    def fails_on_many(bodies, *args):
        if len(bodies) > 1:
            raise RuntimeError("batch too big")
        return original(bodies, *args)

    monkeypatch.setattr(ingest.entities, "recognise_many", fails_on_many)
    assert ingest.parse_files(tasks) == expected


ORPHAN_PARENT = """
import os, signal, sys
from pipelines import text_workers
with text_workers.text_workers(files=1000, workers=2) as pool:
    pids = {pool.submit(os.getpid).result() for _ in range(8)}
    print(" ".join(map(str, sorted(pids))), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie waiting for init to reap it counts as gone
        return stat.read().rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.processes
def test_workers_of_a_killed_parent_exit_by_themselves():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", ORPHAN_PARENT], capture_output=True, text=True, timeout=120)
    pids = [int(p) for p in done.stdout.split()]
    assert pids, done.stderr
    deadline = time.monotonic() + 15
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [p for p in pids if _alive(p)]
