"""The run-time decoder: Viterbi over padded groups gives each row exactly its own best path."""

import itertools

import numpy as np

from pipelines.text.tagger import BATCH_CHARACTERS, Head, decoding_groups, pruned_viterbi, viterbi

TAGS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG")


def _head(seed: int) -> Head:
    rng = np.random.default_rng(seed)
    k = len(TAGS)
    return Head.from_json(
        {
            "name": "ner",
            "tags": list(TAGS),
            "transitions": rng.normal(size=(k, k)).tolist(),
            "start": rng.normal(size=k).tolist(),
            "end": rng.normal(size=k).tolist(),
        }
    )


def _brute_force(scores: np.ndarray, head: Head) -> list[int]:
    """The best path by trying every tag sequence (short rows only)."""

    def total(path):
        s = head.start[path[0]] + scores[0, path[0]] + head.end[path[-1]]
        for t in range(1, len(path)):
            s += head.transitions[path[t - 1], path[t]] + scores[t, path[t]]
        return s

    return list(max(itertools.product(range(len(TAGS)), repeat=len(scores)), key=total))


def test_padded_rows_of_mixed_lengths_decode_as_if_alone():
    rng = np.random.default_rng(7)
    head = _head(3)
    lengths = np.array([3, 1, 5, 2, 5, 4])
    scores = rng.normal(size=(len(lengths), lengths.max(), len(TAGS))).astype(np.float32)
    best = viterbi(scores, lengths, head)
    for row, n in enumerate(lengths):
        assert best[row, :n].tolist() == _brute_force(scores[row, :n], head)
        alone = viterbi(scores[row : row + 1, :n], lengths[row : row + 1], head)
        assert best[row, :n].tolist() == alone[0].tolist()


def test_decoding_groups_cover_every_piece_once_within_the_cell_budget():
    rng = np.random.default_rng(1)
    lengths = {i: int(n) for i, n in enumerate(rng.integers(1, 4000, size=300))}
    groups = decoding_groups(lengths)
    assert sorted(i for g in groups for i in g) == sorted(lengths)
    for group in groups:
        widest = max(lengths[i] for i in group)
        assert widest * len(group) <= BATCH_CHARACTERS or len(group) == 1


def _softmax_head(seed: int, tags=TAGS) -> Head:
    """A head as a softmax-trained one ships: counted transitions (never positive), zero start and end."""
    rng = np.random.default_rng(seed)
    k = len(tags)
    transitions = -np.abs(rng.normal(size=(k, k)))
    transitions[0] = 0.0  # out of O: nothing
    return Head.from_json(
        {
            "name": "triggers",
            "tags": list(tags),
            "transitions": transitions.tolist(),
            "start": [0.0] * k,
            "end": [0.0] * k,
        }
    )


def test_pruned_viterbi_finds_the_same_paths_over_fewer_tags():
    tags = ("O", *[f"{p}-T{k}" for k in range(20) for p in "BI"])
    for seed in range(30):
        rng = np.random.default_rng(seed)
        head = _softmax_head(seed, tags)
        scores = rng.normal(size=(3, 12, len(tags))).astype(np.float32)
        scores[:, :, 0] += 3.0 * (seed % 3)  # from unsure rows to rows sure of O: different slacks
        lengths = np.full(3, 12)
        best, kept = pruned_viterbi(scores, lengths, head)
        full = viterbi(scores, lengths, head)
        assert [[kept[t] for t in row] for row in best] == [[tags[t] for t in row] for row in full]
        assert kept[0] == "O" and len(kept) <= len(tags)
    sure = np.zeros((1, 6, len(tags)), dtype=np.float32)
    sure[0, :, 0], sure[0, 2, 1], sure[0, 3, 2] = 5.0, 9.0, 9.0  # one confident trigger
    assert pruned_viterbi(sure, np.array([6]), _softmax_head(1, tags))[1] == ("O", "B-T0", "I-T0")


def test_pruned_viterbi_is_plain_viterbi_when_a_transition_could_be_positive():
    head = _head(3)  # a CRF head: its scores take any sign
    rng = np.random.default_rng(5)
    scores = rng.normal(size=(2, 4, len(TAGS))).astype(np.float32)
    best, kept = pruned_viterbi(scores, np.array([4, 4]), head)
    assert kept == TAGS and best.tolist() == viterbi(scores, np.array([4, 4]), head).tolist()
