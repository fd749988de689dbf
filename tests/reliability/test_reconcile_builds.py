"""The main command against what its own records miss: a reset Dagster instance, a copy still in progress,
a corrupt working copy and a full disk (issue 14). One folder through three builds, in order, starting
from a copy of the session's build of the fixture seeds (tests/conftest.py)."""

import os
import resource
import shutil
import signal
import subprocess
import time

import pytest

from pipelines.settings import working_copy_of
from tests.paths import REPO_ROOT
from tests.reliability.harness import BUILD_TIMEOUT, Place, mart_hashes, query

pytestmark = pytest.mark.processes

GROWING = sorted((REPO_ROOT / "seeds").iterdir())[0].read_bytes()
# Builds of a few files; generous, for a machine shared with other work.
TIMEOUT = 3 * BUILD_TIMEOUT


@pytest.fixture(scope="module")
def place(tmp_path_factory, fixture_build):
    """The fixture seeds, built: a copy of the session's build (folder, warehouse and Dagster instance)."""
    summary, _, built = fixture_build
    assert summary.ok, summary.checks_failed
    place = Place(tmp_path_factory.mktemp("reconcile"))
    for part in ("seeds", "warehouse", "dagster_home"):
        shutil.copytree(built / part, place.root / part)
    return place


def statuses(place: Place) -> dict[str, str]:
    return dict(query(place.warehouse, "select source_file, status from marts.source_files"))


def copy_slowly(place: Place, output, started: float) -> None:
    """Write GROWING a slice a second until the main command says it is waiting (at most a minute)."""
    path = place.seeds / "06_growing.txt"
    with path.open("wb") as out:
        for i in range(0, len(GROWING), 512):
            out.write(GROWING[i : i + 512])
            out.flush()
            if "still being written" in output.read_text(errors="replace") or time.monotonic() > started + 60:
                break
            time.sleep(1.0)
        out.write(GROWING[out.tell() :])


def test_a_reset_instance_and_a_copy_in_progress(place, tmp_path):
    shutil.rmtree(place.root / "dagster_home")  # a user resetting the Dagster UI
    (place.seeds / "02_founding.txt").unlink()
    output = tmp_path / "build.out"
    started = time.monotonic()
    process = place.start(output)
    copy_slowly(place, output, started)
    assert process.wait(timeout=TIMEOUT) == 0, output.read_text()[-3000:]
    files = statuses(place)
    assert files["02_founding.txt"] == "deleted"
    assert query(
        place.warehouse, "select count(*) from marts.articles where source_file = '02_founding.txt'"
    ) == [(0,)]
    (size,) = query(
        place.warehouse, "select size_bytes from marts.source_files where source_file = '06_growing.txt'"
    )
    assert size == (len(GROWING),), output.read_text()[-2000:]


def test_a_corrupt_working_copy_is_set_aside_and_rebuilt(place):
    before = mart_hashes(place.warehouse)
    working = working_copy_of(place.warehouse)
    with working.open("r+b") as f:  # every block after the headers
        f.seek(3 * 4096)
        f.write(os.urandom(working.stat().st_size - 3 * 4096))
    done = place.build(timeout=TIMEOUT)  # every file again, from nothing
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    assert "is corrupt" in output and "set aside as" in output
    assert list(working.parent.glob(f"{working.name}.corrupt-*"))
    assert mart_hashes(place.warehouse) == before  # the rebuild from the seed files is a clean build


def limit_file_size(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_build_that_cannot_write_says_it_failed_why_and_what_is_still_published(place):
    working = working_copy_of(place.warehouse)
    shutil.copy(REPO_ROOT / "seeds" / sorted(os.listdir(REPO_ROOT / "seeds"))[1], place.seeds / "07_more.txt")
    os.utime(place.seeds / "07_more.txt", (time.time() - 60, time.time() - 60))
    published = statuses(place)
    done = subprocess.run(
        place.command(),
        cwd=REPO_ROOT,
        env=place.env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=limit_file_size(working.stat().st_size + 256 * 1024),
    )
    assert done.returncode == 1
    assert "Warehouse built in" not in done.stdout
    head = done.stdout.splitlines()
    assert head and head[0].startswith("Warehouse build FAILED after"), done.stdout + done.stderr[-3000:]
    assert any(line.startswith("  step ") and "File too large" in line for line in head[1:4]), done.stdout
    assert "still holds the build of" in done.stdout
    counts = {}
    for status in published.values():
        counts[status] = counts.get(status, 0) + 1
    held = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    assert f"Seed files: {held}" in done.stdout  # what is published, under that heading
    assert statuses(place) == published
