"""Asset checks on the raw tables. ERROR checks block the marts; WARN checks only report."""

from collections.abc import Callable
from dataclasses import dataclass

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource

from pipelines import buckets, quality, seed_folder, settings
from pipelines.defs.documents.assets import RAW_DOCUMENTS
from pipelines.report import markdown_table


def _result(finding: quality.Finding, check: "RawCheck") -> dg.AssetCheckResult:
    metadata: dict = {"description": finding.description, **finding.counts}
    if finding.failing_rows:
        columns = list(finding.failing_rows[0])
        rows = [[row[c] for c in columns] for row in finding.failing_rows[:50]]
        metadata["failing_rows"] = dg.MetadataValue.md(markdown_table(columns, rows, max_chars=80))
    return dg.AssetCheckResult(
        asset_key=RAW_DOCUMENTS,
        check_name=check.name,
        passed=finding.passed,
        severity=check.severity,
        description=finding.description,
        metadata=metadata,
    )


@dataclass(frozen=True)
class RawCheck:
    name: str
    description: str
    severity: dg.AssetCheckSeverity
    rule: Callable[..., quality.Finding]
    # A file's rows change only when a run processes it: such a rule looks at the run's files alone, so
    # adding one file to a large archive does not re-check the archive.
    per_file: bool = False
    # The rule is given the run's start (a Unix time): what changed after it is the next run's.
    timed: bool = False

    @property
    def key(self) -> dg.AssetCheckKey:
        return dg.AssetCheckKey(RAW_DOCUMENTS, self.name)


RAW_CHECKS = [
    RawCheck(
        "every_file_accounted_for",
        "Every file in the seeds folder has exactly one current row in raw.source_files (nothing skipped), "
        "every file gone from it is marked deleted, and every duplicate points at an ingested file with "
        "its bytes. Files that arrived while the run was going are left to the next run.",
        dg.AssetCheckSeverity.ERROR,
        lambda conn, run_started: quality.files_accounted_for(
            conn, seed_folder.list_seed_files(settings.seeds_dir()), settings.seeds_dir(), run_started
        ),
        timed=True,
    ),
    RawCheck(
        "no_rejected_files",
        "Lists files that were rejected and why; the rest of the run goes on.",
        dg.AssetCheckSeverity.WARN,
        quality.rejected_files,
    ),
    RawCheck(
        "no_empty_article_bodies",
        "Every article has a non-empty body.",
        dg.AssetCheckSeverity.ERROR,
        quality.no_empty_article_bodies,
        per_file=True,
    ),
    RawCheck(
        "most_articles_have_mentions",
        "At most a fifth of the articles name no entity (more means recognition broke on this input).",
        dg.AssetCheckSeverity.WARN,
        quality.articles_without_mentions,
    ),
    RawCheck(
        "offsets_inside_body",
        "Every mention and trigger offset lies inside its article body and gives back its text.",
        dg.AssetCheckSeverity.ERROR,
        quality.offsets_inside_body,
        per_file=True,
    ),
    RawCheck(
        "event_types_in_taxonomy",
        "Every event type is one of event_types.csv.",
        dg.AssetCheckSeverity.ERROR,
        quality.event_types_in_taxonomy,
    ),
]


def evaluate(
    check: RawCheck,
    conn: duckdb.DuckDBPyConnection,
    files: list[str] | None = None,
    run_started: float | None = None,
) -> dg.AssetCheckResult:
    """`files`: the seed files of the run (None: every file); `run_started`: when the run began."""
    if check.per_file:
        finding = check.rule(conn, files)
    else:
        finding = check.rule(conn, run_started) if check.timed else check.rule(conn)
    return _result(finding, check)


def run_started(context: dg.AssetCheckExecutionContext) -> float | None:
    record = context.instance.get_run_record_by_id(context.run.run_id)
    return record.start_time if record else None


def run_files(context: dg.AssetCheckExecutionContext, conn) -> list[str] | None:
    """The seed files of the run's buckets; None when the run names no range."""
    if not context.has_partition_key_range:
        return None
    return buckets.seed_files_in(conn, settings.seeds_dir(), context.partition_keys)


# One step for all of them: each step opens the warehouse, and a run pays for every step it starts.
@dg.multi_asset_check(
    specs=[
        dg.AssetCheckSpec(
            c.name,
            asset=RAW_DOCUMENTS,
            description=c.description,
            blocking=c.severity == dg.AssetCheckSeverity.ERROR,
        )
        for c in RAW_CHECKS
    ],
    can_subset=True,
    pool=settings.WAREHOUSE_POOL,
)
def raw_table_checks(context: dg.AssetCheckExecutionContext, duckdb: DuckDBResource):
    """The Python checks on the raw tables: ERROR ones block the marts, WARN ones only report."""
    selected = context.selected_asset_check_keys
    started = run_started(context)
    with duckdb.get_connection() as conn:
        files = run_files(context, conn)
        for check in RAW_CHECKS:
            if check.key in selected:
                yield evaluate(check, conn, files, started)
