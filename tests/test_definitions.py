import dagster as dg

from tests.paths import REPO_ROOT

RAW_TABLES = [
    "source_files",
    "articles",
    "paragraphs",
    "sentences",
    "removed_spans",
    "mentions",
    "event_mentions",
    "event_arguments",
]
MARTS = ["source_files", "articles", "entities", "mentions", "events", "event_mentions", "entity_pairs"]


def asset_keys(definitions: dg.Definitions) -> set[str]:
    return {key.to_user_string() for key in definitions.resolve_asset_graph().get_all_asset_keys()}


def test_the_code_location_has_every_stage(definitions):
    keys = asset_keys(definitions)
    assert "raw/documents" in keys
    assert "models/entity_tagger" in keys  # the model, upstream of the documents it recognises
    raw = definitions.resolve_asset_graph().get(dg.AssetKey(["raw", "documents"]))
    assert dg.AssetKey(["models", "entity_tagger"]) in raw.parent_keys
    assert {f"marts/{m}" for m in MARTS} <= keys
    assert {"reference/event_types", "reference/gazetteer_entities", "reference/gazetteer_aliases"} <= keys
    assert definitions.resolve_job_def("refresh_changed_files")
    assert definitions.resolve_job_def("full_refresh")
    sensor = definitions.resolve_sensor_def("seed_folder_sensor")
    assert sensor.default_status == dg.DefaultSensorStatus.RUNNING
    assert definitions.resolve_schedule_def("daily_full_refresh").cron_schedule == "0 3 * * *"


def test_the_raw_asset_is_every_dbt_source_so_lineage_is_one_graph(definitions):
    graph = definitions.resolve_asset_graph()
    for table in RAW_TABLES:
        staging = graph.get(dg.AssetKey(["staging", f"stg_raw__{table}"]))
        assert staging.parent_keys == {dg.AssetKey(["raw", "documents"])}, table
    # a file in a run costs Dagster event-log writes per partitioned asset: there is exactly one
    partitioned = [k for k in graph.get_all_asset_keys() if graph.get(k).partitions_def is not None]
    assert partitioned == [dg.AssetKey(["raw", "documents"])]
    marts_events = graph.get(dg.AssetKey(["marts", "events"]))
    assert marts_events.parent_keys  # built from the intermediate models


def test_every_asset_has_a_description_group_and_kinds(definitions):
    graph = definitions.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        assert node.description, key
        assert node.group_name and node.group_name != "default", key
        assert node.kinds, key


def test_dbt_tests_and_python_checks_are_asset_checks(definitions):
    checks = {key.name for key in definitions.resolve_asset_graph().asset_check_keys}
    assert {"every_file_accounted_for", "no_empty_article_bodies", "offsets_inside_body"} <= checks
    assert any(name.startswith("unique_") for name in checks)
    assert "assert_mention_offsets_give_surface" in checks


def test_the_dbt_resource_knows_its_version_without_starting_dbt(monkeypatch):
    import importlib.metadata
    import subprocess

    from dagster_dbt.core import resource as dbt_resource

    from pipelines.defs.resources import WarehouseDbt
    from pipelines.settings import DBT_EXECUTABLE

    def no_dbt(*args, **kwargs):
        raise AssertionError(f"dbt started only to print its version: {args}")

    monkeypatch.setattr(subprocess, "check_output", no_dbt)
    monkeypatch.setattr(dbt_resource, "check_output", no_dbt)
    dbt = WarehouseDbt(project_dir=str(REPO_ROOT / "dbt_project"), dbt_executable=DBT_EXECUTABLE)
    assert str(dbt._cli_version) == importlib.metadata.version("dbt-core")


def test_under_dagster_dev_a_current_manifest_is_not_parsed_again(dbt_manifest):
    """`dagster dev` marks its processes (DAGSTER_IS_DEV_CLI), the runs' own too; dagster-dbt's
    prepare_if_dev ran `dbt parse` in each of them (9.5 s of every run). With the manifest newer than the
    project's files, importing the project leaves it alone."""
    import os
    import subprocess
    import sys

    from pipelines.defs.marts.project import dbt_project, manifest_is_current
    from tests.paths import REPO_ROOT

    assert manifest_is_current(dbt_project.manifest_path, dbt_project.project_dir)
    before = dbt_project.manifest_path.stat().st_mtime_ns
    subprocess.run(
        [sys.executable, "-c", "import pipelines.defs.marts.project"],
        cwd=REPO_ROOT,
        env={**os.environ, "DAGSTER_IS_DEV_CLI": "1"},
        check=True,
        timeout=120,
    )
    assert dbt_project.manifest_path.stat().st_mtime_ns == before
