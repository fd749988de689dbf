"""What the report shows, read from the marts into plain records."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from pipelines.lookup import ArticleRef, EntityCard, entity_card, events_of_entities, neighbours_of_entities


@dataclass(frozen=True)
class TimelineEvent:
    event_id: str
    event_type: str
    trigger: str
    event_date: date | None
    precision: str | None  # day, month, year or None when the text gives no date
    num_articles: int
    evidence: str


@dataclass(frozen=True)
class EntityTimeline:
    entity_id: str
    name: str
    entity_type: str
    mention_count: int
    events: list[TimelineEvent]

    @property
    def dated(self) -> list[TimelineEvent]:
        return [e for e in self.events if e.event_date is not None]


@dataclass(frozen=True)
class NetworkNode:
    entity_id: str
    name: str
    entity_type: str
    mention_count: int
    article_count: int


@dataclass(frozen=True)
class NetworkEdge:
    source: str  # entity_id
    target: str
    article_count: int
    sentence_count: int


@dataclass(frozen=True)
class ArticleSummary:
    """An article an event row links to: what it is and where it came from."""

    article_id: str
    title: str | None
    outlet: str | None
    published_at: datetime | None
    source_file: str
    opening: str  # the first characters of the body


@dataclass
class Report:
    articles: int
    entities: int
    events: int
    outlets: int
    timelines: list[EntityTimeline] = field(default_factory=list)
    nodes: list[NetworkNode] = field(default_factory=list)
    edges: list[NetworkEdge] = field(default_factory=list)
    cards: list[EntityCard] = field(default_factory=list)  # one page per top entity
    linked_articles: list[ArticleSummary] = field(default_factory=list)  # every article a card links to

    def articles_of(self) -> dict[str, list[ArticleRef]]:
        """event_id -> the articles reporting it, from the cards."""
        return {e.event_id: e.articles for card in self.cards for e in card.events}


def _scalar(conn, sql: str) -> int:
    return int(conn.execute(sql).fetchone()[0] or 0)


def load_cards(conn, report: Report, max_cards: int) -> None:
    """Entity pages for the timeline entities and the most mentioned ones, and the articles they cite."""
    ids = [t.entity_id for t in report.timelines]
    for (entity_id,) in conn.execute(
        """
        select entity_id from marts.entities
        where coalesce(mention_count, 0) > 0
        order by mention_count desc, article_count desc, name
        limit ?
        """,
        [max_cards],
    ).fetchall():
        if entity_id not in ids:
            ids.append(entity_id)
    events, neighbours = events_of_entities(conn, ids), neighbours_of_entities(conn, ids)
    report.cards = [
        entity_card(conn, entity_id, events=events[entity_id], neighbours_found=neighbours[entity_id])
        for entity_id in ids
    ]
    cited = sorted({a.article_id for card in report.cards for e in card.events for a in e.articles})
    report.linked_articles = [
        ArticleSummary(*row)
        for row in conn.execute(
            """
            select article_id, title, outlet, published_at, source_file, left(body, 160)
            from marts.articles
            where list_contains(?, article_id)
            order by published_at nulls last, source_file, article_index
            """,
            [cited],
        ).fetchall()
    ]


def _headline_counts(conn) -> Report:
    """The report's first line: articles (duplicates not counted twice), entities, events, outlets."""
    return Report(
        articles=_scalar(conn, "select count(*) from marts.articles where not is_duplicate"),
        entities=_scalar(conn, "select count(*) from marts.entities"),
        events=_scalar(conn, "select count(*) from marts.events"),
        outlets=_scalar(conn, "select count(distinct outlet) from marts.articles"),
    )


def _events_of(conn, entity_id: str) -> list[TimelineEvent]:
    """The events an entity is an actor in, dated ones first in date order: a timeline reads left to right."""
    return [
        TimelineEvent(*row)
        for row in conn.execute(
            """
            select event_id, event_type, coalesce(trigger, ''), event_date, event_date_precision,
                coalesce(num_articles, 0), coalesce(evidence, '')
            from marts.events
            where list_contains(actors, ?)
            order by event_date nulls last, first_reported_at nulls last, event_id
            """,
            [entity_id],
        ).fetchall()
    ]


def load_timelines(conn, report: Report, max_timelines: int) -> None:
    """Timelines for the entities that are actors in the most events: they have the most story to tell."""
    actors = conn.execute(
        """
        with actor_events as (
            select unnest(actors) as entity_id, event_id from marts.events
        )
        select n.entity_id, n.name, n.entity_type, n.mention_count, count(distinct a.event_id) as events
        from actor_events as a
        join marts.entities as n using (entity_id)
        group by all
        order by events desc, n.mention_count desc, n.name
        limit ?
        """,
        [max_timelines],
    ).fetchall()
    for entity_id, name, entity_type, mention_count, _ in actors:
        events = _events_of(conn, entity_id)
        report.timelines.append(EntityTimeline(entity_id, name, entity_type, mention_count or 0, events))


def load_network(conn, report: Report, max_nodes: int, max_edges: int) -> None:
    """The most mentioned entities and the strongest links between them (most articles, then most
    sentences together): with every pair drawn, a few long articles would join everything to everything."""
    report.nodes = [
        NetworkNode(*row)
        for row in conn.execute(
            """
            select entity_id, name, entity_type, coalesce(mention_count, 0), coalesce(article_count, 0)
            from marts.entities
            where coalesce(mention_count, 0) > 0
            order by article_count desc, mention_count desc, name
            limit ?
            """,
            [max_nodes],
        ).fetchall()
    ]
    ids = [n.entity_id for n in report.nodes]
    edges = [
        NetworkEdge(*row)
        for row in conn.execute(
            """
            select entity_id_a, entity_id_b, article_count, sentence_count
            from marts.entity_pairs
            where list_contains(?, entity_id_a) and list_contains(?, entity_id_b)
            order by article_count desc, sentence_count desc, entity_id_a, entity_id_b
            limit ?
            """,
            [ids, ids, max_edges],
        ).fetchall()
    ]
    report.edges = edges
    if edges:  # a name with no link left would only float at the edge of the picture
        linked = {e.source for e in edges} | {e.target for e in edges}
        report.nodes = [n for n in report.nodes if n.entity_id in linked]


def load_report(
    conn, *, max_timelines: int = 12, max_nodes: int = 30, max_edges: int = 80, max_cards: int = 40
) -> Report:
    """Reads the marts through a DuckDB connection (read-only is enough).

    Timelines go to the entities that are actors in the most events; the network shows the most mentioned
    entities and the strongest links between them; the cards follow the timelines (`load_cards`).
    """
    report = _headline_counts(conn)
    load_timelines(conn, report, max_timelines)
    load_network(conn, report, max_nodes, max_edges)
    load_cards(conn, report, max_cards)
    return report
