"""The trained event tagger at run time: triggers with their types, then each trigger's arguments.

One network (`models/events/`) with two heads reads the entity tagger's character features plus three
columns of its own:
- `trigger_distance`: 0 when no trigger is marked (the `triggers` head), else the signed log2 distance
  bucket of the character from the marked trigger (the `arguments` head: the sentence once per trigger);
- `event_type`: 0, or 1 + the index of the marked trigger's type in the taxonomy;
- `mention`: the recognised entity mention the character is in (B/I x entity type), 0 outside mentions.
The `triggers` head tags BIO over event types; the `arguments` head tags BIO over role slots, slot k being
the k-th role of the marked type in `event_types.csv` (so one small tag set serves every type).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from pipelines.text.records import Mention
from pipelines.text.tagger import (
    MODELS_DIR,
    Tagger,
    batch_spans,
    equal_length_batches,
    pruned_viterbi,
    rows_with_a_tag,
    viterbi,
)

TAXONOMY_FILE = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "event_types.csv"
MODEL_DIR = MODELS_DIR / "events"
MENTION_TYPES = ("PERSON", "ORG", "LOCATION", "PRODUCT", "EVENT", "WORK", "OTHER")
EXTRA_FEATURES = ("trigger_distance", "event_type", "mention")
MAX_ROLES = 6
DISTANCE_BUCKETS = 6  # |distance| 1, 2-3, 4-7, ... 32+ on either side of the trigger
SLOT_TAGS = ("O", *[f"{p}-{k}" for k in range(MAX_ROLES) for p in ("B", "I")])


@cache
def taxonomy() -> dict[str, tuple[str, ...]]:
    """event_type -> its roles, in the order of the taxonomy seed (the order role slots follow)."""
    with TAXONOMY_FILE.open(encoding="utf-8") as f:
        return {row["event_type"]: tuple(row["roles"].split("|")) for row in csv.DictReader(f)}


def event_types() -> tuple[str, ...]:
    return tuple(taxonomy())


def trigger_tags() -> tuple[str, ...]:
    return ("O", *[f"{p}-{t}" for t in event_types() for p in ("B", "I")])


def mention_column(length: int, mentions: list[Mention], offset: int = 0) -> np.ndarray:
    """Per character of a piece starting at `offset`: 0, or 1 + 2 * type index (+1 inside the mention)."""
    column = np.zeros(length, dtype=np.int64)
    for m in mentions:
        lo, hi = max(m.start - offset, 0), min(m.end - offset, length)
        if hi <= lo or m.entity_type not in MENTION_TYPES:
            continue
        code = 1 + 2 * MENTION_TYPES.index(m.entity_type)
        column[lo:hi] = code + 1
        if m.start - offset >= 0:
            column[lo] = code
    return column


def distance_column(length: int, start: int, end: int) -> np.ndarray:
    """Signed log2 distance buckets from the trigger [start, end): 1 + DISTANCE_BUCKETS inside it."""
    position = np.arange(length)
    distance = np.where(position < start, position - start, np.where(position >= end, position - end + 1, 0))
    magnitude = np.minimum(
        np.floor(np.log2(np.maximum(np.abs(distance), 1))).astype(np.int64) + 1, DISTANCE_BUCKETS
    )
    signed = np.where(distance == 0, 0, np.sign(distance) * magnitude)
    return signed + DISTANCE_BUCKETS + 1


def with_trigger(base: np.ndarray, start: int, end: int, event_type: str) -> np.ndarray:
    """The feature rows of a piece with one trigger (offsets into the piece) and its type marked."""
    rows = base.copy()
    rows[:, -3] = distance_column(len(rows), start, end)
    rows[:, -2] = 1 + event_types().index(event_type)
    return rows


@dataclass(frozen=True)
class Trigger:
    start: int  # offsets into the piece
    end: int
    event_type: str


@dataclass(frozen=True)
class RoleSpan:
    start: int  # offsets into the piece
    end: int
    role: str


class EventTagger:
    """Sentences (text plus the mentions in them) in; triggers, then arguments per trigger, out."""

    def __init__(self, folder: Path = MODEL_DIR):
        self.tagger = Tagger(folder)
        self.featuriser = self.tagger.featuriser

    def base_features(self, text: str, mentions: list[Mention], offset: int = 0) -> np.ndarray:
        """(len(text), 9) rows: the shared character features, no trigger marked, the mentions."""
        shared = self.featuriser.features(text)
        extra = np.zeros((len(text), len(EXTRA_FEATURES)), dtype=np.int64)
        extra[:, 2] = mention_column(len(text), mentions, offset)
        return np.concatenate([shared, extra], axis=1)

    def triggers(self, pieces: list[np.ndarray]) -> list[list[Trigger]]:
        return [[Trigger(s, e, t) for s, e, t in spans] for spans in self._decode(pieces, "triggers")]

    def arguments(self, marked: list[np.ndarray], types: list[str]) -> list[list[RoleSpan]]:
        """Role spans for each piece with one trigger marked (`with_trigger`) of the given type; a slot
        the type has no role for is never decoded (the constraint of `event_types.csv`)."""
        roles = [taxonomy()[t] for t in types]
        decoded = self._decode(marked, "arguments", [len(r) for r in roles])
        return [
            [RoleSpan(s, e, r[int(k)]) for s, e, k in spans if int(k) < len(r)]
            for spans, r in zip(decoded, roles, strict=True)
        ]

    def _decode(self, pieces: list[np.ndarray], head_name: str, slots: list[int] | None = None) -> list[list]:
        """(start, end, tag type) spans of one head for every piece, batched by length; with `slots`, the
        tags of slot k >= slots[i] are forbidden in piece i."""
        head = next(h for h in self.tagger.heads if h.name == head_name)
        results: list[list] = [[] for _ in pieces]
        for batch in equal_length_batches([len(p) for p in pieces]):
            self._run(pieces, batch, head, slots, results)
        return results

    def _run(self, pieces, batch: list[int], head, slots, results: list[list]) -> None:
        lengths = np.array([len(pieces[i]) for i in batch], dtype=np.int64)
        features = np.zeros(
            (len(batch), max(int(lengths.max()), 1), pieces[batch[0]].shape[1]), dtype=np.int64
        )
        for row, i in enumerate(batch):
            features[row, : lengths[row]] = pieces[i]
        scores = self.tagger.session.run([head.name], {"features": features})[0]
        if slots is not None:
            scores = scores + _slot_penalty(head.tags, [slots[i] for i in batch])[:, None, :]
            best, tags = viterbi(scores, lengths, head), head.tags
        else:
            # triggers: a piece whose best tag is O everywhere has none (exact: the head's transitions
            # out of O and its start and end scores are zero, and those out of B-/I- never positive)
            keep = rows_with_a_tag(scores)
            batch, lengths, scores = [batch[k] for k in keep], lengths[keep], scores[keep]
            if not batch:
                return
            best, tags = pruned_viterbi(scores, lengths, head)
        for row, spans in zip(batch, batch_spans(best, lengths, tags), strict=True):
            results[row] = spans


def _slot_penalty(tags: tuple[str, ...], slots: list[int]) -> np.ndarray:
    """(rows, tags): -1e4 on the B-/I- tags of slots a row's event type has no role for."""
    slot_of = np.array([int(t[2:]) if t != "O" else -1 for t in tags])
    return np.where(slot_of[None, :] >= np.array(slots)[:, None], -1e4, 0.0).astype(np.float32)


@cache
def event_tagger() -> EventTagger:
    return EventTagger()
