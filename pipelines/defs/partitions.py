"""The partitions of `raw/documents`: a fixed set of hash buckets of the seed file names.

One partition per file (a dynamic partition, as earlier versions had) grows without bound and costs
Dagster event-log writes per file; BUCKET_COUNT static buckets stay the same size for any archive, and a
bucket is still a slice of files a user can re-run from the UI. Which files a bucket holds, and which of
them changed, is decided by the files' names and the raw tables' record of their bytes (README:
"Partitions"). Instances that still hold the old per-file partitions are migrated by
pipelines.instance.migrate_per_file_partitions.
"""

import dagster as dg

from pipelines.buckets import bucket_keys

seed_buckets = dg.StaticPartitionsDefinition(bucket_keys())


def range_tags(start: str, end: str) -> dict[str, str]:
    """The run tags that target the buckets from `start` to `end` (one run for a range)."""
    return {"dagster/asset_partition_range_start": start, "dagster/asset_partition_range_end": end}


def all_buckets_tags() -> dict[str, str]:
    keys = seed_buckets.get_partition_keys()
    return range_tags(keys[0], keys[-1])
