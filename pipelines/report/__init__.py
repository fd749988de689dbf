"""A picture of the news: the marts as one self-contained HTML page (no Dagster, no network).

`load_report(conn)` reads what the page shows; `render_html(report)` draws it (inline SVG, a few lines of
inline JavaScript for hover highlighting); `write_report(warehouse, out)` does both on a read-only
connection.
"""

from pipelines.report.data import EntityTimeline, NetworkEdge, NetworkNode, Report, TimelineEvent, load_report
from pipelines.report.html import render_html
from pipelines.report.layout import force_layout
from pipelines.report.markdown import markdown_table
from pipelines.report.write import ReportStats, write_report

__all__ = [
    "EntityTimeline",
    "NetworkEdge",
    "NetworkNode",
    "Report",
    "ReportStats",
    "TimelineEvent",
    "force_layout",
    "load_report",
    "markdown_table",
    "render_html",
    "write_report",
]
