from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.text.sentences import split_sentences


def surfaces(text):
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_chinese_terminators_and_closing_quotes():
    text = "他说：“开源是答案。”然后离开了！真的吗？？好……下一句；再一句"
    assert surfaces(text) == [
        "他说：“开源是答案。”",
        "然后离开了！",
        "真的吗？？",
        "好……",
        "下一句；",
        "再一句",
    ]


def test_line_breaks_and_headings_end_sentences():
    text = "## 开源账怎么算\n何为开源？开源，即“开放源代码”\n\n三、虚与实的协同\n正文"
    assert surfaces(text) == [
        "## 开源账怎么算",
        "何为开源？",
        "开源，即“开放源代码”",
        "三、虚与实的协同",
        "正文",
    ]


def test_english_sentences_keep_abbreviations_and_initials():
    text = "Mr. Tao said A.I. is big. The crowd cheered! Was it real? Yes 3.5 times."
    assert surfaces(text) == [
        "Mr. Tao said A.I. is big.",
        "The crowd cheered!",
        "Was it real?",
        "Yes 3.5 times.",
    ]


def test_english_quote_closes_sentence():
    text = (
        "“People come here to explore,” said Felix Tao. “When we started, we were small fish.” Mr. Zhu said."
    )
    assert surfaces(text) == [
        "“People come here to explore,” said Felix Tao.",
        "“When we started, we were small fish.”",
        "Mr. Zhu said.",
    ]


def test_no_sentences_in_blank_text():
    assert split_sentences("") == []
    assert split_sentences(" \n\u3000\n") == []


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("中文ab A.?!。！？；…”）\n \u30001")), max_size=60))
def test_every_non_space_character_is_in_exactly_one_sentence(text):
    sentences = split_sentences(text)
    covered = [0] * len(text)
    previous_end = 0
    for sentence in sentences:
        assert sentence.start < sentence.end
        assert sentence.start >= previous_end
        previous_end = sentence.end
        piece = text[sentence.start : sentence.end]
        assert piece == piece.strip()
        for k in range(sentence.start, sentence.end):
            covered[k] += 1
    for k, ch in enumerate(text):
        assert covered[k] == (0 if ch.isspace() and covered[k] == 0 else 1)
        if not ch.isspace():
            assert covered[k] == 1
