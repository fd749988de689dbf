"""The shipped event model holds its gold-set floors (the "events" section of the ratchet file)."""

from __future__ import annotations

import pytest

from pipelines.evaluation import ratchet
from pipelines.evaluation.events import ratchet_scores


@pytest.fixture(scope="module")
def event_scores():
    return ratchet_scores()


def test_event_scores_hold_their_floors(event_scores):
    assert ratchet.floors("events"), "the ratchet file has no event floors"
    # the seeds gold ships with the repo: always judged, for the rules and the trained tagger
    assert {"rules.events_dev_seeds.trigger_f1", "model.events_dev_seeds.trigger_f1"} <= set(event_scores)
    assert ratchet.shortfalls("events", event_scores) == []


def test_event_improvements_raise_the_floor(event_scores):
    assert ratchet.unclaimed_gains("events", event_scores) == []
