"""The trained models the text library loads, visible in Dagster: the model card as metadata, and a check
that runs the shipped model on the bundled gold against the ratchet's floor."""

import functools
import hashlib
import json
from pathlib import Path

import dagster as dg

from pipelines.evaluation import ratchet
from pipelines.text.tagger import MODELS_DIR

ENTITY_TAGGER = dg.AssetKey(["models", "entity_tagger"])
EVENT_TAGGER = dg.AssetKey(["models", "event_tagger"])
GOLD_FLOOR = "holds_gold_floor"
# What a gold-floor score depends on: the weights, the text library around them, the gold and the floors.
SCORED_TREES = (MODELS_DIR.parent, Path(ratchet.__file__).parent)


@functools.cache
def scored_fingerprint() -> str:
    """sha256 over every file the gold-floor checks read (the text library with its models and data, the
    evaluation code, the gold sets and the ratchet): equal fingerprints score equally."""
    digest = hashlib.sha256()
    for tree in SCORED_TREES:
        for path in sorted(p for p in tree.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(path.relative_to(tree.parent)).encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def models_scored_already(instance: dg.DagsterInstance) -> bool:
    """Whether both models were last materialised with the fingerprint of this checkout and their gold
    checks passed in that same run: a run may leave them out, since scoring again would give the same
    verdict."""
    checks = [dg.AssetCheckKey(key, GOLD_FLOOR) for key in (ENTITY_TAGGER, EVENT_TAGGER)]
    latest = instance.event_log_storage.get_latest_asset_check_execution_by_key(checks)
    for check in checks:
        record = latest.get(check)
        if record is None or record.status.value != "SUCCEEDED":
            return False
        event = instance.get_latest_materialization_event(check.asset_key)
        fingerprint = event and event.asset_materialization.metadata.get("scored_fingerprint")
        if fingerprint is None or fingerprint.value != scored_fingerprint() or event.run_id != record.run_id:
            return False
    return True


def model_metadata(folder) -> dict:
    """What the UI shows for a model folder: its card, weights hash and size, held-out scores."""
    record = json.loads((folder / "training.json").read_text(encoding="utf-8"))
    return {
        "model_card": dg.MetadataValue.md((folder / "MODEL_CARD.md").read_text(encoding="utf-8")),
        "weights_sha256": record["weights_sha256"],
        "weights_mb": round(record["weights_bytes"] / 1e6, 1),
        "training_minutes": record["training_minutes"],
        "held_out": dg.MetadataValue.json(record["held_out"]),
        "path": dg.MetadataValue.path(str(folder)),
        "scored_fingerprint": scored_fingerprint(),
    }


def floor_result(section: str, scores: dict[str, float]) -> dg.AssetCheckResult:
    """The check's verdict: every score of the ratchet's `section` at or above its floor."""
    failing = ratchet.shortfalls(section, scores)
    floors = {k: v for k, v in ratchet.floors(section).items() if k in scores}
    return dg.AssetCheckResult(
        passed=not failing,
        severity=dg.AssetCheckSeverity.ERROR,
        description="; ".join(failing) or "every seeds floor holds",
        metadata={"scores": dg.MetadataValue.json(scores), "floors": dg.MetadataValue.json(floors)},
    )


@dg.asset(
    key=ENTITY_TAGGER,
    group_name="models",
    kinds={"onnx"},
    description="The trained entity tagger (`pipelines/text/models/ner`): weights, vocabulary and CRF "
    "transitions, made by `python -m pipelines train ner`. Materialising it records the shipped model's "
    "card; the check scores it on the bundled seeds gold.",
)
def entity_tagger() -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata=model_metadata(MODELS_DIR / "ner"))


@dg.asset_check(
    asset=ENTITY_TAGGER,
    name=GOLD_FLOOR,
    description="The shipped entity recogniser scores at least the ratchet's floors (pipelines/evaluation/"
    "ratchet.json) on the seeds gold bundled with the repository.",
)
def entity_tagger_holds_gold_floor() -> dg.AssetCheckResult:
    from pipelines.evaluation.ner import score_gold_sets

    summary = score_gold_sets(names=["seeds"])["seeds"]
    scores = {"seeds.f1": summary["f1"], **{f"seeds.{k}": v for k, v in summary["per_type"].items()}}
    return floor_result("ner", scores)


@dg.asset(
    key=EVENT_TAGGER,
    group_name="models",
    kinds={"onnx"},
    description="The trained event tagger (`pipelines/text/models/events`: trigger and argument heads), made "
    "by `python -m pipelines train events`. Not yet the pipeline's extractor: `evaluate events --extractor "
    "model` scores it, and the rules stay the default while they score higher on our gold sets.",
)
def event_tagger() -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata=model_metadata(MODELS_DIR / "events"))


@dg.asset_check(
    asset=EVENT_TAGGER,
    name=GOLD_FLOOR,
    description="The shipped event model scores at least the ratchet's floors on the seeds' event gold "
    "bundled with the repository (pipelines/evaluation/gold/events_dev_seeds.jsonl).",
)
def event_tagger_holds_gold_floor() -> dg.AssetCheckResult:
    from pipelines.evaluation.events import GOLD_DIR, score_gold_sets

    found = score_gold_sets([GOLD_DIR / "events_dev_seeds.jsonl"], extractor="model")
    scores = {f"model.{name}.{metric}": v for name, metrics in found.items() for metric, v in metrics.items()}
    return floor_result("events", scores)
