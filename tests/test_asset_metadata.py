"""What a newcomer sees in the Dagster UI: descriptions, and metadata on the materialisations of a build."""

import re

import dagster as dg
import pytest
from dagster_shared.serdes.errors import SerializationError
from dagster_shared.serdes.serdes import pack_value

from pipelines.build import BuildSummary
from pipelines.defs.marts.assets import describe_dbt_test, prune_dbt_run_folders


def test_every_check_says_what_it_asserts(definitions):
    graph = definitions.resolve_asset_graph()
    for key in graph.asset_check_keys:
        description = graph.get_check_spec(key).description
        assert description and len(description) > 20, key


def test_dbt_column_descriptions_are_in_the_asset_definitions(definitions):
    node = definitions.resolve_asset_graph().get(dg.AssetKey(["marts", "events"]))
    columns = node.metadata["dagster/column_schema"].columns
    described = [c.name for c in columns if c.description]
    assert {"event_id", "event_type", "actors"} <= {c.name for c in columns}
    assert len(described) >= len(columns) // 2


def test_dbt_tests_get_a_sentence():
    assert describe_dbt_test(
        {"test_metadata": {"name": "unique", "kwargs": {"column_name": "entity_id"}}}, "marts/entities"
    ) == ("No two rows of marts/entities have the same `entity_id`.")
    relationship = {
        "test_metadata": {
            "name": "relationships",
            "kwargs": {"column_name": "source_file", "to": "ref('source_files')", "field": "source_file"},
        }
    }
    assert describe_dbt_test(relationship, "marts/articles") == (
        "Every `source_file` of marts/articles exists as `source_file` in the model source_files."
    )
    singular = {
        "raw_code": "-- Shown in Dagster as a check.\n{{ config() }}\n-- depends_on: {{ ref('x') }}\n"
        "-- Offsets give the text.\nselect 1"
    }
    assert describe_dbt_test(singular, "marts/mentions") == "Offsets give the text."
    assert describe_dbt_test({"description": "Said in the yml."}, "m") == "Said in the yml."


@pytest.fixture(scope="module")
def latest(fixture_build):
    _, _, root = fixture_build
    instance = dg.DagsterInstance.from_config(str(root / "dagster_home"))

    def metadata(*path: str) -> dict:
        event = instance.get_latest_materialization_event(dg.AssetKey(list(path)))
        assert event is not None, path
        return event.asset_materialization.metadata

    yield metadata
    instance.dispose()


def test_marts_carry_row_counts_and_previews(latest, built):
    _, conn = built
    entities = latest("marts", "entities")
    assert (
        entities["dagster/row_count"].value
        == conn.execute("select count(*) from marts.entities").fetchone()[0]
    )
    assert "阿里巴巴" in entities["most_mentioned"].value
    assert entities["most_mentioned"].value.startswith("| name | entity_type |")
    events = latest("marts", "events")
    assert events["latest_events"].value.startswith("| trigger | event_type | event_date | precision |")
    assert "组织关系-成立" in events["latest_events"].value
    assert latest("marts", "articles")["first_articles"].value.startswith("| title | outlet |")


ESCAPE = re.compile(r"\\u[0-9a-fA-F]{4}")


def texts(value):
    """Every string inside a (packed) metadata value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(key)
            yield from texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from texts(item)


def escapes_in(metadata) -> list[tuple[str, str]]:
    found = []
    for label, value in metadata.items():
        try:
            packed = pack_value(value)
        except SerializationError:  # an object for the code, never shown (dagster-dbt's manifest)
            continue
        for text in texts(packed):
            found += [(label, text[max(m.start() - 30, 0) : m.end() + 30]) for m in ESCAPE.finditer(text)]
    return found


def test_no_metadata_value_shows_chinese_as_escape_codes(fixture_build, definitions):
    _, _, root = fixture_build
    found = []
    graph = definitions.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        found += [(key.to_user_string(), *hit) for hit in escapes_in(graph.get(key).metadata)]
    instance = dg.DagsterInstance.from_config(str(root / "dagster_home"))
    try:
        events = [
            e.dagster_event
            for run in instance.get_runs()
            for e in instance.all_logs(run.run_id)
            if e.dagster_event is not None
        ]
        materialised = [e.asset_key for e in events if e.is_step_materialization]
        checked = 0
        for event in events:
            if event.is_step_materialization:
                metadata = event.step_materialization_data.materialization.metadata
            elif event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
                checked += 1
                metadata = event.asset_check_evaluation_data.metadata
            else:
                continue
            key = event.asset_key or event.asset_check_evaluation_data.asset_key
            found += [(key.to_user_string(), *hit) for hit in escapes_in(metadata)]
    finally:
        instance.dispose()
    assert dg.AssetKey(["marts", "entities"]) in materialised and checked > 10
    assert not found, found[:10]


def test_raw_tables_carry_row_counts_and_a_sweep_no_previews(latest):
    documents = latest("raw", "documents")
    assert documents["rows"].value["source_files"] == 5
    assert documents["dagster/row_count"].value == documents["rows"].value["articles"]
    # a run over many buckets: no previews nor rejected list, which Dagster would store once per bucket
    assert documents["buckets"].value > 1
    assert "rejected" not in documents and "preview_articles" not in documents


def test_the_report_is_materialised_with_a_link(latest, built):
    summary, _ = built
    report = latest("report", "news_report")
    assert report["report"].value.endswith("report.html")
    assert report["network_entities"].value > 0
    assert summary.report == report["report"].value


def test_the_summary_says_what_was_built_what_failed_and_what_to_do_next():
    summary = BuildSummary(
        run_ok=False,
        mart_rows={"articles": 3, "events": 2},
        checks_passed=["a", "b"],
        checks_failed=[("raw/documents:no_rejected_files", "WARN", "1 file rejected")],
        file_statuses={"ingested": 3, "rejected": 1},
        rejected=[("04_blank.txt", "no text in the file")],
        failed_steps=[("warehouse_models", "dbt build failed")],
        report="/tmp/w/report.html",
    )
    text = summary.render(12.3)
    for expected in (
        "3 ingested, 1 rejected",
        "rejected 04_blank.txt: no text in the file",
        "articles              3 rows",
        "Checks: 2 passed, 1 failed",
        "WARN raw/documents:no_rejected_files: 1 file rejected",
        "step warehouse_models: dbt build failed",
        "Report: /tmp/w/report.html",
        "warehouse/queries/",
        "dg dev",
    ):
        assert expected in text, expected


def test_a_failed_dbt_test_shows_its_first_failing_rows():
    import duckdb

    from pipelines.defs.marts import assets

    conn = duckdb.connect()
    conn.execute(
        "create table mentions as select * from (values ('m1', '阿里'), ('m2', '王|坚'), ('m3', '')) "
        "as t(mention_id, surface)"
    )
    markdown = assets.failing_rows(conn, "select * from mentions where surface <> '' order by mention_id")
    assert markdown.splitlines() == [
        "| mention_id | surface |",
        "|---|---|",
        "| m1 | 阿里 |",
        "| m2 | 王\\|坚 |",
    ]
    many = "select range as id from range(50)"
    assert len(assets.failing_rows(conn, many).splitlines()) == 2 + assets.FAILING_ROWS_SHOWN


def test_only_the_newest_dbt_run_folders_are_kept(tmp_path):
    import os

    folders = []
    for i in range(14):
        folder = tmp_path / f"warehouse_models-run{i:02d}-abc"
        (folder / "compiled").mkdir(parents=True)
        os.utime(folder, (1_000_000 + i, 1_000_000 + i))
        folders.append(folder)
    other = tmp_path / "manifest.json"
    other.write_text("{}")
    removed = prune_dbt_run_folders(folders[-1], keep=10)
    assert sorted(removed) == folders[:4]
    assert sorted(p for p in tmp_path.iterdir() if p.is_dir()) == folders[4:]
    assert other.exists()  # the manifest dagster-dbt loads stays
