"""Modality rules (pipelines/text/modality.py): each decides on its own sentence, and each is needed there."""

import pytest

from pipelines.text import modality as M


def _modality(sentence: str, trigger: str, rules=None) -> str:
    start = sentence.index(trigger)
    if rules is None:
        return M.modality(sentence, 0, start, start + len(trigger))
    original = M.RULES
    try:
        M.RULES = rules
        return M.modality(sentence, 0, start, start + len(trigger))
    finally:
        M.RULES = original


CASES = [  # (rule, sentence, trigger, modality with the rule)
    (M.failed_after, "腾讯收购该公司未果。", "收购", "negated"),
    (M.hypothetical, "如果苹果发布新款手机，价格会更高。", "发布", "hypothetical"),
    (M.negated_before, "华为没有发布新款手机。", "发布", "negated"),
    (M.planned_near, "华为将于下月发布新款手机。", "发布", "planned"),
    (M.planned_in_clause, "阿里巴巴计划于2026年在新加坡设立研发中心。", "设立", "planned"),
]


@pytest.mark.parametrize("rule, sentence, trigger, expected", CASES, ids=[c[0].__name__ for c in CASES])
def test_each_rule_decides_its_sentence_and_is_needed_there(rule, sentence, trigger, expected):
    assert _modality(sentence, trigger) == expected
    without = tuple(r for r in M.RULES if r is not rule)
    assert _modality(sentence, trigger, without) != expected


def test_a_plan_carried_out_or_a_plan_word_inside_a_name_is_a_fact():
    assert _modality("公司按照年初的计划，于2025年在上海完成了收购。", "收购") == "asserted"
    assert _modality("公司计划的新工厂已于去年在苏州投产。", "投产") == "asserted"
    assert _modality("中国国家发展计划委员会和美国能源部的代表今天在这里签署了协议。", "签署") == "asserted"


def test_a_plan_word_inside_a_name_just_before_the_trigger_is_no_plan():
    # within planned_near's ten characters: the 计划 of the organisation's name is not a plan
    assert _modality("国家计划委员会主任会见了代表团。", "会见") == "asserted"
    assert _modality("联合国开发计划署发布了报告。", "发布") == "asserted"


def test_a_plain_statement_is_asserted():
    assert _modality("华为今天在深圳发布新款手机。", "发布") == "asserted"


def test_every_cue_row_is_a_class_a_word_and_an_example_using_it():
    for line in M.CUES_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, word, example = line.split("\t")
        assert kind in {
            "failed_after",
            "hypothetical",
            "negation_adjacent",
            "negation_near",
            "planned_near",
            "planned_clause",
            "completed",
            "not_a_plan",
        }, line
        assert word in example, line


def test_the_docstring_of_every_rule_starts_with_its_rule_id():
    for rule in M.RULES:
        assert rule.__doc__.startswith(f"modality.{rule.__name__}:"), rule.__name__
