"""A tiny training run on a fixture: the training code, the ONNX export and the run-time tagger agree."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("torch", reason="training needs the optional extra `train`")

from pipelines.text.tagger import Tagger  # noqa: E402
from pipelines.training import ner  # noqa: E402

# our own sentences (no licensed text): names, places and organisations in fixed frames
PEOPLE = ["王坚", "李明", "张伟", "刘洋", "陈静"]
PLACES = ["杭州", "北京", "上海", "深圳", "成都"]
ORGS = ["阿里云", "浙江大学", "之江实验室", "华为公司", "清华大学"]


def _bio_lines() -> list[str]:
    lines = []
    for i in range(20):
        person, place, org = PEOPLE[i % 5], PLACES[(i + 1) % 5], ORGS[(i + 2) % 5]
        frame = ((person, "PER"), ("在", None), (place, "LOC"), ("访问", None), (org, "ORG"), ("。", None))
        for text, kind in frame:
            for k, ch in enumerate(text):
                lines.append(f"{ch}\t{'O' if kind is None else ('B-' if k == 0 else 'I-') + kind}")
        lines.append("")
    return lines


def _cluener_lines() -> list[str]:
    rows = []
    for i in range(10):
        text = f"{PEOPLE[i % 5]}读了《三体》。"
        end = len(PEOPLE[i % 5]) - 1
        label = {"name": {PEOPLE[i % 5]: [[0, end]]}, "book": {"三体": [[end + 3, end + 4]]}}
        rows.append(json.dumps({"text": text, "label": label}, ensure_ascii=False))
    return rows


@pytest.mark.parametrize("lstm", [0, 8], ids=["convolutions", "with_lstm"])
def test_a_tiny_training_run_writes_a_model_the_runtime_loads(tmp_path, lstm):
    data = tmp_path / "train"
    (data / "ner").mkdir(parents=True)
    (data / "ner" / "msra_train.bio").write_text("\n".join(_bio_lines()) + "\n", encoding="utf-8")
    (data / "ner" / "cluener_train.jsonl").write_text("\n".join(_cluener_lines()) + "\n", encoding="utf-8")
    out = tmp_path / "model"
    settings = ["epochs=12", "channels=16", "char_dim=16", "bigram_dim=8", "dilations=[1]", "batch_size=4"]
    settings += ["held_out_fraction=0.2", "min_count=1", "learning_rate=0.02", "decay=1.0", "threads=1"]
    settings.append(f"lstm={lstm}")
    options = ["--data", str(data), "--out", str(out), "--dev-sets", "seeds"]
    code = ner.main([*options, *[a for s in settings for a in ("--set", s)]])
    assert code == 0
    for name in ("model.onnx", "tagger.json", "training.json", "MODEL_CARD.md"):
        assert (out / name).exists(), name
    record = json.loads((out / "training.json").read_text(encoding="utf-8"))
    assert record["weights_sha256"] in (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    tagger = Tagger(out)
    text = "张伟在成都访问清华大学。"
    spans = tagger.tag([tagger.featuriser.features(text)])[0]
    assert set(spans) == {"news", "web"}
    # twelve epochs over twenty sentences of one frame: the frame is learnt
    assert (0, 2, "PER") in spans["news"]
