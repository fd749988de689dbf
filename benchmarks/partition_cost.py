"""What Dagster's bookkeeping costs per partition: one run over every partition, then one over one.

    .venv/bin/python -m benchmarks.partition_cost [--files 1000,10000] [--buckets 256,1024,4096]

For each layout, in a fresh SQLite instance (as `dagster dev` and the main command use): a partitioned
asset doing no work, with the single-run backfill policy of `raw/documents`, materialised over its whole
partition range in one run, then over one partition. Reported: the wall time of both runs, the event-log
rows they wrote, the size of the instance's files, and how many partitions the asset has. "per file" is
one dynamic partition per file (registered first, timed apart); "N buckets" is a static set of N
partitions, whatever the number of files. The text stage's own work is not in it: only what a
partition costs Dagster.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

import dagster as dg


def instance_size(home: Path) -> int:
    return sum(p.stat().st_size for p in home.rglob("*") if p.is_file())


def event_rows(home: Path) -> int:
    total = 0
    for db in home.rglob("*.db"):
        with sqlite3.connect(db) as conn:
            tables = {row[0] for row in conn.execute("select name from sqlite_master where type='table'")}
            if "event_logs" in tables:
                total += conn.execute("select count(*) from event_logs").fetchone()[0]
    return total


def measure(label: str, partitions: dg.PartitionsDefinition, keys: list[str]) -> dict:
    @dg.asset(partitions_def=partitions, backfill_policy=dg.BackfillPolicy.single_run())
    def documents(context) -> None:
        context.log.info(f"{len(context.partition_keys)} partitions")

    job = dg.define_asset_job("all", selection=[documents])
    definitions = dg.Definitions(assets=[documents], jobs=[job])
    resolved = definitions.resolve_job_def("all")
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        with dg.DagsterInstance.local_temp(tempdir=folder) as instance:
            started = time.perf_counter()
            if isinstance(partitions, dg.DynamicPartitionsDefinition):
                instance.add_dynamic_partitions(partitions.name, keys)
            register = time.perf_counter() - started
            rows_before = event_rows(home)
            started = time.perf_counter()
            tags = {
                "dagster/asset_partition_range_start": keys[0],
                "dagster/asset_partition_range_end": keys[-1],
            }
            assert resolved.execute_in_process(instance=instance, tags=tags).success
            full = time.perf_counter() - started
            rows_full = event_rows(home) - rows_before
            started = time.perf_counter()
            assert resolved.execute_in_process(instance=instance, partition_key=keys[len(keys) // 2]).success
            one = time.perf_counter() - started
            rows_one = event_rows(home) - rows_before - rows_full
            size = instance_size(home)
    return {
        "layout": label,
        "partitions": len(keys),
        "register_s": round(register, 2),
        "run_all_s": round(full, 2),
        "events_all": rows_full,
        "run_one_s": round(one, 2),
        "events_one": rows_one,
        "instance_mb": round(size / 1e6, 1),
    }


def bucket_keys(count: int) -> list[str]:
    from pipelines.buckets import bucket_keys as keys

    return keys(count)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.partition_cost", description=__doc__)
    parser.add_argument("--files", default="1000,10000")
    parser.add_argument("--buckets", default="256,1024,4096")
    args = parser.parse_args(argv)
    layouts = [
        (
            f"per file, {n:,} files",
            dg.DynamicPartitionsDefinition(name="f"),
            [f"doc_{i:06d}.txt" for i in range(n)],
        )
        for n in (int(n) for n in args.files.split(",") if n)
    ]
    for count in (int(n) for n in args.buckets.split(",") if n):
        keys = bucket_keys(count)
        layouts.append((f"{count} buckets, any number of files", dg.StaticPartitionsDefinition(keys), keys))
    for i, (label, partitions, keys) in enumerate(layouts):
        row = measure(label, partitions, keys)
        if i == 0:
            print("| " + " | ".join(row) + " |")
            print("|" + "---|" * len(row))
        print("| " + " | ".join(str(v) for v in row.values()) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
