"""The daily full refresh: re-checks every file against the folder (a consistency sweep)."""

import dagster as dg

from pipelines import seed_folder, settings
from pipelines.defs.jobs import IN_PROCESS, full_refresh
from pipelines.defs.partitions import all_buckets_tags


@dg.schedule(
    job=full_refresh,
    cron_schedule="0 3 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Every day at 03:00 Shanghai time, go over every bucket of seed files (parsing those that "
    "changed, recording those that left) and rebuild the marts.",
)
def daily_full_refresh(_context: dg.ScheduleEvaluationContext):
    if not seed_folder.list_seed_files(settings.seeds_dir()):
        return dg.SkipReason(f"the seeds folder {settings.seeds_dir()} holds no files yet")
    return dg.RunRequest(run_config=IN_PROCESS, tags=all_buckets_tags())
