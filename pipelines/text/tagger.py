"""A trained sequence tagger at run time: onnxruntime for the network, numpy for the CRF decoder.

A model folder holds `model.onnx` (character features in, one score per tag and character out, for each
head), `tagger.json` (vocabulary, the tags of every head, the CRF transitions) and `MODEL_CARD.md`. The
training library is never imported here: `python -m pipelines train ...` writes these files.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from pipelines.text.features import FEATURE_NAMES, FIRST_FEATURES, Featuriser, Vocabulary

MODELS_DIR = Path(__file__).parent / "models"
BATCH_CHARACTERS = 32768  # characters per network call: large enough to amortise, small enough for the cache
_FORBIDDEN = -1e4


@dataclass(frozen=True)
class Head:
    """One output of the network: its tags (BIO over types) and its CRF transition scores."""

    name: str
    tags: tuple[str, ...]
    transitions: np.ndarray  # (K, K) from -> to
    start: np.ndarray  # (K,)
    end: np.ndarray  # (K,)

    @classmethod
    def from_json(cls, data: dict) -> Head:
        tags = tuple(data["tags"])
        transitions = np.asarray(data["transitions"], dtype=np.float32) + bio_constraints(tags)
        start = np.asarray(data["start"], dtype=np.float32)
        start = start + np.where([t.startswith("I-") for t in tags], _FORBIDDEN, 0.0).astype(np.float32)
        return cls(data["name"], tags, transitions, start, np.asarray(data["end"], dtype=np.float32))


def rows_with_a_tag(scores: np.ndarray) -> np.ndarray:
    """The rows of (B, T, K) scores whose best tag (0 is O) is another somewhere: the others have no span."""
    return np.flatnonzero((scores.argmax(axis=2) != 0).any(axis=1))


def pruned_viterbi(scores: np.ndarray, lengths: np.ndarray, head: Head) -> tuple[np.ndarray, tuple[str, ...]]:
    """`viterbi` over only the tags that can lie on a best path, and those tags: the same result, much
    faster on a head with many tags (147 event-type tags cost 147 x 147 a character otherwise).

    Exact when no transition, start or end score is positive (a softmax head with counted transitions):
    then no path scores above the sum of each character's best emission, so a tag whose emission falls
    below its character's best by more than that sum's lead over a real path (the argmax path, or all O)
    is on no best path. Rows must have equal lengths (as `equal_length_batches` gives)."""
    if head.transitions.max() > 0 or head.start.max() > 0 or head.end.max() > 0:
        return viterbi(scores, lengths, head), head.tags
    best = scores.max(axis=2)
    path = scores.argmax(axis=2)
    steps = head.transitions[path[:, :-1], path[:, 1:]].sum(axis=1) + head.start[path[:, 0]]
    through_argmax = best.sum(axis=1) + steps + head.end[path[:, -1]]
    all_o = scores[:, :, 0].sum(axis=1) + head.start[0] + head.end[0]
    slack = best.sum(axis=1) - np.maximum(through_argmax, all_o)
    keep = ((best[:, :, None] - scores) <= slack[:, None, None] + 1e-3).any(axis=(0, 1))
    keep[0] = True
    kept = np.flatnonzero(keep)
    sub = Head(
        head.name,
        tuple(head.tags[k] for k in kept),
        np.ascontiguousarray(head.transitions[np.ix_(kept, kept)]),
        head.start[kept],
        head.end[kept],
    )
    return viterbi(np.ascontiguousarray(scores[:, :, kept]), lengths, sub), sub.tags


def bio_constraints(tags: tuple[str, ...]) -> np.ndarray:
    """An I- tag only continues a B- or I- of its own type."""
    penalty = np.zeros((len(tags), len(tags)), dtype=np.float32)
    for j, to in enumerate(tags):
        if to.startswith("I-"):
            for i, source in enumerate(tags):
                if source[2:] != to[2:] or source == "O":
                    penalty[i, j] = _FORBIDDEN
    return penalty


def viterbi(scores: np.ndarray, lengths: np.ndarray, head: Head) -> np.ndarray:
    """Best tag indices (B, T) for emission scores (B, T, K) of sequences of the given lengths.

    Rows are taken longest first, so the rows still running at step t are a prefix: each step works on
    that prefix alone, with no mask over the finished ones."""
    batch, steps, size = scores.shape
    order = np.argsort(-lengths, kind="stable")
    scores, lengths = scores[order], lengths[order]
    running = np.searchsorted(-lengths, -np.arange(steps), side="left")  # rows longer than t, each t
    into = np.ascontiguousarray(head.transitions.T)  # into[to, from]: reductions run over the last axis
    best = head.start[None, :] + scores[:, 0]
    back = np.zeros((steps, batch, size), dtype=np.int8 if size <= 127 else np.int16)  # back pointers
    for t in range(1, steps):
        n = running[t]
        candidates = best[:n, None, :] + into[None]
        came_from = candidates.argmax(axis=2)
        back[t, :n] = came_from
        # the best score is the one argmax found: gathered, not reduced over again
        best[:n] = np.take_along_axis(candidates, came_from[:, :, None], axis=2)[:, :, 0] + scores[:n, t]
    current = (best + head.end[None, :]).argmax(axis=1)
    tags = np.zeros((batch, steps), dtype=np.int64)
    for t in range(steps - 1, -1, -1):
        n = running[t]
        tags[:n, t] = current[:n]
        if t:
            current[:n] = back[t, np.arange(n), current[:n]]
    unsorted = np.empty_like(tags)
    unsorted[order] = tags
    return unsorted


def batch_spans(best: np.ndarray, lengths: np.ndarray, tags: tuple[str, ...]) -> list[list[tuple]]:
    """(start, end, type) spans of every row of a decoded batch at once: B- opens a span, I- of its type
    continues it, and a span never crosses into padding."""
    rows, width = best.shape
    begins, continues = _bio_masks(tags)
    inside = np.arange(width)[None, :] < lengths[:, None]
    begins, continues = (begins[best] & inside).ravel(), (continues[best] & inside).ravel()
    starts = np.flatnonzero(begins)
    breaks = np.flatnonzero(~continues)
    ends = np.append(breaks, rows * width)[np.searchsorted(breaks, starts, side="right")]
    found: list[list[tuple]] = [[] for _ in range(rows)]
    flat = best.ravel()
    for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
        found[s // width].append((s % width, e - s + s % width, tags[flat[s]][2:]))
    return found


@lru_cache(maxsize=16)
def _bio_masks(tags: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    return np.array([t.startswith("B-") for t in tags]), np.array([t.startswith("I-") for t in tags])


def spans_of(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) of a BIO sequence."""
    spans = []
    start, kind = None, None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and tag != f"I-{kind}":
            spans.append((start, i, kind))
            start = None
        if tag.startswith("B-"):
            start, kind = i, tag[2:]
    return spans


def equal_length_batches(lengths: list[int]) -> list[list[int]]:
    """Indices grouped by equal length, at most BATCH_CHARACTERS characters a group.

    The network was exported without sequence lengths: padding would feed the backward LSTM and the
    convolutions' edges, so a piece's tags would depend on its batch-mates. Unpadded groups are exact,
    and measured faster than padded batches (padding was ~1.9x the real characters)."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    groups: list[list[int]] = []
    for i in order:
        same = groups and lengths[groups[-1][0]] == lengths[i]
        if same and lengths[i] * (len(groups[-1]) + 1) <= BATCH_CHARACTERS:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


class Tagger:
    """Feature rows of many pieces of text in, BIO tags of every head out, batched by length."""

    def __init__(self, folder: Path):
        import onnxruntime

        config = json.loads((folder / "tagger.json").read_text(encoding="utf-8"))
        self.folder = folder
        self.config = config
        # the shared feature columns this model reads, in order (models without the list predate word_class)
        columns = tuple(c for c in config.get("features", FIRST_FEATURES) if c in FEATURE_NAMES)
        self.featuriser = Featuriser(Vocabulary.from_json(config["vocabulary"]), columns)
        self.heads = tuple(Head.from_json(h) for h in config["heads"])
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # one core per process: parallelism comes from worker processes
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )

    @property
    def weights_sha256(self) -> str:
        return hashlib.sha256((self.folder / "model.onnx").read_bytes()).hexdigest()

    def tag(self, pieces: list[np.ndarray]) -> list[dict[str, list[tuple[int, int, str]]]]:
        """For each piece's (n, 6) feature rows: {head name: its (start, end, type) spans}."""
        results: list[dict[str, list[tuple[int, int, str]]]] = [
            {h.name: [] for h in self.heads} for _ in pieces
        ]
        busy: list[dict[int, np.ndarray]] = [{} for _ in self.heads]  # piece -> its (n, K) scores
        for batch in equal_length_batches([len(p) for p in pieces]):
            self._score(pieces, batch, busy)
        for head, scored in zip(self.heads, busy, strict=True):
            for group in decoding_groups({i: len(s) for i, s in scored.items()}):
                self._decode(head, group, scored, results)
        return results

    def _score(self, pieces: list[np.ndarray], batch: list[int], busy: list[dict[int, np.ndarray]]) -> None:
        """The network over one batch of equal-length pieces; keeps the rows with a tag other than O."""
        features = np.stack([pieces[i] for i in batch]).astype(np.int64, copy=False)
        if features.shape[1] == 0:
            return
        outputs = self.session.run(None, {"features": features})
        for scored, scores in zip(busy, outputs, strict=True):
            # a row whose best tag is O everywhere has no span: only the others are decoded
            for row in rows_with_a_tag(scores).tolist():
                scored[batch[row]] = scores[row]

    def _decode(
        self, head: Head, group: list[int], scored: dict[int, np.ndarray], results: list[dict]
    ) -> None:
        lengths = np.array([len(scored[i]) for i in group], dtype=np.int64)
        scores = np.zeros((len(group), int(lengths.max()), len(head.tags)), dtype=np.float32)
        for row, i in enumerate(group):
            scores[row, : lengths[row]] = scored[i]
        best = viterbi(scores, lengths, head)
        for i, spans in zip(group, batch_spans(best, lengths, head.tags), strict=True):
            results[i][head.name] = spans


def decoding_groups(lengths: dict[int, int]) -> list[list[int]]:
    """Pieces grouped for one Viterbi call each, shortest first, at most BATCH_CHARACTERS padded cells a
    group. The decoder steps through time in Python, so a call over many rows costs little more than one
    over a single row, and its length handling makes padding exact (unlike the network's). Measured on
    the 660-text corpus one article at a time: groups capped at 1.5x their shortest row took 12.2 s,
    at 3x 11.4 s, by cells alone 10.1 s."""
    order = sorted(lengths, key=lengths.get)
    groups: list[list[int]] = []
    for i in order:
        if groups and lengths[i] * (len(groups[-1]) + 1) <= BATCH_CHARACTERS:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups
