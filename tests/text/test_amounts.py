import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.text.amounts import Amount, find_amounts


def money(text: str) -> list[tuple[str, float, str | None]]:
    return [(a.text, a.value, a.currency) for a in find_amounts(text) if a.kind == "money"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("阿里宣布三年将 3800 亿人民币砸向AI", [("3800 亿人民币", 3.8e11, "CNY")]),
        ("完成130億美元F輪融資", [("130億美元", 1.3e10, "USD")]),
        ("市值飙升超4000億港元", [("4000億港元", 4e11, "HKD")]),
        ("计划投资6000亿元", [("6000亿元", 6e11, "CNY")]),
        ("以4400万美元的高价", [("4400万美元", 4.4e7, "USD")]),
        ("融资1亿美元", [("1亿美元", 1e8, "USD")]),
        ("获得三千万元投资", [("三千万元", 3e7, "CNY")]),
        ("罚款人民币50万元", [("人民币50万元", 5e5, "CNY")]),
        ("售价$999", [("$999", 999.0, "USD")]),
    ],
)
def test_money_with_iso_currency(text, expected):
    assert money(text) == expected


def test_offsets_slice_the_input():
    text = "港股市值由此飆升超4000億港元(約3600億元)"
    for a in find_amounts(text):
        assert text[a.start : a.end] == a.text
    assert [a.value for a in find_amounts(text)] == [4e11, 3.6e11]


def test_bare_figure_takes_the_currency_of_its_sentence_or_none():
    assert money("带来3600亿市值") == [("3600亿", 3.6e11, None)]
    assert money("投资1000亿美元，其中300亿用于建厂") == [("1000亿美元", 1e11, "USD"), ("300亿", 3e10, "USD")]


def test_vague_figures_are_skipped():
    assert money("投入门槛将达到数十亿、数百亿美金的级别") == []


def test_heading_number_glued_to_a_figure_is_not_part_of_it():
    amounts = find_amounts("033600億的“彩頭”")
    assert [(a.text, a.value) for a in amounts] == [("3600億", 3.6e11)]
    assert amounts[0].start == 2


def test_a_figure_of_tokens_is_not_money():
    kinds = {a.text: a.kind for a in find_amounts("日均消耗量为 10.2 万亿 Tokens，占比 17.7%")}
    assert kinds == {"10.2 万亿": "count", "17.7%": "percent"}


def test_person_counts_and_percentages():
    found = find_amounts("裁员300人，造成6人死亡，300余人受伤，降价超80%，加息25个基点")
    assert [(a.text, a.value, a.kind) for a in found] == [
        ("300人", 300.0, "count"),
        ("6人", 6.0, "count"),
        ("300余人", 300.0, "count"),
        ("80%", 80.0, "percent"),
        ("25个基点", 0.25, "percent"),
    ]


def test_ranks_and_plain_numbers_are_not_amounts():
    assert find_amounts("获得第三名") == []
    assert find_amounts("2025年每年输出约1500项专利") == []


@given(st.text(alphabet="0123456789.,亿万千百十元美港人民币名%数第一二三 ", max_size=30))
def test_never_raises_and_offsets_slice_the_text(text):
    for a in find_amounts(text):
        assert isinstance(a, Amount)
        assert text[a.start : a.end] == a.text
        assert a.kind in ("money", "count", "percent")
