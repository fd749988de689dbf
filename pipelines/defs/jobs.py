"""Jobs: both rebuild the raw rows of their partitions (seed files) and then the marts."""

import dagster as dg

# Runs that write the warehouse queue behind each other (instance config: pipelines/instance.py).
WRITER_TAGS = {"news/warehouse": "writer"}
# In one process by default: the steps share one DuckDB file and run one after the other anyway. The
# multiprocess executor works too (every step that opens the file is in the warehouse_writer pool).
IN_PROCESS = {"execution": {"config": {"in_process": {}}}}

refresh_changed_files = dg.define_asset_job(
    "refresh_changed_files",
    selection=dg.AssetSelection.all(),
    description="Process the new, changed and deleted seed files of the run's partition range, then rebuild "
    "the marts. Launched by the seed folder sensor.",
    config=IN_PROCESS,
    tags=WRITER_TAGS,
)

full_refresh = dg.define_asset_job(
    "full_refresh",
    selection=dg.AssetSelection.all(),
    description="Re-process every seed file and rebuild the marts: the daily consistency sweep and the main "
    "command.",
    config=IN_PROCESS,
    tags=WRITER_TAGS,
)
