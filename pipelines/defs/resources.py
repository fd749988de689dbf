"""Resources, bound once for the whole code location."""

import dagster as dg
from dagster_dbt import DbtCliResource
from dagster_duckdb import DuckDBResource

from pipelines import settings
from pipelines.defs.marts.project import dbt_project


@dg.definitions
def resources() -> dg.Definitions:
    settings.export_for_dbt()
    return dg.Definitions(
        resources={
            "duckdb": DuckDBResource(database=settings.working_warehouse()),
            "dbt": DbtCliResource(project_dir=dbt_project),
        }
    )
