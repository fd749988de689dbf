"""The Dagster code location: everything under pipelines/defs/, loaded by folder."""

from pathlib import Path

import dagster as dg

from pipelines import settings  # noqa: F401  (telemetry off before Dagster starts)


def load() -> dg.Definitions:
    return dg.load_from_defs_folder(path_within_project=Path(__file__).parent)


@dg.definitions
def defs() -> dg.Definitions:
    return load()


def job(name: str) -> dg.JobDefinition:
    """A job by name: what executors that rebuild the job in each step's own process import."""
    return load().resolve_job_def(name)
