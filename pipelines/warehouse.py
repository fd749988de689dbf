"""The raw schema of the warehouse: what the Python stages write and dbt reads as sources.

Rows are replaced one seed file at a time inside a single transaction, so a document is in the
warehouse whole or not at all. Data travels as Arrow; SQL text never contains data.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from pipelines import settings

RAW_SCHEMA = "raw"
# The marts dbt builds in the schema `marts` (dbt_project/models/marts/).
MARTS = (
    "source_files",
    "articles",
    "entities",
    "mentions",
    "entity_pairs",
    "events",
    "event_mentions",
    "removed_spans",
)

# Column types of every raw table; the polars frames are built with the same schema.
RAW_TABLES: dict[str, dict[str, pl.DataType]] = {
    "source_files": {
        "source_file": pl.String,
        "content_sha256": pl.String,
        "size_bytes": pl.Int64,
        "modified_at": pl.Datetime("us"),
        "encoding": pl.String,
        "status": pl.String,
        "reason": pl.String,
        "duplicate_of": pl.String,
        "article_count": pl.Int32,
        "processed_at": pl.Datetime("us"),
        "pipeline_version": pl.String,
    },
    "articles": {
        "article_id": pl.String,
        "source_file": pl.String,
        "content_sha256": pl.String,
        "article_index": pl.Int32,
        "title": pl.String,
        "outlet": pl.String,
        "authors": pl.List(pl.String),
        "published_at": pl.Datetime("us"),
        "published_precision": pl.String,
        "languages": pl.List(pl.String),
        "script": pl.String,
        "body": pl.String,
        "body_original": pl.String,
        "body_fingerprint": pl.String,
        "original_offsets": pl.List(pl.Int32),
        "metadata_sources": pl.String,
    },
    "paragraphs": {
        "source_file": pl.String,
        "article_id": pl.String,
        "paragraph_index": pl.Int32,
        "start_char": pl.Int32,
        "end_char": pl.Int32,
        "language": pl.String,
        "translation_of": pl.Int32,
    },
    "sentences": {
        "source_file": pl.String,
        "article_id": pl.String,
        "sentence_index": pl.Int32,
        "start_char": pl.Int32,
        "end_char": pl.Int32,
    },
    "removed_spans": {
        "source_file": pl.String,
        "article_id": pl.String,
        "start_char": pl.Int32,
        "end_char": pl.Int32,
        "reason": pl.String,
        "removed_text": pl.String,
    },
    "mentions": {
        "source_file": pl.String,
        "article_id": pl.String,
        "mention_index": pl.Int32,
        "sentence_index": pl.Int32,
        "start_char": pl.Int32,
        "end_char": pl.Int32,
        "original_start_char": pl.Int32,
        "original_end_char": pl.Int32,
        "surface": pl.String,
        "normalised_surface": pl.String,
        "entity_type": pl.String,
        "canonical_key": pl.String,
        "method": pl.String,
        "confidence": pl.Float64,
        # the text as written at the original offsets: cut here, where it is one slice, not in SQL, where an
        # offset into a long UTF-8 body costs a scan from its start for every row (issue 14)
        "original_surface": pl.String,
    },
    "event_mentions": {
        "source_file": pl.String,
        "article_id": pl.String,
        "event_index": pl.Int32,
        "sentence_index": pl.Int32,
        "event_type": pl.String,
        "trigger": pl.String,
        "trigger_start": pl.Int32,
        "trigger_end": pl.Int32,
        "event_date": pl.String,
        "date_precision": pl.String,
        "date_text": pl.String,
        "amount_value": pl.Float64,
        "amount_currency": pl.String,
        "modality": pl.String,
        "confidence": pl.Float64,
        "evidence": pl.String,  # the sentence of the trigger, cut here for the same reason
    },
    "event_arguments": {
        "source_file": pl.String,
        "article_id": pl.String,
        "event_index": pl.Int32,
        "argument_index": pl.Int32,
        "role": pl.String,
        "argument": pl.String,
        "start_char": pl.Int32,
        "end_char": pl.Int32,
        "mention_index": pl.Int32,
    },
}


def empty_frame(table: str) -> pl.DataFrame:
    return pl.DataFrame(schema=RAW_TABLES[table])


def frame(table: str, rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=RAW_TABLES[table], orient="row") if rows else empty_frame(table)


class WarehouseLocked(RuntimeError):
    pass


class WorkingCopyCorrupt(RuntimeError):
    pass


# What DuckDB says of a file whose blocks fail their checksums, or of one that is no database at all.
CORRUPTION = ("Corrupt database file", "not a valid DuckDB database file")


def is_corruption(message: str) -> bool:
    return any(sign in message for sign in CORRUPTION)


def set_aside(working: Path) -> Path:
    """Move a corrupt working copy (and its WAL) out of the way, kept for a post-mortem; returns where to.
    It is derived data: the seed files and the pipeline make a new one."""
    aside = working.with_name(f"{working.name}.corrupt-{datetime.now():%Y%m%dT%H%M%S}")
    os.replace(working, aside)
    wal = working.with_name(working.name + ".wal")
    if wal.exists():
        os.replace(wal, aside.with_name(aside.name + ".wal"))
    return aside


# How long a refresh waits for another program's write lock on the warehouse before it fails.
LOCK_WAIT_SECONDS = 60.0


@contextmanager
def connect(
    path: Path, *, timeout: float | None = None, poll_seconds: float = 2.0
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse for writing, waiting up to `timeout` seconds (LOCK_WAIT_SECONDS) while another
    process holds the lock, then failing with a message that names the file and the holder."""
    timeout = LOCK_WAIT_SECONDS if timeout is None else timeout
    if "://" not in str(path) and not str(path).startswith("md:"):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout
    while True:
        try:
            conn = duckdb.connect(str(path), config={"memory_limit": settings.duckdb_memory_limit()})
            break
        except duckdb.IOException as error:  # the file is locked by another writer
            if is_corruption(str(error)):
                raise  # not a lock: waiting would not help
            if time.monotonic() + poll_seconds > deadline:
                raise WarehouseLocked(
                    f"the warehouse {path} is locked by another process; waited {timeout:.0f} s. Close the "
                    f"program that holds it (read-only sessions never do) and run again: {error}"
                ) from None
            time.sleep(poll_seconds)
    try:
        yield conn
    finally:
        conn.close()


def ensure_raw_tables(conn: duckdb.DuckDBPyConnection) -> None:
    """Create the raw tables, and add the columns a newer version of the pipeline writes."""
    conn.execute(f"create schema if not exists {RAW_SCHEMA}")
    for table in RAW_TABLES:
        # Created from an empty Arrow table so the column types come from RAW_TABLES alone.
        conn.register("empty_rows", empty_frame(table).to_arrow())
        conn.execute(f"create table if not exists {RAW_SCHEMA}.{table} as select * from empty_rows")
        existing = {row[0] for row in conn.execute(f"describe {RAW_SCHEMA}.{table}").fetchall()}
        wanted = [row[:2] for row in conn.execute("describe select * from empty_rows").fetchall()]
        for name, column_type in wanted:
            if name not in existing:
                conn.execute(f'alter table {RAW_SCHEMA}.{table} add column "{name}" {column_type}')
        conn.unregister("empty_rows")


def replace_file_rows(
    conn: duckdb.DuckDBPyConnection,
    source_files: Iterable[str],
    tables: dict[str, pl.DataFrame],
    replaced: Iterable[str] | None = None,
) -> None:
    """Delete every row of the given seed files, then insert their new rows, in one transaction.
    `replaced`: the files among them that may have rows (all when not given); the others are new."""
    source_files = list(source_files)
    replaced = source_files if replaced is None else list(replaced)
    files = pl.DataFrame({"source_file": replaced}, schema={"source_file": pl.String})
    conn.execute("begin transaction")
    try:
        conn.register("replaced_files", files.to_arrow())
        for table in RAW_TABLES:
            if replaced:  # each delete scans the table
                conn.execute(
                    f"delete from {RAW_SCHEMA}.{table} "
                    "where source_file in (select source_file from replaced_files)"
                )
            incoming = tables.get(table)
            if incoming is not None and incoming.height:
                conn.register("incoming", incoming.to_arrow())
                conn.execute(f"insert into {RAW_SCHEMA}.{table} by name select * from incoming")
                conn.unregister("incoming")
        conn.unregister("replaced_files")
        conn.execute("commit")
    except BaseException:
        conn.execute("rollback")
        raise


def publish(working: Path, published: Path) -> int:
    """Replace the published warehouse with the working copy by an atomic rename. Sessions that have the
    old file open keep reading their snapshot; new sessions see the new one. Returns the bytes published."""
    for stale in published.parent.glob(f".{published.name}.*.partial"):  # left by a publish killed mid-copy
        stale.unlink(missing_ok=True)
    try:
        with connect(working) as conn:
            conn.execute("checkpoint")  # everything in the main file, nothing left in the WAL
    except duckdb.Error as error:
        if not is_corruption(str(error)):
            raise
        # Rebuilding the raw tables here would publish a warehouse without marts: the marts' step does it.
        raise WorkingCopyCorrupt(
            f"the working copy {working} is corrupt ({str(error).strip().splitlines()[0][:160]}); nothing "
            f"was published, {published} is as it was. Build the marts (the main command, or marts/* in the "
            "UI): their run sets the copy aside and rebuilds it from the seed files"
        ) from error
    partial = published.with_name(f".{published.name}.{os.getpid()}.partial")
    shutil.copyfile(working, partial)
    os.replace(partial, published)
    return published.stat().st_size
