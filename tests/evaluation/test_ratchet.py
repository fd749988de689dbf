"""The shipped entity model holds its gold-set floors (pipelines/evaluation/ratchet.json)."""

from __future__ import annotations

import json

import pytest

from pipelines.evaluation import ratchet


@pytest.fixture(scope="module")
def ner_scores():
    return ratchet.ner_scores()


def test_entity_scores_hold_their_floors(ner_scores):
    assert ratchet.floors("ner"), "the ratchet file has no entity floors"
    assert "seeds.f1" in ner_scores  # the seeds gold ships with the repo: always judged
    assert ratchet.shortfalls("ner", ner_scores) == []


def test_improvements_raise_the_floor(ner_scores):
    assert ratchet.unclaimed_gains("ner", ner_scores) == []


def test_a_drop_is_reported(tmp_path, monkeypatch):
    path = tmp_path / "ratchet.json"
    path.write_text(json.dumps({"ner": {"seeds.f1": 0.9}}), encoding="utf-8")
    monkeypatch.setattr(ratchet, "RATCHET_FILE", path)
    assert ratchet.shortfalls("ner", {"seeds.f1": 0.85}) == ["ner/seeds.f1: 0.8500 < floor 0.9000"]
    assert ratchet.shortfalls("ner", {"peoples_daily_dev.f1": 0.1}) == []
    assert ratchet.raise_floors("ner", {"seeds.f1": 0.95678}) == {"seeds.f1": 0.956}
