"""The Dagster instance on PostgreSQL: scripts/postgres.sh starts a server of the project's own (installing
Debian's postgresql first when it is missing and the user is root), and the main command, with
NEWS_DAGSTER_POSTGRES_URL set, keeps its runs, event log and partitions there, not in SQLite files in
DAGSTER_HOME. Skipped only when the script says PostgreSQL cannot be installed or started here."""

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines import buckets
from pipelines import instance as news_instance
from tests.paths import FIXTURE_SEEDS, REPO_ROOT

SCRIPT = REPO_ROOT / "scripts" / "postgres.sh"
UNAVAILABLE = 3  # the script's exit status when PostgreSQL cannot be installed or started
INSTALL_TIMEOUT = 900  # a first start on a clean machine runs apt-get install


@pytest.fixture(scope="module")
def postgres_url():
    # Not under pytest's tmp_path: as root the server runs as the postgres user, which cannot enter
    # /tmp/pytest-of-root (mode 700).
    folder = Path(tempfile.mkdtemp(prefix="news-pg-"))
    env = {**os.environ, "NEWS_POSTGRES_DIR": str(folder)}
    try:
        started = subprocess.run(
            ["bash", str(SCRIPT), "start"], env=env, capture_output=True, text=True, timeout=INSTALL_TIMEOUT
        )
        if started.returncode == UNAVAILABLE:
            pytest.skip(started.stderr[started.stderr.find("PostgreSQL unavailable") :].strip())
        assert started.returncode == 0, started.stderr
        again = subprocess.run(["bash", str(SCRIPT), "start"], env=env, capture_output=True, text=True)
        assert again.returncode == 0, f"a second start must find the server running:\n{again.stderr}"
        assert again.stdout == started.stdout
        yield started.stdout.strip()
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop"], env=env, capture_output=True, timeout=120)
        shutil.rmtree(folder, ignore_errors=True)


def query(url: str, sql: str) -> list[tuple]:
    """psycopg2 itself, beside Dagster: the rows are in the server, whatever Dagster's classes say."""
    import psycopg2  # the postgres extra (scripts/test.sh installs it): imported here, not at collection

    with contextlib.closing(psycopg2.connect(url.replace("+psycopg2", ""))) as conn, conn.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


@pytest.mark.processes
def test_the_main_command_keeps_its_dagster_instance_in_postgres(postgres_url, tmp_path, monkeypatch):
    shutil.copytree(FIXTURE_SEEDS, tmp_path / "seeds")
    home = tmp_path / "dagster_home"
    warehouse = tmp_path / "warehouse" / "news.duckdb"
    env = {
        "NEWS_SEEDS_DIR": str(tmp_path / "seeds"),
        "NEWS_WAREHOUSE": str(warehouse),
        "DAGSTER_HOME": str(home),
        "NEWS_DAGSTER_POSTGRES_URL": postgres_url,
    }
    build = subprocess.run(
        [sys.executable, "-m", "pipelines", "build"],
        cwd=REPO_ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    # no run history beside the dagster.yaml: SQLite would keep history/runs.db, history/runs/index.db
    assert not list(home.rglob("*.db")), list(home.rglob("*.db"))

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with dg.DagsterInstance.from_config(str(home)) as instance:
        assert type(instance.run_storage).__name__ == "PostgresRunStorage"
        assert type(instance.event_log_storage).__name__ == "PostgresEventLogStorage"
        assert type(instance.schedule_storage).__name__ == "PostgresScheduleStorage"
        runs = instance.get_runs()
        assert [run.status for run in runs] == [dg.DagsterRunStatus.SUCCESS]
        (run_id,) = [run.run_id for run in runs]
        articles = instance.fetch_materializations(dg.AssetKey(["marts", "articles"]), limit=10).records
        assert [record.run_id for record in articles] == [run_id]
        materialised = instance.get_materialized_partitions(dg.AssetKey(["raw", "documents"]))
    files = [p.name for p in FIXTURE_SEEDS.iterdir()]
    assert set(buckets.by_bucket(files)) <= materialised  # every fixture file's bucket, kept in Postgres

    assert query(postgres_url, "select run_id, status from runs") == [(run_id, "SUCCESS")]
    materialised = query(
        postgres_url,
        "select distinct asset_key from event_logs where run_id = '" + run_id + "' "
        "and dagster_event_type = 'ASSET_MATERIALIZATION'",
    )
    keys = {row[0] for row in materialised}
    for key in ["raw/documents", "marts/events", "marts/source_files", "warehouse/published"]:
        assert dg.AssetKey.from_user_string(key).to_string() in keys

    with duckdb.connect(str(warehouse), read_only=True) as conn:
        assert conn.execute("select count(*) from marts.articles").fetchone()[0] == 3
        assert conn.execute("select count(*) from marts.source_files").fetchone()[0] == len(files)


def test_the_url_variable_switches_a_written_dagster_yaml_and_leaves_a_users_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("NEWS_DAGSTER_POSTGRES_URL", raising=False)
    config = news_instance.dagster_home() / "dagster.yaml"
    assert "postgres" not in config.read_text()
    monkeypatch.setenv("NEWS_DAGSTER_POSTGRES_URL", "postgresql+psycopg2://news@/dagster?host=/nowhere")
    news_instance.dagster_home()
    assert config.read_text().endswith(news_instance.POSTGRES_STORAGE_YAML)
    assert "/nowhere" not in config.read_text()  # the URL, which may hold a password, stays in the env
    monkeypatch.delenv("NEWS_DAGSTER_POSTGRES_URL")
    news_instance.dagster_home()
    assert config.read_text() == news_instance.INSTANCE_YAML
    config.write_text("telemetry:\n  enabled: false\n")  # the user's own file: not rewritten
    monkeypatch.setenv("NEWS_DAGSTER_POSTGRES_URL", "postgresql+psycopg2://news@/dagster?host=/nowhere")
    news_instance.dagster_home()
    assert config.read_text() == "telemetry:\n  enabled: false\n"


def test_a_bare_postgresql_url_is_refused_with_the_fix_when_psycopg3_is_missing(monkeypatch):
    import importlib.util

    import sqlalchemy
    from packaging.version import Version

    if importlib.util.find_spec("psycopg") is not None or Version(sqlalchemy.__version__) < Version("2.1"):
        pytest.skip("a bare postgresql:// URL works here (psycopg 3 installed, or SQLAlchemy before 2.1)")
    monkeypatch.setenv("NEWS_DAGSTER_POSTGRES_URL", "postgresql://news@/dagster?host=/nowhere")
    with pytest.raises(SystemExit, match=r"postgresql\+psycopg2://"):
        news_instance.instance_yaml()
