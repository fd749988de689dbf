"""The raw-table rules that can look at the run's files alone: scoped, they still catch what they should."""

import duckdb
import pytest

from pipelines import quality, warehouse


@pytest.fixture
def conn():
    conn = duckdb.connect()
    warehouse.ensure_raw_tables(conn)
    conn.execute(
        "insert into raw.articles (article_id, source_file, article_index, body) values "
        "('a0', 'a.txt', 0, '阿里巴巴发布新模型'), ('b0', 'b.txt', 0, '腾讯发布新模型'), "
        "('c0', 'c.txt', 0, '  ')"
    )
    conn.execute(
        "insert into raw.mentions (article_id, source_file, mention_index, start_char, end_char, surface) "
        "values "
        "('a0', 'a.txt', 0, 0, 4, '阿里巴巴'), ('b0', 'b.txt', 0, 0, 3, '腾讯')"  # b's offsets are wrong
    )
    yield conn
    conn.close()


def test_offsets_are_checked_in_the_given_files_only(conn):
    assert quality.offsets_inside_body(conn, ["a.txt"]).passed
    scoped = quality.offsets_inside_body(conn, ["a.txt", "b.txt"])
    assert not scoped.passed
    assert [row["article_id"] for row in scoped.failing_rows] == ["b0"]
    assert not quality.offsets_inside_body(conn).passed  # no files given: every file


def test_empty_bodies_are_checked_in_the_given_files_only(conn):
    assert quality.no_empty_article_bodies(conn, ["a.txt", "b.txt"]).passed
    assert quality.no_empty_article_bodies(conn, ["a.txt", "b.txt"]).counts["articles"] == 2
    assert not quality.no_empty_article_bodies(conn, ["c.txt"]).passed
    assert not quality.no_empty_article_bodies(conn).passed
    assert quality.no_empty_article_bodies(conn, []).passed  # a run of deleted files only
