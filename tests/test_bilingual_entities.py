"""English names on bilingual pages join the entity of their Chinese translation (int_entity_translations)."""

import duckdb
import pytest

from tests.conftest import build_from
from tests.paths import REPO_ROOT

FIXTURE = REPO_ROOT / "tests" / "fixtures" / "bilingual"


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory, dbt_manifest):
    summary, path = build_from(tmp_path_factory.mktemp("bilingual"), FIXTURE)
    conn = duckdb.connect(str(path), read_only=True)
    yield summary, conn
    conn.close()


def entity_of(conn, surface: str) -> set[str]:
    return {
        r[0]
        for r in conn.execute("select entity_id from marts.mentions where surface = ?", [surface]).fetchall()
    }


def test_the_bilingual_build_passes_its_checks(bilingual):
    summary, conn = bilingual
    assert summary.run_ok
    assert [name for name, severity, _ in summary.checks_failed if severity == "ERROR"] == []
    languages = conn.execute("select languages from marts.articles").fetchone()[0]
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
