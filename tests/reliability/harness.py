"""Running the main command in a subprocess on a folder of its own, and fingerprinting the marts."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

from tests.paths import REPO_ROOT

BUILD_TIMEOUT = 300


@dataclass(frozen=True)
class Place:
    """A seeds folder with its own warehouse and Dagster instance."""

    root: Path

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse" / "news.duckdb"

    @property
    def log(self) -> Path:
        return self.warehouse.parent / "last_build.log"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "NEWS_SEEDS_DIR": str(self.seeds),
            "NEWS_WAREHOUSE": str(self.warehouse),
            "DAGSTER_HOME": str(self.root / "dagster_home"),
            "PYTHONUNBUFFERED": "1",
        }

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "tests.reliability.main_command", *args]

    def start(self, output: Path, *args: str) -> subprocess.Popen:
        """The main command in the background, stdout and stderr into `output`."""
        with output.open("wb") as out:
            return subprocess.Popen(
                self.command(*args),
                cwd=REPO_ROOT,
                env=self.env(),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: the kill reaches dbt as well
            )

    def build(self, *args: str, timeout: float = BUILD_TIMEOUT) -> subprocess.CompletedProcess:
        return subprocess.run(
            self.command(*args),
            cwd=REPO_ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )


def query(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Read-only, and closed at once: the next build must be able to open the file."""
    with duckdb.connect(str(path), read_only=True) as conn:
        return conn.execute(sql, params or []).fetchall()


def mart_names(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables of the schema marts, by name."""
    sql = "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
    return [name for (name,) in conn.execute(sql).fetchall()]


def mart_hashes(path: Path) -> dict[str, str]:
    """A content hash of every table in the schema marts: its columns, then its rows in a canonical order
    (row order is not part of a table's content; the order of values inside a list column is)."""
    hashes = {}
    with duckdb.connect(str(path), read_only=True) as conn:
        marts = mart_names(conn)
        for mart in marts:
            cursor = conn.execute(f'select * from marts."{mart}"')
            columns = [f"{d[0]}:{d[1]}" for d in cursor.description]
            rows = sorted(repr(row) for row in cursor.fetchall())
            digest = hashlib.sha256("\n".join(columns).encode())
            for row in rows:
                digest.update(b"\n" + row.encode("utf-8", "backslashreplace"))
            hashes[mart] = f"{len(rows)} rows, sha256 {digest.hexdigest()[:16]}"
    return hashes
