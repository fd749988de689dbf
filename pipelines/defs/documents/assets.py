"""Seed files into the raw tables: one asset, `raw/documents`, partitioned by hash buckets of file names."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines import buckets, ingest, settings, warehouse
from pipelines.defs.models.assets import ENTITY_TAGGER
from pipelines.defs.partitions import seed_buckets
from pipelines.progress import LOGGER as PROGRESS_LOGGER
from pipelines.progress import FileProgress
from pipelines.report import markdown_table

PREVIEW_ROWS = 5

RAW_DESCRIPTIONS = {
    "source_files": "One row per file in the seeds folder as last processed: content hash, size, detected "
    "encoding, status (ingested, duplicate, rejected, deleted) and, for a rejected file, the reason. The "
    "latest materialisation lists the rejected files.",
    "articles": "Articles cut out of the seed files (a newspaper page can hold several): title, outlet, "
    "authors, publication time, the clean Simplified-Chinese body and the text as written.",
    "paragraphs": "Paragraphs of each article, with their language and, for bilingual text, which paragraph "
    "translates which.",
    "sentences": "Sentences of each article body, with character offsets into the body.",
    "removed_spans": "Boilerplate cut from each document before splitting (navigation, ads, share buttons, "
    "copyright lines), with the reason: to check nothing real was thrown away.",
    "mentions": "Names of people, organisations, places and products found in the article bodies, with "
    "offsets, before they are resolved to canonical entities by dbt.",
    "event_mentions": "Event triggers found in the text (发布, 收购, 融资...), with the event type from "
    "event_types.csv, the time expression and resolved date, an amount and currency, and the modality "
    "(asserted, negated, planned, hypothetical), before dbt merges them into events.",
    "event_arguments": "Who or what takes part in each event mention, by role (for example 发布方, "
    "发布产品).",
}
# One asset for the eight tables: a partition costs Dagster event-log writes per asset, and all eight
# are written together, file by file, in one transaction.
RAW_DOCUMENTS = dg.AssetKey(["raw", "documents"])
# The previews shown on the materialisation: what a newcomer checks first, the readable columns first
# (the Dagster UI gives each column of a wide table a few characters) and the ids last.
PREVIEWS = {  # table: (columns, order)
    "source_files": ("source_file, status, reason, encoding, size_bytes, article_count", "source_file"),
    "articles": (
        "title, outlet, published_at, published_precision, authors, source_file, article_index",
        "source_file, article_index",
    ),
    "mentions": (
        "surface, entity_type, method, sentence_index, source_file, article_id, start_char",
        "source_file, article_id, start_char",
    ),
    "event_mentions": (
        "trigger, event_type, event_date, date_text, modality, source_file, article_id, trigger_start",
        "source_file, article_id, trigger_start",
    ),
}
PREVIEW_TABLES = tuple(PREVIEWS)


def preview(conn, table: str, files: list[str]) -> dg.MetadataValue:
    """The first rows this run's files have in a raw table, as Markdown for the UI."""
    columns, order = PREVIEWS[table]
    cursor = conn.execute(
        f"select {columns} from raw.{table} where list_contains(?, source_file) "
        f"order by {order} limit {PREVIEW_ROWS}",
        [files],
    )
    rows = cursor.fetchall()
    if not rows:
        return dg.MetadataValue.md("(no rows from the files of this run)")
    return dg.MetadataValue.md(markdown_table([d[0] for d in cursor.description], rows, max_chars=30))


def describe_documents() -> str:
    tables = "\n".join(f"- `raw.{table}`: {RAW_DESCRIPTIONS[table]}" for table in warehouse.RAW_TABLES)
    return (
        "The seed files decoded, split into articles, cleaned, with entities and events recognised. A "
        "partition is a bucket of files (a stable hash of the file name); a run over a bucket parses only "
        "its new, changed and deleted files (the content hashes in raw.source_files decide) and replaces "
        "each file's rows in these tables in one transaction.\n\n" + tables
    )


def published_warehouse():
    """The published snapshot beside a local working copy; a shared service has no separate one."""
    return settings.warehouse_path() if settings.is_local_warehouse() else None


@dg.asset(
    key=RAW_DOCUMENTS,
    description=describe_documents(),
    deps=[ENTITY_TAGGER],  # the lineage shows which model recognised the entities
    partitions_def=seed_buckets,
    # The main command and the sensor process many buckets in one run, not one run per bucket.
    backfill_policy=dg.BackfillPolicy.single_run(),
    pool=settings.WAREHOUSE_POOL,
    kinds={"python", "polars", "duckdb"},
    group_name="documents",
    metadata={"tables": [f"raw.{table}" for table in warehouse.RAW_TABLES]},
)
def parsed_documents(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    """Reads each new or changed seed file of the run's buckets, decodes it, splits it into articles, cleans
    them, recognises entities and events, and replaces that file's rows in every raw table in one
    transaction; a file gone from the folder has its rows removed."""
    # a run tagged news/reprocess=all (or run by the main command with --force) ignores the skip
    force = context.run.tags.get("news/reprocess") == "all"

    def show(line: str) -> None:
        context.log.info(line)  # the Dagster UI
        PROGRESS_LOGGER.info(line)  # the main command prints these on stderr

    with duckdb.get_connection() as conn:
        warehouse.ensure_raw_tables(conn)
        files = buckets.seed_files_in(
            conn, settings.seeds_dir(), context.partition_keys, published=published_warehouse()
        )
        report = ingest.ingest_files(
            conn, settings.seeds_dir(), files, force=force, progress=FileProgress(show)
        )
        one_bucket = len(context.partition_keys) == 1
        previews = {t: preview(conn, t, files) for t in PREVIEW_TABLES} if one_bucket else {}
        table_rows = {
            t: conn.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in warehouse.RAW_TABLES
        }
        # every rejected file still in the folder, not only this run's: the UI shows the current state
        rejected = conn.execute(
            "select source_file, reason from raw.source_files where status = 'rejected' order by 1 limit 50"
        ).fetchall()
    metadata = {
        "dagster/row_count": table_rows["articles"],
        "buckets": len(context.partition_keys),
        "files": len(files),
        "statuses": dg.MetadataValue.json(report.statuses()),
        "rows_written": dg.MetadataValue.json(
            {t: report.rows_written.get(t, 0) for t in warehouse.RAW_TABLES}
        ),
        "rows": dg.MetadataValue.json(table_rows),
    }
    # Dagster records a run's metadata once per bucket in its range: the previews and the rejected list
    # (kilobytes each) only for a run of one bucket, or a sweep would write them 256 times
    metadata.update({f"preview_{table}": value for table, value in previews.items()})
    if rejected and one_bucket:
        rejected_table = markdown_table(["file", "reason"], rejected, max_chars=200)
        metadata["rejected"] = dg.MetadataValue.md(rejected_table)
    return dg.MaterializeResult(metadata=metadata)
