import csv
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.text import amounts, event_model, timex
from pipelines.text.event_extractor import (
    TAXONOMY_FILE,
    argument_edges,
    attach_mentions,
    event_amount,
    event_date,
    event_roles,
    find_events,
    modality,
    role_by_mention,
    role_info,
)
from pipelines.text.records import Argument, EventMention, Mention, Sentence


def mention(text: str, surface: str, entity_type: str) -> Mention:
    start = text.index(surface)
    return Mention(start, start + len(surface), surface, entity_type, "test", 1.0)


def argument(text: str, role: str, surface: str) -> Argument:
    start = text.index(surface)
    return Argument(role, surface, start, start + len(surface))


def events(text: str, mentions: list[Mention] = (), anchor: date | None = None) -> list[EventMention]:
    return find_events(text, [Sentence(0, len(text))], list(mentions), anchor)


# ---------------------------------------------------------------- the role table


def test_roles_table_covers_the_taxonomy_exactly():
    with TAXONOMY_FILE.open(encoding="utf-8") as f:
        taxonomy = {(row["event_type"], r) for row in csv.DictReader(f) for r in row["roles"].split("|")}
    assert set(role_info()) == taxonomy
    assert set(event_roles()) == {t for t, _ in taxonomy}
    assert all(len(roles) <= event_model.MAX_ROLES for roles in event_roles().values())


def test_actor_roles_name_people_or_organisations_and_times_are_no_actors():
    info = role_info()
    investor = info[("财经/交易-投资", "投资方")]
    assert investor.actor and "ORG" in investor.entity_types
    assert info[("组织关系-任职", "任职者")].entity_types == ("PERSON",)
    assert not info[("财经/交易-投资", "时间")].actor
    assert info[("财经/交易-投资", "投资金额")].kind == "money"
    for key, row in info.items():
        assert row.actor == bool(set(row.entity_types) & {"PERSON", "ORG"}), key


# ---------------------------------------------------------------- modality


def test_modality_from_the_words_around_the_trigger():
    def of(text: str, trigger: str) -> str:
        start = text.index(trigger)
        return modality(text, 0, start, start + len(trigger))

    assert of("百度在2013年收购DNNresearch未果。", "收购") == "negated"
    assert of("华为没有发布新款手机。", "发布") == "negated"
    assert of("公司未发布财报。", "发布") == "negated"
    assert of("小米计划明年发布新款手机。", "发布") == "planned"
    assert of("腾讯拟于2026年设立新基金。", "设立") == "planned"
    assert of("阿里将投资10亿元。", "投资") == "planned"
    assert of("如果苹果发布新款手机，价格会更高。", "发布") == "hypothetical"
    assert of("华为今天发布新款手机。", "发布") == "asserted"
    # a negation in an earlier clause does not reach the trigger
    assert of("他没有来，公司发布了新品。", "发布") == "asserted"


# ---------------------------------------------------------------- mentions, dates, amounts


def test_an_actor_argument_takes_the_span_of_the_mention_it_overlaps():
    text = "腾讯投资了阿里巴巴集团旗下的公司。"
    tencent, alibaba = mention(text, "腾讯", "ORG"), mention(text, "阿里巴巴集团", "ORG")
    predicted = [argument(text, "投资方", "腾讯投"), argument(text, "投资对象", "阿里巴巴")]
    snapped = attach_mentions("财经/交易-投资", predicted, [tencent, alibaba])
    assert [(a.role, a.text, a.start, a.end) for a in snapped] == [
        ("投资方", "腾讯", tencent.start, tencent.end),
        ("投资对象", "阿里巴巴集团", alibaba.start, alibaba.end),
    ]


def test_arguments_that_are_no_actors_or_meet_an_unfitting_mention_keep_their_span():
    text = "2025年7月，北京举办了大会。"
    place = mention(text, "北京", "LOCATION")
    when = argument(text, "时间", "2025年7月")
    host = argument(text, "举办方", "北京")  # 举办方 wants an organisation, not a place
    assert attach_mentions("组织行为-举办", [when, host], [place]) == [when, host]


def test_quotes_and_unpaired_title_marks_leave_the_edges_of_an_argument():
    text = "推出“场景机会清单”，印发《高地实施方案》和《鸿蒙》。"
    quoted, unpaired, title = (
        argument(text, "政策名称", "“场景机会清单”"),
        argument(text, "政策名称", "高地实施方案》"),
        argument(text, "发布产品", "《鸿蒙》"),
    )
    cleaned = argument_edges([quoted, unpaired, title])
    assert [(a.text, text[a.start : a.end]) for a in cleaned] == [
        ("场景机会清单", "场景机会清单"),
        ("高地实施方案", "高地实施方案"),
        ("《鸿蒙》", "《鸿蒙》"),
    ]


def test_a_mention_in_a_role_that_does_not_take_its_type_moves_to_the_empty_role_that_does():
    text = "DeepSeek-R1上线，性能直追OpenAI-o1。"
    product = mention(text, "DeepSeek-R1", "PRODUCT")
    moved = role_by_mention("产品行为-发布", [argument(text, "发布方", "DeepSeek-R1")], [product])
    assert [(a.role, a.text) for a in moved] == [("发布产品", "DeepSeek-R1")]
    # the role that fits is taken: nothing moves
    taken = [argument(text, "发布方", "DeepSeek-R1"), argument(text, "发布产品", "OpenAI-o1")]
    assert role_by_mention("产品行为-发布", taken, [product]) == taken
    org = mention(text, "OpenAI", "ORG")
    fitting = [Argument("发布方", "OpenAI", org.start, org.end)]
    assert role_by_mention("产品行为-发布", fitting, [org]) == fitting


def test_the_date_is_that_of_the_time_argument_resolved_against_the_anchor():
    anchor = date(2025, 7, 31)

    def dated(text: str, role: str, surface: str):
        expressions = timex.find_time_expressions(text, anchor)
        return event_date([argument(text, role, surface)], expressions, anchor)

    assert dated("去年,游戏科学发布了新游戏。", "时间", "去年") == ("2024", "year", "去年")
    assert dated("3月5日，公司上市。", "时间", "3月5日") == ("2025-03-05", "day", "3月5日")
    assert dated("去年,游戏科学发布了新游戏。", "发布方", "游戏科学") == (None, None, None)


def test_the_amount_is_the_money_inside_a_money_role():
    text = "阿里宣布三年将3800亿人民币砸向AI基础设施，占比30%。"
    money = amounts.find_amounts(text)
    found = event_amount("财经/交易-投资", [argument(text, "投资金额", "3800亿人民币")], money)
    assert found == (3.8e11, "CNY")
    assert event_amount("财经/交易-投资", [argument(text, "投资方", "阿里")], money) == (None, None)


# ---------------------------------------------------------------- the trained tagger end to end


def test_a_layoff_with_its_arguments():
    text = "雀巢裁员4000人。"
    (e,) = events(text, [mention(text, "雀巢", "ORG")])
    assert (e.event_type, e.trigger) == ("组织关系-裁员", "裁员")
    found = {(a.role, a.text) for a in e.arguments}
    assert found and found <= {("裁员方", "雀巢"), ("裁员人数", "4000人")}


def test_sentence_index_and_offsets_follow_the_sentences():
    text = "天气很好。雀巢裁员4000人。"
    found = find_events(text, [Sentence(0, 5), Sentence(5, len(text))], [], None)
    assert [(e.sentence_index, text[e.trigger_start : e.trigger_end]) for e in found] == [(1, "裁员")]


ALPHABET = "发布成立收购融资地震死亡被未将如果《》“”，。亿元人名0123456789年月日ABC "


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=50))
def test_never_raises_and_offsets_hold_on_arbitrary_text(text):
    sentences = [Sentence(0, len(text))] if text else []
    for e in find_events(text, sentences, [], date(2025, 1, 1)):
        assert text[e.trigger_start : e.trigger_end] == e.trigger
        assert 0.0 <= e.confidence <= 1.0
        assert e.modality in ("asserted", "negated", "planned", "hypothetical")
        for a in e.arguments:
            assert text[a.start : a.end] == a.text
            assert a.role in event_roles()[e.event_type]
