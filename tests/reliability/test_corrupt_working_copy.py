"""A corrupt working copy met by a run from the Dagster UI or the sensor (issue 14: 5). Their steps open the
working copy through the code location's `duckdb` resource, which sets a corrupt one aside and rebuilds it
from every seed file, as the main command does (tests/reliability/test_reconcile_builds.py); the marts'
step does so before dbt opens the file, and publishing a corrupt copy names it. No dbt run."""

import os
import shutil

import dagster as dg
import duckdb
import pytest
from dagster_dbt import DbtCliResource

from pipelines import ingest, seed_folder, warehouse
from pipelines.defs.marts.assets import REFRESH_EXCLUDES, warehouse_models
from pipelines.defs.resources import WorkingWarehouse
from pipelines.settings import DBT_PROJECT_DIR
from tests.paths import FIXTURE_SEEDS


def corrupt(path) -> None:
    with path.open("r+b") as f:  # every block after the headers
        f.seek(3 * 4096)
        f.write(os.urandom(path.stat().st_size - 3 * 4096))


def files_held(conn) -> list[tuple]:
    return conn.execute(
        "select source_file, status, content_sha256, article_count from raw.source_files order by 1"
    ).fetchall()


def test_the_code_location_opens_the_working_copy_through_the_recovering_resource(definitions):
    assert isinstance(definitions.resources["duckdb"], WorkingWarehouse)


def test_a_run_from_dagster_sets_a_corrupt_working_copy_aside_and_rebuilds_it(tmp_path, monkeypatch, capsys):
    seeds = tmp_path / "seeds"
    shutil.copytree(FIXTURE_SEEDS, seeds)
    monkeypatch.setenv("NEWS_SEEDS_DIR", str(seeds))
    working = tmp_path / "warehouse" / ".news.working.duckdb"
    with warehouse.connect(working) as conn:
        ingest.ingest_files(conn, seeds, seed_folder.list_seed_files(seeds))
        before = files_held(conn)
    corrupt(working)

    with WorkingWarehouse(database=str(working)).get_connection() as conn:
        after = files_held(conn)
    assert after == before  # every file of the folder, not only those of the run
    [aside] = working.parent.glob(f"{working.name}.corrupt-*")
    said = capsys.readouterr().err
    assert f"{working} is corrupt (Corrupt database file" in said and f"set aside as {aside.name}" in said


class DbtOpeningTheCopy(DbtCliResource):
    """dbt as far as this test needs it: it opens the working copy named in its profile, as every dbt
    command does first, notes its arguments, whether it serves the step's selection and what the copy
    holds, and stops (no dbt run)."""

    def cli(self, args, **kwargs):
        with duckdb.connect(os.environ["NEWS_WORKING_WAREHOUSE"]) as conn:
            dbt_calls.append((list(args), kwargs.get("context") is not None, files_held(conn)))
        raise DbtStopped


class DbtStopped(Exception):
    pass


dbt_calls: list[tuple] = []
MARTS_ALONE = [dg.AssetKey(["marts", mart]) for mart in warehouse.MARTS]


@pytest.mark.parametrize(
    ("selection", "first_call"),
    [
        (None, (["build", *REFRESH_EXCLUDES], True)),  # every model: one dbt build for the selection
        (MARTS_ALONE, (["build", "--select", "resource_type:seed resource_type:model"], False)),
    ],
    ids=["every model", "the marts alone"],
)
def test_a_run_of_the_marts_rebuilds_a_corrupt_working_copy_before_dbt(
    tmp_path, monkeypatch, selection, first_call
):
    """Materialising dbt's assets from the UI: the first step to meet the copy is dbt's, which opens the
    file itself, not through the `duckdb` resource. With the marts alone selected, the tables they read
    are gone with the corrupt copy: every seed and model is built first."""
    seeds = tmp_path / "seeds"
    shutil.copytree(FIXTURE_SEEDS, seeds)
    working = tmp_path / "warehouse" / ".news.working.duckdb"
    monkeypatch.setenv("NEWS_SEEDS_DIR", str(seeds))
    monkeypatch.setenv("NEWS_WORKING_WAREHOUSE", str(working))
    with warehouse.connect(working) as conn:
        ingest.ingest_files(conn, seeds, seed_folder.list_seed_files(seeds))
        before = files_held(conn)
    corrupt(working)
    dbt_calls.clear()

    with dg.instance_for_test() as instance:
        result = dg.materialize(
            [warehouse_models],
            selection=selection,
            instance=instance,
            resources={
                "dbt": DbtOpeningTheCopy(project_dir=str(DBT_PROJECT_DIR)),
                "duckdb": WorkingWarehouse(database=str(working)),
            },
            raise_on_error=False,
        )
    assert not result.success  # stopped by the stand-in for dbt, after it opened the copy
    assert dbt_calls == [(*first_call, before)]
    assert list(working.parent.glob(f"{working.name}.corrupt-*"))


def test_publishing_a_corrupt_working_copy_names_it_and_leaves_the_published_file(tmp_path):
    working, published = tmp_path / ".news.working.duckdb", tmp_path / "news.duckdb"
    with warehouse.connect(working) as conn:
        warehouse.ensure_raw_tables(conn)
    shutil.copyfile(working, published)
    corrupt(working)
    with pytest.raises(warehouse.WorkingCopyCorrupt, match=f"the working copy {working} is corrupt"):
        warehouse.publish(working, published)
    with duckdb.connect(str(published), read_only=True) as conn:
        assert files_held(conn) == []
