"""The refresh job runs unchanged under Dagster's multiprocess executor (buckets are independent; every
step that opens the DuckDB file is in the warehouse_writer pool, so they still take turns). The steps that
write the warehouse run; the model cards and the report, which only read, are left out: each step is a
process that loads the code location (4 s), and these four took half the test's time."""

import shutil

import dagster as dg
import duckdb

from pipelines.defs.partitions import all_buckets_tags
from tests.paths import FIXTURE_SEEDS


def writing_assets(definitions: dg.Definitions) -> list[dg.AssetKey]:
    keys = definitions.resolve_asset_graph().get_all_asset_keys()
    return sorted(key for key in keys if key.path[0] not in ("models", "report"))


def test_the_refresh_job_runs_under_the_multiprocess_executor(tmp_path, monkeypatch, definitions):
    seeds = tmp_path / "seeds"
    shutil.copytree(FIXTURE_SEEDS, seeds)
    monkeypatch.setenv("NEWS_SEEDS_DIR", str(seeds))
    monkeypatch.setenv("NEWS_WAREHOUSE", str(tmp_path / "mp" / "news.duckdb"))
    keys = sorted(p.name for p in seeds.iterdir())
    with dg.instance_for_test(overrides={"concurrency": {"pools": {"default_limit": 1}}}) as instance:
        result = dg.execute_job(
            dg.build_reconstructable_job(
                "pipelines.definitions", "job", reconstructable_args=("full_refresh",)
            ),
            instance=instance,
            asset_selection=writing_assets(definitions),
            run_config={"execution": {"config": {"multiprocess": {"max_concurrent": 2}}}},
            tags=all_buckets_tags(),
        )
        assert result.success
        step_keys = {e.step_key for e in result.all_events if e.is_step_success}
        assert {"raw__documents", "warehouse_models", "warehouse__published"} <= step_keys
    with duckdb.connect(str(tmp_path / "mp" / "news.duckdb"), read_only=True) as conn:
        assert conn.execute("select count(*) from marts.articles").fetchone()[0] == 3
        assert conn.execute("select count(*) from marts.source_files").fetchone()[0] == len(keys)
