"""The seed folder sensor: new, changed and deleted files become partitions and one run per burst."""

import dagster as dg

from pipelines import refresh, settings
from pipelines.defs.jobs import IN_PROCESS, refresh_changed_files
from pipelines.defs.partitions import seed_files


@dg.sensor(
    job=refresh_changed_files,
    minimum_interval_seconds=5,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Watches the seeds folder every 5 seconds. A file is taken once it is settled (untouched for "
    "5 seconds, or the same size and modification time on two looks); new files become partitions; each "
    "burst of changes becomes one run; deleted files are processed so their rows leave the marts.",
)
def seed_folder_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    state = refresh.FolderState.from_cursor(context.cursor)
    plan = refresh.plan_refresh(state, refresh.observe_folder(settings.seeds_dir()))
    known = context.instance.get_dynamic_partitions(seed_files.name)
    known_set = set(known)
    new_keys = [name for name in plan.changed if name not in known_set]
    order = list(known) + new_keys
    run_requests = []
    for start, end in refresh.contiguous_ranges(plan.to_process, order):
        run_requests.append(
            dg.RunRequest(
                run_key=f"{plan.run_key()}:{start}",
                run_config=IN_PROCESS,
                tags={
                    "dagster/asset_partition_range_start": start,
                    "dagster/asset_partition_range_end": end,
                },
            )
        )
    if plan.waiting:
        context.log.info(f"waiting for {len(plan.waiting)} files to stop changing")
    return dg.SensorResult(
        run_requests=run_requests,
        dynamic_partitions_requests=[seed_files.build_add_request(new_keys)] if new_keys else [],
        cursor=plan.state.to_cursor(),
    )
