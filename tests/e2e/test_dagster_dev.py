"""`dg dev` end to end: the code location loads, `full_refresh` launched through GraphQL with no run config
succeeds in one process and fills the marts, and a real browser shows Chinese, not escape codes, on the
asset page of marts/entities and in the report. Starts real processes (webserver, daemon, code server,
headless Chromium): deselect with -m 'not e2e'."""

import contextlib
import html
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipelines.defs.partitions import all_buckets_tags
from pipelines.instance import INSTANCE_YAML
from tests.paths import FIXTURE_SEEDS, REPO_ROOT

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Using variable_values and operation_name:DeprecationWarning"),
]

# The whole test, start to marts: ~60-90 s on an idle 2-core machine; room for a busy one (4-5 min seen).
DEADLINE_SECONDS = float(os.environ.get("NEWS_E2E_TIMEOUT", "480"))
DG = Path(sys.executable).parent / "dg"  # dagster-dg-cli: `dg dev`, what the README tells a newcomer
CHROMIUM = Path("/usr/bin/chromium")
# \u followed by four hex digits: a Chinese character shown as its JSON escape
ESCAPED = re.compile(r"\\u[0-9a-fA-F]{4}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what: str, probe, deadline: float, log: Path, every: float = 1.0):
    """Calls `probe` until it returns something truthy; fails with the server log when time is up."""
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = probe()
            if value:
                return value
        except Exception as error:  # noqa: BLE001 (the server is still starting)
            last_error = error
        time.sleep(every)
    tail = log.read_text(encoding="utf-8", errors="replace")[-3000:] if log.exists() else ""
    pytest.fail(f"timed out waiting for {what} (last error: {last_error})\n--- dagster dev log ---\n{tail}")


WORKSPACE = """
{ workspaceOrError { __typename ... on Workspace { locationEntries { name loadStatus
  locationOrLoadError { __typename ... on RepositoryLocation { repositories { name } }
                        ... on PythonError { message } } } } } }
"""
ASSET_NODES = "{ assetNodes { assetKey { path } } }"
SENSOR_STATE = """
query ($selector: SensorSelector!) { sensorOrError(sensorSelector: $selector) {
  __typename ... on Sensor { sensorState { id status } } } }
"""
STOP_SENSOR = """
mutation ($id: String!) { stopSensor(id: $id) { __typename
  ... on StopSensorMutationResult { instigationState { status } } ... on PythonError { message } } }
"""
RUN_ENGINE_MESSAGES = """
query ($runId: ID!) { logsForRun(runId: $runId, limit: 1000) { __typename
  ... on EventConnection { events { __typename ... on EngineEvent { message } } } } }
"""


@pytest.fixture(scope="module")
def dagster_dev(tmp_path_factory):
    """`dg dev` on a free port with its own instance, seeds copy and warehouse; always stopped."""
    tmp_path = tmp_path_factory.mktemp("dagster_dev")
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text(INSTANCE_YAML, encoding="utf-8")
    # Empty at start: the folder sensor is RUNNING by default and launches a run on its first tick for any
    # file it finds. The test stops it, then copies the documents in.
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    warehouse = tmp_path / "warehouse" / "news.duckdb"
    port = free_port()
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "NEWS_SEEDS_DIR": str(seeds),
        "NEWS_WAREHOUSE": str(warehouse),
        "DAGSTER_DISABLE_TELEMETRY": "1",
        "DO_NOT_TRACK": "1",
    }
    env.pop("NEWS_WORKING_WAREHOUSE", None)  # derived from NEWS_WAREHOUSE by the pipeline
    log = tmp_path / "dagster_dev.log"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [str(DG), "dev", "-h", "127.0.0.1", "-p", str(port)],
            cwd=REPO_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # one process group: the webserver, the daemon and the code server
        )
    try:
        yield port, seeds, warehouse, log
    finally:
        for sig, grace in ((signal.SIGTERM, 20), (signal.SIGKILL, 5)):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                break
            try:
                process.wait(timeout=grace)
                break
            except subprocess.TimeoutExpired:
                continue
        with contextlib.suppress(ProcessLookupError):  # children that outlived the leader
            os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def full_refresh(dagster_dev):
    """`full_refresh` launched through GraphQL over the fixture documents, waited for: its outcome."""
    from dagster_graphql import DagsterGraphQLClient

    port, seeds, warehouse, log = dagster_dev
    deadline = time.monotonic() + DEADLINE_SECONDS
    client = DagsterGraphQLClient("127.0.0.1", port_number=port, timeout=30)

    def loaded_location():
        entries = client._execute(WORKSPACE)["workspaceOrError"]["locationEntries"]
        for entry in entries:
            location = entry["locationOrLoadError"]
            if location and location["__typename"] == "PythonError":
                pytest.fail(f"code location {entry['name']} failed to load: {location['message']}")
            if entry["loadStatus"] == "LOADED" and location:
                return entry["name"], location["repositories"][0]["name"]
        return None

    location, repository = wait_for("the code location", loaded_location, deadline, log)
    keys = {"/".join(n["assetKey"]["path"]) for n in client._execute(ASSET_NODES)["assetNodes"]}
    assert {"raw/documents", "marts/events", "marts/entities", "report/news_report"} <= keys

    # The folder sensor would launch its own run for the files copied in below: stop it first.
    selector = {"repositoryLocationName": location, "repositoryName": repository}
    state = client._execute(SENSOR_STATE, {"selector": {**selector, "sensorName": "seed_folder_sensor"}})
    stopped = client._execute(STOP_SENSOR, {"id": state["sensorOrError"]["sensorState"]["id"]})
    assert stopped["stopSensor"]["instigationState"]["status"] == "STOPPED"

    shutil.copytree(FIXTURE_SEEDS, seeds, dirs_exist_ok=True)
    run_id = client.submit_job_execution(
        "full_refresh",
        repository_location_name=location,
        repository_name=repository,
        tags=all_buckets_tags(),  # every bucket, as the daily schedule asks
        # no run config, as the UI's "Materialize" sends: the job's executor must still use one process
    )

    def finished():
        status = client.get_run_status(run_id).value
        return status if status in ("SUCCESS", "FAILURE", "CANCELED") else None

    started = time.monotonic()
    status = wait_for(f"run {run_id}", finished, deadline, log, every=2.0)
    print(
        f"dagster dev up and loaded in {started - (deadline - DEADLINE_SECONDS):.0f}s, "
        f"run {status} in {time.monotonic() - started:.0f}s"
    )
    logs = client._execute(RUN_ENGINE_MESSAGES, {"runId": run_id})["logsForRun"]["events"]
    engine = [e["message"] for e in logs if e["__typename"] == "EngineEvent"]
    return {"status": status, "engine": engine, "port": port, "warehouse": warehouse, "log": log}


def test_dagster_dev_loads_the_code_location_and_runs_full_refresh(full_refresh):
    status, engine, warehouse = full_refresh["status"], full_refresh["engine"], full_refresh["warehouse"]
    assert status == "SUCCESS", full_refresh["log"].read_text(encoding="utf-8")[-3000:]
    assert any(m.startswith("Executing steps in process") for m in engine), engine
    assert not any("multiprocess" in m for m in engine), engine

    with duckdb.connect(str(warehouse), read_only=True) as conn:
        statuses = dict(conn.execute("select source_file, status from marts.source_files").fetchall())
        assert statuses == {
            "01_release.txt": "ingested",
            "02_founding.txt": "ingested",
            "03_release_copy.txt": "duplicate",
            "04_blank.txt": "rejected",
            "05_big5.txt": "ingested",
        }
        assert conn.execute("select count(*) from marts.articles").fetchone()[0] == 3
        names = {r[0] for r in conn.execute("select name from marts.entities").fetchall()}
        assert {"阿里巴巴", "王坚", "深度求索"} <= names
        types = {r[0] for r in conn.execute("select event_type from marts.events").fetchall()}
        assert {"产品行为-发布", "组织关系-成立"} <= types
    assert "<svg" in (warehouse.parent / "report.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def chromium():
    """Debian's chromium, installed when missing (as scripts/screenshot.sh does)."""
    if not CHROMIUM.exists():
        installed = subprocess.run(
            ["apt-get", "install", "-y", "--no-install-recommends", "chromium"],
            capture_output=True,
            text=True,
        )
        if installed.returncode != 0 or not CHROMIUM.exists():
            pytest.fail(f"chromium is missing and apt-get could not install it:\n{installed.stderr[-2000:]}")
    return CHROMIUM


def page_text(chromium: Path, url: str, profile: Path, wait_ms: int) -> str:
    """The text a person sees on `url` once its scripts ran: headless Chromium's DOM, tags removed."""
    result = subprocess.run(
        [
            str(chromium),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-dev-shm-usage",
            f"--user-data-dir={profile}",
            f"--virtual-time-budget={wait_ms}",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    dom = re.sub(r"<(script|style)\b.*?</\1>", " ", result.stdout, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", dom)).split())


def test_a_browser_shows_chinese_not_escape_codes_in_the_ui_and_the_report(full_refresh, chromium, tmp_path):
    assert full_refresh["status"] == "SUCCESS"
    port = full_refresh["port"]
    ui = page_text(chromium, f"http://127.0.0.1:{port}/assets/marts/entities", tmp_path / "ui", 20000)
    assert "most_mentioned" in ui, ui[:2000]  # the preview of the latest materialisation is on the page
    preview = ui[ui.index("most_mentioned") :][:1500]
    assert "阿里巴巴" in preview, preview
    assert not ESCAPED.search(ui), ESCAPED.findall(ui)[:10]

    report = full_refresh["warehouse"].parent / "report.html"
    text = page_text(chromium, report.as_uri(), tmp_path / "report", 3000)
    assert "阿里巴巴" in text and "深度求索" in text
    assert "Also written:" in text and "reported in" in text  # the entity pages and their event tables
    assert not ESCAPED.search(text), ESCAPED.findall(text)[:10]
