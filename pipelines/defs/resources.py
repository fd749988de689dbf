"""Resources, bound once for the whole code location."""

import importlib.metadata
import sys
from contextlib import contextmanager
from functools import cached_property

import dagster as dg
from dagster_dbt import DbtCliResource
from dagster_duckdb import DuckDBResource
from packaging import version

from pipelines import ingest, settings
from pipelines.defs.marts.project import dbt_project


class WorkingWarehouse(DuckDBResource):
    """The working copy, opened as the rest of the pipeline opens it: a lock held by another program is
    waited out for warehouse.LOCK_WAIT_SECONDS (Dagster's own retries wait over two minutes), then the
    step fails naming the file; a corrupt copy is set aside and rebuilt from the seed files (the run's log
    says so), as the main command does."""

    @contextmanager
    def get_connection(self):
        with ingest.open_working_copy(self.database, settings.seeds_dir(), say=warn) as conn:
            yield conn


class WarehouseDbt(DbtCliResource):
    """dagster-dbt asks the dbt executable for its version before every invocation (`dbt --version`: one
    more start-up of dbt, 2-6 s of a run); the executable is the one installed beside us, so its version
    is that of the dbt-core package."""

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):
        """No dbt adapter in this process: dagster-dbt loads one per invocation (2.3 s at 10,000 documents)
        for metadata queries, which the dbt step makes through the pipeline's own DuckDB connection once
        dbt has exited. Invocations then carry `adapter=None`, a case dagster-dbt handles."""
        return None


def warn(line: str) -> None:
    dg.get_dagster_logger().warning(line)  # the run's log in the UI
    print(line, file=sys.stderr)


@dg.definitions
def resources() -> dg.Definitions:
    settings.export_for_dbt()
    return dg.Definitions(
        resources={
            "duckdb": WorkingWarehouse(database=settings.working_warehouse()),
            "dbt": WarehouseDbt(project_dir=dbt_project, dbt_executable=settings.DBT_EXECUTABLE),
        }
    )
