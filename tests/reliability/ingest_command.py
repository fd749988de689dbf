"""The Python stage alone (`ingest.ingest_files`) on a seeds folder into a DuckDB file, CHUNK files per
transaction, printing a line per file: a process to kill mid-way in the tests.
Run: python -m tests.reliability.ingest_command SEEDS_DIR DUCKDB_FILE CHUNK
"""

import os
import sys
from pathlib import Path

import duckdb

from pipelines import ingest, seed_folder
from tests.reliability.main_command import deny_unreadable_files_to_root


def main(seeds: str, database: str, chunk: str) -> None:
    ingest.CHUNK_FILES = int(chunk)
    seeds_dir = Path(seeds)
    with duckdb.connect(database) as conn:
        ingest.ingest_files(
            conn,
            seeds_dir,
            seed_folder.list_seed_files(seeds_dir),
            progress=lambda done, total, name: print(f"parsed {done}/{total}", flush=True),
        )


if __name__ == "__main__":
    if os.geteuid() == 0:
        deny_unreadable_files_to_root()
    main(*sys.argv[1:])
