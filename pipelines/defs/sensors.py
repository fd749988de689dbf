"""The seed folder sensor: new, changed and deleted files become partitions and one run per burst."""

import time

import dagster as dg
import duckdb

from pipelines import buckets, refresh, settings
from pipelines.defs.jobs import IN_PROCESS, refresh_changed_files
from pipelines.defs.partitions import range_tags
from pipelines.instance import migrate_per_file_partitions

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


# Dagster's sensor daemon looks every 5 s and evaluates a sensor whose interval has elapsed. An interval of
# 5 s was missed by a hair at every other look (ticks 5 or 10 s apart, measured: a new file waited 9.6 s
# for its run in 4 of 5 landings): below the daemon's period, every look evaluates the sensor.
SENSOR_INTERVAL_SECONDS = 1


@dg.sensor(
    job=refresh_changed_files,
    minimum_interval_seconds=SENSOR_INTERVAL_SECONDS,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Watches the seeds folder every 5 seconds (the daemon's loop). A file is taken once it is "
    "settled (untouched for 2 seconds, or the same size and times on two looks; a look that finds files "
    "settling waits for them, at most 2 seconds, and looks again); each burst of changes becomes one run "
    "over the buckets of its files; deleted files are processed so their rows leave the marts. A file "
    "counts as done when its run succeeds; the first look starts from what the published warehouse holds.",
)
def seed_folder_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    migrate_per_file_partitions(context.instance)  # once, on an instance of an earlier version
    observed = refresh.observe_folder(settings.seeds_dir())
    state = starting_state(context.cursor, observed)
    state = refresh.after_runs(state, run_outcomes(context.instance, list(state.requested)))
    plan = refresh.plan_refresh(state, observed)
    pause = refresh.settling_pause(plan, observed, time.time())
    if pause:  # files still settling: wait for them here rather than a whole tick
        time.sleep(pause)
        observed = refresh.observe_folder(settings.seeds_dir())
        plan = refresh.plan_refresh(state, observed)
    run_requests = []
    touched = buckets.covering_range(buckets.bucket_of(name) for name in plan.to_process)
    if touched:
        # One run per burst over the range of buckets it touches: the run parses only the changed files
        # of those buckets; several runs would each rebuild the marts.
        run_key = plan.run_key()
        plan.state.requested[run_key] = plan.to_process
        run_requests.append(
            dg.RunRequest(
                run_key=run_key,
                run_config=IN_PROCESS,
                tags={**range_tags(*touched), **refresh.files_tags(plan.to_process)},
            )
        )
    if plan.waiting:
        context.log.info(f"waiting for {len(plan.waiting)} files to stop changing")
    return dg.SensorResult(run_requests=run_requests, cursor=plan.state.to_cursor())
