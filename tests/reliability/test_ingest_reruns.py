"""The Python stage killed between and inside its transactions, and files that come back: nothing is lost
and nothing is half there (fast: no Dagster, no dbt)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipelines import ingest, seed_folder, warehouse
from tests.paths import REPO_ROOT
from tests.reliability.corpus import NEWS, write_corpus

pytestmark = pytest.mark.processes

CHUNK = 5


def raw_content(database: Path) -> dict[str, list[str]]:
    """Every raw table's rows, without the processing time, in a canonical order."""
    content = {}
    with duckdb.connect(str(database), read_only=True) as conn:
        for table in warehouse.RAW_TABLES:
            cursor = conn.execute(
                f"select * exclude (processed_at) from raw.{table}"
                if table == "source_files"
                else f"select * from raw.{table}"
            )
            content[table] = sorted(repr(row) for row in cursor.fetchall())
    return content


def settle(*paths: Path) -> None:
    """Files written a moment ago are left alone as copies in progress: date them an hour back."""
    for path in paths:
        os.utime(path, (time.time() - 3600, time.time() - 3600))


def run_ingest(seeds: Path, database: Path, output: Path, kill_after: int | None = None) -> int:
    command = [
        sys.executable,
        "-m",
        "tests.reliability.ingest_command",
        str(seeds),
        str(database),
        str(CHUNK),
    ]
    with output.open("wb") as out:
        process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=out, stderr=subprocess.STDOUT)
    started = time.monotonic()
    while process.poll() is None:
        if kill_after is not None and f"parsed {kill_after}/" in output.read_text(errors="replace"):
            process.send_signal(signal.SIGKILL)
            break
        assert time.monotonic() - started < 120, output.read_text()[-2000:]
        time.sleep(0.01)
    return process.wait()


def test_a_killed_ingest_keeps_whole_batches_and_the_rerun_completes_it(tmp_path):
    seeds = tmp_path / "seeds"
    cases = write_corpus(seeds, tmp_path / "outside")
    reference = tmp_path / "reference.duckdb"
    assert run_ingest(seeds, reference, tmp_path / "reference.out") == 0

    killed = tmp_path / "killed.duckdb"
    assert run_ingest(seeds, killed, tmp_path / "killed.out", kill_after=2 * CHUNK + 2) == -signal.SIGKILL
    with duckdb.connect(str(killed), read_only=True) as conn:
        files = conn.execute("select count(*), count(distinct source_file) from raw.source_files").fetchone()
        # whole transactions only: some batches of CHUNK files, never a file without its articles
        assert files[0] == files[1] and files[0] % CHUNK == 0 and 0 < files[0] < len(cases)
        incomplete = conn.execute(
            "select s.source_file from raw.source_files s left join raw.articles a using (source_file) "
            "group by s.source_file, s.article_count having count(a.article_id) != s.article_count"
        ).fetchall()
        assert incomplete == []

    assert run_ingest(seeds, killed, tmp_path / "rerun.out") == 0
    # the rerun skips the files already done (it takes the rest, and rejected files again)
    last = (tmp_path / "rerun.out").read_text().split()[-1]
    assert int(last.split("/")[1]) < len(cases)
    assert raw_content(killed) == raw_content(reference)


def test_a_duplicate_is_ingested_once_the_file_it_copies_is_gone(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(NEWS, encoding="utf-8")
    (seeds / "b.txt").write_text(NEWS, encoding="utf-8")
    settle(seeds / "a.txt", seeds / "b.txt")
    with duckdb.connect(str(tmp_path / "w.duckdb")) as conn:
        ingest.ingest_files(conn, seeds, seed_folder.list_seed_files(seeds))
        statuses = dict(conn.execute("select source_file, status from raw.source_files").fetchall())
        assert statuses == {"a.txt": "ingested", "b.txt": "duplicate"}
        (seeds / "a.txt").unlink()
        ingest.ingest_files(conn, seeds, ["a.txt", *seed_folder.list_seed_files(seeds)])
        statuses = dict(conn.execute("select source_file, status from raw.source_files").fetchall())
        assert statuses == {"a.txt": "deleted", "b.txt": "ingested"}
        assert conn.execute("select source_file from raw.articles").fetchall() == [("b.txt",)]


def test_a_rejected_file_is_read_again_once_it_can_be(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    locked = seeds / "a.txt"
    locked.write_text(NEWS, encoding="utf-8")
    settle(locked)
    real_read = Path.read_bytes

    def denied(self):
        if self.name == "a.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    with duckdb.connect(str(tmp_path / "w.duckdb")) as conn:
        with monkeypatch.context() as patch:
            patch.setattr(Path, "read_bytes", denied)
            ingest.ingest_files(conn, seeds, ["a.txt"])
        assert conn.execute("select status from raw.source_files").fetchall() == [("rejected",)]
        # permission granted: size and modification time are unchanged, the file is read all the same
        ingest.ingest_files(conn, seeds, ["a.txt"])
        assert conn.execute("select status from raw.source_files").fetchall() == [("ingested",)]
    assert os.stat(locked).st_size == len(NEWS.encode())
