"""Where things are: the seeds folder, the warehouse file and the dbt project (overridable by env vars)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"

# Nothing here may wait on a network that is not there.
os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

# dagster-dbt runs the `dbt` executable: use the one installed beside this Python, activated or not.
_bin = str(Path(sys.executable).parent)
if _bin not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _bin + os.pathsep + os.environ.get("PATH", "")


def seeds_dir() -> Path:
    return Path(os.environ.get("NEWS_SEEDS_DIR", REPO_ROOT / "seeds")).resolve()


def warehouse_location() -> str:
    return os.environ.get("NEWS_WAREHOUSE", str(REPO_ROOT / "warehouse" / "news.duckdb"))


def is_local_warehouse() -> bool:
    """A DuckDB file on this machine, as opposed to a shared service such as MotherDuck (`md:news`)."""
    location = warehouse_location()
    return not (location.startswith("md:") or "://" in location)


def warehouse_path() -> Path:
    """The warehouse analysts query: the published snapshot."""
    return Path(warehouse_location()).resolve()


def working_warehouse() -> str:
    """Where the pipeline writes. A local warehouse is written in a private working copy and published by
    an atomic rename when a refresh succeeds, so open read-only sessions never block or see a half-refresh.
    A shared service handles concurrent readers itself: it is written directly."""
    if not is_local_warehouse():
        return warehouse_location()
    return str(working_copy_of(warehouse_path()))


def working_copy_of(published: Path) -> Path:
    """The private working copy beside a published local warehouse file."""
    return published.with_name(f".{published.stem}.working{published.suffix}")


# DuckDB's own default is 80% of the machine's memory; dbt's joins over an archive of 100,000 files took
# 4.4 GB with it. Under a limit DuckDB spills big joins and sorts to disk (next to the warehouse file).
DEFAULT_DUCKDB_MEMORY_LIMIT = "2GB"


def duckdb_memory_limit() -> str:
    """The memory DuckDB may use in each process that writes the warehouse (the writer and dbt)."""
    return os.environ.get("NEWS_DUCKDB_MEMORY_LIMIT", DEFAULT_DUCKDB_MEMORY_LIMIT)


def export_for_dbt() -> None:
    """dbt reads the working warehouse from the environment (see dbt_project/profiles.yml)."""
    if is_local_warehouse():
        os.environ["NEWS_WAREHOUSE"] = str(warehouse_path())
        warehouse_path().parent.mkdir(parents=True, exist_ok=True)
    os.environ["NEWS_WORKING_WAREHOUSE"] = working_warehouse()
    os.environ["NEWS_SEEDS_DIR"] = str(seeds_dir())
    os.environ["NEWS_PYTHON"] = sys.executable  # for DBT_EXECUTABLE
    os.environ["NEWS_DUCKDB_MEMORY_LIMIT"] = duckdb_memory_limit()


# dbt through a wrapper that ties it to the process starting it (pipelines/dbt_child.py).
DBT_EXECUTABLE = str(REPO_ROOT / "pipelines" / "bin" / "dbt-with-parent")


# A DuckDB file has one writer: every step that writes to it runs in this Dagster pool (limit 1).
WAREHOUSE_POOL = "warehouse_writer"
