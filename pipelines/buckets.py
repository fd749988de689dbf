"""Stable hash buckets of seed file names: the partitions of `raw/documents`.

A file always lands in the same bucket (a hash of its name, not of the Python process: `hash()` is
salted per process), so a bucket is a fixed slice of the archive that a user can re-run from the UI, and
the number of partitions stays BUCKET_COUNT however many files arrive. Plain Python, no Dagster import.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

# 256 buckets: ~400 files each at 100,000 files, ~4,000 at a million; a run over all of them writes
# ~1,000 event-log rows and launches in seconds under `dg dev` (README: "Partitions").
BUCKET_COUNT = 256


def bucket_keys(count: int = BUCKET_COUNT) -> list[str]:
    """The partition keys in order: b000 ... b255 (zero-padded, so text order is number order)."""
    width = len(str(count - 1))
    return [f"b{i:0{width}d}" for i in range(count)]


def bucket_of(source_file: str, count: int = BUCKET_COUNT) -> str:
    """The bucket key of a file name (its name relative to the seeds folder, as recorded)."""
    digest = hashlib.blake2b(source_file.encode("utf-8", "backslashreplace"), digest_size=8).digest()
    width = len(str(count - 1))
    return f"b{int.from_bytes(digest, 'big') % count:0{width}d}"


def files_in(buckets: Iterable[str], names: Iterable[str], count: int = BUCKET_COUNT) -> list[str]:
    """The names among `names` whose bucket is one of `buckets`, sorted."""
    wanted = set(buckets)
    return sorted({name for name in names if bucket_of(name, count) in wanted})


def by_bucket(names: Iterable[str], count: int = BUCKET_COUNT) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for name in sorted(set(names)):
        grouped.setdefault(bucket_of(name, count), []).append(name)
    return grouped


def covering_range(buckets: Iterable[str], count: int = BUCKET_COUNT) -> tuple[str, str] | None:
    """The smallest range of keys holding every bucket given (a Dagster run targets one range)."""
    chosen = sorted(set(buckets))
    return (chosen[0], chosen[-1]) if chosen else None


def seed_files_in(
    conn, seeds_dir, buckets: Iterable[str], count: int = BUCKET_COUNT, published=None
) -> list[str]:
    """The files of these buckets: those in the seeds folder now and those the raw tables hold (a file
    deleted from the folder is still in its bucket until its deletion is recorded)."""
    from pipelines import seed_folder

    recorded = recorded_files(conn)
    if not recorded and published is not None:
        recorded = published_files(published)
    return files_in(buckets, [*seed_folder.list_seed_files(seeds_dir), *recorded], count)


def recorded_files(conn) -> list[str]:
    return [row[0] for row in conn.execute("select source_file from raw.source_files").fetchall()]


def published_files(published) -> list[str]:
    """The files the published warehouse records. A working copy made anew (the first build, or one set
    aside as corrupt) records nothing, yet a file deleted since the last publish must still be recorded
    as deleted, or `marts.source_files` would lose it."""
    import duckdb

    try:
        with duckdb.connect(str(published), read_only=True) as conn:
            return recorded_files(conn)
    except (duckdb.Error, OSError):  # no published warehouse yet, or an unreadable one: nothing to add
        return []
