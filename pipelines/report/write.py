"""The report file: read the marts read-only, write one HTML file next to the warehouse."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.report.data import load_report
from pipelines.report.html import render_html


@dataclass(frozen=True)
class ReportStats:
    """What was written, for the asset's metadata."""

    path: Path
    bytes: int
    timelines: int
    dated_events: int
    nodes: int
    edges: int


def write_report(
    warehouse: Path, out: Path, *, title: str = "新闻概览 · A picture of the news"
) -> ReportStats:
    """Reads the marts of `warehouse` (a DuckDB file or a `md:` location) read-only and writes `out`."""
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        report = load_report(conn)
    page = render_html(report, title=title)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(out)  # a reader never sees half a page
    return ReportStats(
        path=out,
        bytes=len(page.encode("utf-8")),
        timelines=len(report.timelines),
        dated_events=len({e.event_id for t in report.timelines for e in t.dated}),
        nodes=len(report.nodes),
        edges=len(report.edges),
    )
