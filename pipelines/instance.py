"""The Dagster instance shared by the main command and `dagster dev` (run history, partitions, cursors)."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from pipelines import settings

INSTANCE_YAML = """\
# Written by pipelines/instance.py. Telemetry off: nothing may wait on a network that is not there.
telemetry:
  enabled: false
# One writer at a time on the DuckDB file: runs that write queue behind each other,
# and so do the steps in the warehouse_writer pool.
concurrency:
  runs:
    max_concurrent_runs: 4
    tag_concurrency_limits:
      - key: "news/warehouse"
        value: "writer"
        limit: 1
  pools:
    default_limit: 1
"""


def dagster_home() -> Path:
    """DAGSTER_HOME if set, else .dagster/ in the repository; created with its dagster.yaml."""
    home = Path(os.environ.get("DAGSTER_HOME", settings.REPO_ROOT / ".dagster")).resolve()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(INSTANCE_YAML, encoding="utf-8")
    os.environ["DAGSTER_HOME"] = str(home)
    return home


def owner_tags() -> dict[str, str]:
    """Which process runs a main-command run: lets the next run tell a killed run from a live one."""
    return {"news/host": socket.gethostname(), "news/pid": str(os.getpid())}


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def release_runs_of_dead_processes(instance) -> list[str]:
    """A main command killed mid-way (SIGKILL, power cut) leaves its run STARTED, holding its
    warehouse_writer pool slot, and the next run would wait for it forever: mark such runs failed and free
    their slots. Only runs started on this host by a process that is gone are touched."""
    import dagster as dg

    released = []
    runs = instance.get_runs(
        filters=dg.RunsFilter(
            statuses=[
                dg.DagsterRunStatus.STARTED,
                dg.DagsterRunStatus.STARTING,
                dg.DagsterRunStatus.NOT_STARTED,
            ],
            tags={"news/host": socket.gethostname()},
        )
    )
    for run in runs:
        pid = int(run.tags.get("news/pid", "0"))
        if pid > 0 and pid != os.getpid() and process_alive(pid):
            continue
        instance.report_run_failed(
            run, "the process running it has gone (killed mid-way); released by the next run"
        )
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        released.append(run.run_id)
    return released


RAW_DOCUMENTS_PATH = ["raw", "documents"]
PER_FILE_PARTITIONS = "seed_files"  # the dynamic partitions of earlier versions, one per file


def migrate_per_file_partitions(instance) -> dict[str, int]:
    """An instance of an earlier version has one dynamic partition per file. Each bucket whose files all
    had a materialisation there is recorded as materialised (a runless event saying so, with its files);
    then the per-file partitions are deleted. Runs and their events are kept: the old runs still show
    their files as partition ranges, and the warehouse's record of content hashes, not Dagster, decides
    what is parsed again (nothing that is unchanged). Idempotent: with no per-file partitions left it
    does nothing."""
    import dagster as dg

    from pipelines.buckets import by_bucket

    files = instance.get_dynamic_partitions(PER_FILE_PARTITIONS)
    if not files:
        return {}
    key = dg.AssetKey(RAW_DOCUMENTS_PATH)
    materialised = instance.get_materialized_partitions(key)
    marked = 0
    for bucket, names in by_bucket(files).items():
        if all(name in materialised for name in names):
            metadata = {"migrated_from_per_file_partitions": len(names), "files": ", ".join(names)[:2000]}
            instance.report_runless_asset_event(
                dg.AssetMaterialization(asset_key=key, partition=bucket, metadata=metadata)
            )
            marked += 1
    for name in files:
        instance.delete_dynamic_partition(PER_FILE_PARTITIONS, name)
    return {"per_file_partitions": len(files), "buckets_marked": marked}
