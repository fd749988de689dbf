"""`python -m pipelines entity NAME`: one entity by any of its names, over the published warehouse."""

import os
import subprocess
import sys

import pytest

from pipelines.lookup import events_of_entities, find_entities, lookup, neighbours_of_entities
from tests.paths import REPO_ROOT


def entity_command(warehouse, name: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NEWS_WAREHOUSE": str(warehouse)}
    return subprocess.run(
        [sys.executable, "-m", "pipelines", "entity", name],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("name", ["阿里巴巴", "Alibaba", "阿里", "阿里巴巴集團", "ALIBABA GROUP"])
def test_any_alias_finds_the_canonical_entity(built, name):
    _, conn = built
    card, matches = lookup(conn, name)
    assert matches[0].exact, matches
    assert (card.name, card.entity_type) == ("阿里巴巴", "ORG")


def test_a_part_of_a_name_finds_the_names_containing_it_most_mentioned_first(built):
    _, conn = built
    matches = find_entities(conn, "深度")
    assert matches and not matches[0].exact
    assert matches[0].name == "深度求索"
    assert lookup(conn, "no such name anywhere")[0] is None


def test_the_card_has_aliases_counts_dated_events_with_their_articles_and_neighbours(built):
    _, conn = built
    card, _ = lookup(conn, "Alibaba")
    assert card.mention_count > 0 and card.article_count > 0
    assert card.name not in card.aliases
    dated = [e.event_date for e in card.events if e.event_date]
    assert dated == sorted(dated) and card.events[: len(dated)] == [e for e in card.events if e.event_date]
    release = next(e for e in card.events if e.event_type == "产品行为-发布" and e.trigger == "发布")
    assert "阿里巴巴发布了编程模型" in release.evidence
    assert [a.title for a in release.articles][0] == "阿里巴巴发布新一代编程模型"
    assert release.articles[0].outlet == "示例科技网"
    names = [n.name for n in card.neighbours]
    assert "王坚" in names
    counts = [(n.article_count, n.sentence_count) for n in card.neighbours]
    assert counts == sorted(counts, reverse=True)


def test_the_events_of_many_entities_at_once_are_each_ones_own(built):
    """The report looks up the events of all its cards in one query: each entity gets exactly the events it
    is an actor or a named argument of, as a query of its own finds them."""
    _, conn = built
    ids = [entity_id for (entity_id,) in conn.execute("select entity_id from marts.entities").fetchall()]
    together = events_of_entities(conn, ids)
    assert sum(map(len, together.values())) > 0
    for entity_id in ids:
        own = conn.execute(
            """
            select event_id from marts.events where list_contains(actors, $e)
            union
            select m.event_id from marts.event_mentions as m, unnest(m.arguments) as t (a)
            where t.a.entity_id = $e
            """,
            {"e": entity_id},
        ).fetchall()
        assert sorted(e.event_id for e in together[entity_id]) == sorted(r[0] for r in own)
        assert together[entity_id] == events_of_entities(conn, [entity_id])[entity_id]


def test_the_neighbours_of_many_entities_at_once_are_each_ones_own(built):
    _, conn = built
    ids = [entity_id for (entity_id,) in conn.execute("select entity_id from marts.entities").fetchall()]
    together = neighbours_of_entities(conn, ids, limit=3)
    assert any(len(found) == 3 for found in together.values())
    for entity_id in ids:
        pairs = conn.execute(
            """
            select case when entity_id_a = $e then entity_id_b else entity_id_a end, article_count,
                sentence_count
            from marts.entity_pairs where $e in (entity_id_a, entity_id_b)
            """,
            {"e": entity_id},
        ).fetchall()
        found = together[entity_id]
        assert len(found) == min(3, len(pairs))
        assert {n.entity_id for n in found} <= {p[0] for p in pairs}
        best = sorted(((p[1], p[2]) for p in pairs), reverse=True)[: len(found)]
        assert [(n.article_count, n.sentence_count) for n in found] == best


def test_the_command_prints_the_card(fixture_build):
    _, warehouse, _ = fixture_build
    result = entity_command(warehouse, "阿里")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("阿里巴巴 (ORG, ")
    for expected in (
        "aliases:",
        "Events (in date order",
        "产品行为-发布",
        "2025-07-23 day",
        "in: 阿里巴巴发布新一代编程模型 (示例科技网, 2025-07-23)",
        "Most often mentioned with it:",
        "王坚",
    ):
        assert expected in out, expected
    missing = entity_command(warehouse, "无此实体XYZ")
    assert missing.returncode == 1 and "no entity" in missing.stderr


def test_the_command_never_writes_the_warehouse(fixture_build):
    _, warehouse, _ = fixture_build
    before = warehouse.stat().st_mtime_ns
    assert entity_command(warehouse, "王坚").returncode == 0
    assert warehouse.stat().st_mtime_ns == before
