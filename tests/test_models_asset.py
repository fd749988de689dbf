"""The trained models in Dagster: the asset shows the model card, the check holds the shipped model to
the ratchet's floors on the bundled seeds gold."""

import hashlib
import json

import dagster as dg

from pipelines.defs.models import assets
from pipelines.evaluation import ratchet
from pipelines.text.tagger import MODELS_DIR


def test_the_entity_tagger_asset_shows_its_card_and_the_sha256_of_the_shipped_weights():
    result = dg.materialize([assets.entity_tagger])
    assert result.success
    metadata = result.asset_materializations_for_node("models__entity_tagger")[0].metadata
    shipped = hashlib.sha256((MODELS_DIR / "ner" / "model.onnx").read_bytes()).hexdigest()
    assert metadata["weights_sha256"].value == shipped
    assert shipped in metadata["model_card"].value  # the card names the weights it describes


def test_the_event_tagger_asset_shows_its_card():
    result = dg.materialize([assets.event_tagger])
    metadata = result.asset_materializations_for_node("models__event_tagger")[0].metadata
    shipped = hashlib.sha256((MODELS_DIR / "events" / "model.onnx").read_bytes()).hexdigest()
    assert metadata["weights_sha256"].value == shipped
    assert assets.event_tagger_holds_gold_floor().passed


def test_the_check_passes_on_the_shipped_model_and_fails_above_its_score(tmp_path, monkeypatch):
    assert assets.entity_tagger_holds_gold_floor().passed
    impossible = tmp_path / "ratchet.json"
    impossible.write_text(json.dumps({"ner": {"seeds.f1": 0.9999}}), encoding="utf-8")
    monkeypatch.setattr(ratchet, "RATCHET_FILE", impossible)
    result = assets.entity_tagger_holds_gold_floor()
    assert not result.passed and "seeds.f1" in result.description


MODEL_ASSETS = [
    assets.entity_tagger,
    assets.event_tagger,
    assets.entity_tagger_holds_gold_floor,
    assets.event_tagger_holds_gold_floor,
]


def test_models_count_as_scored_only_with_this_checkouts_fingerprint_and_passing_checks(monkeypatch):
    with dg.instance_for_test() as instance:
        assert not assets.models_scored_already(instance)
        assert dg.materialize(MODEL_ASSETS, instance=instance).success
        assert assets.models_scored_already(instance)
        monkeypatch.setattr(assets, "scored_fingerprint", lambda: "another checkout's files")
        assert not assets.models_scored_already(instance)


def test_a_failed_gold_check_is_never_reused(tmp_path, monkeypatch):
    impossible = tmp_path / "ratchet.json"
    impossible.write_text(json.dumps({"ner": {"seeds.f1": 0.9999}}), encoding="utf-8")
    with dg.instance_for_test() as instance:
        assert dg.materialize(MODEL_ASSETS, instance=instance).success
        monkeypatch.setattr(ratchet, "RATCHET_FILE", impossible)
        dg.materialize(MODEL_ASSETS, instance=instance, raise_on_error=False)
        assert not assets.models_scored_already(instance)


def test_the_fingerprint_covers_the_weights_the_gold_and_the_ratchet(tmp_path, monkeypatch):
    trees = [str(tree) for tree in assets.SCORED_TREES]
    for path in (MODELS_DIR / "ner" / "model.onnx", ratchet.RATCHET_FILE):
        assert any(str(path).startswith(tree) for tree in trees), path
    library = tmp_path / "text"
    (library / "models").mkdir(parents=True)
    (library / "models" / "model.onnx").write_bytes(b"weights")
    monkeypatch.setattr(assets, "SCORED_TREES", (library,))
    fingerprint = assets.scored_fingerprint.__wrapped__
    before = fingerprint()
    (library / "models" / "model.onnx").write_bytes(b"other weights")
    assert fingerprint() != before
