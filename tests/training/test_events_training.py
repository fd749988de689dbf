"""A tiny run of `python -m pipelines train events` (seconds), so the training code cannot rot unnoticed."""

import json
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("onnx")

from pipelines.text import event_model  # noqa: E402
from pipelines.training import events as training  # noqa: E402

COMPANIES = ["雀巢", "通用汽车", "福特", "汇丰银行", "华为", "小米", "联想", "百度", "京东", "网易"]
PRODUCTS = ["新手机", "新电脑", "新模型", "新平板", "新耳机", "新系统", "新汽车", "新手表", "新音箱"]


def duee_line(i: int) -> dict:
    """A DuEE-format sentence: a layoff for even i, a product release for odd i."""
    company = COMPANIES[i % len(COMPANIES)]
    if i % 2 == 0:
        count = f"{(i + 1) * 100}人"
        text = f"{company}裁员{count}。"
        event = {
            "event_type": "组织关系-裁员",
            "trigger": "裁员",
            "trigger_start_index": len(company),
            "arguments": [
                {"role": "裁员方", "argument": company, "argument_start_index": 0},
                {"role": "裁员人数", "argument": count, "argument_start_index": len(company) + 2},
            ],
        }
    else:
        product = PRODUCTS[i % len(PRODUCTS)]
        text = f"{company}发布了{product}。"
        event = {
            "event_type": "产品行为-发布",
            "trigger": "发布",
            "trigger_start_index": len(company),
            "arguments": [
                {"role": "发布方", "argument": company, "argument_start_index": 0},
                {"role": "发布产品", "argument": product, "argument_start_index": len(company) + 3},
            ],
        }
    return {"id": f"fixture-{i}", "text": text, "event_list": [event]}


def test_a_tiny_training_run_exports_a_model_the_run_time_tagger_loads(tmp_path: Path):
    corpus = tmp_path / "devdata" / "train" / "events" / "duee_train.jsonl"
    corpus.parent.mkdir(parents=True)
    lines = [json.dumps(duee_line(i), ensure_ascii=False) for i in range(24)]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    negatives = tmp_path / "devdata" / "train" / "ner" / "cluener_train.jsonl"
    negatives.parent.mkdir(parents=True)
    negatives.write_text("".join(json.dumps({"text": t}) + "\n" for t in NEGATIVES), encoding="utf-8")
    out = tmp_path / "model"
    settings = {
        "negatives": {"corpus": "train/ner/cluener_train.jsonl", "count": 2},
        "extension": str(tmp_path / "none.jsonl"),
        "silver": str(tmp_path / "none.jsonl"),
        "late_fusion": True,
        "word_class": True,
        "lstm": 8,
        "held_out_fraction": 0.125,
        "test_fraction": 0.25,
        "split_block": 2,
        "min_count": 1,
        "char_dim": 8,
        "bigram_dim": 4,
        "channels": 16,
        "dilations": [1, 2],
        "batch_size": 4,
        "epochs": 1,
    }
    argv = ["--data", str(tmp_path / "devdata"), "--out", str(out)]
    argv += [arg for key, value in settings.items() for arg in ("--set", f"{key}={json.dumps(value)}")]
    assert training.main(argv) == 0

    record = json.loads((out / "training.json").read_text(encoding="utf-8"))
    assert record["chosen_epoch"] == 1 and set(record["held_out"]) == {"triggers", "arguments"}
    tagger = event_model.EventTagger(out)
    text = "雀巢裁员100人。"
    base = tagger.base_features(text, [])
    (triggers,) = tagger.triggers([base])  # one epoch learns little: the shapes and types are what count
    for t in triggers:
        assert t.event_type in event_model.event_types() and 0 <= t.start < t.end <= len(text)
    (spans,) = tagger.arguments([event_model.with_trigger(base, 2, 4, "组织关系-裁员")], ["组织关系-裁员"])
    assert all(s.role in event_model.taxonomy()["组织关系-裁员"] for s in spans)


NEGATIVES = ["小米发布了新手表。", "今天天气很好。", "他在公园里散步。", "图书馆里很安静。"]


def test_sentences_without_events_hold_no_training_trigger_word(tmp_path: Path):
    corpus = tmp_path / "train" / "ner" / "cluener_train.jsonl"
    corpus.parent.mkdir(parents=True)
    corpus.write_text("".join(json.dumps({"text": t}) + "\n" for t in NEGATIVES), encoding="utf-8")
    train = [training.parse_duee(duee_line(i)) for i in range(2)]  # triggers 裁员 and 发布
    config = {"negatives": {"corpus": "train/ner/cluener_train.jsonl", "count": 2}}
    found = training.negative_sentences(tmp_path, config, train)
    assert [(s.id, s.text, s.events) for s in found] == [
        ("negative:1", "今天天气很好。", ()),
        ("negative:2", "他在公园里散步。", ()),  # the first two: count is 2
    ]
    assert training.negative_sentences(tmp_path, {}, train) == []


def test_held_out_and_test_blocks_spread_over_the_file_and_are_written_in_the_duee_format(tmp_path: Path):
    rows = [duee_line(i) for i in range(400)]
    train, held_out, test = training.split(rows, 0.05, 0.1, block=10)
    assert (len(train), len(held_out), len(test)) == (340, 20, 40)
    assert test[:10] == rows[90:100] and test[-10:] == rows[390:400]  # every tenth block
    assert held_out == rows[150:160] + rows[350:360]
    assert not {r["id"] for r in test} & {r["id"] for r in train + held_out}
    path = tmp_path / "test.jsonl"
    training.write_test([training.parse_duee(r) for r in test], path)
    written = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [w["text"] for w in written] == [r["text"] for r in test]
    assert written[0]["event_list"][0]["arguments"] == test[0]["event_list"][0]["arguments"]


@pytest.mark.parametrize("annotations", [training.EXTENSION, training.SILVER], ids=["hand", "silver"])
def test_extension_annotations_are_offsets_only_and_resolve_inside_their_sentences(annotations: Path):
    """Our annotations point into licensed corpora: no text of theirs in the repo, every span inside."""
    rows = training.read_jsonl(annotations)
    assert rows and all(not {"text", "trigger", "argument"} & set(row) for row in rows)
    assert all(not {"trigger", "argument"} & {k for e in row["event_list"] for k in e} for row in rows)
    if not (training.DEFAULT_DATA / "train" / "events").exists():
        pytest.skip("devdata not present")
    sentences, added = training.load_extension(annotations, training.DEFAULT_DATA)
    assert {e.event_type for s in sentences for e in s.events} <= set(event_model.event_types())
    for s in sentences:
        for e in s.events:
            assert 0 <= e.start < e.end <= len(s.text)
            roles = event_model.taxonomy()[e.event_type]
            assert all(0 <= a < b <= len(s.text) and role in roles for a, b, role in e.arguments)
    corpus = json.loads(training.CONFIG.read_text(encoding="utf-8"))["corpus"]
    assert set(added) <= {r["id"] for r in training.read_jsonl(training.DEFAULT_DATA / corpus)}


def test_counted_transitions_keep_a_trigger_whole_and_leave_its_start_to_the_network():
    from pipelines.training.tagging import HeadData

    tags = ("O", "B-x", "I-x")
    rows = [(None, np.array([0, 1, 2, 0])), (None, np.array([1, 2, 0, 0]))]
    transitions = training.count_transitions(HeadData("triggers", tags, rows, []))
    assert transitions[1, 2] == 0.0 and transitions[1, 0] < -0.5  # B-x goes on to I-x, rarely stops
    assert (transitions[0] == 0.0).all()


def test_silver_annotations_stay_out_of_the_test_and_held_out_blocks():
    """The silver events (proposed by the retired rules) are training data only: never on a DuEE sentence
    that measures the model, nor on a People's Daily sentence (our blind sets are drawn from there)."""
    rows = training.read_jsonl(training.SILVER)
    assert not any("pd_id" in row for row in rows)
    if not (training.DEFAULT_DATA / "train" / "events").exists():
        pytest.skip("devdata not present")
    config = json.loads(training.CONFIG.read_text(encoding="utf-8"))
    corpus = training.read_jsonl(training.DEFAULT_DATA / config["corpus"])
    _, held_out, test = training.split(corpus, *training.split_settings(config))
    measured = {r["id"] for r in held_out + test}
    assert not measured & {row["duee_id"] for row in rows if "duee_id" in row}
