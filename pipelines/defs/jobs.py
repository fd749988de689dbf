"""Jobs: both rebuild the raw rows of their partitions (seed files) and then the marts."""

import dagster as dg
from dagster._core.definitions.executor_definition import (
    IN_PROC_CONFIG,
    MULTI_PROC_CONFIG,
    multi_or_in_process_executor,
)

# Runs that write the warehouse queue behind each other (instance config: pipelines/instance.py).
WRITER_TAGS = {"news/warehouse": "writer"}
# The run config that selects one process explicitly (the default anyway, see below).
IN_PROCESS = {"execution": {"config": {"in_process": {}}}}

# Dagster's default executor with the other default: one process unless the run config asks for
# `multiprocess`. The steps share one DuckDB file and take turns anyway, and a step process costs about
# 15 s to start on 2 cores. A default set as job config would be dropped by a run launched from the UI
# or GraphQL with an empty config; the executor's own default is not. The multiprocess executor still
# works (every step that opens the file is in the warehouse_writer pool).
one_process_by_default = dg.ExecutorDefinition(
    name="in_process_by_default",
    config_schema=dg.Field(
        dg.Selector({"in_process": IN_PROC_CONFIG, "multiprocess": MULTI_PROC_CONFIG}),
        default_value={"in_process": {}},
    ),
    executor_creation_fn=multi_or_in_process_executor.executor_creation_fn,
    requirements=multi_or_in_process_executor.get_requirements,
    description="All steps in one process unless the run config selects multiprocess.",
)

# The sensor's runs leave out the models group: the shipped models do not change when a file lands, and
# scoring them on the gold (about 5 s) would stand between the file and its rows. The main command's and
# the daily sweep's full_refresh run them and their checks.
refresh_changed_files = dg.define_asset_job(
    "refresh_changed_files",
    selection=dg.AssetSelection.all() - dg.AssetSelection.groups("models"),
    description="Process the new, changed and deleted seed files of the run's partition range, then rebuild "
    "the marts. Launched by the seed folder sensor; the models and their gold checks run in full_refresh.",
    executor_def=one_process_by_default,
    tags=WRITER_TAGS,
)

full_refresh = dg.define_asset_job(
    "full_refresh",
    selection=dg.AssetSelection.all(),
    description="Re-process every seed file and rebuild the marts: the daily consistency sweep and the main "
    "command.",
    executor_def=one_process_by_default,
    tags=WRITER_TAGS,
)


@dg.definitions
def default_executor() -> dg.Definitions:
    """The same default for Dagster's implicit asset job, which the UI's Materialize button launches."""
    return dg.Definitions(executor=one_process_by_default)
