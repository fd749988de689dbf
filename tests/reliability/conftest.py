from dataclasses import dataclass

import pytest

from tests.reliability.corpus import Case, write_corpus
from tests.reliability.harness import Place, mart_hashes


@dataclass(frozen=True)
class CorpusBuild:
    place: Place
    cases: list[Case]
    outside: str
    returncode: int
    output: str
    hashes: dict[str, str]


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory) -> CorpusBuild:
    """The main command, uninterrupted, on the corpus of bad and odd files (once per session)."""
    root = tmp_path_factory.mktemp("reliability")
    outside = root / "outside"
    place = Place(root / "a")
    cases = write_corpus(place.seeds, outside)
    done = place.build()
    output = done.stdout + done.stderr
    hashes = mart_hashes(place.warehouse) if place.warehouse.exists() else {}
    return CorpusBuild(place, cases, str(outside), done.returncode, output, hashes)
