"""Every example query in warehouse/queries/ runs on the warehouse built from seeds/ and answers it."""

from pathlib import Path

import duckdb
import pytest

from tests.paths import REPO_ROOT

QUERIES = REPO_ROOT / "warehouse" / "queries"


def run(path: Path, conn) -> list[dict]:
    cursor = conn.execute(path.read_text(encoding="utf-8"))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


@pytest.fixture(scope="module")
def conn(built_seeds):
    _, path = built_seeds
    with duckdb.connect(str(path), read_only=True) as connection:
        yield connection


def test_every_query_states_its_question_and_returns_rows(conn):
    paths = sorted(QUERIES.glob("*.sql"))
    assert len(paths) >= 5
    for path in paths:
        assert path.read_text(encoding="utf-8").startswith("-- Question:"), path.name
        assert run(path, conn), f"{path.name} returned no rows on the seeds"


def test_company_timeline_lists_only_that_company_in_date_order(conn):
    rows = run(QUERIES / "company_timeline.sql", conn)
    company = conn.execute("select entity_id from marts.entities where name = '阿里巴巴'").fetchone()[0]
    actors = conn.execute(
        "select count(*) from marts.events where list_contains(actors, ?)", [company]
    ).fetchone()[0]
    assert len(rows) == actors
    dates = [r["event_date"] for r in rows if r["event_date"] is not None]
    assert dates == sorted(dates)
    assert all(r["event_date"] is None for r in rows[len(dates) :])  # undated last


def test_top_pairs_are_sorted_and_leave_out_places(conn):
    rows = run(QUERIES / "top_co_mentioned_pairs.sql", conn)
    assert 0 < len(rows) <= 10
    counts = [(r["articles"], r["sentences"]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert all("LOCATION" not in (r["type_a"], r["type_b"]) for r in rows)


def test_events_by_month_count_every_event_once(conn):
    rows = run(QUERIES / "events_by_type_per_month.sql", conn)
    assert sum(r["events"] for r in rows) == conn.execute("select count(*) from marts.events").fetchone()[0]
    for r in rows:
        month = r["month"]
        assert month == "undated" or month.endswith("(year only)") or (len(month) == 7 and month[4] == "-")


def test_amounts_by_currency_add_up(conn):
    rows = run(QUERIES / "amounts_by_currency.sql", conn)
    total = conn.execute(
        "select sum(amount_value) from marts.event_mentions "
        "where amount_value is not null and not is_from_duplicate_article"
    ).fetchone()[0]
    assert sum(r["total"] for r in rows) == pytest.approx(total)
    assert all(r["largest"] <= r["total"] for r in rows)
    assert len({r["currency"] for r in rows}) == len(rows)


def test_articles_per_outlet_cover_every_first_copy(conn):
    rows = run(QUERIES / "articles_per_outlet.sql", conn)
    firsts = conn.execute("select count(*) from marts.articles where not is_duplicate").fetchone()[0]
    assert sum(r["articles"] for r in rows) == firsts
    assert any(r["outlet"] != "(not stated)" for r in rows)
