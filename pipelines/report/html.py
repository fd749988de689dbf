"""The report as one self-contained HTML page: inline CSS, inline SVG, a few lines of inline JavaScript."""

from __future__ import annotations

import math
from datetime import date
from html import escape

from pipelines.lookup import ArticleRef, EntityCard, plural
from pipelines.report.data import ArticleSummary, EntityTimeline, Report, TimelineEvent
from pipelines.report.layout import force_layout

ENTITY_COLOURS = {
    "PERSON": "#d95f02",
    "ORG": "#1b9e77",
    "LOCATION": "#7570b3",
    "PRODUCT": "#e7298a",
    "EVENT": "#66a61e",
    "WORK": "#e6ab02",
    "OTHER": "#777777",
}
# Event types are "family-subtype" (产品行为-发布): one colour per family.
FAMILY_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

LANE_WIDTH = 860
LABEL_WIDTH = 150
LANE_HEIGHT = 26
NETWORK_WIDTH = 1000
NETWORK_HEIGHT = 640

CSS = """
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2em auto;
       max-width: 1060px; color: #222; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
.stats span { display: inline-block; margin-right: 2em; font-size: 1.1em; }
.stats b { font-size: 1.5em; }
.legend span { display: inline-block; margin-right: 1.2em; font-size: .9em; }
.legend i { display: inline-block; width: .9em; height: .9em; margin-right: .3em; vertical-align: -.1em; }
.lane text { font-size: 13px; }
.axis text { font-size: 11px; fill: #666; }
details { margin: 0 0 .6em 150px; font-size: .85em; }
table.events { border-collapse: collapse; font-size: .85em; margin: .3em 0 .8em; }
table.events th { text-align: left; border-bottom: 1px solid #ccc; padding: 2px 8px 2px 0; }
table.events td { padding: 2px 8px 2px 0; vertical-align: top; border-bottom: 1px solid #f0f0f0; }
/* short cells never wrap a character a line; the evidence and the article take the rest */
table.events .date, table.events .precision, table.events .type,
table.events .trigger { white-space: nowrap; }
table.events .evidence { min-width: 18em; }
#entity-search { font-size: 1em; padding: .3em .5em; width: 22em; }
.card { border-top: 1px solid #eee; padding: .4em 0; }
.card h3 { margin: .3em 0; font-size: 1.1em; }
.card .aliases, .card .counts, .card .with { font-size: .9em; margin: .2em 0; }
.articles li { margin-bottom: .5em; font-size: .9em; }
.articles .opening { color: #555; }
svg .node text { font-size: 12px; pointer-events: none; }
svg .dim { opacity: .12; }
.note { color: #666; font-size: .9em; }
"""

SEARCH_SCRIPT = """
(function () {
  var box = document.getElementById('entity-search');
  if (!box) { return; }
  var cards = document.querySelectorAll('#entities .card');
  var none = document.getElementById('no-entity');
  box.addEventListener('input', function () {
    var q = box.value.trim().toLowerCase(), shown = 0;
    cards.forEach(function (card) {
      var match = !q || card.dataset.names.split('\\n').some(function (n) { return n.indexOf(q) >= 0; });
      card.hidden = !match; shown += match ? 1 : 0;
    });
    none.hidden = shown > 0;
  });
})();
"""

SCRIPT = """
document.querySelectorAll('#network .node').forEach(function (node) {
  var id = node.dataset.id;
  node.addEventListener('mouseenter', function () {
    var near = {}; near[id] = true;
    document.querySelectorAll('#network .edge').forEach(function (e) {
      var linked = e.dataset.a === id || e.dataset.b === id;
      if (linked) { near[e.dataset.a] = true; near[e.dataset.b] = true; }
      e.classList.toggle('dim', !linked);
    });
    document.querySelectorAll('#network .node').forEach(function (n) {
      n.classList.toggle('dim', !near[n.dataset.id]);
    });
  });
  node.addEventListener('mouseleave', function () {
    document.querySelectorAll('#network .dim').forEach(function (e) { e.classList.remove('dim'); });
  });
});
"""


def family(event_type: str) -> str:
    return event_type.split("-", 1)[0]


def family_colours(report: Report) -> dict[str, str]:
    families = sorted({family(e.event_type) for t in report.timelines for e in t.events})
    return {f: FAMILY_COLOURS[i % len(FAMILY_COLOURS)] for i, f in enumerate(families)}


def event_span(event: TimelineEvent) -> tuple[date, date]:
    """The stretch of time the date stands for: a day, its month or its year."""
    d = event.event_date
    if event.precision == "year":
        return date(d.year, 1, 1), date(d.year + 1, 1, 1)
    if event.precision == "month":
        return date(d.year, d.month, 1), date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return d, d


def time_axis(report: Report) -> tuple[date, date] | None:
    spans = [event_span(e) for t in report.timelines for e in t.dated]
    if not spans:
        return None
    start = date(min(s for s, _ in spans).year, 1, 1)
    end = date(max(e for _, e in spans).year + 1, 1, 1)
    return start, end


def _x(day: date, axis: tuple[date, date]) -> float:
    start, end = axis
    return LABEL_WIDTH + (day - start).days / max((end - start).days, 1) * (LANE_WIDTH - LABEL_WIDTH - 10)


def _tooltip(event: TimelineEvent) -> str:
    when = f"{event.event_date} ({event.precision})" if event.event_date else "undated"
    return f"{when} · {event.event_type} · {event.trigger}\n{event.evidence[:120]}"


def render_axis(axis: tuple[date, date]) -> str:
    start, end = axis
    years = list(range(start.year, end.year + 1))
    step = max(1, math.ceil(len(years) / 12))
    ticks = []
    for year in years[::step]:
        x = _x(date(year, 1, 1), axis)
        anchor = "end" if year == years[-1] else "middle"  # the last label stays inside the picture
        ticks.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="6" stroke="#999"/>'
            f'<text x="{x:.1f}" y="18" text-anchor="{anchor}">{year}</text>'
        )
    return (
        f'<svg class="axis" width="{LANE_WIDTH}" height="22" role="img" aria-label="years">'
        f'<line x1="{LABEL_WIDTH}" y1="0" x2="{LANE_WIDTH - 10}" y2="0" stroke="#999"/>'
        + "".join(ticks)
        + "</svg>"
    )


def render_lane(
    timeline: EntityTimeline,
    axis: tuple[date, date] | None,
    colours: dict[str, str],
    articles_of: dict[str, list[ArticleRef]] | None = None,
) -> str:
    mid = LANE_HEIGHT / 2
    parts = [
        f'<svg class="lane" width="{LANE_WIDTH}" height="{LANE_HEIGHT}" role="img" '
        f'aria-label="{escape(timeline.name)}">',
        f'<text x="0" y="{mid + 4}" fill="{ENTITY_COLOURS.get(timeline.entity_type, "#777")}">'
        f"{escape(timeline.name)}</text>",
        f'<line x1="{LABEL_WIDTH}" y1="{mid}" x2="{LANE_WIDTH - 10}" y2="{mid}" stroke="#eee"/>',
    ]
    for event in timeline.dated if axis else []:
        colour = colours[family(event.event_type)]
        tip = f"<title>{escape(_tooltip(event))}</title>"
        start, end = event_span(event)
        if start == end:
            parts.append(
                f'<circle cx="{_x(start, axis):.1f}" cy="{mid}" r="5" fill="{colour}">{tip}</circle>'
            )
        else:
            x0, x1 = _x(start, axis), _x(end, axis)
            parts.append(
                f'<rect x="{x0:.1f}" y="{mid - 5}" width="{max(x1 - x0, 3):.1f}" height="10" rx="3" '
                f'fill="{colour}" fill-opacity="0.45" stroke="{colour}">{tip}</rect>'
            )
    parts.append("</svg>")
    undated = len(timeline.events) - len(timeline.dated)
    count = len(timeline.events)
    summary = f"{count} event{'' if count == 1 else 's'} ({len(timeline.dated)} dated, {undated} undated)"
    table = events_table(
        [
            (e.event_date, e.precision, e.event_type, e.trigger, e.evidence, e.event_id)
            for e in timeline.events
        ],
        articles_of or {},
    )
    parts.append(
        f'<details><summary><a href="#entity-{escape(timeline.entity_id)}">{escape(timeline.name)}</a>: '
        f"{summary}</summary>{table}</details>"
    )
    return "".join(parts)


def article_link(article: ArticleRef) -> str:
    when = article.published_at.date().isoformat() if article.published_at else "undated"
    title = escape(article.title or "(untitled)")
    outlet = escape(article.outlet or "outlet unknown")
    return f'<a href="#article-{escape(article.article_id)}">{title}</a> ({outlet}, {when})'


def events_table(
    rows: list[tuple], articles_of: dict[str, list[ArticleRef]], evidence_chars: int = 80
) -> str:
    """Events under a header row: (date, precision, type, trigger, evidence, event_id) each, linked to the
    articles that report them."""
    if not rows:
        return '<p class="note">No events.</p>'
    head = "".join(
        f'<th class="{c}">{label}</th>'
        for c, label in (
            ("date", "date"),
            ("precision", "precision"),
            ("type", "event type"),
            ("trigger", "trigger"),
            ("evidence", "evidence"),
            ("article", "reported in"),
        )
    )
    body = []
    for event_date, precision, event_type, trigger, evidence, event_id in rows:
        links = "<br>".join(article_link(a) for a in articles_of.get(event_id, []))
        body.append(
            f'<tr><td class="date">{escape(str(event_date) if event_date else "—")}</td>'
            f'<td class="precision">{escape(precision or "")}</td><td class="type">{escape(event_type)}</td>'
            f'<td class="trigger">{escape(trigger)}</td>'
            f'<td class="evidence">{escape(evidence[:evidence_chars])}</td>'
            f'<td class="article">{links}</td></tr>'
        )
    return f'<table class="events"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def render_card(card: EntityCard, articles_of: dict[str, list[ArticleRef]], carded: set[str]) -> str:
    names = "\n".join(sorted({card.name.lower(), *(a.lower() for a in card.aliases)}))
    neighbours = ", ".join(
        (
            f'<a href="#entity-{escape(n.entity_id)}">{escape(n.name)}</a>'
            if n.entity_id in carded
            else escape(n.name)
        )
        + f" ({n.article_count})"
        for n in card.neighbours
    )
    rows = [(e.event_date, e.precision, e.event_type, e.trigger, e.evidence, e.event_id) for e in card.events]
    return (
        f'<section class="card" id="entity-{escape(card.entity_id)}" data-names="{escape(names)}">'
        f"<h3>{escape(card.name)} <small>{escape(card.entity_type)}</small></h3>"
        f'<p class="aliases">Also written: {escape("、".join(card.aliases)) or "—"}</p>'
        f'<p class="counts">{plural(card.mention_count, "mention")} in '
        f"{plural(card.article_count, 'article')}; {plural(len(card.events), 'event')}</p>"
        f"{events_table(rows, articles_of)}"
        f'<p class="with">Named most often with: {neighbours or "—"}</p></section>'
    )


def render_entities(report: Report) -> str:
    if not report.cards:
        return '<p class="note">No entities yet.</p>'
    articles_of = report.articles_of()
    carded = {c.entity_id for c in report.cards}
    cards = "".join(render_card(c, articles_of, carded) for c in report.cards)
    return (
        '<p><input id="entity-search" type="search" aria-label="find an entity" '
        'placeholder="名称或别名 · a name or alias (阿里, Alibaba)"></p>'
        '<p id="no-entity" class="note" hidden>No entity on this page has that name; '
        "<code>python -m pipelines entity NAME</code> searches them all.</p>"
        f'<div id="entities">{cards}</div>'
    )


def render_articles(articles: list[ArticleSummary]) -> str:
    if not articles:
        return '<p class="note">No articles yet.</p>'
    items = []
    for a in articles:
        when = a.published_at.date().isoformat() if a.published_at else "undated"
        items.append(
            f'<li id="article-{escape(a.article_id)}"><b>{escape(a.title or "(untitled)")}</b> · '
            f"{escape(a.outlet or 'outlet unknown')} · {when} · <code>{escape(a.source_file)}</code><br>"
            f'<span class="opening">{escape(a.opening)}…</span></li>'
        )
    return f'<ol class="articles">{"".join(items)}</ol>'


def render_network(report: Report) -> str:
    if not report.nodes:
        return '<p class="note">No entities yet.</p>'
    ids = [n.entity_id for n in report.nodes]
    positions = force_layout(
        ids,
        [(e.source, e.target, float(e.article_count)) for e in report.edges],
        width=NETWORK_WIDTH - 90,  # room for the label right of the rightmost node
        height=NETWORK_HEIGHT,
    )
    heaviest = max((e.article_count for e in report.edges), default=1) or 1
    most = max(n.mention_count for n in report.nodes) or 1
    parts = [
        f'<svg id="network" width="{NETWORK_WIDTH}" height="{NETWORK_HEIGHT}" '
        f'viewBox="0 0 {NETWORK_WIDTH} {NETWORK_HEIGHT}" role="img" aria-label="co-mention network">'
    ]
    names = {n.entity_id: n.name for n in report.nodes}
    for edge in report.edges:
        (x1, y1), (x2, y2) = positions[edge.source], positions[edge.target]
        width = 0.5 + 4 * edge.article_count / heaviest
        tip = f"{names[edge.source]} — {names[edge.target]}: {edge.article_count} articles, "
        tip += f"{edge.sentence_count} sentences"
        parts.append(
            f'<line class="edge" data-a="{escape(edge.source)}" data-b="{escape(edge.target)}" '
            f'x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#9aa" '
            f'stroke-opacity="0.6" stroke-width="{width:.2f}"><title>{escape(tip)}</title></line>'
        )
    for node in report.nodes:
        x, y = positions[node.entity_id]
        radius = 4 + 14 * math.sqrt(node.mention_count / most)
        tip = f"{node.name} ({node.entity_type}): {node.mention_count} mentions"
        tip += f" in {node.article_count} articles"
        parts.append(
            f'<g class="node" data-id="{escape(node.entity_id)}"><title>{escape(tip)}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" '
            f'fill="{ENTITY_COLOURS.get(node.entity_type, "#777")}" stroke="#fff"/>'
            f'<text x="{x + radius + 2:.1f}" y="{y + 4:.1f}">{escape(node.name)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def legend(colours: dict[str, str]) -> str:
    return (
        '<p class="legend">'
        + "".join(f'<span><i style="background:{c}"></i>{escape(k)}</span>' for k, c in colours.items())
        + "</p>"
    )


def render_html(report: Report, *, title: str = "A picture of the news") -> str:
    colours = family_colours(report)
    axis = time_axis(report)
    articles_of = report.articles_of()
    lanes = "".join(render_lane(t, axis, colours, articles_of) for t in report.timelines)
    if not report.timelines:
        lanes = '<p class="note">No events with actors yet.</p>'
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{escape(title)}</title>
<style>{CSS}</style>
</head>
<body>
<h1>{escape(title)}</h1>
<p class="stats"><span><b>{report.articles}</b> articles</span><span><b>{report.outlets}</b> outlets</span>
<span><b>{report.entities}</b> entities</span><span><b>{report.events}</b> events</span></p>

<h2>Event timeline per entity</h2>
<p class="note">The {len(report.timelines)} entities that take part in the most events.
A dot is an event dated to the day; a bar covers the month or the year when the text gives no more.
Hover for the sentence; open a name for every event, undated ones included.</p>
{legend(colours)}
{render_axis(axis) if axis else ""}
{lanes}

<h2>Who is named with whom</h2>
<p class="note">The {len(report.nodes)} entities named in the most articles;
a line joins two of them named in the same article, thicker for more articles
(the {len(report.edges)} strongest links).
Hover over a name to see its neighbours.</p>
{legend(ENTITY_COLOURS)}
{render_network(report)}

<h2>Entities</h2>
<p class="note">The {len(report.cards)} entities above and the most mentioned ones: every name they are
written under, their events with the articles that report them, and who is named with them. Type a name or
an alias to find one.</p>
{render_entities(report)}

<h2>Articles</h2>
<p class="note">The articles the events above are reported in.</p>
{render_articles(report.linked_articles)}
<script>{SCRIPT}</script>
<script>{SEARCH_SCRIPT}</script>
</body>
</html>
"""
