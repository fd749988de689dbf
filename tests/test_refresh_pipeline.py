"""Refresh through the real pipeline: changed, deleted, new and unchanged files, and open readers."""

import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipelines.settings import working_copy_of
from tests.conftest import build_with as build
from tests.conftest import run_dbt
from tests.paths import FIXTURE_SEEDS

ANALYST_SESSION = """
import sys, duckdb
conn = duckdb.connect(sys.argv[1], read_only=True)
def look():
    files = conn.execute("select count(*) from marts.source_files").fetchone()[0]
    big5 = conn.execute("select count(*) from marts.articles where source_file = '05_big5.txt'").fetchone()[0]
    print(f"files={files} big5_articles={big5}", flush=True)
look()
sys.stdin.readline()
look()
"""


def scalar(conn, sql, params=None):
    return conn.execute(sql, params or []).fetchone()[0]


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory, dbt_manifest):
    root = tmp_path_factory.mktemp("refresh")
    seeds = root / "seeds"
    seeds.mkdir()
    for name in ("01_release.txt", "02_founding.txt", "05_big5.txt"):
        shutil.copy(FIXTURE_SEEDS / name, seeds / name)
    env = {
        "NEWS_SEEDS_DIR": str(seeds),
        # a second warehouse location, in a folder that does not exist yet
        "NEWS_WAREHOUSE": str(root / "elsewhere" / "analytics.duckdb"),
        "DAGSTER_HOME": str(root / "dagster_home"),
    }
    first = build(env)
    published = env["NEWS_WAREHOUSE"]
    # An analyst's session in another process stays open across the refresh.
    reader = subprocess.Popen(
        [sys.executable, "-c", ANALYST_SESSION, published],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert reader.stdout.readline().strip() == "files=3 big5_articles=1"
    with duckdb.connect(published, read_only=True) as conn:
        before = {
            "founding_mentions": scalar(
                conn,
                "select count(*) from marts.mentions m join marts.articles a using (article_id) "
                "where a.source_file = '02_founding.txt'",
            ),
            "processed_at": dict(
                conn.execute("select source_file, processed_at from raw.source_files").fetchall()
            ),
        }

    time.sleep(0.01)
    (seeds / "02_founding.txt").write_text(
        "心识宇宙获得融资\n\n作者 | 王五\n\n2024年5月，心识宇宙完成数千万元融资。\n", encoding="utf-8"
    )
    (seeds / "05_big5.txt").unlink()
    shutil.copy(FIXTURE_SEEDS / "04_blank.txt", seeds / "04_blank.txt")
    shutil.copy(root / "elsewhere" / "last_build.log", root / "elsewhere" / "first_build.log")
    second = build(env)
    after_refresh, _ = reader.communicate("again\n", timeout=60)
    yield first, second, after_refresh.strip(), before, published


def test_both_refreshes_succeed_with_a_reader_open(refreshed):
    first, second, *_ = refreshed
    assert first.ok and second.ok, (first.checks_failed, second.checks_failed)


def test_the_open_reader_keeps_its_snapshot(refreshed):
    _, _, after_refresh, _, _ = refreshed
    # the session opened before the refresh still answers, from the snapshot it opened
    assert after_refresh == "files=3 big5_articles=1"


def test_a_changed_file_replaces_its_rows_everywhere(refreshed):
    *_, before, published = refreshed
    with duckdb.connect(published, read_only=True) as conn:
        title = scalar(conn, "select title from marts.articles where source_file = '02_founding.txt'")
        assert title == "心识宇宙获得融资"
        surfaces = {
            r[0]
            for r in conn.execute(
                "select m.surface from marts.mentions m join marts.articles a using (article_id) "
                "where a.source_file = '02_founding.txt'"
            ).fetchall()
        }
        assert "心识宇宙" in surfaces and "深度求索" not in surfaces
        stale = scalar(
            conn,
            "select count(*) from marts.event_mentions em where em.article_id not in "
            "(select article_id from marts.articles)",
        )
        assert stale == 0
        assert before["founding_mentions"] > 0


def test_a_deleted_file_leaves_the_marts_and_is_recorded(refreshed):
    *_, published = refreshed
    with duckdb.connect(published, read_only=True) as conn:
        status = scalar(conn, "select status from marts.source_files where source_file = '05_big5.txt'")
        assert status == "deleted"
        assert scalar(conn, "select count(*) from marts.articles where source_file = '05_big5.txt'") == 0
        assert scalar(conn, "select count(*) from marts.entities where name = '王坚'") == 1  # still in 01
        assert scalar(conn, "select status from marts.source_files where source_file = '04_blank.txt'") == (
            "rejected"
        )


def test_unchanged_files_are_not_processed_again(refreshed):
    *_, before, published = refreshed
    with duckdb.connect(published, read_only=True) as conn:
        after = dict(conn.execute("select source_file, processed_at from raw.source_files").fetchall())
    assert after["01_release.txt"] == before["processed_at"]["01_release.txt"]
    assert after["02_founding.txt"] != before["processed_at"]["02_founding.txt"]


def test_the_second_build_of_a_warehouse_parses_only_what_changed(refreshed):
    """dbt's parse state is kept per warehouse between runs: the first build of a new warehouse parses the
    whole project (its profile is new), the next one only what changed."""
    logs = Path(refreshed[4]).parent
    first_log, second_log = ((logs / f"{n}_build.log").read_text(encoding="utf-8") for n in ("first", "last"))
    assert "Unable to do partial parsing" in first_log
    assert "Unable to do partial parsing" not in second_log
    assert "Found 30 models" in second_log


def test_the_second_build_leaves_out_the_models_that_passed_with_this_checkout(refreshed):
    """The first build scores both models on the bundled gold; the refresh, with the same code, weights and
    gold, reuses that verdict instead of scoring again (about 2 s a run)."""
    first, second, *_ = refreshed
    gold_checks = {"models/entity_tagger:holds_gold_floor", "models/event_tagger:holds_gold_floor"}
    assert gold_checks <= set(first.checks_passed)
    assert not gold_checks & {*second.checks_passed, *(name for name, _, _ in second.checks_failed)}
    assert "raw/documents:every_file_accounted_for" in second.checks_passed


def compiled_filter(working: Path, *flags: str) -> str:
    """What `only_touched_articles` (the whole-archive offset tests' filter) renders on this working copy."""
    inline = "-- depends_on: {{ ref('int_touched_articles') }}\n"
    inline += "select 1 where {{ only_touched_articles('a.article_id') }}"
    result = run_dbt(working, working.parent / "dbt_compile", "compile", "-q", "--inline", inline, *flags)
    assert result.returncode == 0, result.stdout[-2000:]
    return result.stdout


def test_the_offset_tests_of_an_incremental_build_read_only_the_articles_it_rewrote(refreshed):
    """The two singular tests join every mention (event mention) to its article body: in an incremental
    build they read the touched articles only; a full build reads them all."""
    working = working_copy_of(Path(refreshed[4]))
    incremental = compiled_filter(working)
    assert "a.article_id in (select touched.article_id from" in incremental
    assert "int_touched_articles" in incremental
    assert "where true" in compiled_filter(working, "--full-refresh")
