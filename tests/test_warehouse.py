import duckdb
import polars as pl
import pytest

from pipelines import warehouse


def rows_for(source_file: str, n: int) -> dict[str, pl.DataFrame]:
    return {
        "sentences": warehouse.frame(
            "sentences",
            [
                {
                    "source_file": source_file,
                    "article_id": f"{source_file}-0",
                    "sentence_index": i,
                    "start_char": i,
                    "end_char": i + 1,
                }
                for i in range(n)
            ],
        )
    }


def test_replacing_a_files_rows_is_idempotent_and_leaves_other_files_alone(tmp_path):
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        warehouse.ensure_raw_tables(conn)
        warehouse.replace_file_rows(conn, ["a"], rows_for("a", 3))
        warehouse.replace_file_rows(conn, ["b"], rows_for("b", 2))
        warehouse.replace_file_rows(conn, ["a"], rows_for("a", 3))
        counts = dict(conn.execute("select source_file, count(*) from raw.sentences group by 1").fetchall())
        assert counts == {"a": 3, "b": 2}
        warehouse.replace_file_rows(conn, ["a"], {})
        assert conn.execute("select count(*) from raw.sentences").fetchone()[0] == 2


def test_a_failed_replacement_leaves_the_old_rows(tmp_path):
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        warehouse.ensure_raw_tables(conn)
        warehouse.replace_file_rows(conn, ["a"], rows_for("a", 3))
        bad = {"sentences": pl.DataFrame({"source_file": ["a"], "no_such_column": [1]})}
        with pytest.raises(duckdb.Error):
            warehouse.replace_file_rows(conn, ["a"], bad)
        assert conn.execute("select count(*) from raw.sentences").fetchone()[0] == 3


def test_text_that_looks_like_sql_is_stored_unchanged(tmp_path):
    text = "'); drop table raw.articles; -- {{ config(x) }}"
    frames = {
        "removed_spans": warehouse.frame(
            "removed_spans",
            [
                {
                    "source_file": text,
                    "article_id": None,
                    "start_char": 0,
                    "end_char": 1,
                    "reason": "footer",
                    "removed_text": text,
                }
            ],
        )
    }
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        warehouse.ensure_raw_tables(conn)
        warehouse.replace_file_rows(conn, [text], frames)
        assert conn.execute("select removed_text from raw.removed_spans").fetchone()[0] == text
        assert conn.execute("select count(*) from raw.articles").fetchone()[0] == 0


def test_a_locked_warehouse_fails_with_a_clear_message(tmp_path, monkeypatch):
    def locked(*_args, **_kwargs):
        raise duckdb.IOException("Could not set lock on file")

    monkeypatch.setattr(warehouse.duckdb, "connect", locked)
    with (
        pytest.raises(warehouse.WarehouseLocked, match="locked by another process"),
        warehouse.connect(tmp_path / "w.duckdb", timeout=0.2, poll_seconds=0.1),
    ):
        pass


HOLD_LOCK = """
import sys, time, duckdb
conn = duckdb.connect(sys.argv[1])
print("locked", flush=True)
time.sleep(120)
"""


def test_the_pipeline_waits_for_a_lock_as_long_as_it_says_and_names_the_file(tmp_path, monkeypatch):
    import subprocess
    import sys
    import time

    from pipelines.defs.resources import resources

    path = tmp_path / "w.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        monkeypatch.setattr(warehouse, "LOCK_WAIT_SECONDS", 3.0)
        resource = resources().resources["duckdb"].model_copy(update={"database": str(path)})
        started = time.monotonic()
        with (
            pytest.raises(
                warehouse.WarehouseLocked, match=f"{path} is locked by another process; waited 3 s"
            ),
            resource.get_connection(),
        ):
            pass
        assert time.monotonic() - started < 10
    finally:
        holder.kill()
        holder.wait()


def test_a_reader_sees_a_new_publication_once_its_process_closed_every_connection_to_the_file(tmp_path):
    """What the README says of reconnecting: DuckDB hands a new connection of a path this process has open
    the database already open, on the snapshot it opened; once all are closed, the next one reads the file
    the last publication put there."""
    working, published = tmp_path / ".news.working.duckdb", tmp_path / "news.duckdb"

    def publish(version: int) -> None:
        with warehouse.connect(working) as conn:
            conn.execute("create or replace table version as select ? as v", [version])
        warehouse.publish(working, published)

    def version(conn) -> int:
        return conn.execute("select v from version").fetchone()[0]

    publish(1)
    first = duckdb.connect(str(published), read_only=True)
    publish(2)
    with duckdb.connect(str(published), read_only=True) as again:
        assert version(again) == 1  # the open database, not the new file
    first.close()
    with duckdb.connect(str(published), read_only=True) as fresh:
        assert version(fresh) == 2


def test_the_writer_and_dbt_hold_duckdb_to_the_memory_limit(tmp_path, monkeypatch):
    """DuckDB's default is 80% of the machine: the writer and dbt's profile both use the pipeline's limit."""
    import yaml

    from pipelines import settings

    monkeypatch.setenv("NEWS_DUCKDB_MEMORY_LIMIT", "300MB")
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        (limit,) = conn.execute("select current_setting('memory_limit')").fetchone()
    with duckdb.connect(config={"memory_limit": "300MB"}) as expected:
        assert limit == expected.execute("select current_setting('memory_limit')").fetchone()[0]
    with duckdb.connect() as default:
        assert limit != default.execute("select current_setting('memory_limit')").fetchone()[0]
    profile = yaml.safe_load((settings.DBT_PROJECT_DIR / "profiles.yml").read_text(encoding="utf-8"))
    local = profile["news"]["outputs"]["local"]
    assert "NEWS_DUCKDB_MEMORY_LIMIT" in local["settings"]["memory_limit"]
