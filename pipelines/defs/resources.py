"""Resources, bound once for the whole code location."""

from contextlib import contextmanager

import dagster as dg
from dagster_dbt import DbtCliResource
from dagster_duckdb import DuckDBResource

from pipelines import settings, warehouse
from pipelines.defs.marts.project import dbt_project


class WorkingWarehouse(DuckDBResource):
    """The working copy, opened as the rest of the pipeline opens it: a lock held by another program is
    waited out for warehouse.LOCK_WAIT_SECONDS (Dagster's own retries wait over two minutes), then the
    step fails naming the file."""

    @contextmanager
    def get_connection(self):
        with warehouse.connect(self.database) as conn:
            yield conn


@dg.definitions
def resources() -> dg.Definitions:
    settings.export_for_dbt()
    return dg.Definitions(
        resources={
            "duckdb": WorkingWarehouse(database=settings.working_warehouse()),
            "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=settings.DBT_EXECUTABLE),
        }
    )
