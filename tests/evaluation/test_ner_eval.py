import json

import pytest

from pipelines.evaluation import ner
from pipelines.evaluation.ner import GoldSentence, Score, bio_spans, read_bio, read_gold, scored_label


def test_bio_spans():
    tags = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC", "I-ORG", "O", "B-MISC"]
    assert bio_spans(tags) == {(0, 2, "PER"), (3, 4, "LOC"), (4, 6, "LOC"), (6, 7, "ORG")}


def test_bioes_spans():
    assert bio_spans(["S-PER", "B-ORG", "M-ORG", "E-ORG", "O"]) == {(0, 1, "PER"), (1, 4, "ORG")}


def test_read_bio_sentences():
    lines = ["王 B-PER", "坚 I-PER", "在 O", "杭 B-LOC", "州 I-LOC", "", "", "中 B-ORG", "共 I-ORG"]
    sentences = list(read_bio(lines))
    assert [s.text for s in sentences] == ["王坚在杭州", "中共"]
    assert sentences[0].spans == {(0, 2, "PER"), (3, 5, "LOC")}
    assert sentences[1].spans == {(0, 2, "ORG")}


def test_scored_label_maps_our_types():
    assert scored_label("PERSON") == "PER"
    assert scored_label("LOCATION") == "LOC"
    assert scored_label("ORG") == "ORG"
    assert scored_label("PRODUCT") == "PRODUCT"  # scored apart, where the gold has products
    assert scored_label("WORK") is None


def test_products_are_scored_apart_from_the_micro_figures_and_only_where_the_gold_has_them():
    score = Score()
    score.add({(0, 2, "PER"), (3, 6, "PRODUCT")}, {(0, 2, "PER"), (3, 6, "PRODUCT"), (7, 9, "PRODUCT")})
    assert score.prf() == (1.0, 1.0, 1.0)  # PER/LOC/ORG only: comparable with the public sets
    assert score.prf("PRODUCT") == (0.5, 1.0, 2 / 3)
    assert ner.summary(score)["per_type"]["PRODUCT"] == round(2 / 3, 4)
    assert "PRODUCT" in ner.format_report(score)
    no_products = Score()
    no_products.add({(0, 2, "PER")}, {(0, 2, "PER"), (3, 6, "PRODUCT")})
    assert "PRODUCT" not in ner.summary(no_products)["per_type"]
    assert "PRODUCT" not in ner.format_report(no_products)


def test_score_exact_span_and_type():
    score = Score()
    gold = {(0, 2, "PER"), (3, 5, "LOC"), (6, 8, "ORG")}
    predicted = {(0, 2, "PER"), (3, 5, "ORG"), (6, 9, "ORG"), (10, 12, "LOC")}
    score.add(gold, predicted)
    assert score.prf("PER") == (1.0, 1.0, 1.0)
    assert score.prf("LOC") == (0.0, 0.0, 0.0)
    p, r, f = score.prf()
    assert (p, r) == (0.25, pytest.approx(1 / 3))
    assert f == pytest.approx(2 * 0.25 * (1 / 3) / (0.25 + 1 / 3))


def test_empty_score_is_zero_not_an_error():
    assert Score().prf() == (0.0, 0.0, 0.0)


def test_read_gold_detects_jsonl(tmp_path):
    path = tmp_path / "gold.jsonl"
    record = {"id": "a", "text": "王坚在杭州", "entities": [{"type": "PERSON", "start": 0, "end": 2}]}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert read_gold(path) == [GoldSentence("a", "王坚在杭州", frozenset({(0, 2, "PER")}))]


def test_main_scores_a_file_and_prints_a_report(tmp_path, capsys):
    path = tmp_path / "gold.bio"
    text = "浙江省省长刘捷在杭州表示"
    tags = ["B-LOC", "I-LOC", "I-LOC", "O", "O", "B-PER", "I-PER", "O", "B-LOC", "I-LOC", "O", "O"]
    path.write_text("\n".join(f"{c} {t}" for c, t in zip(text, tags, strict=True)) + "\n", encoding="utf-8")
    assert ner.main([str(path), "--errors", "1"]) == 0
    out = capsys.readouterr().out
    assert "micro" in out
    micro = next(line for line in out.splitlines() if line.startswith("micro"))
    assert micro.split()[1:4] == ["3", "3", "3"]
