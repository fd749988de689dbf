import os
import time

import dagster as dg
import duckdb
from dagster._core.utils import make_new_run_id

from pipelines import buckets, ingest, refresh, seed_folder
from pipelines.defs import sensors
from pipelines.defs.sensors import seed_folder_sensor


def tick(instance, cursor):
    context = dg.build_sensor_context(instance=instance, cursor=cursor)
    return seed_folder_sensor(context)


def test_a_burst_of_new_files_becomes_one_run_over_their_buckets(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWS_SEEDS_DIR", str(tmp_path))
    monkeypatch.setenv("NEWS_WAREHOUSE", str(tmp_path / "none" / "news.duckdb"))
    names = ("a.txt", "b.txt", "c.txt")
    with dg.instance_for_test() as instance:
        # written just before the first look (a file older than 2 s would be taken at once)
        for name in names:
            (tmp_path / name).write_text("阿里巴巴发布了新模型。", encoding="utf-8")
        first = tick(instance, None)  # waits (at most 2 s) for them to settle, then takes them
        assert len(first.run_requests) == 1
        second = first
        request = second.run_requests[0]
        assert request.run_config == {"execution": {"config": {"in_process": {}}}}
        touched = sorted(buckets.bucket_of(name) for name in names)
        assert request.tags["dagster/asset_partition_range_start"] == touched[0]
        assert request.tags["dagster/asset_partition_range_end"] == touched[-1]
        assert request.tags["news/file_count"] == "3"
        assert not second.dynamic_partitions_requests  # the buckets are a fixed set
        third = tick(instance, second.cursor)
        assert third.run_requests == []

        (tmp_path / "b.txt").unlink()
        fourth = tick(instance, third.cursor)
        (deletion,) = fourth.run_requests
        assert deletion.tags["dagster/asset_partition_range_start"] == buckets.bucket_of("b.txt")
        assert deletion.tags["dagster/asset_partition_range_end"] == buckets.bucket_of("b.txt")
        assert deletion.tags["news/files"] == "b.txt"


def ingest_into_published(seeds, warehouse_path):
    """What the main command leaves behind, as far as the sensor reads it: raw.source_files."""
    warehouse_path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(warehouse_path)) as conn:
        ingest.ingest_files(conn, seeds, seed_folder.list_seed_files(seeds))


def aged(path, text):
    path.write_text(text, encoding="utf-8")
    os.utime(path, (time.time() - 3600, time.time() - 3600))


def test_the_first_tick_starts_from_what_the_warehouse_holds(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    published = tmp_path / "warehouse" / "news.duckdb"
    monkeypatch.setenv("NEWS_SEEDS_DIR", str(seeds))
    monkeypatch.setenv("NEWS_WAREHOUSE", str(published))
    for name, company in (("a.txt", "阿里巴巴"), ("b.txt", "腾讯"), ("gone.txt", "百度")):
        aged(seeds / name, f"{company}发布了新模型。")
    ingest_into_published(seeds, published)
    (seeds / "gone.txt").unlink()  # deleted while nothing watched (the instance was reset, say)
    with dg.instance_for_test() as instance:
        first = tick(instance, None)
        assert [r.tags["news/files"] for r in first.run_requests] == ["gone.txt"]


def test_a_failed_run_leaves_its_files_to_be_planned_again(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWS_SEEDS_DIR", str(tmp_path))
    monkeypatch.setenv("NEWS_WAREHOUSE", str(tmp_path / "none" / "news.duckdb"))
    aged(tmp_path / "a.txt", "阿里巴巴发布了新模型。")
    with dg.instance_for_test() as instance:
        first = tick(instance, None)
        (request,) = first.run_requests
        assert request.tags["news/file_count"] == "1" and request.tags["news/files"] == "a.txt"
        assert tick(instance, first.cursor).run_requests == []  # its run has not finished
        failed = dg.DagsterRun(
            job_name="refresh_changed_files",
            run_id=make_new_run_id(),
            status=dg.DagsterRunStatus.FAILURE,
            tags={"dagster/run_key": request.run_key},
        )
        instance.add_run(failed)
        retry = tick(instance, first.cursor)
        assert [r.tags["news/files"] for r in retry.run_requests] == ["a.txt"]
        assert retry.run_requests[0].run_key != request.run_key


def test_a_rewrite_with_the_same_size_and_modification_time_is_seen(tmp_path):
    path = tmp_path / "a.txt"
    aged(path, "阿里巴巴发布了新模型。")
    before = refresh.observe_folder(tmp_path)
    stat = path.stat()
    time.sleep(0.01)
    path.write_text("腾讯控股发布了新模型。", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert refresh.observe_folder(tmp_path) != before


def test_a_file_still_growing_through_the_pause_waits_for_a_later_look(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWS_SEEDS_DIR", str(tmp_path))
    monkeypatch.setenv("NEWS_WAREHOUSE", str(tmp_path / "none" / "news.duckdb"))
    growing = tmp_path / "a.txt"
    growing.write_text("阿里巴巴", encoding="utf-8")
    pauses = []

    def still_writing(seconds):
        pauses.append(seconds)
        with growing.open("a", encoding="utf-8") as out:
            out.write("发布了新模型。")

    monkeypatch.setattr(sensors.time, "sleep", still_writing)
    with dg.instance_for_test() as instance:
        first = tick(instance, None)
        assert len(pauses) == 1 and first.run_requests == []  # never read half-way
        aged(growing, growing.read_text(encoding="utf-8"))  # then the writer is done
        second = tick(instance, first.cursor)
        assert len(pauses) == 1 and len(second.run_requests) == 1


def test_every_look_of_the_daemon_evaluates_the_sensor():
    """Dagster's sensor daemon looks every 5 s (its MIN_INTERVAL_LOOP_TIME) and skips a sensor whose interval
    has not fully elapsed: an interval of 5 s itself made every other gap 10 s. Below the daemon's period,
    each look runs the sensor."""
    from dagster._daemon.sensor import MIN_INTERVAL_LOOP_TIME

    assert seed_folder_sensor.minimum_interval_seconds < MIN_INTERVAL_LOOP_TIME
