"""The main command end to end on small fixture documents, checked row by row in the marts."""

from datetime import date, datetime

from tests.paths import FIXTURE_SEEDS


def rows(conn, sql, params=None):
    cursor = conn.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def test_the_run_succeeds_and_only_warnings_fail(built):
    summary, _ = built
    assert summary.run_ok
    assert summary.ok, summary.checks_failed
    assert len(summary.checks_passed) > 10
    assert [name for name, severity, _ in summary.checks_failed if severity == "ERROR"] == []
    assert all(summary.mart_rows[m] > 0 for m in ("articles", "entities", "mentions", "events"))


def test_every_file_is_accounted_for(built):
    _, conn = built
    files = {r["source_file"]: r for r in rows(conn, "from marts.source_files")}
    assert sorted(files) == sorted(p.name for p in FIXTURE_SEEDS.iterdir())
    assert files["01_release.txt"]["status"] == "ingested"
    assert files["01_release.txt"]["encoding"].startswith("utf-8")
    assert files["01_release.txt"]["article_count"] == 1
    assert files["03_release_copy.txt"]["status"] == "duplicate"
    assert "01_release.txt" in files["03_release_copy.txt"]["reason"]
    assert files["04_blank.txt"]["status"] == "rejected"
    assert files["04_blank.txt"]["reason"]
    assert files["05_big5.txt"]["status"] == "ingested"
    assert files["05_big5.txt"]["encoding"] == "big5"


def test_articles_carry_their_metadata_and_a_clean_simplified_body(built):
    _, conn = built
    articles = {r["source_file"]: r for r in rows(conn, "from marts.articles")}
    assert sorted(articles) == ["01_release.txt", "02_founding.txt", "05_big5.txt"]
    release = articles["01_release.txt"]
    assert release["title"] == "阿里巴巴发布新一代编程模型"
    assert release["outlet"] == "示例科技网"
    assert release["published_at"] == datetime(2025, 7, 23, 10, 30)
    assert release["published_precision"] == "minute"
    assert "Qwen3-Coder" in release["body"]
    assert "快速发布需求" not in release["body"]
    founding = articles["02_founding.txt"]
    assert founding["authors"] == ["李明"]
    assert founding["published_at"] is None
    traditional = articles["05_big5.txt"]
    assert traditional["script"] == "hant"
    assert "王坚" in traditional["body"] and "王堅" in traditional["body_original"]


def test_mentions_resolve_to_canonical_entities_across_scripts(built):
    _, conn = built
    wang = rows(conn, "from marts.entities where name = '王坚'")
    assert len(wang) == 1
    assert {"王坚", "王堅"} <= set(wang[0]["aliases"])
    assert wang[0]["entity_type"] == "PERSON"
    assert wang[0]["article_count"] == 2
    alibaba = rows(conn, "from marts.entities where name = '阿里巴巴'")
    assert len(alibaba) == 1 and alibaba[0]["entity_type"] == "ORG"
    # the duplicate file is not counted again
    assert alibaba[0]["article_count"] == 1
    bad = rows(
        conn,
        "select m.* from marts.mentions m join marts.articles a using (article_id) "
        "where substring(a.body, m.start_char + 1, m.end_char - m.start_char) != m.surface",
    )
    assert bad == []


def test_events_are_typed_dated_and_linked_to_their_actors(built):
    _, conn = built
    releases = rows(
        conn,
        "select e.*, em.trigger as mention_trigger from marts.events e "
        "join marts.event_mentions em using (event_id) where e.event_type = '产品行为-发布'",
    )
    dated = [r for r in releases if r["event_date"] == date(2025, 7, 23)]
    assert dated and dated[0]["event_date_precision"] == "day"
    foundings = rows(conn, "from marts.events where event_type = '组织关系-成立'")
    assert any(
        r["event_date"] == date(2023, 7, 1) and r["event_date_precision"] == "month" for r in foundings
    )
    alibaba_id = conn.execute("select entity_id from marts.entities where name = '阿里巴巴'").fetchone()[0]
    assert any(alibaba_id in r["actors"] for r in releases)


def test_the_build_log_file_carries_no_colour_codes(fixture_build):
    summary, _, _ = fixture_build
    log = summary.log_path.read_text(encoding="utf-8")
    assert "dbt" in log and "OK created" in log  # dbt's own lines are there
    assert "\x1b[" not in log
