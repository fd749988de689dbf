import dagster as dg

from pipelines.defs.sensors import seed_folder_sensor


def tick(instance, cursor):
    context = dg.build_sensor_context(instance=instance, cursor=cursor)
    return seed_folder_sensor(context)


def test_new_files_become_partitions_and_one_run(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWS_SEEDS_DIR", str(tmp_path))
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("阿里巴巴发布了新模型。", encoding="utf-8")
    with dg.instance_for_test() as instance:
        first = tick(instance, None)
        assert first.run_requests == []  # seen once: not yet known to be stable
        second = tick(instance, first.cursor)
        assert len(second.run_requests) == 1
        request = second.run_requests[0]
        assert request.run_config == {"execution": {"config": {"in_process": {}}}}
        assert request.tags["dagster/asset_partition_range_start"] == "a.txt"
        assert request.tags["dagster/asset_partition_range_end"] == "c.txt"
        assert second.dynamic_partitions_requests[0].partition_keys == ["a.txt", "b.txt", "c.txt"]
        instance.add_dynamic_partitions("seed_files", ["a.txt", "b.txt", "c.txt"])
        third = tick(instance, second.cursor)
        assert third.run_requests == []

        (tmp_path / "b.txt").unlink()
        fourth = tick(instance, third.cursor)
        assert [r.tags["dagster/asset_partition_range_start"] for r in fourth.run_requests] == ["b.txt"]
        assert not fourth.dynamic_partitions_requests
