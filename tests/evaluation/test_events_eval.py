import json
from pathlib import Path

import pytest

from pipelines.evaluation import events as evaluation
from pipelines.text.events import event_roles
from pipelines.text.records import Argument, EventMention

GOLD_ROW = {
    "id": "t1",
    "text": "百度发布了文心一言，阿里发布了通义千问。",
    "event_list": [
        {
            "event_type": "产品行为-发布",
            "trigger": "发布",
            "trigger_start_index": 2,
            "arguments": [
                {"role": "发布方", "argument": "百度", "argument_start_index": 0},
                {"role": "发布产品", "argument": "文心一言", "argument_start_index": 5},
            ],
        },
        {
            "event_type": "产品行为-发布",
            "trigger": "发布",
            "trigger_start_index": 12,
            "arguments": [{"role": "发布方", "argument": "阿里", "argument_start_index": 10}],
        },
    ],
}


def event(start: int, trigger: str, event_type: str = "产品行为-发布", arguments=()) -> EventMention:
    return EventMention(event_type, trigger, start, start + len(trigger), 0, tuple(arguments))


def test_scores_triggers_and_arguments_on_hand_made_gold():
    gold = evaluation.parse_gold(GOLD_ROW)
    predicted = [
        event(2, "发布", arguments=[Argument("发布方", "百度", 0, 2), Argument("发布产品", "文心", 5, 7)]),
        event(12, "发布了", arguments=[Argument("发布方", "阿里", 10, 12)]),  # overlaps, not exact
        event(5, "文心", "产品行为-开源"),  # spurious
    ]
    report = evaluation.Report()
    evaluation.score_text(report, gold, predicted)
    assert (report.trigger.true_positive, report.trigger.predicted, report.trigger.gold) == (1, 3, 2)
    assert report.trigger_overlap.true_positive == 2
    assert (report.argument.true_positive, report.argument.predicted, report.argument.gold) == (2, 3, 3)
    precision, recall, f1 = report.trigger.prf()
    assert precision == pytest.approx(1 / 3) and recall == pytest.approx(0.5) and f1 == pytest.approx(0.4)
    assert any("spurious 产品行为-开源" in line for line in report.misses)


def test_perfect_prediction_scores_one():
    gold = evaluation.parse_gold(GOLD_ROW)
    predicted = [
        event(
            2, "发布", arguments=[Argument("发布方", "百度", 0, 2), Argument("发布产品", "文心一言", 5, 9)]
        ),
        event(12, "发布", arguments=[Argument("发布方", "阿里", 10, 12)]),
    ]
    report = evaluation.Report()
    evaluation.score_text(report, gold, predicted)
    assert report.trigger.prf() == (1.0, 1.0, 1.0)
    assert report.argument.prf() == (1.0, 1.0, 1.0)


def test_offset_only_lines_take_their_text_from_the_article():
    row = {
        "id": "c1",
        "cec_id": "a",
        "start": 3,
        "end": 12,
        "event_list": [
            {
                "event_type": "灾害/意外-起火",
                "trigger_start_index": 5,
                "trigger_end_index": 7,
                "arguments": [{"role": "地点", "argument_start_index": 0, "argument_end_index": 3}],
            }
        ],
    }
    articles = {"a": ("标题。杭州市发生火灾，无人伤亡。", None)}
    gold = evaluation.parse_gold(row, articles)
    assert gold.text == "杭州市发生火灾，无"
    assert gold.triggers == frozenset({("灾害/意外-起火", 5, "火灾")})
    assert gold.arguments == {("灾害/意外-起火", "地点", "杭州市"): 1}


def test_main_scores_a_file_and_reports(tmp_path: Path, capsys):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD_ROW, ensure_ascii=False) + "\n", encoding="utf-8")
    assert evaluation.main(["events", str(path)]) == 0
    out = capsys.readouterr().out
    assert "trigger+type" in out and "argument" in out and "1 texts" in out


def test_several_files_are_also_scored_as_one_pool(tmp_path: Path, capsys):
    one = evaluation.Report(
        2, evaluation.Score(1, 2, 4), evaluation.Score(2, 2, 4), evaluation.Score(0, 1, 3)
    )
    two = evaluation.Report(
        3, evaluation.Score(3, 3, 4), evaluation.Score(3, 3, 4), evaluation.Score(2, 4, 5)
    )
    total = evaluation.pooled([one, two])
    assert (total.texts, total.trigger, total.argument) == (
        5,
        evaluation.Score(4, 5, 8),
        evaluation.Score(2, 5, 8),
    )
    paths = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    for path in paths:
        path.write_text(json.dumps(GOLD_ROW, ensure_ascii=False) + "\n", encoding="utf-8")
    assert evaluation.main(["events", *map(str, paths)]) == 0
    assert "all 2 files, pooled: 2 texts" in capsys.readouterr().out


def test_gold_types_only_leaves_out_predictions_of_types_the_file_never_annotates(
    tmp_path: Path, monkeypatch
):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD_ROW, ensure_ascii=False) + "\n", encoding="utf-8")
    found = [event(2, "发布"), event(12, "发布"), event(4, "了文", "组织行为-举办")]
    monkeypatch.setattr(evaluation, "predict", lambda text, anchor, extractor: found)
    assert evaluation.evaluate_file(path).trigger.predicted == 3
    assert evaluation.evaluate_file(path, gold_types_only=True).trigger.predicted == 2


def test_missing_devdata_is_skipped_with_a_message(tmp_path: Path, monkeypatch, capsys):
    path = tmp_path / "cec.jsonl"
    path.write_text(json.dumps({"id": "c", "cec_id": "x", "start": 0, "end": 1, "event_list": []}) + "\n")
    monkeypatch.setattr(evaluation, "CEC_ARTICLES", tmp_path / "absent.jsonl")
    assert evaluation.main([str(path)]) == 0
    assert "skipped" in capsys.readouterr().out


def test_dev_sets_are_well_formed():
    seeds = [json.loads(line) for line in evaluation.DEV_FILES[0].open(encoding="utf-8")]
    assert len(seeds) >= 40
    for row in seeds:
        for e in row["event_list"]:
            assert row["text"][e["trigger_start_index"] :].startswith(e["trigger"])
            for a in e["arguments"]:
                assert row["text"][a["argument_start_index"] :].startswith(a["argument"])
    cec = [json.loads(line) for line in evaluation.DEV_FILES[1].open(encoding="utf-8")]
    # licensed CEC text stays out of the repo: offsets only
    assert cec and all("text" not in row for row in cec)
    for row in cec:
        for e in row["event_list"]:
            assert "trigger" not in e and all("argument" not in a for a in e["arguments"])


@pytest.mark.parametrize("path", sorted(evaluation.GOLD_DIR.glob("events_*.jsonl")), ids=lambda p: p.name)
def test_every_gold_line_resolves_to_spans_inside_its_text(path):
    """Offsets-only lines point into licensed devdata (CEC articles, People's Daily sentences): each trigger
    and argument must be a non-empty slice of the sentence, with a type and role of the taxonomy."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    sources = {"cec_id": (evaluation.CEC_ARTICLES, evaluation._cec_texts)}
    sources["pd_id"] = (evaluation.PEOPLES_DAILY, evaluation._pd_texts)
    used = [key for key in sources if any(key in row for row in rows)]
    if any(not sources[key][0].exists() for key in used):
        pytest.skip("devdata not present")
    texts = sources[used[0]][1]() if used else None
    known = event_roles()
    for row in rows:
        gold = evaluation.parse_gold(row, texts)
        for event in row.get("event_list", []):
            start, end = event["trigger_start_index"], event.get("trigger_end_index")
            assert 0 <= start < len(gold.text) and (end is None or start < end <= len(gold.text)), row["id"]
            assert event["event_type"] in known, row["id"]
            for arg in event.get("arguments", []):
                a_start, a_end = arg["argument_start_index"], arg.get("argument_end_index")
                assert 0 <= a_start < len(gold.text) and arg["role"] in known[event["event_type"]], row["id"]
                assert a_end is None or a_start < a_end <= len(gold.text), row["id"]


def test_a_people_s_daily_line_takes_its_sentence_by_id(tmp_path, monkeypatch):
    sentences = tmp_path / "pd.jsonl"
    line = {"id": "pd_dev-7", "text": "甲公司收购了乙公司。", "entities": []}
    sentences.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    monkeypatch.setattr(evaluation, "PEOPLES_DAILY", sentences)
    row = {
        "id": "x",
        "pd_id": "pd_dev-7",
        "event_list": [
            {
                "event_type": "财经/交易-出售/收购",
                "trigger_start_index": 3,
                "trigger_end_index": 5,
                "arguments": [{"role": "收购方", "argument_start_index": 0, "argument_end_index": 3}],
            }
        ],
    }
    gold = evaluation.parse_gold(row)
    assert gold.text == "甲公司收购了乙公司。"
    assert gold.triggers == {("财经/交易-出售/收购", 3, "收购")}
    assert gold.arguments == {("财经/交易-出售/收购", "收购方", "甲公司"): 1}
    monkeypatch.setattr(evaluation, "PEOPLES_DAILY", tmp_path / "absent.jsonl")
    with pytest.raises(evaluation.MissingDevdata):
        evaluation.parse_gold(row)
