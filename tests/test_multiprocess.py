"""The refresh job runs unchanged under Dagster's multiprocess executor (partitions are independent; every
step that opens the DuckDB file is in the warehouse_writer pool, so they still take turns)."""

import shutil

import dagster as dg
import duckdb

from tests.paths import FIXTURE_SEEDS


def test_the_refresh_job_runs_under_the_multiprocess_executor(tmp_path, monkeypatch, dbt_manifest):
    seeds = tmp_path / "seeds"
    shutil.copytree(FIXTURE_SEEDS, seeds)
    monkeypatch.setenv("NEWS_SEEDS_DIR", str(seeds))
    monkeypatch.setenv("NEWS_WAREHOUSE", str(tmp_path / "mp" / "news.duckdb"))
    keys = sorted(p.name for p in seeds.iterdir())
    with dg.instance_for_test(overrides={"concurrency": {"pools": {"default_limit": 1}}}) as instance:
        instance.add_dynamic_partitions("seed_files", keys)
        result = dg.execute_job(
            dg.build_reconstructable_job(
                "pipelines.definitions", "job", reconstructable_args=("full_refresh",)
            ),
            instance=instance,
            run_config={"execution": {"config": {"multiprocess": {"max_concurrent": 2}}}},
            tags={
                "dagster/asset_partition_range_start": keys[0],
                "dagster/asset_partition_range_end": keys[-1],
            },
        )
        assert result.success
        step_keys = {e.step_key for e in result.all_events if e.is_step_success}
        assert {"raw__documents", "warehouse_models", "warehouse__published"} <= step_keys
    with duckdb.connect(str(tmp_path / "mp" / "news.duckdb"), read_only=True) as conn:
        assert conn.execute("select count(*) from marts.articles").fetchone()[0] == 3
        assert conn.execute("select count(*) from marts.source_files").fetchone()[0] == len(keys)
