"""The daily full refresh: re-checks every file against the folder (a consistency sweep)."""

import dagster as dg

from pipelines.defs.jobs import IN_PROCESS, full_refresh
from pipelines.defs.partitions import seed_files


@dg.schedule(
    job=full_refresh,
    cron_schedule="0 3 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Every day at 03:00 Shanghai time, re-process every seed file partition and rebuild "
    "the marts.",
)
def daily_full_refresh(context: dg.ScheduleEvaluationContext):
    keys = context.instance.get_dynamic_partitions(seed_files.name)
    if not keys:
        return dg.SkipReason("no seed files registered yet (the folder sensor adds them)")
    return dg.RunRequest(
        run_config=IN_PROCESS,
        tags={"dagster/asset_partition_range_start": keys[0], "dagster/asset_partition_range_end": keys[-1]},
    )
