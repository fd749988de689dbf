from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from pipelines.text.timex import TimeExpression, find_time_expressions, resolve

ANCHOR = date(2025, 7, 31)


def only(text: str, anchor: date | None = ANCHOR) -> TimeExpression:
    found = find_time_expressions(text, anchor)
    assert len(found) == 1, found
    return found[0]


def test_absolute_dates_at_each_precision():
    assert resolve("2022年11月3日", None) == ("2022-11-03", "day")
    assert resolve("2019年3月27日", None) == ("2019-03-27", "day")
    assert resolve("2025年1月", None) == ("2025-01", "month")
    assert resolve("2023 年", None) == ("2023", "year")
    assert resolve("2025-07-31", None) == ("2025-07-31", "day")


def test_full_width_digits_and_chinese_numerals():
    assert resolve("２０２５年", None) == ("2025", "year")
    assert resolve("二〇二五年十一月三日", None) == ("2025-11-03", "day")
    assert resolve("十一月", ANCHOR) == ("2025-11", "month")
    expr = only("据报道，２０２５年３月５日发生")
    assert expr.text == "２０２５年３月５日"


def test_offsets_point_at_the_expression():
    text = "阿里在今年 2 月宣布投资"
    expr = only(text)
    assert text[expr.start : expr.end] == expr.text == "今年 2 月"
    assert expr.date == "2025-02"


def test_relative_expressions_resolve_against_the_anchor():
    assert resolve("今年7月", ANCHOR) == ("2025-07", "month")
    assert resolve("去年11月", ANCHOR) == ("2024-11", "month")
    assert resolve("明年", ANCHOR) == ("2026", "year")
    assert resolve("年底前", ANCHOR) == ("2025-12", "month")
    assert resolve("年初", ANCHOR) == ("2025-01", "month")
    assert resolve("今年上半年", ANCHOR) == ("2025", "year")
    assert resolve("本月", ANCHOR) == ("2025-07", "month")
    assert resolve("上月", ANCHOR) == ("2025-06", "month")
    assert resolve("昨天下午3点", ANCHOR) == ("2025-07-30", "day")
    assert resolve("前天", ANCHOR) == ("2025-07-29", "day")
    assert resolve("三年前", ANCHOR) == ("2022", "year")


def test_recent_days_resolve_to_the_anchor_month_only():
    assert resolve("近日", ANCHOR) == ("2025-07", "month")
    assert resolve("日前", ANCHOR) == ("2025-07", "month")


def test_without_anchor_relative_expressions_keep_their_text():
    for text in ("今年7月", "近日", "昨天", "年底", "上月"):
        expr = only(text, None)
        assert expr.text == text and expr.date is None and expr.precision is None


def test_days_after_count_from_the_previous_date_in_the_text():
    found = find_time_expressions("2022年11月3日，魔搭社区上线，仅27天后，ChatGPT问世", None)
    assert [(e.text, e.date) for e in found] == [("2022年11月3日", "2022-11-03"), ("27天后", "2022-11-30")]


def test_month_day_takes_the_anchor_year_and_datelines_are_plain_dates():
    assert resolve("5月11日电", date(2026, 5, 12)) == ("2026-05-11", "day")
    # far after publication: last year's
    assert resolve("12月28日", date(2025, 1, 5)) == ("2024-12-28", "day")
    assert resolve("5月11日", None) == (None, None)


def test_bare_day_and_weekday_and_clock():
    found = find_time_expressions("北京时间2009年1月25日，28日20时01分发生地震", None)
    assert found[-1].date == "2009-01-28" and found[-1].text == "28日20时01分"
    assert resolve("周六晚上", date(2002, 10, 13)) == ("2002-10-12", "day")
    assert only("2014年1月2日14时许发生火灾").text == "2014年1月2日14时许"


def test_words_that_merely_contain_numerals_are_not_dates():
    assert find_time_expressions("统一月度考核", ANCHOR) == []
    assert find_time_expressions("一年中有三次", ANCHOR) == []
    assert find_time_expressions("每年输出约1500项专利", ANCHOR) == []
    assert resolve("2013年2月30日", None) == (None, None)


@given(st.text(alphabet="年月日今去明前后天周上下本近0123456789一二三十〇号时点 ,。", max_size=40))
def test_never_raises_and_offsets_slice_the_text(text):
    for expr in find_time_expressions(text, ANCHOR):
        assert text[expr.start : expr.end] == expr.text
        assert expr.precision in (None, "day", "month", "year")


def test_clock_times_in_chinese_numerals_after_a_part_of_the_day():
    assert only("凌晨六时四十分左右，在国道上").text == "凌晨六时四十分左右"
    assert only("晚上十点半发生火灾").text == "晚上十点半"
    assert find_time_expressions("他一时间没有回答", ANCHOR) == []
