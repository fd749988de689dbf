"""dbt's seeds and models over a DuckDB file, in a process of its own that a test keeps for all its builds:
dbt parses the project once there, and its adapter's state (an open database, global flags) stays out of
the test's process. A build of the models over a few files then costs about 1.5 s of CPU, not the 10 s of
a `dbt build` command started afresh."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pipelines.settings import DBT_PROJECT_DIR

# Every database has this file name, in a folder of its own: DuckDB names the catalog after the file, and
# the parsed project names it in every model.
FILE_NAME = "warehouse.duckdb"

_parsed = None  # the manifest, in the worker


def _release_database() -> None:
    """dbt-duckdb keeps the file open in its process after a command; the test reads it next."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    environment = DuckDBConnectionManager._ENV
    if environment is not None:
        environment.close()
    DuckDBConnectionManager.close_all_connections()


def _invoke(command: list[str], database: str, scratch: str) -> None:
    """Runs in the worker."""
    global _parsed
    from dbt.cli.main import dbtRunner

    os.environ["NEWS_WORKING_WAREHOUSE"] = database
    paths = ["--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR), "--quiet"]
    paths += ["--target-path", f"{scratch}/target", "--log-path", f"{scratch}/logs"]
    if _parsed is None:
        parsed = dbtRunner().invoke(["parse", *paths])
        if not parsed.success:
            raise RuntimeError(f"dbt parse failed: {parsed.exception}")
        _parsed = parsed.result
    try:
        done = dbtRunner(manifest=_parsed).invoke([*command, *paths])
    finally:
        _release_database()
    if not done.success:
        raise RuntimeError(f"dbt {' '.join(command)} failed on {database}: {done.exception or done.result}")


class ModelBuilder:
    """`copy_template(folder)`: a warehouse of an empty folder (raw tables, dbt's seeds, the marts) in that
    folder; `build(database)` runs every model over it as the pipeline's dbt step does (data tests aside),
    incrementally after the record of the last complete build (issue 15)."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        context = multiprocessing.get_context("spawn")
        self.worker = ProcessPoolExecutor(max_workers=1, mp_context=context)
        self.template: Path | None = None

    def make_template(self) -> None:
        import duckdb

        from pipelines import warehouse

        self.template = self.scratch / "template" / FILE_NAME
        self.template.parent.mkdir(parents=True)
        with duckdb.connect(str(self.template)) as conn:
            warehouse.ensure_raw_tables(conn)
        self.worker.submit(_invoke, ["seed"], str(self.template), str(self.scratch)).result()
        self.build(self.template)  # the marts of an empty folder

    def copy_template(self, folder: Path) -> Path:
        if self.template is None:
            self.make_template()
        folder.mkdir(parents=True, exist_ok=True)
        database = folder / FILE_NAME
        shutil.copyfile(self.template, database)
        return database

    def build(self, database: Path, *, full_refresh: bool = False) -> None:
        """Incremental where dbt can be (issue 15); `full_refresh` rebuilds every model from scratch."""
        command = ["run", "--select", "resource_type:model", *(["--full-refresh"] if full_refresh else [])]
        self.worker.submit(_invoke, command, str(database), str(self.scratch)).result()

    def close(self) -> None:
        self.worker.shutdown(wait=True)
