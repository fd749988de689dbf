"""Reading the seeds folder safely, one file at a time, without the Dagster run (fast)."""

import os
from datetime import datetime
from pathlib import Path

import pytest

from pipelines import ingest, seed_folder
from pipelines.text.records import RejectedInput
from tests.reliability.corpus import NEWS
from tests.reliability.main_command import deny_unreadable_files_to_root


def process(seeds: Path, name: str) -> tuple[ingest.FileOutcome, ingest.RawRows]:
    rows = ingest.RawRows()
    outcome = ingest.process_file(seeds, name, {}, rows, datetime(2025, 1, 1))
    rows.frames()  # every recorded value can be written through Arrow
    return outcome, rows


def test_names_that_are_not_utf8_are_recorded_escaped_and_rejected(tmp_path):
    with open(os.fsencode(tmp_path) + b"/\xb9\xfa\xbc\xd2.txt", "wb") as f:  # GBK bytes for 国家
        f.write(NEWS.encode())
    (tmp_path / "国家.txt").write_text(NEWS, encoding="utf-8")
    names = seed_folder.list_seed_files(tmp_path)
    assert names == ["\\xb9\\xfa\\xbc\\xd2.txt", "国家.txt"]
    outcome, rows = process(tmp_path, names[0])
    assert outcome.status == "rejected" and "not valid UTF-8" in outcome.reason
    assert rows.tables["source_files"][0]["source_file"] == "\\xb9\\xfa\\xbc\\xd2.txt"
    assert process(tmp_path, names[1])[0].status == "ingested"


def test_a_recorded_name_never_reads_another_file(tmp_path):
    # a valid name that looks like an escaped one is that file, read as usual
    (tmp_path / "a\\xff.txt").write_text(NEWS, encoding="utf-8")
    assert seed_folder.list_seed_files(tmp_path) == ["a\\xff.txt"]
    assert process(tmp_path, "a\\xff.txt")[0].status == "ingested"
    assert process(tmp_path, "gone\\xff.txt")[0].status == "deleted"


def test_symlink_loops_dangling_links_and_links_outside_are_rejected(tmp_path):
    seeds, outside = tmp_path / "seeds", tmp_path / "outside"
    seeds.mkdir()
    outside.mkdir()
    (outside / "x.txt").write_text(NEWS, encoding="utf-8")
    (seeds / "loop").symlink_to(seeds / "loop")
    (seeds / "dangling").symlink_to(seeds / "missing")
    (seeds / "out").symlink_to(outside / "x.txt")
    (seeds / "real.txt").write_text(NEWS, encoding="utf-8")
    (seeds / "in").symlink_to("real.txt")
    reasons = {}
    for name in seed_folder.list_seed_files(seeds):
        try:
            seed_folder.read_seed_file(seeds, name)
            reasons[name] = "read"
        except RejectedInput as rejection:
            reasons[name] = rejection.reason
    assert reasons["loop"] == "symlink leads nowhere: a symlink loop"
    assert reasons["dangling"] == "symlink leads nowhere: its target does not exist"
    assert reasons["out"].startswith("symlink leads outside the seeds folder")
    assert reasons["in"] == reasons["real.txt"] == "read"


def test_a_file_without_read_permission_is_rejected(tmp_path, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text(NEWS, encoding="utf-8")
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads anything: do what the kernel does for every other user
        with monkeypatch.context() as patch:
            patch.setattr(Path, "read_bytes", Path.read_bytes)
            deny_unreadable_files_to_root()
            outcome, _ = process(tmp_path, "locked.txt")
    else:
        outcome, _ = process(tmp_path, "locked.txt")
    assert outcome.status == "rejected"
    assert outcome.reason == "file cannot be read: Permission denied"


def test_a_file_removed_while_being_read_is_rejected_not_fatal(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(NEWS, encoding="utf-8")

    def vanish(self):
        raise FileNotFoundError(2, "No such file or directory", str(self))

    monkeypatch.setattr(Path, "read_bytes", vanish)
    outcome, _ = process(tmp_path, "a.txt")
    assert (outcome.status, outcome.reason) == ("rejected", "file cannot be read: No such file or directory")


def test_a_failure_inside_the_text_library_keeps_no_partial_rows(tmp_path, monkeypatch):
    (tmp_path / "two.txt").write_text(NEWS + "\n\n" + NEWS.replace("华为", "小米"), encoding="utf-8")
    (tmp_path / "ok.txt").write_text(NEWS.replace("华为", "联想"), encoding="utf-8")
    calls = []
    real = ingest.extract_article

    def second_article_breaks(body, sentences, anchor, found=None):
        calls.append(body)
        if "小米" in body:
            raise IndexError("a bug met on odd input")
        return real(body, sentences, anchor, found)

    monkeypatch.setattr(ingest, "extract_article", second_article_breaks)
    rows = ingest.RawRows()
    outcomes = [
        ingest.process_file(tmp_path, n, {}, rows, datetime(2025, 1, 1)) for n in ("two.txt", "ok.txt")
    ]
    assert [o.status for o in outcomes] == ["rejected", "ingested"]
    assert outcomes[0].reason == "internal error while processing: IndexError: a bug met on odd input"
    assert len(calls) >= 2  # the first article of two.txt went through before the failure
    for table, table_rows in rows.tables.items():
        if table != "source_files":
            assert {r["source_file"] for r in table_rows} <= {"ok.txt"}, table


@pytest.mark.parametrize("limit_exceeded_by", [1, 1000])
def test_files_over_the_size_limit_are_rejected_without_being_read(tmp_path, monkeypatch, limit_exceeded_by):
    monkeypatch.setattr(seed_folder, "MAX_FILE_BYTES", 100)
    (tmp_path / "big.txt").write_bytes(b"x" * (100 + limit_exceeded_by))

    def never(self):
        raise AssertionError("read")

    monkeypatch.setattr(Path, "read_bytes", never)
    outcome, _ = process(tmp_path, "big.txt")
    assert outcome.reason == f"file is {100 + limit_exceeded_by} bytes, over the 100-byte limit"
