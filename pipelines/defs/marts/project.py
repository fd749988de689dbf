"""The dbt project that builds the marts."""

from pathlib import Path

from dagster_dbt import DbtProject
from dagster_dbt.dbt_project import using_dagster_dev

from pipelines import settings


def manifest_is_current(manifest: Path, project_dir: Path) -> bool:
    """The manifest is newer than every file dbt parses (models, seeds, tests, macros, project files)."""
    if not manifest.exists():
        return False
    built = manifest.stat().st_mtime
    parsed = [
        p for p in project_dir.rglob("*") if p.is_file() and "target" not in p.relative_to(project_dir).parts
    ]
    return all(p.stat().st_mtime < built for p in parsed)


settings.export_for_dbt()
dbt_project = DbtProject(project_dir=settings.DBT_PROJECT_DIR, profiles_dir=settings.DBT_PROJECT_DIR)
# Under `dagster dev` dagster-dbt's prepare_if_dev parses the project in every process that imports this
# module, each run's own process too: 9.5 s of every run launched from the UI or the sensor. Parse only
# when a file dbt reads changed since the manifest was written (an edited model is still picked up on
# reload); the main command and the tests prepare it themselves (pipelines.build.prepare_dbt_manifest).
if using_dagster_dev() and not manifest_is_current(dbt_project.manifest_path, dbt_project.project_dir):
    dbt_project.preparer.prepare(dbt_project)
