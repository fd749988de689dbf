"""A corrupt working copy met by a run from the Dagster UI or the sensor (issue 14: 5). Their steps open the
working copy through the code location's `duckdb` resource, which sets a corrupt one aside and rebuilds it
from every seed file, as the main command does (tests/reliability/test_reconcile_builds.py). No dbt."""

import os
import shutil

from pipelines import ingest, seed_folder, warehouse
from pipelines.defs.resources import WorkingWarehouse
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
