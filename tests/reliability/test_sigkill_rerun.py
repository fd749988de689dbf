"""Crash and rerun: the main command killed with SIGKILL in the middle of a materialisation, then run again,
ends with exactly the marts of the uninterrupted run (tests/reliability/conftest.py): no half document, no
duplicate. Analysts' snapshot is never touched by a run that does not finish.

This is the idempotency test too: the killed run is a --force run, which processed every file again before
the kill, and the marts the next run builds from those raw rows are those of the first run, value for value
(one forced build of the corpus instead of two)."""

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from pipelines.settings import working_copy_of
from tests.reliability.harness import Place, mart_hashes, query

pytestmark = pytest.mark.processes

KILL_POINT_TIMEOUT = 150  # seconds; a run normally reaches dbt in well under a minute
RERUN_TIMEOUT = 240


def held_pool_slots(place: Place) -> list[tuple]:
    """Dagster's pool slots (pool, run, step) still claimed, read from the instance's index database."""
    index = place.root / "dagster_home" / "history" / "runs" / "index.db"
    if not index.exists():
        return []
    with sqlite3.connect(index) as conn:
        return conn.execute(
            "select concurrency_key, run_id, step_key from concurrency_slots where run_id is not null"
        ).fetchall()


def living_members(group: int) -> list[int]:
    """The processes of a process group that have not exited (a zombie has: its file locks are released)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        if int(fields[2]) == group and fields[0] != "Z":  # fields after the name: state, ppid, pgrp
            members.append(int(stat.parent.name))
    return members


def wait_for_group_exit(group: int, timeout: float = 10.0) -> None:
    """SIGKILL is delivered at once but a process exits in its own time: the dbt child, reparented when the
    main command dies, may still hold DuckDB's lock for a moment after the main command's wait returns."""
    deadline = time.monotonic() + timeout
    while living_members(group) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not living_members(group), f"processes of the killed group still running: {living_members(group)}"


def kill_when(place: Place, output: Path, ready, *args: str) -> float:
    """Start the main command and SIGKILL its whole process group once `ready()` holds; seconds taken."""
    started = time.monotonic()
    process = place.start(output, *args)
    try:
        while not ready():
            assert process.poll() is None, f"finished before the kill point:\n{output.read_text()[-2000:]}"
            assert time.monotonic() - started < KILL_POINT_TIMEOUT, (
                "the run never reached the kill point; Dagster pool slots still held: "
                f"{held_pool_slots(place)}\n{output.read_text()[-2000:]}"
            )
            time.sleep(0.02)
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    wait_for_group_exit(process.pid)
    assert process.returncode == -signal.SIGKILL
    return time.monotonic() - started


def test_a_run_killed_mid_way_is_finished_by_the_next_run(corpus_build, tmp_path):
    assert corpus_build.returncode == 0, corpus_build.output[-3000:]
    assert len(corpus_build.hashes) >= 8
    place = corpus_build.place
    files = len(corpus_build.cases)
    working = working_copy_of(place.warehouse)

    # killed while dbt rebuilds the marts, after the Python stage processed every file again and committed
    # (tests/reliability/test_ingest_reruns.py kills the Python stage itself, between and inside batches)
    (first_processed,) = query(working, "select max(processed_at) from raw.source_files")[0]
    place.log.unlink(missing_ok=True)
    second = tmp_path / "killed_in_dbt.out"
    kill_when(
        place,
        second,
        lambda: place.log.exists() and "OK created sql table model" in place.log.read_text(errors="replace"),
        "--force",
    )
    # the Python stage processed every file again, and committed
    processed = query(
        working, "select count(*), count(distinct source_file), min(processed_at) from raw.source_files"
    )
    assert processed[0][:2] == (files, files)
    assert processed[0][2] > first_processed
    assert mart_hashes(place.warehouse) == corpus_build.hashes

    # the next plain run finishes the job
    try:
        done = place.build(timeout=RERUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(
            f"the next run did not finish in {RERUN_TIMEOUT}s; Dagster pool slots still held (a killed run "
            f"keeps its warehouse_writer slot and the next run waits for it): {held_pool_slots(place)}"
        )
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    assert mart_hashes(place.warehouse) == corpus_build.hashes
    assert mart_hashes(working) == corpus_build.hashes
    duplicates = query(
        place.warehouse,
        "select source_file, count(*) from marts.source_files group by 1 having count(*) > 1 "
        "union all select article_id, count(*) from marts.articles group by 1 having count(*) > 1",
    )
    assert duplicates == []
    assert held_pool_slots(place) == []
    assert not list(place.warehouse.parent.glob("*.partial"))
