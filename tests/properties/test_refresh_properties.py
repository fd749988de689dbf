"""Random sequences of folder events (add, change, a change that keeps size and modification time,
delete, a copy of another file, a copy still in progress) through the sensor's planner and the Python
stage, as the sensor's runs would process them. After every step the raw tables equal a clean build of the
folder (many examples, no dbt), and the marts built by dbt equal those of a clean build (a few examples and
a sequence of every kind of event: dbt costs seconds a step).
"""

import os
import shutil
import tempfile
import time
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipelines import ingest, refresh, seed_folder, warehouse
from tests.paths import FIXTURE_SEEDS
from tests.properties.dbt_models import ModelBuilder
from tests.reliability.harness import mart_names

NAMES = ("a.txt", "b.txt", "c.txt")
BASE = (FIXTURE_SEEDS / "01_release.txt").read_text(encoding="utf-8")
# Same length in UTF-8 each: a change among them can keep the size.
CONTENTS = [BASE.replace("阿里巴巴", company).encode() for company in ("阿里巴巴", "腾讯控股", "百度在线")]

event = st.tuples(
    st.sampled_from(["add", "change", "same size and time", "delete", "copy", "partial copy"]),
    st.sampled_from(NAMES),
    st.sampled_from(NAMES),
    st.integers(0, len(CONTENTS) - 1),
)
events = st.lists(event, min_size=1, max_size=6)
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


def sensor_run_files(state: refresh.FolderState, seeds: Path, conn) -> tuple[refresh.FolderState, list[str]]:
    """One look and, when it asks for one, the run it requests (which succeeds); with the run's files."""
    plan = refresh.plan_refresh(state, refresh.observe_folder(seeds))
    if plan.to_process:
        ingest.ingest_files(conn, seeds, plan.to_process)
        plan.state.requested["run"] = plan.to_process
    return refresh.after_runs(plan.state, {"run": "success"}), plan.to_process


def sensor_run(state: refresh.FolderState, seeds: Path, conn) -> refresh.FolderState:
    return sensor_run_files(state, seeds, conn)[0]


# Every kind of event, in an order that takes the original of a copy away: an example both tests run
# besides the random ones.
SEQUENCE = [
    ("add", "a.txt", "a.txt", 0),
    ("copy", "b.txt", "a.txt", 0),
    ("add", "c.txt", "c.txt", 1),
    ("same size and time", "a.txt", "a.txt", 2),
    ("partial copy", "c.txt", "c.txt", 0),
    ("delete", "a.txt", "a.txt", 0),
    ("change", "a.txt", "a.txt", 1),
]


@PROPERTY
@example(SEQUENCE)
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


# The marts themselves after every step: SEQUENCE and a few random sequences. dbt runs in a worker process
# that parses the project once (tests/properties/dbt_models.py): about 1.5 s of CPU per build of the
# models, two builds a step (the incremental warehouse and a clean one), none for a step that changes
# neither.
# One random sequence besides SEQUENCE by default: test_incremental_marts.py draws its own against a full
# rebuild, and CI's 15 minutes on 2 cores are spent mostly on builds (PROPERTY_MART_EXAMPLES=N for more).
MART_PROPERTY = settings(PROPERTY, max_examples=int(os.environ.get("PROPERTY_MART_EXAMPLES", "1")))


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    builder = ModelBuilder(tmp_path_factory.mktemp("dbt"))
    yield builder
    builder.close()


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


def folder_state(seeds: Path) -> tuple:
    """What a clean build of the folder depends on: names, bytes and modification times."""
    return tuple(
        (name, (seeds / name).read_bytes(), (seeds / name).stat().st_mtime_ns)
        for name in seed_folder.list_seed_files(seeds)
    )


def clean_marts(seeds: Path, models: ModelBuilder, scratch: Path) -> dict[str, list[str]]:
    database = models.copy_template(scratch / f"clean_{time.monotonic_ns()}")
    with duckdb.connect(str(database)) as conn:
        ingest.ingest_files(conn, seeds, seed_folder.list_seed_files(seeds))
    models.build(database)
    return mart_content(database)


@pytest.mark.processes
@MART_PROPERTY
@example(SEQUENCE)
@given(st.lists(event, min_size=1, max_size=4))
def test_after_every_step_the_marts_equal_a_clean_build(models, steps):
    scratch = Path(tempfile.mkdtemp())
    try:
        folder = Folder(scratch / "seeds")
        folder.seeds.mkdir()
        incremental = models.copy_template(scratch / "incremental")
        state = refresh.FolderState()
        marts = clean = mart_content(incremental)  # the marts of an empty folder
        last_folder = ()
        for kind, name, other, content in steps:
            if kind == "partial copy":  # nothing reads it (the raw tables are compared in the test above)
                (folder.seeds / name).write_bytes(CONTENTS[content][: len(CONTENTS[content]) // 2])
                with duckdb.connect(str(incremental)) as conn:
                    state, processed = sensor_run_files(state, folder.seeds, conn)
                assert not processed, (kind, name)
                kind = "change"  # then the copy completes
            folder.apply(kind, name, other, content)
            with duckdb.connect(str(incremental)) as conn:
                state, processed = sensor_run_files(state, folder.seeds, conn)
            if processed:
                models.build(incremental)
                marts = mart_content(incremental)
            if folder_state(folder.seeds) != last_folder:
                clean, last_folder = clean_marts(folder.seeds, models, scratch), folder_state(folder.seeds)
            assert len(marts) >= 8, marts.keys()
            assert marts == clean, (kind, name, other, content)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
