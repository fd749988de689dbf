"""The report asset: one self-contained HTML page drawn from the marts, next to the warehouse file."""

from pathlib import Path

import dagster as dg

from pipelines import report, settings


def report_path() -> Path:
    """Next to the warehouse file (warehouse/report.html by default)."""
    if settings.is_local_warehouse():
        return settings.warehouse_path().parent / "report.html"
    return settings.REPO_ROOT / "warehouse" / "report.html"


def readable_warehouse() -> str:
    """The published snapshot of a local warehouse; a shared service is read where it is."""
    return str(settings.warehouse_path()) if settings.is_local_warehouse() else settings.warehouse_location()


@dg.asset(
    key=["report", "news_report"],
    # the published snapshot: the marts are built and their blocking checks passed
    deps=[dg.AssetKey(["warehouse", "published"])],
    kinds={"html"},
    group_name="report",
    # It only reads (read-only, after publishing), but stays in the writers' pool so that no step of this
    # code location opens the file for writing while it reads.
    pool=settings.WAREHOUSE_POOL,
    description="A picture of the news for people who do not write SQL: an event timeline for the entities "
    "in the most events and a network of who is named with whom, as one HTML file (no network needed to "
    "open it) written next to the warehouse. Open the `report` link in the metadata.",
)
def news_report(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    stats = report.write_report(readable_warehouse(), report_path())
    context.log.info(f"report written to {stats.path}")
    return dg.MaterializeResult(
        metadata={
            "report": dg.MetadataValue.path(str(stats.path)),
            "open": dg.MetadataValue.url(stats.path.as_uri()),
            "size_bytes": stats.bytes,
            "entity_timelines": stats.timelines,
            "dated_events_drawn": stats.dated_events,
            "network_entities": stats.nodes,
            "network_links": stats.edges,
        }
    )
