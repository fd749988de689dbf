"""The seed folder sensor: new, changed and deleted files become partitions and one run per burst."""

import dagster as dg
import duckdb

from pipelines import refresh, settings
from pipelines.defs.jobs import IN_PROCESS, refresh_changed_files
from pipelines.defs.partitions import seed_files

RUN_KEY_TAG = "dagster/run_key"
FINISHED = {
    dg.DagsterRunStatus.SUCCESS: "success",
    dg.DagsterRunStatus.FAILURE: "failure",
    dg.DagsterRunStatus.CANCELED: "failure",
}


def starting_state(cursor: str | None, observed: dict[str, str]) -> refresh.FolderState:
    """The cursor; with none yet, what the published warehouse holds (it never blocks a reader)."""
    published = settings.warehouse_path()
    if cursor or not settings.is_local_warehouse() or not published.exists():
        return refresh.FolderState.from_cursor(cursor)
    try:
        with duckdb.connect(str(published), read_only=True) as conn:
            return refresh.state_from_warehouse(conn, settings.seeds_dir(), observed)
    except duckdb.Error:  # an old file without raw tables: start from nothing
        return refresh.FolderState()


def run_outcomes(instance: dg.DagsterInstance, run_keys: list[str]) -> dict[str, str]:
    """success or failure for each run key whose run has finished (the others are still running)."""
    outcomes = {}
    for key in run_keys:
        runs = instance.get_runs(filters=dg.RunsFilter(tags={RUN_KEY_TAG: key}), limit=1)
        if runs and runs[0].status in FINISHED:
            outcomes[key] = FINISHED[runs[0].status]
    return outcomes


@dg.sensor(
    job=refresh_changed_files,
    minimum_interval_seconds=5,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Watches the seeds folder every 5 seconds. A file is taken once it is settled (untouched for "
    "5 seconds, or the same size and times on two looks); new files become partitions; each burst of "
    "changes becomes one run; deleted files are processed so their rows leave the marts. A file counts as "
    "done when its run succeeds; the first look starts from what the published warehouse holds.",
)
def seed_folder_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    observed = refresh.observe_folder(settings.seeds_dir())
    state = starting_state(context.cursor, observed)
    state = refresh.after_runs(state, run_outcomes(context.instance, list(state.requested)))
    plan = refresh.plan_refresh(state, observed)
    known = context.instance.get_dynamic_partitions(seed_files.name)
    known_set = set(known)
    new_keys = [name for name in plan.changed + plan.deleted if name not in known_set]
    order = list(known) + new_keys
    run_requests = []
    for start, end in refresh.contiguous_ranges(plan.to_process, order):
        files = order[order.index(start) : order.index(end) + 1]
        run_key = f"{plan.run_key()}:{start}"
        plan.state.requested[run_key] = [f for f in files if f in set(plan.to_process)]
        run_requests.append(
            dg.RunRequest(
                run_key=run_key,
                run_config=IN_PROCESS,
                tags={
                    "dagster/asset_partition_range_start": start,
                    "dagster/asset_partition_range_end": end,
                    **refresh.files_tags(plan.state.requested[run_key]),
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
