"""What training records next to the weights (`training.json`), from which MODEL_CARD.md is written."""

from __future__ import annotations

import hashlib
import json
import platform
from pathlib import Path


def write_training_record(folder: Path, config: dict, history: list, minutes: float, heads: list[str]) -> None:
    best = max(history, key=lambda h: h["held_out"][heads[0]]["f1"])
    record = {
        "config": config,
        "history": history,
        "chosen_epoch": best["epoch"],
        "held_out": best["held_out"],
        "training_minutes": round(minutes, 1),
        "machine": f"{platform.machine()}, {config.get('threads', 2)} threads",
        "weights_sha256": hashlib.sha256((folder / "model.onnx").read_bytes()).hexdigest(),
        "weights_bytes": (folder / "model.onnx").stat().st_size,
    }
    (folder / "training.json").write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
