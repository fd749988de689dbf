"""One bucket re-run as from the UI: it parses only its own new, changed and deleted files."""

import os
import shutil
import time

import dagster as dg
import duckdb

from pipelines import buckets
from pipelines.defs.documents.assets import parsed_documents
from pipelines.defs.resources import WorkingWarehouse
from tests.paths import FIXTURE_SEEDS


def materialise_bucket(bucket: str, database) -> dict:
    result = dg.materialize(
        [parsed_documents],
        partition_key=bucket,
        resources={"duckdb": WorkingWarehouse(database=str(database))},
    )
    assert result.success
    (event,) = result.get_asset_materialization_events()
    return {key: value.value for key, value in event.materialization.metadata.items()}


def test_a_bucket_run_parses_only_its_changed_files_and_records_deletions(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    shutil.copytree(FIXTURE_SEEDS, seeds)
    old = time.time() - 3600
    for path in seeds.iterdir():
        os.utime(path, (old, old))
    monkeypatch.setenv("NEWS_SEEDS_DIR", str(seeds))
    monkeypatch.setenv("NEWS_WAREHOUSE", str(tmp_path / "news.duckdb"))  # no published snapshot yet
    database = tmp_path / "working.duckdb"
    bucket = buckets.bucket_of("01_release.txt")
    inside = buckets.files_in([bucket], [p.name for p in seeds.iterdir()])

    first = materialise_bucket(bucket, database)
    assert first["files"] == len(inside) and first["buckets"] == 1
    assert "01_release.txt" in first["preview_source_files"]  # a run of one bucket shows its rows
    with duckdb.connect(str(database)) as conn:
        recorded = [
            row[0] for row in conn.execute("select source_file from raw.source_files order by 1").fetchall()
        ]
    assert recorded == inside  # the other buckets' files are not touched

    again = materialise_bucket(bucket, database)
    assert again["statuses"] == {"unchanged": len(inside)}

    (seeds / "01_release.txt").unlink()
    after_delete = materialise_bucket(bucket, database)
    assert after_delete["statuses"].get("deleted") == 1
    with duckdb.connect(str(database)) as conn:
        status = conn.execute(
            "select status from raw.source_files where source_file = '01_release.txt'"
        ).fetchone()
    assert status == ("deleted",)


def test_a_working_copy_made_anew_still_lists_the_files_the_published_warehouse_records(tmp_path):
    """A file deleted since the last publish is known only to the published snapshot: a working copy
    rebuilt from nothing (set aside as corrupt) must still record its deletion."""
    published = tmp_path / "news.duckdb"
    with duckdb.connect(str(published)) as conn:
        conn.execute("create schema raw; create table raw.source_files (source_file varchar)")
        conn.execute("insert into raw.source_files values ('gone.txt')")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    with duckdb.connect(str(tmp_path / "working.duckdb")) as conn:
        conn.execute("create schema raw; create table raw.source_files (source_file varchar)")
        bucket = [buckets.bucket_of("gone.txt")]
        assert buckets.seed_files_in(conn, seeds, bucket, published=published) == ["gone.txt"]
        assert buckets.seed_files_in(conn, seeds, bucket) == []
        conn.execute("insert into raw.source_files values ('kept.txt')")  # the working copy's own record wins
        assert buckets.seed_files_in(conn, seeds, bucket, published=published) == []
