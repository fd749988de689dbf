"""Random sequences of folder events (add, change, a change that keeps size and modification time,
delete, a copy of another file, a copy still in progress) through the sensor's planner and the Python
stage, as the sensor's runs would process them: after every step the raw tables equal a clean build of the
folder. dbt rebuilds every mart from the raw tables on each refresh (no incremental models), so equal raw
tables give equal marts, unless a model depends on the order its rows were written in: the last test runs
dbt over a sequence of every kind of event and over a clean build, and compares the marts themselves.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines import ingest, refresh, seed_folder, warehouse
from pipelines.settings import DBT_PROJECT_DIR
from tests.paths import FIXTURE_SEEDS
from tests.reliability.harness import mart_names

DBT = [str(Path(sys.executable).with_name("dbt"))]  # the venv's dbt

NAMES = ("a.txt", "b.txt", "c.txt")
BASE = (FIXTURE_SEEDS / "01_release.txt").read_text(encoding="utf-8")
# Same length in UTF-8 each: a change among them can keep the size.
CONTENTS = [BASE.replace("阿里巴巴", company).encode() for company in ("阿里巴巴", "腾讯控股", "百度在线")]

events = st.lists(
    st.tuples(
        st.sampled_from(["add", "change", "same size and time", "delete", "copy", "partial copy"]),
        st.sampled_from(NAMES),
        st.sampled_from(NAMES),
        st.integers(0, len(CONTENTS) - 1),
    ),
    min_size=1,
    max_size=6,
)
PROPERTY = settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "10")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


class Folder:
    """The seeds folder with a clock of its own: every completed write is dated in the past (settled)."""

    def __init__(self, seeds: Path) -> None:
        self.seeds = seeds
        self.clock = time.time() - 10_000

    def write(self, name: str, data: bytes, *, keep_time: bool = False) -> None:
        path = self.seeds / name
        before = path.stat() if keep_time and path.exists() else None
        path.write_bytes(data)
        if before is not None and before.st_size == len(data):
            os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        else:
            self.clock += 10
            os.utime(path, (self.clock, self.clock))

    def apply(self, kind: str, name: str, other: str, content: int) -> None:
        path = self.seeds / name
        if kind in ("add", "change"):
            self.write(name, CONTENTS[content])
        elif kind == "same size and time" and path.exists():
            self.write(name, CONTENTS[content], keep_time=True)
        elif kind == "delete":
            path.unlink(missing_ok=True)
        elif kind == "copy" and (self.seeds / other).exists() and other != name:
            self.write(name, (self.seeds / other).read_bytes())


def raw_content(conn) -> dict[str, list[str]]:
    """Every raw table in a canonical order; in source_files without the processing time and without the
    rows of deleted files (a clean build never saw them; the property checks they name absent files)."""
    content = {}
    for table in warehouse.RAW_TABLES:
        sql = f"select * from raw.{table}"
        if table == "source_files":
            sql = "select * exclude (processed_at) from raw.source_files where status != 'deleted'"
        content[table] = sorted(repr(row) for row in conn.execute(sql).fetchall())
    return content


def deleted_files(conn) -> set[str]:
    return {
        name
        for (name,) in conn.execute(
            "select source_file from raw.source_files where status = 'deleted'"
        ).fetchall()
    }


def clean_build(seeds: Path, scratch: Path) -> dict[str, list[str]]:
    database = scratch / f"clean_{time.monotonic_ns()}.duckdb"
    with duckdb.connect(str(database)) as conn:
        ingest.ingest_files(conn, seeds, seed_folder.list_seed_files(seeds))
        content = raw_content(conn)
    database.unlink()
    return content


def sensor_run(state: refresh.FolderState, seeds: Path, conn) -> refresh.FolderState:
    """One look and, when it asks for one, the run it requests (which succeeds)."""
    plan = refresh.plan_refresh(state, refresh.observe_folder(seeds))
    if plan.to_process:
        ingest.ingest_files(conn, seeds, plan.to_process)
        plan.state.requested["run"] = plan.to_process
    return refresh.after_runs(plan.state, {"run": "success"})


@PROPERTY
@given(events)
def test_after_every_step_the_raw_tables_equal_a_clean_build(steps):
    scratch = Path(tempfile.mkdtemp())
    try:
        folder = Folder(scratch / "seeds")
        folder.seeds.mkdir()
        state = refresh.FolderState()
        with duckdb.connect(str(scratch / "incremental.duckdb")) as conn:
            warehouse.ensure_raw_tables(conn)
            for kind, name, other, content in steps:
                if kind == "partial copy":  # half the bytes, just written: nothing may read them
                    before = raw_content(conn)
                    (folder.seeds / name).write_bytes(CONTENTS[content][: len(CONTENTS[content]) // 2])
                    state = sensor_run(state, folder.seeds, conn)
                    ingest.ingest_files(conn, folder.seeds, seed_folder.list_seed_files(folder.seeds))
                    assert raw_content(conn) == before, (kind, name)
                    kind = "change"  # then the copy completes
                folder.apply(kind, name, other, content)
                state = sensor_run(state, folder.seeds, conn)
                assert raw_content(conn) == clean_build(folder.seeds, scratch), (kind, name, other, content)
                assert not deleted_files(conn) & set(seed_folder.list_seed_files(folder.seeds))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


# One sequence of every kind of event, then dbt: the marts themselves equal those of a clean build of the
# folder. A dbt build per step of every example would take many minutes; the raw tables are compared at
# every step above, the marts here once, on raw tables whose rows lie in another order than a clean
# build's (a changed or re-planned file's rows are deleted and appended at the end).
SEQUENCE = [
    ("add", "a.txt", "a.txt", 0),
    ("copy", "b.txt", "a.txt", 0),
    ("add", "c.txt", "c.txt", 1),
    ("same size and time", "a.txt", "a.txt", 2),
    ("partial copy", "c.txt", "c.txt", 0),
    ("delete", "a.txt", "a.txt", 0),
    ("change", "a.txt", "a.txt", 1),
]


def build_marts(database: Path, scratch: Path) -> None:
    """dbt's seeds and models (not its data tests) over `database`, as the pipeline's dbt step builds them."""
    done = subprocess.run(
        [
            *DBT,
            "build",
            "--select",
            "resource_type:seed resource_type:model",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(scratch / f"target_{database.stem}"),
            "--log-path",
            str(scratch / "dbt_logs"),
        ],
        env={**os.environ, "NEWS_WORKING_WAREHOUSE": str(database)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:]


def mart_content(database: Path) -> dict[str, list[str]]:
    """Every mart's rows in a canonical order; source_files without deleted files (see raw_content)."""
    with duckdb.connect(str(database), read_only=True) as conn:
        marts = mart_names(conn)
        content = {}
        for mart in marts:
            sql = f'select * from marts."{mart}"'
            if mart == "source_files":
                sql += " where status != 'deleted'"
            content[mart] = sorted(repr(row) for row in conn.execute(sql).fetchall())
    return content


@pytest.mark.processes
def test_after_a_sequence_of_every_kind_of_event_the_marts_equal_a_clean_build(tmp_path):
    folder = Folder(tmp_path / "seeds")
    folder.seeds.mkdir()
    state = refresh.FolderState()
    incremental, clean = tmp_path / "incremental.duckdb", tmp_path / "clean.duckdb"
    with duckdb.connect(str(incremental)) as conn:
        warehouse.ensure_raw_tables(conn)
        for kind, name, other, content in SEQUENCE:
            if kind == "partial copy":
                (folder.seeds / name).write_bytes(CONTENTS[content][: len(CONTENTS[content]) // 2])
                state = sensor_run(state, folder.seeds, conn)
                kind = "change"
            folder.apply(kind, name, other, content)
            state = sensor_run(state, folder.seeds, conn)
    with duckdb.connect(str(clean)) as conn:
        ingest.ingest_files(conn, folder.seeds, seed_folder.list_seed_files(folder.seeds))
    assert raw_content_of(incremental) == raw_content_of(clean)
    for database in (incremental, clean):
        build_marts(database, tmp_path)
    marts = mart_content(incremental)
    assert len(marts) >= 8 and marts["articles"]
    assert marts == mart_content(clean)


def raw_content_of(database: Path) -> dict[str, list[str]]:
    with duckdb.connect(str(database), read_only=True) as conn:
        return raw_content(conn)
