"""Bad and odd files through the real main command: nothing lost, nothing crashes, text stays data."""

import shutil

import duckdb
import pytest

from pipelines import quality, seed_folder
from tests.reliability.corpus import SQL_AND_JINJA
from tests.reliability.harness import query

pytestmark = pytest.mark.processes


def test_the_run_goes_on_and_only_warns(corpus_build):
    assert corpus_build.returncode == 0, corpus_build.output[-3000:]
    assert "Warehouse built" in corpus_build.output
    assert "ERROR " not in corpus_build.output, corpus_build.output[-3000:]


def test_every_kind_of_file_is_handled_as_specified(corpus_build):
    recorded = {
        name: (status, reason or "")
        for name, status, reason in query(
            corpus_build.place.warehouse, "select source_file, status, reason from marts.source_files"
        )
    }
    wrong = []
    for case in corpus_build.cases:
        status, reason = recorded.get(case.name, ("missing", ""))
        if status != case.expect or case.reason not in reason.lower():
            wrong.append(
                f"{case.kind} ({case.name}): {status} {reason!r}, wanted {case.expect} {case.reason!r}"
            )
    assert wrong == []
    assert sum(case.bad for case in corpus_build.cases) >= 20


def test_every_file_in_the_folder_has_exactly_one_row(corpus_build):
    place = corpus_build.place
    names = [name for (name,) in query(place.warehouse, "select source_file from marts.source_files")]
    assert len(names) == len(set(names))
    assert (
        sorted(names)
        == seed_folder.list_seed_files(place.seeds)
        == sorted(c.name for c in corpus_build.cases)
    )
    with duckdb.connect(str(place.warehouse), read_only=True) as conn:
        assert quality.files_accounted_for(conn, seed_folder.list_seed_files(place.seeds)).passed


def test_the_accounting_check_fails_when_folder_and_table_disagree(corpus_build, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(corpus_build.place.warehouse, copy)
    files = seed_folder.list_seed_files(corpus_build.place.seeds)
    with duckdb.connect(str(copy)) as conn:
        assert quality.files_accounted_for(conn, files).passed
        # a file dropped after the run: in the folder, not in the table
        finding = quality.files_accounted_for(conn, [*files, "arrived_later.txt"])
        assert not finding.passed
        assert finding.failing_rows == [
            {"source_file": "arrived_later.txt", "problem": "in the folder, not in source_files"}
        ]
        # a file gone from the folder that the table still counts
        assert not quality.files_accounted_for(conn, files[1:]).passed
        # a file recorded twice
        conn.execute(
            "insert into raw.source_files select * from raw.source_files where source_file = ?", [files[0]]
        )
        finding = quality.files_accounted_for(conn, files)
        assert not finding.passed and finding.failing_rows[0]["problem"] == "more than one row"
        # a rejected file that lost its row
        conn.execute("delete from raw.source_files where source_file = 'noise.txt'")
        assert {"source_file": "noise.txt", "problem": "in the folder, not in source_files"} in (
            quality.files_accounted_for(conn, files).failing_rows
        )


def test_the_dagster_check_is_an_error_that_fails_on_disagreement(corpus_build, tmp_path, monkeypatch):
    import dagster as dg
    from dagster_duckdb import DuckDBResource

    from pipelines.defs.documents import checks

    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(corpus_build.place.warehouse, copy)
    monkeypatch.setenv("NEWS_SEEDS_DIR", str(corpus_build.place.seeds))
    resource = DuckDBResource(database=str(copy))
    check = next(c for c in checks.RAW_CHECKS if c.name == "every_file_accounted_for")
    spec = next(s for s in checks.raw_table_checks.check_specs if s.name == check.name)
    assert spec.blocking

    def run_check() -> dg.AssetCheckResult:
        with resource.get_connection() as conn:
            return checks.evaluate(check, conn)

    assert run_check().passed
    (corpus_build.place.seeds / "arrived_later.txt").write_text("晚到的文件。", encoding="utf-8")
    try:
        result = run_check()
    finally:
        (corpus_build.place.seeds / "arrived_later.txt").unlink()
    assert not result.passed
    assert result.severity == dg.AssetCheckSeverity.ERROR
    assert "arrived_later.txt" in result.metadata["failing_rows"].value


def test_text_that_looks_like_sql_or_jinja_is_stored_unchanged_and_runs_nowhere(corpus_build):
    warehouse = corpus_build.place.warehouse
    (body,) = query(warehouse, "select body from marts.articles where source_file = 'sql_and_jinja.txt'")[0]
    for code in (
        "'); drop table raw.articles; --",
        "{{ config(materialized='table') }}",
        "{% for x in range(3) %}",
    ):
        assert code in body and code in SQL_AND_JINJA
    names = {n for (n,) in query(warehouse, "select source_file from marts.articles")}
    assert {"O'Reilly; drop table x.txt", "{{ var('x') }}.txt"} <= names
    tables = {t for (t,) in query(warehouse, "select table_name from information_schema.tables")}
    assert {"articles", "source_files", "x"} & tables == {"articles", "source_files"}


def test_odd_text_keeps_exact_offsets(corpus_build):
    bad = query(
        corpus_build.place.warehouse,
        """
        select a.source_file, m.surface from marts.mentions m join marts.articles a using (article_id)
        where substring(a.body, m.start_char + 1, m.end_char - m.start_char) != m.surface
        """,
    )
    assert bad == []
    zero_width = query(
        corpus_build.place.warehouse,
        "select body_original from marts.articles where source_file = 'zero_width.txt'",
    )
    assert "\u200b" in zero_width[0][0]
