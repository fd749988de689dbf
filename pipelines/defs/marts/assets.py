"""dbt models, seeds and tests as Dagster assets and asset checks (staging → intermediate → marts)."""

import functools
import hashlib
import json
import re
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets
from dagster_duckdb import DuckDBResource
from dagster_shared.record import replace

from pipelines import settings
from pipelines.defs.marts.project import dbt_project
from pipelines.progress import LOGGER as PROGRESS_LOGGER
from pipelines.report import markdown_table

# What a newcomer wants to see first in a mart, shown as Markdown on its materialisation: the columns a
# person reads first, ids last. Lists are joined in SQL: through dbt's adapter a list arrives as JSON text
# with every Chinese character escaped (\uXXXX).
PREVIEWS = {
    dg.AssetKey(["marts", "entities"]): (
        "most_mentioned",
        """
        select name, entity_type, mention_count, article_count, array_to_string(aliases, ', ') as aliases
        from marts.entities
        order by mention_count desc, article_count desc, name
        limit 10
        """,
    ),
    dg.AssetKey(["marts", "events"]): (
        "latest_events",
        """
        with actor_names as (
            select a.event_id, string_agg(n.name, ', ' order by n.name) as actors
            from (select event_id, unnest(actors) as entity_id from marts.events) as a
            inner join marts.entities as n using (entity_id)
            group by a.event_id
        )
        select e.trigger, e.event_type, e.event_date, e.event_date_precision as precision, an.actors,
            e.evidence
        from marts.events as e
        left join actor_names as an using (event_id)
        order by e.event_date desc nulls last, e.first_reported_at desc nulls last, e.event_id
        limit 10
        """,
    ),
    dg.AssetKey(["marts", "articles"]): (
        "first_articles",
        """
        select title, outlet, published_at, body_length, source_file, article_index
        from marts.articles
        order by published_at desc nulls last, source_file, article_index
        limit 10
        """,
    ),
}


def describe_dbt_test(test: Mapping[str, Any], model: str) -> str:
    """A sentence for a dbt data test, shown on its asset check (dbt gives generic tests no description)."""
    if test.get("description"):
        return test["description"]
    metadata = test.get("test_metadata") or {}
    kwargs = metadata.get("kwargs") or {}
    column = kwargs.get("column_name") or test.get("column_name")
    name = metadata.get("name")
    if name == "unique":
        return f"No two rows of {model} have the same `{column}`."
    if name == "not_null":
        return f"No row of {model} leaves `{column}` empty (null)."
    if name == "accepted_values":
        return f"`{column}` in {model} is always one of: {', '.join(map(str, kwargs.get('values', [])))}."
    if name == "relationships":
        target = re.sub(r"^ref\(['\"](.+)['\"]\)$", r"\1", str(kwargs.get("to", "")))
        return f"Every `{column}` of {model} exists as `{kwargs.get('field')}` in the model {target}."
    # a singular test: its SQL comments say what it asserts
    comments = [
        line.strip().removeprefix("--").strip()
        for line in str(test.get("raw_code", "")).splitlines()
        if line.strip().startswith("--") and "Dagster" not in line and "depends_on:" not in line
    ]
    return " ".join(comments) or f"dbt test {test.get('name', '')} on {model}."


class NewsDbtTranslator(DagsterDbtTranslator):
    """The default mapping, plus a description on every dbt test's asset check. The raw sources all map
    to the one asset `raw/documents` (their `meta.dagster.asset_key`), which writes them together."""

    def __init__(self):
        super().__init__(settings=DagsterDbtTranslatorSettings(enable_duplicate_source_asset_keys=True))

    def get_description(self, dbt_resource_props: Mapping[str, Any]) -> str:
        """The yml description alone: dagster-dbt appends the raw SQL, which the asset catalog then shows
        as "#### Raw SQL: ```" on a model with a one-line description. The SQL is in the `sql` metadata."""
        return dbt_resource_props.get("description") or super().get_description(dbt_resource_props)

    def get_metadata(self, dbt_resource_props: Mapping[str, Any]) -> Mapping[str, Any]:
        metadata = dict(super().get_metadata(dbt_resource_props))
        code = (dbt_resource_props.get("raw_code") or "").strip()
        if code:
            metadata["sql"] = dg.MetadataValue.md(f"```sql\n{code}\n```")
        return metadata

    def get_asset_check_spec(self, asset_spec, manifest, unique_id, project):
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        if spec is None or spec.description:
            return spec
        test = manifest["nodes"].get(unique_id, {})
        return replace(spec, description=describe_dbt_test(test, spec.asset_key.to_user_string()))


def event_asset_key(context: dg.AssetExecutionContext, event) -> dg.AssetKey | None:
    if isinstance(event, dg.Output):
        return context.asset_key_for_output(event.output_name)
    return getattr(event, "asset_key", None)


FAILING_ROWS_SHOWN = 10


def query_table(conn, sql: str) -> str:
    """A query's result as a Markdown table."""
    result = conn.execute(sql)
    return markdown_table([c[0] for c in result.description], [list(row) for row in result.fetchall()])


def failing_rows(conn, compiled_sql: str) -> str:
    """The first rows a failed dbt test returned (a dbt test fails by returning rows), as Markdown."""
    return query_table(conn, f"select * from ({compiled_sql}) as failing limit {FAILING_ROWS_SHOWN}")


def compiled_tests(invocation) -> dict[str, str]:
    try:
        results = invocation.get_artifact("run_results.json")["results"]
    except Exception:  # noqa: BLE001 (no artifact: no samples, the checks still report)
        return {}
    return {r["unique_id"]: r["compiled_code"] for r in results if r.get("compiled_code")}


def built_tables(invocation, events: list) -> dict[int, str]:
    """The relation of every table (not view: counting one runs its query) that an event of the run
    materialised, by the event's id."""
    nodes = invocation.manifest["nodes"]
    tables = {}
    for event in events:
        unique_id = (
            event.metadata.get("unique_id")
            if isinstance(event, dg.Output | dg.AssetMaterialization)
            else None
        )
        node = nodes.get(unique_id.value) if unique_id else None
        if node and node["config"].get("materialized") != "view":
            # schema and name only: the manifest's database is the name of the file it was parsed against
            tables[id(event)] = f'"{node["schema"]}"."{node.get("alias") or node["name"]}"'
    return tables


def row_counts(conn, invocation, events: list) -> dict[int, dict]:
    """`dagster/row_count` of every table the run built, in one query once dbt has exited. dagster-dbt's
    `fetch_row_counts` waits for dbt to exit too under DuckDB (one writer), but its wait polls in a loop
    that kept a core busy for the whole dbt run: 3 s of a 34 s add at 10,000 documents."""
    tables = built_tables(invocation, events)
    if not tables:
        return {}
    keys = list(tables)
    sql = " union all ".join(
        f"select {i} as k, count(*) as n from {tables[key]}" for i, key in enumerate(keys)
    )
    return {keys[k]: {"dagster/row_count": int(n)} for k, n in conn.execute(sql).fetchall()}


def previews(context: dg.AssetExecutionContext, conn, events: list) -> dict[dg.AssetKey, dict]:
    """The Markdown previews of the marts in PREVIEWS that the run built."""
    wanted = {event_asset_key(context, e) for e in events} & set(PREVIEWS)
    found = {}
    for key in sorted(wanted, key=str):
        label, sql = PREVIEWS[key]
        try:
            found[key] = {label: dg.MetadataValue.md(query_table(conn, sql))}
        except Exception as error:  # noqa: BLE001 (a preview is never worth failing the build)
            context.log.warning(f"no preview for {key.to_user_string()}: {error}")
    return found


def failing_samples(context: dg.AssetExecutionContext, conn, invocation, events: list) -> dict[int, dict]:
    """The first rows each failed dbt test returned, by the event's id."""
    failed = [e for e in events if isinstance(e, dg.AssetCheckResult) and not e.passed]
    if not failed:
        return {}
    compiled = compiled_tests(invocation)
    samples = {}
    for event in failed:
        unique_id = event.metadata.get("unique_id")
        sql = compiled.get(unique_id.value) if unique_id else None
        if sql:
            try:
                samples[id(event)] = {"failing_rows": dg.MetadataValue.md(failing_rows(conn, sql))}
            except Exception as error:  # noqa: BLE001 (the check result matters, not the sample)
                context.log.warning(f"no failing rows for {event.check_name}: {error}")
    return samples


def with_metadata(context: dg.AssetExecutionContext, invocation, events: Iterable, duckdb) -> Iterator:
    """Adds row counts to the tables, a Markdown preview to the marts in PREVIEWS and the first failing
    rows to failed dbt tests, read once dbt has exited (DuckDB: one writer at a time) through the
    pipeline's own connection to the working copy."""
    events = list(events)  # dbt has exited once the stream is exhausted
    counts = {}
    with duckdb.get_connection() as conn:
        try:
            counts = row_counts(conn, invocation, events)
        except Exception as error:  # noqa: BLE001 (a count is never worth failing the build)
            context.log.warning(f"no row counts: {error}")
        shown = previews(context, conn, events)
        samples = failing_samples(context, conn, invocation, events)
    for event in events:
        extra = {
            **counts.get(id(event), {}),
            **shown.get(event_asset_key(context, event), {}),
            **samples.get(id(event), {}),
        }
        yield event.with_metadata({**event.metadata, **extra}) if extra else event


def show(context: dg.AssetExecutionContext, line: str) -> None:
    context.log.info(line)  # the Dagster UI
    PROGRESS_LOGGER.info(line)  # the main command prints these on stderr


# dagster-dbt gives every dbt invocation a folder of its own under target/ (compiled SQL, run results, a
# manifest: about 6 MB). A sensor that runs all day would fill the disk: the newest few are kept.
KEPT_DBT_RUN_FOLDERS = 10


def prune_dbt_run_folders(current: Path, keep: int = KEPT_DBT_RUN_FOLDERS) -> list[Path]:
    """Removes all but the newest `keep` folders of this step's dbt invocations (never `current`)."""
    step = current.name.split("-")[0]
    runs = sorted(
        (p for p in current.parent.glob(f"{step}-*") if p.is_dir()),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    removed = [p for p in runs[keep:] if p != current]
    for folder in removed:
        shutil.rmtree(folder, ignore_errors=True)
    return removed


PARTIAL_PARSE = "partial_parse.msgpack"
KEPT_PARSE_STATES = 8  # about 1 MB each
DBT_TARGET = dbt_project.project_dir / dbt_project.target_path  # where dagster-dbt makes run folders


def parse_state() -> Path:
    """Where dbt's parse state for this working warehouse is kept between runs. dbt reparses the whole
    project when the profile differs from the saved state's, and the profile holds the warehouse path: one
    file per path, so that runs on other warehouses (tests, a second checkout's settings) never replace it."""
    key = hashlib.sha256(settings.working_warehouse().encode()).hexdigest()[:16]
    return DBT_TARGET / "parse_state" / f"{key}.msgpack"


def dbt_run_folder(context: dg.AssetExecutionContext) -> Path:
    """A new target folder for one dbt invocation (named as dagster-dbt names its own), holding the parse
    state of the last run on this warehouse: dbt then parses only the files that changed (about 2 s less a
    run). dbt checks the state itself (versions, profile, vars, file hashes), so a stale one costs a parse,
    never a wrong build."""
    name = f"{context.op_execution_context.op.name}-{context.run.run_id[:7]}-{uuid.uuid4().hex[:7]}"
    folder = DBT_TARGET / name
    folder.mkdir(parents=True)
    saved = parse_state()
    if saved.exists():
        shutil.copyfile(saved, folder / PARTIAL_PARSE)
    return folder


def modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:  # removed by another run's pruning meanwhile
        return 0.0


def keep_parse_state(run_folder: Path) -> bool:
    """The invocation's parse state becomes this warehouse's, replaced atomically (two runs may end at
    once)."""
    source = run_folder / PARTIAL_PARSE
    if not source.exists():
        return False
    saved = parse_state()
    saved.parent.mkdir(parents=True, exist_ok=True)
    scratch = saved.with_name(f".{saved.name}.{run_folder.name}")
    shutil.copyfile(source, scratch)
    scratch.replace(saved)
    kept = sorted(saved.parent.glob("*.msgpack"), key=modified, reverse=True)
    for old in kept[KEPT_PARSE_STATES:]:  # warehouses not built for a while (tests make many)
        old.unlink(missing_ok=True)
    return True


@functools.cache
def dbt_relations() -> frozenset[tuple[str, str]]:
    """(schema, name) of every seed and model dbt writes to the warehouse, from the manifest."""
    nodes = json.loads(dbt_project.manifest_path.read_text(encoding="utf-8"))["nodes"].values()
    return frozenset(
        (node["schema"], node.get("alias") or node["name"])
        for node in nodes
        if node["resource_type"] in ("seed", "model") and node["config"].get("materialized") != "ephemeral"
    )


def missing_relations(conn) -> list[str]:
    held = set(conn.execute("select table_schema, table_name from information_schema.tables").fetchall())
    return sorted(f"{schema}.{name}" for schema, name in dbt_relations() - held)


def build_what_a_subset_needs(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, duckdb: DuckDBResource
) -> None:
    """dbt opens the working copy itself. Opened through the resource first, a corrupt copy is set aside
    and its raw tables rebuilt from the seed files (issue 14: 5). A new copy holds none of dbt's tables: a
    run of some models (the marts alone, from the UI) builds every seed and model first, or the selected
    ones would read tables that are not there."""
    with duckdb.get_connection() as conn:
        missing = missing_relations(conn)
    if missing and context.is_subset:
        show(
            context,
            f"the working copy lacks {len(missing)} of the {len(dbt_relations())} tables dbt builds "
            f"({missing[0]}, ...): building every seed and model before the selected ones",
        )
        invocation = dbt.cli(["build", "--select", "resource_type:seed resource_type:model"])
        try:
            invocation.wait()
        finally:
            shutil.rmtree(invocation.target_path, ignore_errors=True)


# dbt's unit tests (the event merge rule's, in _intermediate__models.yml) test the SQL, not the data: they
# run in the test command (tests/test_dbt_unit_tests.py), not in every refresh, as dbt advises for
# production builds.
REFRESH_EXCLUDES = ("--exclude-resource-type", "unit_test")


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    pool=settings.WAREHOUSE_POOL,
    dagster_dbt_translator=NewsDbtTranslator(),
)
def warehouse_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, duckdb: DuckDBResource):
    """Builds the reference seeds (event types, gazetteer), the staging views, the intermediate tables and the
    marts, and runs every dbt data test as an asset check. Each materialisation carries its row count (the
    column schema and descriptions are on the definitions); entities, events and articles show first rows."""
    started = time.monotonic()
    build_what_a_subset_needs(context, dbt, duckdb)
    # Incremental by default (issue 15: only the keys a change touched). A run that parses every file again
    # (`build --force`, the tag news/reprocess=all) rebuilds every model in full, and so does a run of some
    # models (from the UI): they would otherwise read the change records of models not in the run.
    full_refresh = context.run.tags.get("news/reprocess") == "all" or context.is_subset
    show(
        context,
        "dbt build: reference seeds, staging views, intermediate tables, marts, data tests"
        + (" (full refresh)..." if full_refresh else "..."),
    )
    invocation = dbt.cli(
        ["build", *REFRESH_EXCLUDES, *(["--full-refresh"] if full_refresh else [])],
        context=context,
        target_path=dbt_run_folder(context),
    )
    # Row counts are counted once dbt has exited (with_metadata); the column schema with descriptions
    # comes from the manifest on the asset definitions (fetching it again per run doubled the step's time).
    stream = invocation.stream()
    built, tests, failed = 0, 0, 0
    try:
        for event in with_metadata(context, invocation, stream, duckdb):
            if isinstance(event, dg.AssetCheckResult):
                tests += 1
                failed += not event.passed
            elif isinstance(event, dg.Output | dg.AssetMaterialization):
                built += 1
            yield event
    finally:
        keep_parse_state(invocation.target_path)
        prune_dbt_run_folders(invocation.target_path)
    show(
        context,
        f"dbt build done in {time.monotonic() - started:.0f}s: {built} seeds, views and tables, "
        f"{tests} data tests ({failed} failed)",
    )
