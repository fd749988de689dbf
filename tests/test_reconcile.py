"""What a refresh of some files must also bring up to date: the copies of a file, files the warehouse
remembers but the folder no longer holds, content rewritten under the same size and time, and files still
being written (fast: the Python stage on a DuckDB file, no Dagster, no dbt)."""

import hashlib
import os
import time

import duckdb
import pytest

from pipelines import ingest, quality, seed_folder
from tests.paths import FIXTURE_SEEDS

RELEASE = (FIXTURE_SEEDS / "01_release.txt").read_bytes()
FOUNDING = (FIXTURE_SEEDS / "02_founding.txt").read_bytes()
LONG_AGO = time.time() - 3600


def drop(seeds, name, data, mtime=LONG_AGO):
    path = seeds / name
    path.write_bytes(data)
    os.utime(path, (mtime, mtime))
    return path


def source_files(conn):
    return {
        name: (status, duplicate_of, articles, sha)
        for name, status, duplicate_of, articles, sha in conn.execute(
            "select source_file, status, duplicate_of, article_count, content_sha256 from raw.source_files"
        ).fetchall()
    }


@pytest.fixture
def place(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    conn = duckdb.connect(str(tmp_path / "w.duckdb"))
    yield seeds, conn
    conn.close()


def test_deleting_the_original_of_a_duplicate_ingests_the_copy(place):
    seeds, conn = place
    drop(seeds, "a.txt", RELEASE)
    drop(seeds, "b.txt", RELEASE)
    ingest.ingest_files(conn, seeds, ["a.txt", "b.txt"])
    assert source_files(conn)["b.txt"][:2] == ("duplicate", "a.txt")
    (seeds / "a.txt").unlink()
    ingest.ingest_files(conn, seeds, ["a.txt"])  # the sensor's run names only the deleted file
    files = source_files(conn)
    assert files["a.txt"][0] == "deleted"
    assert files["b.txt"][:3] == ("ingested", None, 1)
    assert quality.files_accounted_for(conn, seed_folder.list_seed_files(seeds)).passed


def test_a_copy_that_sorts_first_becomes_the_original_as_in_a_clean_build(place):
    seeds, conn = place
    drop(seeds, "b.txt", RELEASE)
    ingest.ingest_files(conn, seeds, ["b.txt"])
    drop(seeds, "a.txt", RELEASE)
    ingest.ingest_files(conn, seeds, ["a.txt"])
    files = source_files(conn)
    assert files["a.txt"][0] == "ingested"
    assert files["b.txt"][:2] == ("duplicate", "a.txt")
    assert conn.execute("select count(*) from raw.articles").fetchone()[0] == 1


def test_the_check_fails_on_a_duplicate_of_a_file_that_no_longer_holds_its_bytes(place):
    seeds, conn = place
    drop(seeds, "a.txt", RELEASE)
    drop(seeds, "b.txt", RELEASE)
    ingest.ingest_files(conn, seeds, ["a.txt", "b.txt"])
    conn.execute("update raw.source_files set status = 'deleted' where source_file = 'a.txt'")
    (seeds / "a.txt").unlink()
    finding = quality.files_accounted_for(conn, seed_folder.list_seed_files(seeds))
    assert not finding.passed
    assert finding.failing_rows == [
        {
            "source_file": "b.txt",
            "problem": "duplicate of a.txt, which is not an ingested file with its bytes",
        }
    ]


def test_a_rewrite_with_the_same_size_and_time_is_processed(place):
    seeds, conn = place
    path = drop(seeds, "a.txt", RELEASE)
    ingest.ingest_files(conn, seeds, ["a.txt"])
    rewritten = RELEASE.replace("阿里巴巴".encode(), "腾讯控股".encode())
    assert len(rewritten) == len(RELEASE)
    stat = path.stat()
    path.write_bytes(rewritten)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert ingest.files_to_process(conn, seeds, ["a.txt"]) == ["a.txt"]
    ingest.ingest_files(conn, seeds, ["a.txt"])
    assert source_files(conn)["a.txt"][3] == hashlib.sha256(rewritten).hexdigest()
    assert conn.execute("select count(*) from raw.articles where body like '%腾讯控股%'").fetchone()[0] == 1


def test_a_file_the_warehouse_remembers_but_the_folder_lost_is_marked_deleted(place):
    seeds, conn = place
    drop(seeds, "a.txt", RELEASE)
    drop(seeds, "b.txt", FOUNDING)
    ingest.ingest_files(conn, seeds, ["a.txt", "b.txt"])
    (seeds / "b.txt").unlink()
    # A run that never heard of b.txt (Dagster's partitions were reset, or another instance wrote it).
    ingest.ingest_files(conn, seeds, ["a.txt"])
    assert source_files(conn)["b.txt"][0] == "deleted"
    assert conn.execute("select count(*) from raw.articles where source_file = 'b.txt'").fetchone()[0] == 0


def test_a_file_still_being_written_is_left_for_a_later_run(place):
    seeds, conn = place
    drop(seeds, "a.txt", RELEASE)
    ingest.ingest_files(conn, seeds, ["a.txt"])
    half = len(FOUNDING) // 2
    drop(seeds, "b.txt", FOUNDING[:half], mtime=time.time())  # a copy in progress
    drop(seeds, "a.txt", RELEASE[: len(RELEASE) // 2], mtime=time.time())
    report = ingest.ingest_files(conn, seeds, ["a.txt", "b.txt"])
    assert report.statuses() == {"being written": 2}
    files = source_files(conn)
    assert "b.txt" not in files
    assert files["a.txt"][3] == hashlib.sha256(RELEASE).hexdigest()  # the last complete version stays
    drop(seeds, "b.txt", FOUNDING)  # the copy completes and settles
    assert ingest.ingest_files(conn, seeds, ["b.txt"]).statuses() == {"ingested": 1}
    assert source_files(conn)["b.txt"][2] == 1


def test_the_check_leaves_files_that_arrived_during_the_run_to_the_next_one(place):
    seeds, conn = place
    drop(seeds, "a.txt", RELEASE)
    ingest.ingest_files(conn, seeds, ["a.txt"])
    started = time.time()
    drop(seeds, "b.txt", FOUNDING, mtime=started + 1)
    listed = seed_folder.list_seed_files(seeds)
    assert not quality.files_accounted_for(conn, listed).passed
    assert quality.files_accounted_for(conn, listed, seeds_dir=seeds, run_started=started).passed


def test_a_file_error_inside_the_text_library_is_not_called_unreadable(place, monkeypatch):
    seeds, conn = place
    drop(seeds, "a.txt", RELEASE)

    def missing_model(*_args, **_kwargs):
        raise FileNotFoundError(2, "No such file or directory", "models/ner/tagger.json")

    monkeypatch.setattr(ingest, "add_article_rows", missing_model)
    ingest.ingest_files(conn, seeds, ["a.txt"])
    (reason,) = conn.execute("select reason from raw.source_files").fetchone()
    assert reason.startswith("internal error while processing: FileNotFoundError"), reason


def test_the_main_command_tags_its_run_with_the_files_it_processes(fixture_build):
    import dagster as dg

    _, _, root = fixture_build
    with dg.DagsterInstance.from_config(str(root / "dagster_home")) as instance:
        (run,) = instance.get_runs(limit=1)
    assert run.tags["news/file_count"] == "5"
    assert (
        run.tags["news/files"]
        == "01_release.txt, 02_founding.txt, 03_release_copy.txt, 04_blank.txt, 05_big5.txt"
    )
