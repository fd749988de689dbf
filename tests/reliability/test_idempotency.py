"""Idempotency: a second run over the same folder gives the same marts, value for value."""

from tests.reliability.harness import mart_hashes


def test_a_second_run_gives_identical_marts(corpus_build):
    assert corpus_build.returncode == 0, corpus_build.output[-3000:]
    assert len(corpus_build.hashes) >= 8
    # --force processes every file again (a plain run would skip the unchanged ones) and dbt rebuilds all
    again = corpus_build.place.build("--force")
    assert again.returncode == 0, (again.stdout + again.stderr)[-3000:]
    assert mart_hashes(corpus_build.place.warehouse) == corpus_build.hashes
