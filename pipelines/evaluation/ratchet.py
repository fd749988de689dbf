"""The ratchet: gold-set scores that may not drop (`ratchet.json`), read by the tests and the asset checks.

A floor is the score of the shipped model when it was raised; a change that lowers a score fails the test
command, and one that raises it by more than `SLACK` must raise the floor too (`--raise` writes it), so
improvements are kept.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

RATCHET_FILE = Path(__file__).parent / "ratchet.json"
SLACK = 0.01  # rounding and platform noise; more than this above the floor means: raise it


def floors(section: str) -> dict[str, float]:
    return json.loads(RATCHET_FILE.read_text(encoding="utf-8")).get(section, {})


def shortfalls(section: str, scores: dict[str, float]) -> list[str]:
    """What fell below its floor (sets with no score, e.g. absent dev data, are not judged)."""
    return [
        f"{section}/{name}: {scores[name]:.4f} < floor {floor:.4f}"
        for name, floor in floors(section).items()
        if name in scores and scores[name] < floor - 1e-9
    ]


def unclaimed_gains(section: str, scores: dict[str, float]) -> list[str]:
    return [
        f"{section}/{name}: {scores[name]:.4f} > floor {floor:.4f} + {SLACK}: raise the floor"
        for name, floor in floors(section).items()
        if name in scores and scores[name] > floor + SLACK
    ]


def raise_floors(section: str, scores: dict[str, float]) -> dict[str, float]:
    data = json.loads(RATCHET_FILE.read_text(encoding="utf-8"))
    current = data.setdefault(section, {})
    for name, value in scores.items():
        # rounded down, so the floor never sits above the score it was read from
        current[name] = max(math.floor(value * 1000) / 1000, current.get(name, 0.0))
    RATCHET_FILE.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return current


def ner_scores() -> dict[str, float]:
    """Micro F1 and per-type F1 of the shipped entity recogniser on every present gold set."""
    from pipelines.evaluation.ner import score_gold_sets

    flat = {}
    for name, summary in score_gold_sets().items():
        flat[f"{name}.f1"] = summary["f1"]
        flat.update({f"{name}.{label}": f1 for label, f1 in summary["per_type"].items()})
    return flat


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.evaluation.ratchet", description=__doc__)
    parser.add_argument("--raise", dest="raise_", action="store_true", help="write the new floors")
    args = parser.parse_args(argv)
    scores = ner_scores()
    print(json.dumps(scores, indent=1))
    if args.raise_:
        print("floors now:", raise_floors("ner", scores))
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
