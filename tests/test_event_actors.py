"""events.actors follows the actor flags of pipelines/text/data/events/roles.csv (issue 13): an organisation
named as the venue (地点) of a 组织行为-举办 is an argument but no actor; its host (举办方) is one."""

import os
import time

import duckdb
import pytest

from pipelines import ingest, seed_folder
from tests.properties.dbt_models import ModelBuilder

# the extractor gives 华为 as 举办方 and 北京大学, recognised as an ORG, as 地点
TEXT = "华为举办开发者大会\n\n来源:示例网 | 2025-03-06\n\n3月5日，华为在北京大学举办了开发者大会。\n"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    builder = ModelBuilder(tmp_path_factory.mktemp("dbt"))
    try:
        folder = tmp_path_factory.mktemp("actors")
        seeds = folder / "seeds"
        seeds.mkdir()
        path = seeds / "a.txt"
        path.write_text(TEXT, encoding="utf-8")
        settled = time.time() - 10_000  # older than a copy in progress
        os.utime(path, (settled, settled))
        database = builder.copy_template(folder / "warehouse")
        with duckdb.connect(str(database)) as conn:
            ingest.ingest_files(conn, seeds, seed_folder.list_seed_files(seeds))
        builder.build(database)  # incremental, after the template's empty build
        with duckdb.connect(str(database), read_only=True) as conn:
            yield conn
    finally:
        builder.close()


def entity_ids(conn, sql: str) -> list[str]:
    return [row[0] for row in conn.execute(sql).fetchall()]


@pytest.mark.processes
def test_an_organisation_in_a_place_role_is_an_argument_but_no_actor(warehouse):
    roles = warehouse.execute(
        "select a.role, e.name, e.entity_type from marts.event_mentions em, unnest(em.arguments) as t(a) "
        "join marts.entities e on e.entity_id = a.entity_id where em.event_type = '组织行为-举办'"
    ).fetchall()
    assert sorted(roles) == [("举办方", "华为", "ORG"), ("地点", "北京大学", "ORG")]
    host = entity_ids(warehouse, "select entity_id from marts.entities where name = '华为'")
    venue = entity_ids(warehouse, "select entity_id from marts.entities where name = '北京大学'")
    events = "select actors from marts.events where event_type = '组织行为-举办'"
    assert warehouse.execute(events).fetchall() == [(host,)]
    mentions = entity_ids(warehouse, "select unnest(actors) from marts.event_mentions")
    assert venue[0] not in mentions and host[0] in mentions
