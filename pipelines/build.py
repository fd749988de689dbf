"""The main command: every seed file and every mart in one Dagster run, then a short summary."""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from pipelines import buckets, ingest, refresh, seed_folder, settings
from pipelines.instance import (
    dagster_home,
    migrate_per_file_partitions,
    owner_tags,
    release_runs_of_dead_processes,
)
from pipelines.progress import LOGGER as PROGRESS_LOGGER
from pipelines.warehouse import MARTS, is_corruption, set_aside


@dataclass
class BuildSummary:
    run_ok: bool
    mart_rows: dict[str, int] = field(default_factory=dict)
    checks_passed: list[str] = field(default_factory=list)
    checks_failed: list[tuple[str, str, str]] = field(default_factory=list)  # name, severity, description
    file_statuses: dict[str, int] = field(default_factory=dict)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    failed_steps: list[tuple[str, str]] = field(default_factory=list)  # step, error message
    report: str | None = None  # the HTML report, when this run wrote it
    log_path: Path | None = None
    being_written: list[str] = field(default_factory=list)  # left to the next run
    published_at: str | None = None  # when the warehouse analysts query was last published
    set_aside: Path | None = None  # a corrupt working copy moved away before this build

    @property
    def ok(self) -> bool:
        return self.run_ok and not any(severity == "ERROR" for _, severity, _ in self.checks_failed)

    def render(self, seconds: float) -> str:
        path = settings.warehouse_path()
        lines = [f"Warehouse built in {seconds:.1f}s: {path}", ""] if self.ok else self.failure(seconds)
        statuses = ", ".join(f"{n} {status}" for status, n in sorted(self.file_statuses.items()))
        if self.set_aside:
            lines.append(
                f"The working copy was corrupt: set aside as {self.set_aside}, rebuilt from the seeds."
            )
        lines.append(f"Seed files: {statuses or 'none'}")
        for name, reason in self.rejected:
            lines.append(f"  rejected {name}: {reason}")
        for name in self.being_written:
            lines.append(f"  still being written, left to the next run: {name}")
        lines.append("")
        lines.append("Marts (schema marts):")
        for mart, rows in self.mart_rows.items():
            lines.append(f"  {mart:<15} {rows:>7} rows")
        lines.append("")
        lines.append(f"Checks: {len(self.checks_passed)} passed, {len(self.checks_failed)} failed")
        for name, severity, description in self.checks_failed:
            lines.append(f"  {severity} {name}: {description}")
        lines.append("")
        if self.report:
            lines.append(f"Report: {self.report}   (open it in a browser)")
        lines.append("Next:")
        lines.append(
            "  .venv/bin/python -c \"import duckdb, sys; print(duckdb.connect('"
            + str(path)
            + "', read_only=True).sql(open(sys.argv[1]).read()))\" "
            + "warehouse/queries/top_co_mentioned_pairs.sql"
        )
        lines.append("  DAGSTER_HOME=$PWD/.dagster .venv/bin/dg dev   (the UI: http://localhost:3000)")
        return "\n".join(lines)

    def failure(self, seconds: float) -> list[str]:
        """What failed, where, why in one line, and what analysts still see."""
        lines = [f"Warehouse build FAILED after {seconds:.1f}s (full log: {self.log_path})"]
        for step, message in self.failed_steps:
            lines.append(f"  step {step}: {message}")
        for name, severity, description in self.checks_failed:
            if severity == "ERROR":
                lines.append(f"  blocking check {name}: {description}")
        path = settings.warehouse_path()
        if self.published_at:
            lines.append(f"Nothing new was published: {path} still holds the build of {self.published_at}:")
        else:
            lines.append(f"Nothing is published yet at {path}.")
        return [*lines, ""]


def prepare_dbt_manifest() -> None:
    """dagster-dbt only parses the project itself under `dagster dev`: do it here, when anything changed."""
    from pipelines.defs.marts.project import dbt_project, manifest_is_current

    if not manifest_is_current(dbt_project.manifest_path, dbt_project.project_dir):
        dbt_project.preparer.prepare(dbt_project)


@contextlib.contextmanager
def progress_on_stderr() -> Iterator[None]:
    """Prints the progress lines of the run (files done / total, rate) on stderr while it runs."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("  %(message)s"))
    level = PROGRESS_LOGGER.level
    PROGRESS_LOGGER.addHandler(handler)
    PROGRESS_LOGGER.setLevel(logging.INFO)
    try:
        yield
    finally:
        PROGRESS_LOGGER.removeHandler(handler)
        PROGRESS_LOGGER.setLevel(level)


def files_to_process(keys: list[str], force: bool) -> list[str]:
    """The seed files the run must process, judged against the working warehouse: with the
    files it holds that the folder lost."""
    working = settings.working_warehouse()
    if not settings.is_local_warehouse() or not Path(working).exists():
        return list(keys)
    try:
        with duckdb.connect(working, read_only=True) as conn:
            return ingest.files_to_process(conn, settings.seeds_dir(), keys, force=force)
    except duckdb.Error as error:  # no raw tables yet, or another process is writing: let the run decide
        if is_corruption(str(error)):
            set_aside_working_copy(str(error))
        return list(keys)


# The main command waits this long for copies in progress to finish, then leaves them to the next run.
WAIT_FOR_COPIES_SECONDS = 60.0


def wait_for_copies(
    seeds_dir: Path, timeout: float = WAIT_FOR_COPIES_SECONDS, sleep: Callable[[float], None] = time.sleep
) -> list[str]:
    """The settle rule of the sensor, for the main command: wait until no file in the folder is being
    written (modified in the last few seconds). Returns the files still being written at the timeout."""
    deadline = time.monotonic() + timeout
    announced = False
    while True:
        files = seed_folder.list_seed_files(seeds_dir)
        busy = [f for f in files if seed_folder.is_being_written(seed_folder.seed_path(seeds_dir, f))]
        if not busy or time.monotonic() >= deadline:
            if busy:
                print(f"  still being written, left to the next run: {', '.join(busy)}", file=sys.stderr)
            return busy
        if not announced:
            shown = ", ".join(busy[:3]) + (", ..." if len(busy) > 3 else "")
            print(f"  waiting for {len(busy)} files still being written ({shown})", file=sys.stderr)
            announced = True
        sleep(1.0)


def set_aside_working_copy(cause: str) -> Path:
    """The working copy is derived data (the seed files and the pipeline make it): a corrupt one is moved
    aside, kept for a post-mortem, and the next run builds a new one from the seed files."""
    working = Path(settings.working_warehouse())
    aside = set_aside(working)
    print(
        f"  the working copy {working} is corrupt ({cause.strip().splitlines()[0][:160]}); set aside as "
        f"{aside.name}; rebuilding it from the seed files",
        file=sys.stderr,
    )
    return aside


def build_warehouse(force: bool = False) -> BuildSummary:
    """Build from the seeds folder; unchanged files are skipped unless `force`. A run that fails on a
    corrupt working copy sets it aside and runs again on a new one, built from the seed files."""
    summary = run_build(force)
    causes = [message for _, message in summary.failed_steps if is_corruption(message)]
    if causes and settings.is_local_warehouse() and Path(settings.working_warehouse()).exists():
        aside = set_aside_working_copy(causes[0])
        summary = run_build(force)
        summary.set_aside = aside
    return summary


def run_build(force: bool) -> BuildSummary:
    settings.export_for_dbt()
    dagster_home()
    prepare_dbt_manifest()
    from pipelines.definitions import load

    definitions = load()
    being_written = wait_for_copies(settings.seeds_dir())
    files = seed_folder.list_seed_files(settings.seeds_dir())
    if not files:
        raise SystemExit(f"no files in the seeds folder {settings.seeds_dir()}")
    import dagster as dg

    instance = dg.DagsterInstance.get()
    migrate_per_file_partitions(instance)
    run_tags, selection = plan_run(definitions, files, force, instance)
    log_path = settings.warehouse_path().parent / "last_build.log"
    print(
        f"Building the warehouse from {len(files)} files in {settings.seeds_dir()} "
        f"(dbt output: {log_path})...",
        file=sys.stderr,
    )
    # dagster-dbt echoes every dbt event to stdout: keep it in a log file, print only the summary.
    with (
        log_path.open("w", encoding="utf-8") as log,
        contextlib.redirect_stdout(log),
        progress_on_stderr(),
    ):
        release_runs_of_dead_processes(instance)
        result = definitions.resolve_job_def("full_refresh").execute_in_process(
            instance=instance,
            tags=run_tags,
            asset_selection=selection,
            raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
        )
    summary = BuildSummary(run_ok=result.success, log_path=log_path, being_written=being_written)
    read_run_result(summary, result)
    if settings.warehouse_path().exists():  # else nothing was published: the failure is in the summary
        read_published(summary)
    return summary


def plan_run(definitions, files: list[str], force: bool, instance) -> tuple[dict[str, str], list | None]:
    """The run's tags and asset selection. Only the buckets of the files that changed go through the run:
    each partition in a run costs Dagster event-log writes, so an unchanged archive must not be in the
    range; with nothing changed, only the unpartitioned assets run (the marts, publish, report). The
    models and their gold checks are left out when this checkout's models already passed them."""
    from pipelines.defs.models.assets import models_scored_already
    from pipelines.defs.partitions import range_tags

    todo = files_to_process(files, force)
    run_tags = {**({"news/reprocess": "all"} if force else {}), **owner_tags(), **refresh.files_tags(todo)}
    touched = buckets.covering_range(buckets.bucket_of(name) for name in todo)
    graph = definitions.resolve_asset_graph()
    # None: every asset
    keys = None if touched else [k for k in graph.get_all_asset_keys() if graph.get(k).partitions_def is None]
    if not force and models_scored_already(instance):
        keys = [k for k in keys or graph.get_all_asset_keys() if graph.get(k).group_name != "models"]
    return (run_tags | range_tags(*touched)) if touched else run_tags, keys


def read_run_result(summary: BuildSummary, result) -> None:
    """Failed steps (with their root cause), the report's path and the checks, from the run's events."""
    import dagster as dg

    for event in result.all_events:
        if event.is_step_failure:
            error = event.step_failure_data.error
            while error is not None and error.cause is not None:
                error = error.cause  # the root cause says more than "error occurred in op ..."
            message = error.message.strip().splitlines()[0] if error and error.message else "failed"
            summary.failed_steps.append((event.step_key, message))
    for materialization in result.get_asset_materialization_events():
        if materialization.asset_key == dg.AssetKey(["report", "news_report"]):
            report = materialization.materialization.metadata.get("report")
            summary.report = report.value if report else None
    for evaluation in result.get_asset_check_evaluations():
        name = f"{evaluation.asset_key.to_user_string()}:{evaluation.check_name}"
        if evaluation.passed:
            summary.checks_passed.append(name)
        else:
            severity = evaluation.severity.value if evaluation.severity else "ERROR"
            summary.checks_failed.append((name, severity, evaluation.description or ""))


def read_published(summary: BuildSummary) -> None:
    """When the analysts' warehouse was published, its mart sizes and its files' statuses."""
    published = datetime.fromtimestamp(settings.warehouse_path().stat().st_mtime).astimezone()
    summary.published_at = published.isoformat(sep=" ", timespec="seconds")
    with duckdb.connect(str(settings.warehouse_path()), read_only=True) as conn:
        for mart in MARTS:
            try:
                summary.mart_rows[mart] = conn.execute(f"select count(*) from marts.{mart}").fetchone()[0]
            except duckdb.CatalogException:
                summary.mart_rows[mart] = 0
        try:
            summary.file_statuses = dict(
                conn.execute("select status, count(*) from raw.source_files group by 1").fetchall()
            )
            summary.rejected = conn.execute(
                "select source_file, reason from raw.source_files where status = 'rejected' order by 1"
            ).fetchall()
        except duckdb.CatalogException:
            pass
