"""Incremental dbt builds (issue 15): random sequences of adds, changes and deletes of seed files, and after
every step each mart built incrementally equals a full rebuild (`--full-refresh`) of the same raw tables,
row for row and column for column. The documents are small and chosen so that steps cascade: a bilingual
page pairs an English name with a Chinese one (two entities merge, and part again when it goes), a copy of
an article with an earlier date makes the other a duplicate, and release events of one company in two
months decide which event an undated mention of it joins."""

import os
import shutil
import tempfile
import time
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipelines import ingest, seed_folder
from tests.paths import FIXTURE_SEEDS, REPO_ROOT
from tests.properties.dbt_models import ModelBuilder
from tests.reliability.harness import mart_names

NAMES = ("a.txt", "b.txt", "c.txt", "d.txt", "e.txt")


def article(title: str, source: str, *paragraphs: str) -> bytes:
    return "\n\n".join([title, f"来源:{source}", *paragraphs]).encode() + b"\n"


RELEASE = "2025年7月，阿里巴巴发布了通义千问新模型。"


CONTENTS = {
    # 权瑞秋 and 张明远, Chinese only
    "investor": article(
        "风投合伙人",
        "示例网 | 2025-07-09",
        "风险投资公司合伙人权瑞秋本周在杭州会见了张明远。",
    ),
    # Rachel Kwon, English only: her own entity until the bilingual page pairs her with 权瑞秋
    "english": (
        b"Weekend founders\n\nSource: Example Wire | 2025-07-10\n\n"
        b"Rachel Kwon, a partner at a venture firm, met founders in Hangzhou on Saturday.\n"
    ),
    "bilingual": (REPO_ROOT / "tests" / "fixtures" / "bilingual" / "01_bilingual.txt").read_bytes(),
    "july": article("阿里巴巴发布新模型", "示例网 | 2025-07-20", RELEASE),
    # the same body, earlier and from another outlet: the other copy becomes its duplicate
    "july copy": article("阿里巴巴发布新模型", "另一网 | 2025-07-18", RELEASE),
    # undated: joins the company's one dated release event, stays apart when there are two
    "undated": article("阿里巴巴的新模型", "示例网", "阿里巴巴发布了通义千问新模型，业内反响热烈。"),
    "march": article("阿里巴巴去年的模型", "示例网 | 2024-03-20", "2024年3月，阿里巴巴发布了通义千问模型。"),
    "release": (FIXTURE_SEEDS / "01_release.txt").read_bytes(),
    "big5": (FIXTURE_SEEDS / "05_big5.txt").read_bytes(),
}

operation = st.tuples(
    st.sampled_from(["write", "delete"]), st.sampled_from(NAMES), st.sampled_from(sorted(CONTENTS))
)
# A step is a burst of changes that one run takes (as the sensor's runs do); a build costs seconds.
step = st.lists(operation, min_size=1, max_size=2)
# Every cascade: a small warehouse first; the bilingual page merges Rachel Kwon into 权瑞秋; then her page
# goes, a copy with an earlier date makes the July release a duplicate and a March release leaves the
# undated mention two dated events to choose from; last the translation goes and the entities part.
CASCADES = [
    [("write", "a.txt", "investor"), ("write", "b.txt", "english"), ("write", "c.txt", "july")],
    [("write", "d.txt", "undated"), ("write", "e.txt", "bilingual")],
    [("write", "b.txt", "july copy"), ("write", "c.txt", "march")],
    [("delete", "e.txt", "bilingual"), ("delete", "a.txt", "investor")],
]
PROPERTY = settings(
    max_examples=int(os.environ.get("PROPERTY_INCREMENTAL_EXAMPLES", "1")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    builder = ModelBuilder(tmp_path_factory.mktemp("dbt"))
    yield builder
    builder.close()


class Folder:
    """The seeds folder; every write is dated in the past, so it is settled and its time always moves."""

    def __init__(self, seeds: Path) -> None:
        self.seeds = seeds
        self.clock = time.time() - 10_000

    def apply(self, kind: str, name: str, content: str) -> None:
        path = self.seeds / name
        if kind == "delete":
            path.unlink(missing_ok=True)
            return
        path.write_bytes(CONTENTS[content])
        self.clock += 10
        os.utime(path, (self.clock, self.clock))


def mart_rows(database: Path) -> dict[str, list[str]]:
    """Every mart (tables and views), every column, its rows in a canonical order."""
    with duckdb.connect(str(database), read_only=True) as conn:
        return {
            mart: sorted(repr(row) for row in conn.execute(f'select * from marts."{mart}"').fetchall())
            for mart in mart_names(conn)
        }


def has_record(database: Path) -> bool:
    """The incremental build left its record, so the next one recomputes only what changes."""
    with duckdb.connect(str(database), read_only=True) as conn:
        return conn.execute("select count(*) from intermediate.incremental_state_version").fetchone()[0] == 1


@pytest.mark.processes
@PROPERTY
@example(CASCADES)
@given(st.lists(step, min_size=1, max_size=2))
def test_after_every_step_the_incremental_marts_equal_a_full_rebuild(models, steps):
    scratch = Path(tempfile.mkdtemp())
    try:
        folder = Folder(scratch / "seeds")
        folder.seeds.mkdir()
        incremental = models.copy_template(scratch / "incremental")
        for operations in steps:
            for kind, name, content in operations:
                folder.apply(kind, name, content)
            with duckdb.connect(str(incremental)) as conn:
                ingest.ingest_files(conn, folder.seeds, seed_folder.list_seed_files(folder.seeds))
            full = scratch / "full" / incremental.name
            full.parent.mkdir(exist_ok=True)
            shutil.copyfile(incremental, full)  # the same raw tables
            models.build(incremental)
            models.build(full, full_refresh=True)
            assert has_record(incremental)
            built, rebuilt = mart_rows(incremental), mart_rows(full)
            assert len(built) == 8, built.keys()
            for mart in rebuilt:
                assert built[mart] == rebuilt[mart], (mart, operations)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
