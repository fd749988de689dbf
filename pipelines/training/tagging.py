"""Training a multi-head CRF tagger on character features, and writing it for onnxruntime.

Shared by the entity and event taggers: a corpus is a list of (feature rows, tag ids) per head; every
batch comes from one head's corpus; the model with the best held-out F1 of the first head is kept.
"""

from __future__ import annotations

import copy
import json
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from pipelines.text import features as F
from pipelines.text import tagger as runtime
from pipelines.training.network import ConvTagger, Crf


@dataclass
class HeadData:
    name: str
    tags: tuple[str, ...]
    train: list[tuple[np.ndarray, np.ndarray]]
    held_out: list[tuple[np.ndarray, np.ndarray]]


def build_vocabulary(texts: list[str], max_chars: int, max_bigrams: int, min_count: int) -> F.Vocabulary:
    """The most frequent characters and bigrams (normalised) that occur at least `min_count` times."""
    chars: Counter = Counter()
    bigrams: Counter = Counter()
    for text in texts:
        normal = [F.normalise_character(c) for c in text if not "\ud800" <= c <= "\udfff"]
        chars.update(normal)
        bigrams.update(a + b for a, b in zip(normal, normal[1:], strict=False))
    keep_chars = [c for c, n in chars.most_common(max_chars) if n >= min_count]
    known = set(keep_chars)
    keep_bigrams = [
        b for b, n in bigrams.most_common() if n >= min_count and b[0] in known and b[1] in known
    ][:max_bigrams]
    return F.Vocabulary(tuple(keep_chars), tuple(keep_bigrams))


def encode_tags(length: int, spans, tags: tuple[str, ...]) -> np.ndarray:
    index = {t: i for i, t in enumerate(tags)}
    ids = np.zeros(length, dtype=np.int64)
    for start, end, kind in spans:
        if f"B-{kind}" in index:
            ids[start] = index[f"B-{kind}"]
            ids[start + 1 : end] = index[f"I-{kind}"]
    return ids


def batches(data: list[tuple[np.ndarray, np.ndarray]], size: int, rng: random.Random):
    """Padded (features, gold, mask) tensors of sentences of similar length, in random order."""
    order = sorted(range(len(data)), key=lambda i: (len(data[i][0]), rng.random()))
    groups = [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(groups)
    for group in groups:
        yield pad([data[i] for i in group])


def pad(rows: list[tuple[np.ndarray, np.ndarray]]):
    width = max(len(x) for x, _ in rows)
    features = np.zeros((len(rows), width, rows[0][0].shape[1]), dtype=np.int64)
    gold = np.zeros((len(rows), width), dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.float32)
    for r, (x, y) in enumerate(rows):
        features[r, : len(x)], gold[r, : len(y)], mask[r, : len(y)] = x, y, 1.0
    return torch.from_numpy(features), torch.from_numpy(gold), torch.from_numpy(mask)


def runtime_head(name: str, tags: tuple[str, ...], crf: Crf) -> dict:
    return {
        "name": name,
        "tags": list(tags),
        "transitions": crf.transitions.detach().numpy().round(5).tolist(),
        "start": crf.start.detach().numpy().round(5).tolist(),
        "end": crf.end.detach().numpy().round(5).tolist(),
    }


def span_f1(model: ConvTagger, crf: Crf, head_index: int, head: HeadData) -> dict:
    """Exact-span precision, recall and F1 on the head's held-out sentences, decoded as at run time."""
    decoded = runtime.Head.from_json(runtime_head(head.name, head.tags, crf))
    tp = predicted = gold = 0
    model.eval()
    with torch.no_grad():
        for start in range(0, len(head.held_out), 128):
            rows = head.held_out[start : start + 128]
            features, gold_ids, mask = pad(rows)
            scores = model(features)[head_index].numpy()
            best = runtime.viterbi(scores, mask.sum(1).numpy().astype(np.int64), decoded)
            for r, (_, y) in enumerate(rows):
                want = set(runtime.spans_of([head.tags[k] for k in y]))
                got = set(runtime.spans_of([head.tags[k] for k in best[r, : len(y)]]))
                tp, predicted, gold = tp + len(want & got), predicted + len(got), gold + len(want)
    model.train()
    p, r = tp / max(predicted, 1), tp / max(gold, 1)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / max(p + r, 1e-9), 4)}


def train(heads: list[HeadData], sizes: dict, config: dict, log: Callable[[str], None], on_best=None):
    """Adam over every head's batches; returns (best model, its CRFs, per-epoch history).

    `on_best(model, crfs)` is called whenever the held-out F1 of the first head improves (a checkpoint)."""
    torch.manual_seed(config["seed"])
    rng = random.Random(config["seed"])
    torch.set_num_threads(config.get("threads", 2))
    model = ConvTagger(sizes, [len(h.tags) for h in heads], config)
    crfs = torch.nn.ModuleList(Crf(len(h.tags)) for h in heads)
    optimiser = torch.optim.Adam(
        [*model.parameters(), *crfs.parameters()], lr=config["learning_rate"], fused=True
    )
    best, best_f1, history = None, -1.0, []
    for epoch in range(1, config["epochs"] + 1):
        started = time.monotonic()
        work = [(k, b) for k, h in enumerate(heads) for b in batches(h.train, config["batch_size"], rng)]
        rng.shuffle(work)
        total = 0.0
        for step, (k, (features, gold, mask)) in enumerate(work, 1):
            optimiser.zero_grad()
            loss = crfs[k].loss(model(features)[k], gold, mask)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimiser.step()
            total += loss.item()
            if step % 100 == 0:
                log(f"  epoch {epoch}: {step}/{len(work)} batches, loss {total / step:.3f}")
        for group in optimiser.param_groups:
            group["lr"] *= config.get("decay", 1.0)
        scores = {h.name: span_f1(model, crfs[k], k, h) for k, h in enumerate(heads)}
        history.append({"epoch": epoch, "loss": round(total / len(work), 4), "held_out": scores})
        log(
            f"epoch {epoch}: loss {total / len(work):.3f}, held-out {scores}, "
            f"{time.monotonic() - started:.0f}s"
        )
        if scores[heads[0].name]["f1"] > best_f1:
            best_f1, best = scores[heads[0].name]["f1"], (copy.deepcopy(model), copy.deepcopy(crfs))
            if on_best:
                on_best(*best)
    return best[0], best[1], history


def export_onnx(model, path: Path, outputs: list[str], columns: int) -> None:
    """The network as ONNX: int64 features (batch, time, columns) in, one score tensor per head out."""
    model.eval()
    example = torch.ones((2, 7, columns), dtype=torch.int64)
    torch.onnx.export(
        model,
        (example,),
        str(path),
        input_names=["features"],
        output_names=outputs,
        dynamic_axes={name: {0: "batch", 1: "time"} for name in ["features", *outputs]},
        opset_version=17,
        dynamo=False,
    )


def export(model: ConvTagger, crfs, heads: list[HeadData], vocabulary: F.Vocabulary, folder: Path) -> None:
    """model.onnx and tagger.json: everything the run-time Tagger needs."""
    folder.mkdir(parents=True, exist_ok=True)
    export_onnx(model, folder / "model.onnx", [h.name for h in heads], len(F.FEATURE_NAMES))
    config = {
        "features": list(F.FEATURE_NAMES),
        "vocabulary": vocabulary.to_json(),
        "heads": [runtime_head(h.name, h.tags, crf) for h, crf in zip(heads, crfs, strict=True)],
    }
    (folder / "tagger.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
