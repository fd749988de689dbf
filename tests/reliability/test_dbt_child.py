"""A main command killed with SIGKILL (its process alone, not its group) takes its dbt child with it: no
dbt is left writing the working copy."""

import contextlib
import os
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest

from tests.reliability.harness import Place

pytestmark = [
    pytest.mark.processes,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal: Linux"),
]


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def is_dbt_build(pid: int) -> bool:
    try:
        words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return any(b"dbt" in w for w in words) and b"build" in words


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_dbt_dies_with_the_main_command(tmp_path, fixture_build):
    # a copy of the session's build of the fixture seeds: nothing changed, so the run goes straight to dbt
    _, _, built = fixture_build
    place = Place(tmp_path / "place")
    for part in ("seeds", "warehouse"):
        shutil.copytree(built / part, place.root / part)
    process = place.start(tmp_path / "build.out")
    started = time.monotonic()
    try:
        dbt = []
        while not dbt:
            assert process.poll() is None, (tmp_path / "build.out").read_text()[-2000:]
            assert time.monotonic() - started < 240, "dbt never started"
            dbt = [pid for pid in children(process.pid) if is_dbt_build(pid)]
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)  # the main command only, as `kill -9 PID` does
        process.wait()
        deadline = time.monotonic() + 2.0
        while any(alive(pid) for pid in dbt) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(pid) for pid in dbt), "dbt outlived the main command"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
