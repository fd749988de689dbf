"""Every job runs in one process however it is launched, and the steps that write still take turns."""

import dagster as dg
import yaml
from dagster._core.system_config.objects import ResolvedRunConfig

from pipelines import settings
from pipelines.instance import INSTANCE_YAML


def jobs(definitions) -> list[dg.JobDefinition]:
    found = [definitions.resolve_job_def(name) for name in ("full_refresh", "refresh_changed_files")]
    return found + [j for j in definitions.resolve_all_job_defs() if j.name not in {f.name for f in found}]


def test_every_job_runs_in_one_process_with_an_empty_run_config(definitions):
    for job in jobs(definitions):
        if job.name == "__ASSET_JOB":
            continue  # Dagster's implicit job for ad-hoc materialisations has the same executor
        execution = ResolvedRunConfig.build(job, {}).execution
        assert set(execution.execution_engine_config) == {"in_process"}, job.name


def test_the_multiprocess_executor_is_still_one_run_config_away(definitions):
    job = definitions.resolve_job_def("full_refresh")
    config = {"execution": {"config": {"multiprocess": {"max_concurrent": 2}}}}
    assert set(ResolvedRunConfig.build(job, config).execution.execution_engine_config) == {"multiprocess"}


def test_the_implicit_asset_job_of_the_ui_also_runs_in_one_process(definitions):
    """Materialize in the asset graph launches Dagster's implicit job: it takes the executor from the
    jobs' shared default only if the code location sets one, so check what it resolves to."""
    implicit = definitions.resolve_implicit_global_asset_job_def()
    execution = ResolvedRunConfig.build(implicit, {}).execution
    assert set(execution.execution_engine_config) == {"in_process"}


def test_every_step_that_opens_the_warehouse_is_in_the_writer_pool_of_one(definitions):
    graph = definitions.resolve_asset_graph()
    writers = [
        dg.AssetKey(["raw", "documents"]),
        dg.AssetKey(["marts", "entities"]),
        dg.AssetKey(["warehouse", "published"]),
        dg.AssetKey(["report", "news_report"]),
    ]
    for key in writers:
        assert graph.get(key).pools == {settings.WAREHOUSE_POOL}, key
    instance = yaml.safe_load(INSTANCE_YAML)
    assert instance["concurrency"]["pools"]["default_limit"] == 1


def test_the_sensors_runs_leave_the_model_gold_checks_to_full_refresh(definitions):
    """A landing file waits for no model scoring; the main command and the daily sweep still score."""
    sensor_steps = set(definitions.resolve_job_def("refresh_changed_files").graph.node_dict)
    full_steps = set(definitions.resolve_job_def("full_refresh").graph.node_dict)
    model_steps = {"models__entity_tagger_holds_gold_floor", "models__event_tagger_holds_gold_floor"}
    assert model_steps <= full_steps
    assert not {s for s in sensor_steps if s.startswith("models__")}
    assert {"raw__documents", "warehouse_models", "warehouse__published"} <= sensor_steps


def test_the_instance_dequeues_runs_every_second_with_the_writer_limit_kept(tmp_path, monkeypatch):
    from pipelines import instance as news_instance

    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    monkeypatch.delenv(news_instance.POSTGRES_URL_VARIABLE, raising=False)
    news_instance.dagster_home()
    with dg.DagsterInstance.from_config(str(tmp_path)) as instance:
        assert instance.run_coordinator.dequeue_interval_seconds == 1
        limits = instance.get_concurrency_config().run_queue_config.tag_concurrency_limits
        assert {"key": "news/warehouse", "value": "writer", "limit": 1} in limits
