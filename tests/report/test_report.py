"""The report library on a tiny hand-made marts schema: what it picks, how it draws, that it is offline."""

import re
from datetime import date

import duckdb
import pytest

from pipelines.report import (
    TimelineEvent,
    force_layout,
    load_report,
    markdown_table,
    render_html,
    write_report,
)
from pipelines.report.html import event_span

MARTS = """
create schema marts;
create table marts.articles (article_id varchar, outlet varchar, is_duplicate boolean, title varchar,
    published_at timestamp, source_file varchar, article_index integer, body varchar);
create table marts.entities (entity_id varchar, name varchar, entity_type varchar, mention_count integer,
    article_count integer, aliases varchar[]);
create table marts.event_mentions (event_mention_id varchar, event_id varchar, article_id varchar,
    arguments struct(role varchar, argument varchar, entity_id varchar)[]);
create table marts.events (event_id varchar, event_type varchar, trigger varchar, event_date date,
    event_date_precision varchar, actors varchar[], num_articles integer, evidence varchar,
    first_reported_at timestamp);
create table marts.entity_pairs (entity_id_a varchar, entity_id_b varchar, article_count integer,
    sentence_count integer);
insert into marts.articles values
    ('a1', '示例网', false, '阿里巴巴发布新模型', '2025-07-24 10:00', 'a.txt', 0, '阿里巴巴发布了模型。'),
    ('a2', null, false, null, null, 'b.txt', 0, '王坚出任主任。'),
    ('a3', '示例网', true, '阿里巴巴发布新模型', '2025-07-25', 'c.txt', 0, '阿里巴巴发布了模型。');
insert into marts.entities values
    ('org_a', '阿里巴巴', 'ORG', 9, 2, ['阿里巴巴', 'Alibaba', '阿里']),
    ('per_w', '王坚', 'PERSON', 4, 2, ['王坚']),
    ('org_x', '<x>公司', 'ORG', 1, 1, []), ('loc_h', '杭州', 'LOCATION', 0, 0, ['杭州']);
insert into marts.event_mentions values
    ('a1-e0', 'e1', 'a1', [{'role': '发布方', 'argument': '阿里巴巴', 'entity_id': 'org_a'}]),
    ('a3-e0', 'e1', 'a3', [{'role': '发布方', 'argument': '阿里巴巴', 'entity_id': 'org_a'}]),
    ('a2-e0', 'e4', 'a2', [{'role': '任职者', 'argument': '王坚', 'entity_id': 'per_w'}]);
insert into marts.events values
    ('e1', '产品行为-发布', '发布', '2025-07-23', 'day', ['org_a'], 1, '阿里巴巴发布了模型。', null),
    ('e2', '组织关系-成立', '成立', '2023-07-01', 'month', ['org_a', 'per_w'], 2, '成立。', null),
    ('e3', '财经/交易-融资', '融资', null, null, ['org_a'], 1, '完成融资。', null),
    ('e4', '组织关系-任职', '出任', '2024-01-01', 'year', ['per_w'], 1, '王坚出任主任。', null);
insert into marts.entity_pairs values ('org_a', 'per_w', 2, 1), ('org_a', 'org_x', 1, 1);
"""


@pytest.fixture
def warehouse(tmp_path):
    path = tmp_path / "news.duckdb"
    with duckdb.connect(str(path)) as conn:
        conn.execute(MARTS)
    return path


def test_timelines_go_to_the_entities_in_the_most_events_with_dated_events_first(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        report = load_report(conn)
    assert (report.articles, report.entities, report.events, report.outlets) == (2, 4, 4, 1)
    assert [t.name for t in report.timelines] == ["阿里巴巴", "王坚"]
    alibaba = report.timelines[0]
    assert [e.event_id for e in alibaba.events] == ["e2", "e1", "e3"]
    assert [e.event_id for e in alibaba.dated] == ["e2", "e1"]


def test_the_network_leaves_out_unmentioned_entities_and_keeps_the_strongest_pairs_among_its_nodes(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        report = load_report(conn, max_nodes=2)
        assert [n.name for n in report.nodes] == ["阿里巴巴", "王坚"]
        assert [(e.source, e.target) for e in report.edges] == [("org_a", "per_w")]
        strongest = load_report(conn, max_edges=1)
    assert [(e.source, e.target, e.article_count) for e in strongest.edges] == [("org_a", "per_w", 2)]
    assert [n.name for n in strongest.nodes] == ["阿里巴巴", "王坚"]  # <x>公司 lost its only link


def test_a_date_stands_for_its_day_month_or_year():
    def event(d, precision):
        return TimelineEvent("e", "t-x", "x", d, precision, 1, "")

    assert event_span(event(date(2025, 7, 23), "day")) == (date(2025, 7, 23), date(2025, 7, 23))
    assert event_span(event(date(2023, 12, 1), "month")) == (date(2023, 12, 1), date(2024, 1, 1))
    assert event_span(event(date(2024, 1, 1), "year")) == (date(2024, 1, 1), date(2025, 1, 1))


def test_the_page_is_self_contained_and_escapes_names(warehouse, tmp_path):
    out = tmp_path / "out" / "report.html"
    stats = write_report(warehouse, out)
    page = out.read_text(encoding="utf-8")
    assert stats.path == out and stats.bytes == len(page.encode("utf-8"))
    assert (stats.timelines, stats.dated_events, stats.nodes, stats.edges) == (2, 3, 3, 2)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # nothing fetched from outside
    assert "<script src" not in page and "@import" not in page
    assert page.count("<svg") == 1 + 2 + 1  # axis, one lane per timeline, network
    assert "&lt;x&gt;公司" in page and "<x>公司" not in page
    assert "完成融资。" in page  # undated events are listed under their entity
    assert not list(out.parent.glob("*.tmp"))


def test_event_rows_have_a_header_and_link_to_their_articles(warehouse, tmp_path):
    out = tmp_path / "report.html"
    write_report(warehouse, out)
    page = out.read_text(encoding="utf-8")
    tables = re.findall(r'<table class="events">.*?</table>', page)
    assert tables and all("<thead><tr><th" in t and ">trigger</th>" in t for t in tables)
    # the short columns never wrap one character a line
    assert re.search(r"table\.events \.trigger \{ white-space: nowrap; \}", page)
    release = '<a href="#article-a1">阿里巴巴发布新模型</a> (示例网, 2025-07-24)'
    assert release in page and '<li id="article-a1">' in page
    assert '<a href="#article-a2">(untitled)</a> (outlet unknown, undated)' in page


def test_every_top_entity_has_a_page_found_by_any_alias(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        report = load_report(conn)
    page = render_html(report)
    cards = dict(re.findall(r'<section class="card" id="entity-([^"]+)" data-names="([^"]*)"', page))
    assert set(cards) == {"org_a", "per_w", "org_x"}  # mentioned at least once
    assert cards["org_a"].split("\n") == ["alibaba", "阿里", "阿里巴巴"]
    assert 'id="entity-search"' in page and "SEARCH" not in page
    alibaba = page[page.index('id="entity-org_a"') :].split("</section>")[0]
    assert "Also written: Alibaba、阿里" in alibaba
    assert "9 mentions in 2 articles; 3 events" in alibaba
    assert '<a href="#entity-per_w">王坚</a> (2)' in alibaba  # named with, linked to its own page


def test_an_empty_warehouse_still_gives_a_page(tmp_path):
    path = tmp_path / "empty.duckdb"
    with duckdb.connect(str(path)) as conn:
        conn.execute(MARTS.split("insert into")[0])
        report = load_report(conn)
    page = render_html(report)
    assert "No events with actors yet." in page and "No entities yet." in page


def test_the_layout_is_deterministic_inside_the_box_and_pulls_linked_nodes_together():
    nodes = ["a", "b", "c", "d", "e", "f"]
    edges = [("a", "b", 3.0), ("b", "c", 1.0), ("d", "e", 1.0)]
    first = force_layout(nodes, edges, width=100, height=50)
    assert first == force_layout(nodes, edges, width=100, height=50)
    assert all(0 <= x <= 100 and 0 <= y <= 50 for x, y in first.values())

    def distance(p, q):
        return ((first[p][0] - first[q][0]) ** 2 + (first[p][1] - first[q][1]) ** 2) ** 0.5

    assert distance("a", "b") < distance("a", "f")
    assert force_layout([], []) == {}
    assert force_layout(["only"], [], width=10, height=10) == {"only": (5, 5)}


def test_markdown_tables_keep_one_row_per_line_and_cut_long_values():
    table = markdown_table(
        ["name", "aliases"], [["阿|里", ["王坚", "王堅"]], ["x\ny", "a" * 50]], max_chars=10
    )
    assert table.splitlines() == [
        "| name | aliases |",
        "|---|---|",
        "| 阿\\|里 | 王坚, 王堅 |",
        "| x y | aaaaaaaaa… |",
    ]
