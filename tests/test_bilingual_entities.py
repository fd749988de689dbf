"""English names on bilingual pages join the entity of their Chinese translation (int_entity_translations).
The bilingual page is built with the seeds (tests/conftest.py: built_seeds)."""

import duckdb
import pytest

PAGE = "01_bilingual.txt"  # tests/fixtures/bilingual


@pytest.fixture(scope="module")
def bilingual(built_seeds):
    summary, path = built_seeds
    conn = duckdb.connect(str(path), read_only=True)
    yield summary, conn
    conn.close()


def entity_of(conn, surface: str) -> set[str]:
    """The entities of the page's mentions written `surface`."""
    sql = """
        select m.entity_id from marts.mentions as m inner join marts.articles as a using (article_id)
        where m.surface = ? and a.source_file = ?
    """
    return {r[0] for r in conn.execute(sql, [surface, PAGE]).fetchall()}


def test_the_bilingual_build_passes_its_checks(bilingual):
    summary, conn = bilingual
    assert summary.run_ok
    assert [name for name, severity, _ in summary.checks_failed if severity == "ERROR"] == []
    sql = "select languages from marts.articles where source_file = ?"
    (languages,) = conn.execute(sql, [PAGE]).fetchone()
    assert sorted(languages) == ["en", "zh"]


@pytest.mark.parametrize(
    ("english", "chinese"),
    [("Zhang Mingyuan", "张明远"), ("Zhang", "张明远"), ("Rachel Kwon", "权瑞秋")],
)
def test_an_english_name_shares_the_entity_of_its_translation(bilingual, english, chinese):
    _, conn = bilingual
    english_ids, chinese_ids = entity_of(conn, english), entity_of(conn, chinese)
    assert len(chinese_ids) == 1
    assert english_ids == chinese_ids


def test_the_joined_entity_is_named_in_chinese_and_lists_both_forms(bilingual):
    _, conn = bilingual
    (entity_id,) = entity_of(conn, "张明远")
    name, entity_type, aliases = conn.execute(
        "select name, entity_type, aliases from marts.entities where entity_id = ?", [entity_id]
    ).fetchone()
    assert (name, entity_type) == ("张明远", "PERSON")
    assert {"张明远", "Zhang Mingyuan", "Zhang"} <= set(aliases)


def test_gazetteer_names_keep_their_entity(bilingual):
    _, conn = bilingual
    assert entity_of(conn, "Baidu") == entity_of(conn, "百度") == {"org_baidu"}
    # a place named on both sides by the gazetteer is not paired with anything else
    assert entity_of(conn, "Hangzhou") == entity_of(conn, "杭州")
