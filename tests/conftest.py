import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.paths import FIXTURE_SEEDS, REPO_ROOT

BILINGUAL = REPO_ROOT / "tests" / "fixtures" / "bilingual"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "e2e: starts `dagster dev` and runs the main job through GraphQL (deselect: -m 'not e2e')"
    )
    config.addinivalue_line(
        "markers",
        "processes: runs the main command or the Python stage as child processes; scripts/test.sh runs these "
        "(and e2e) in two more pytest processes beside the others: -m 'processes or e2e'",
    )
    # Before collection: test modules import the dbt assets, which load the manifest at import time,
    # and a fresh clone has none (dagster-dbt only parses by itself under `dagster dev`).
    from pipelines.build import prepare_dbt_manifest

    prepare_dbt_manifest()


@pytest.fixture(scope="session")
def dbt_manifest():
    """The dbt manifest that @dbt_assets loads; prepared in pytest_configure."""


@pytest.fixture(scope="session")
def definitions(dbt_manifest):
    from pipelines.definitions import load

    return load()


def build_from(root: Path, seeds_source: Path):
    """The main command on a copy of `seeds_source`, with its own warehouse and Dagster instance."""
    seeds = root / "seeds"
    shutil.copytree(seeds_source, seeds)
    env = {
        "NEWS_SEEDS_DIR": str(seeds),
        "NEWS_WAREHOUSE": str(root / "warehouse" / "news.duckdb"),
        "DAGSTER_HOME": str(root / "dagster_home"),
    }
    return build_with(env), Path(env["NEWS_WAREHOUSE"])


def build_with(env: dict[str, str], force: bool = False):
    """The main command in this process with these environment variables, restored afterwards."""
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        from pipelines.build import build_warehouse

        return build_warehouse(force=force)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory, dbt_manifest):
    """The main command on tests/fixtures/seeds, once per session (a build takes ~30 s):
    (summary, warehouse path, root folder with seeds/, warehouse/ and dagster_home/)."""
    root = tmp_path_factory.mktemp("build")
    summary, path = build_from(root, FIXTURE_SEEDS)
    return summary, path, root


@pytest.fixture(scope="session")
def built(fixture_build):
    summary, path, _ = fixture_build
    conn = duckdb.connect(str(path), read_only=True)
    yield summary, conn
    conn.close()


@pytest.fixture(scope="session")
def built_seeds(tmp_path_factory, dbt_manifest):
    """The warehouse built from the five real documents in seeds/ and the bilingual page of
    tests/fixtures/bilingual (once per session: one build for the example queries and the bilingual tests)."""
    folder = tmp_path_factory.mktemp("seeds_and_bilingual")
    for path in [*(REPO_ROOT / "seeds").iterdir(), *BILINGUAL.iterdir()]:
        shutil.copy2(path, folder / path.name)
    summary, path = build_from(tmp_path_factory.mktemp("build_seeds"), folder)
    yield summary, path


def run_dbt(working: Path, scratch: Path, *args: str) -> subprocess.CompletedProcess:
    """dbt (the one beside this Python) on a working copy, with a target and log folder of its own: the
    shared manifest in dbt_project/target is left alone."""
    project = REPO_ROOT / "dbt_project"
    command = [str(Path(sys.executable).with_name("dbt")), *args, "--project-dir", str(project)]
    command += ["--profiles-dir", str(project), "--target-path", str(scratch), "--log-path", str(scratch)]
    env = {**os.environ, "NEWS_WORKING_WAREHOUSE": str(working), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
