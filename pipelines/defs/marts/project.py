"""The dbt project that builds the marts."""

from dagster_dbt import DbtProject

from pipelines import settings

settings.export_for_dbt()
dbt_project = DbtProject(project_dir=settings.DBT_PROJECT_DIR, profiles_dir=settings.DBT_PROJECT_DIR)
# Only acts under `dagster dev`; the main command and the tests run `dbt parse` themselves.
dbt_project.prepare_if_dev()
