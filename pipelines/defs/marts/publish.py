"""Publishing: analysts query a snapshot that changes only when a refresh has fully succeeded."""

from pathlib import Path

import dagster as dg

from pipelines import settings, warehouse


@dg.asset(
    key=["warehouse", "published"],
    deps=[dg.AssetKey(["marts", mart]) for mart in warehouse.MARTS],
    group_name="warehouse",
    kinds={"duckdb"},
    pool=settings.WAREHOUSE_POOL,
    description="The warehouse analysts query (NEWS_WAREHOUSE, warehouse/news.duckdb by default): a copy of "
    "the working warehouse, swapped in by an atomic rename once the marts are built and their blocking "
    "checks passed. Open read-only sessions keep their snapshot and never block a refresh.",
)
def published_warehouse(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    if not settings.is_local_warehouse():
        context.log.info("shared warehouse: written in place, nothing to publish")
        return dg.MaterializeResult(metadata={"location": settings.warehouse_location()})
    size = warehouse.publish(Path(settings.working_warehouse()), settings.warehouse_path())
    return dg.MaterializeResult(
        metadata={"path": dg.MetadataValue.path(str(settings.warehouse_path())), "size_bytes": size}
    )
