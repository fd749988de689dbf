"""The hash buckets partitioning raw/documents: stable, spread, and the migration from per-file partitions."""

import subprocess
import sys
from collections import Counter

import dagster as dg

from pipelines import buckets
from pipelines.instance import PER_FILE_PARTITIONS, migrate_per_file_partitions

RAW_DOCUMENTS = dg.AssetKey(["raw", "documents"])


def test_a_file_keeps_its_bucket_across_processes():
    """Python's hash() is salted per process: a bucket from it would move files between runs."""
    names = ["a.txt", "新闻/今天.txt", "a\\xff.txt"]
    code = f"from pipelines.buckets import bucket_of; print(' '.join(bucket_of(n) for n in {names!r}))"
    elsewhere = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert elsewhere.stdout.split() == [buckets.bucket_of(n) for n in names]


def test_keys_sort_in_bucket_order_and_every_file_has_one():
    keys = buckets.bucket_keys()
    assert len(keys) == buckets.BUCKET_COUNT and keys == sorted(keys)
    assert {buckets.bucket_of(f"doc_{i}.txt") for i in range(5000)} <= set(keys)


def test_files_spread_evenly_over_the_buckets():
    counts = Counter(buckets.bucket_of(f"news_{i:06d}.txt") for i in range(100_000))
    mean = 100_000 / buckets.BUCKET_COUNT
    assert len(counts) == buckets.BUCKET_COUNT
    assert max(counts.values()) < 1.5 * mean and min(counts.values()) > 0.5 * mean


def test_files_in_and_the_covering_range():
    names = [f"f{i}.txt" for i in range(50)]
    chosen = {buckets.bucket_of("f3.txt"), buckets.bucket_of("f7.txt")}
    inside = buckets.files_in(chosen, names)
    assert {"f3.txt", "f7.txt"} <= set(inside)
    assert all(buckets.bucket_of(n) in chosen for n in inside)
    assert buckets.covering_range(chosen) == (min(chosen), max(chosen))
    assert buckets.covering_range([]) is None


def test_an_instance_with_per_file_partitions_is_migrated_once():
    files = [f"doc_{i}.txt" for i in range(40)]
    never_built = "doc_7.txt"  # its run failed: its bucket stays unmaterialised
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions(PER_FILE_PARTITIONS, files)
        for name in files:
            if name != never_built:
                instance.report_runless_asset_event(dg.AssetMaterialization(RAW_DOCUMENTS, partition=name))
        done = migrate_per_file_partitions(instance)
        grouped = buckets.by_bucket(files)
        assert done == {"per_file_partitions": 40, "buckets_marked": len(grouped) - 1}
        assert instance.get_dynamic_partitions(PER_FILE_PARTITIONS) == []
        materialised = instance.get_materialized_partitions(RAW_DOCUMENTS)
        assert buckets.bucket_of(never_built) not in materialised
        assert set(grouped) - {buckets.bucket_of(never_built)} <= materialised
        # the per-file history is still there: each file's own materialisation
        assert set(files) - {never_built} <= materialised
        assert migrate_per_file_partitions(instance) == {}
