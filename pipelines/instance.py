"""The Dagster instance shared by the main command and `dagster dev` (run history, partitions, cursors)."""

from __future__ import annotations

import importlib.util
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
# The daemon looks at the run queue every second, not every 5 s: a file's run starts that much sooner.
run_queue:
  dequeue_interval_seconds: 1
"""


POSTGRES_URL_VARIABLE = "NEWS_DAGSTER_POSTGRES_URL"
# The URL stays in the environment, not in the file: it may hold a password.
POSTGRES_STORAGE_YAML = f"""\
# Run, event-log and schedule storage on PostgreSQL, because {POSTGRES_URL_VARIABLE} was set.
storage:
  postgres:
    postgres_url:
      env: {POSTGRES_URL_VARIABLE}
"""


def instance_yaml() -> str:
    """The dagster.yaml: SQLite storage in DAGSTER_HOME, or PostgreSQL when the URL variable is set."""
    if not os.environ.get(POSTGRES_URL_VARIABLE):
        return INSTANCE_YAML
    if importlib.util.find_spec("dagster_postgres") is None:
        raise SystemExit(
            f"{POSTGRES_URL_VARIABLE} is set but dagster-postgres is not installed: "
            "pip install -e '.[postgres]' (scripts/build.sh installs it by itself when the variable is set)"
        )
    check_postgres_driver(os.environ[POSTGRES_URL_VARIABLE])
    return INSTANCE_YAML + POSTGRES_STORAGE_YAML


def check_postgres_driver(url: str) -> None:
    """SQLAlchemy 2.1 reads a bare postgresql:// URL as psycopg 3, which dagster-postgres does not install
    (it brings psycopg2): say so here rather than in a traceback from deep inside the instance."""
    import sqlalchemy
    from packaging.version import Version

    bare = url.split(":", 1)[0] in ("postgresql", "postgres")
    psycopg3 = importlib.util.find_spec("psycopg") is not None
    if bare and not psycopg3 and Version(sqlalchemy.__version__) >= Version("2.1"):
        raise SystemExit(
            f"{POSTGRES_URL_VARIABLE}: write postgresql+psycopg2://... (SQLAlchemy {sqlalchemy.__version__} "
            "takes a bare postgresql:// for psycopg 3, which is not installed); scripts/postgres.sh url does"
        )


def dagster_home() -> Path:
    """DAGSTER_HOME if set, else .dagster/ in the repository; created with its dagster.yaml. A dagster.yaml
    this module wrote (its first line says so) follows NEWS_DAGSTER_POSTGRES_URL at each call; one without
    that line is the user's and left alone."""
    home = Path(os.environ.get("DAGSTER_HOME", settings.REPO_ROOT / ".dagster")).resolve()
    config = home / "dagster.yaml"
    wanted = instance_yaml()
    try:
        home.mkdir(parents=True, exist_ok=True)
        current = config.read_text(encoding="utf-8") if config.exists() else None
        if current is None or (current != wanted and current.startswith(INSTANCE_YAML.splitlines()[0])):
            config.write_text(wanted, encoding="utf-8")
        probe = home / ".writable"  # the instance's SQLite files and compute logs are written here
        probe.touch()
        probe.unlink()
    except OSError as error:
        raise SystemExit(
            f"the Dagster instance folder {home} cannot be used ({error.strerror or error}): "
            "set DAGSTER_HOME to a folder this user can write"
        ) from error
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
