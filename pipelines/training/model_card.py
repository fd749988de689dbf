"""What training records next to the weights: `training.json` (settings, per-epoch held-out scores, sha256)
and `MODEL_CARD.md`, written from it and from the dev-set scores of the whole recogniser."""

from __future__ import annotations

import hashlib
import json
import platform
from pathlib import Path


def write_training_record(
    folder: Path, config: dict, history: list, minutes: float, heads: list[str]
) -> dict:
    best = max(history, key=lambda h: h["held_out"][heads[0]]["f1"])
    weights = folder / "model.onnx"
    record = {
        "config": config,
        "history": history,
        "chosen_epoch": best["epoch"],
        "held_out": best["held_out"],
        "training_minutes": round(minutes, 1),
        "machine": f"{platform.machine()}, {config.get('threads', 2)} torch threads",
        "weights_sha256": hashlib.sha256(weights.read_bytes()).hexdigest(),
        "weights_bytes": weights.stat().st_size + (folder / "tagger.json").stat().st_size,
    }
    (folder / "training.json").write_text(
        json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return record


def score_table(scores: dict) -> list[str]:
    lines = ["| set | P | R | F1 | per type (F1) |", "|---|---|---|---|---|"]
    for name, s in scores.items():
        per_type = ", ".join(f"{k} {v:.3f}" for k, v in s.get("per_type", {}).items())
        lines.append(f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {per_type} |")
    return lines


def write_card(folder: Path, record: dict, about: list[str], dev_scores: dict) -> Path:
    """MODEL_CARD.md: `about` (data, licences, types, features: the caller's words), then the numbers."""
    config = record["config"]
    settings = {k: v for k, v in config.items() if k not in ("corpora", "heads")}
    lines = [
        *about,
        "",
        "## Hyperparameters",
        "",
        "```json",
        json.dumps(settings, ensure_ascii=False),
        "```",
        "",
        f"Trained in {record['training_minutes']} min on {record['machine']}; "
        f"epoch {record['chosen_epoch']} of "
        f"{config['epochs']} chosen on the held-out blocks.",
        "",
        "## Held-out blocks of the training files (model selection)",
        "",
        *score_table(record["held_out"]),
        "",
        "## Dev sets (never used for training or selection)",
        "",
        *score_table(dev_scores),
        "",
    ]
    return write_lines(folder, record, lines)


def write_lines(folder: Path, record: dict, lines: list[str]) -> Path:
    """MODEL_CARD.md: the caller's lines, then the weights' sha256 and size."""
    lines = [
        *lines,
        "## Weights",
        "",
        f"- `model.onnx` sha256 `{record['weights_sha256']}`",
        f"- size with `tagger.json`: {record['weights_bytes'] / 1e6:.1f} MB",
        "",
    ]
    card = folder / "MODEL_CARD.md"
    card.write_text("\n".join(lines), encoding="utf-8")
    return card
