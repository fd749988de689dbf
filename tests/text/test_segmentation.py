from hypothesis import given
from hypothesis import strategies as st

from pipelines.text.segmentation import is_dictionary_word, segment, tag


def test_segment_offsets_cover_the_text():
    text = "阿里云推出的Qwen3-Coder 模型。"
    words = segment(text)
    assert "".join(w for w, _, _ in words) == text
    for word, start, end in words:
        assert text[start:end] == word


def test_gazetteer_aliases_are_single_words_with_proper_tags():
    words = {word: pos for word, pos, _, _ in tag("之江实验室和阿里云智能，还有心识宇宙")}
    assert words["之江实验室"] == "nt"
    assert words["阿里云智能"] == "nt"
    assert words["心识宇宙"] == "nt"


def test_traditional_aliases_are_words_too():
    assert ("之江實驗室", "nt") in {(w, p) for w, p, _, _ in tag("之江實驗室主任王堅")}


def test_tag_offsets():
    text = "浙江省省长刘捷表示"
    tagged = tag(text)
    assert [(w, p) for w, p, _, _ in tagged][:3] == [("浙江省", "ns"), ("省长", "n"), ("刘捷", "nr")]
    assert all(text[s:e] == w for w, _, s, e in tagged)


def test_lone_surrogates_keep_their_offsets():
    text = "\ud800阿里巴巴"
    assert [w for w, _, _ in segment(text)][0] == "\ud800"
    assert all(text[s:e] == w for w, _, s, e in tag(text))


def test_empty_text():
    assert segment("") == []
    assert tag("") == []


def test_dictionary_word_ignores_gazetteer():
    assert is_dictionary_word("城市")
    assert not is_dictionary_word("心识宇宙")


@given(st.text(max_size=80))
def test_tag_never_loses_characters(text):
    tagged = tag(text)
    assert all(text[s:e] == w for w, _, s, e in tagged)
    assert sum(e - s for _, _, s, e in tagged) == len(text)


def test_domain_words_are_one_ordinary_word():
    """云计算 was 云 (jieba's abbreviation of 云南, a place word) and 计算: the tagger read 云 as a place."""
    from pipelines.text.features import OTHER_WORD, dictionary_class

    assert [w for w, _, _ in segment("一位云计算行业人士说，公共云业务在增长")] == [
        "一位", "云计算", "行业", "人士", "说", "，", "公共云", "业务", "在", "增长",
    ]  # fmt: skip
    assert dictionary_class("云计算") == OTHER_WORD and is_dictionary_word("云原生")
    assert [w for w, _, _ in segment("马上云集")] == ["马上", "云集"]  # no short domain word cuts others


def test_the_training_text_holds_no_domain_word():
    """The shipped entity weights stay reproducible: `train ner` segments its text as before only while no
    training sentence holds one of the domain words."""
    import json
    from pathlib import Path

    import pytest

    from pipelines.text.segmentation import domain_words

    train = Path(__file__).resolve().parents[3] / "shared" / "devdata" / "train" / "ner"
    if not train.exists():
        pytest.skip("../shared/devdata is absent")
    lines = (train / "msra_train.bio").read_text(encoding="utf-8").splitlines()
    msra = "".join(line.split()[0] if line.strip() else "\n" for line in lines)
    records = (train / "cluener_train.jsonl").read_text(encoding="utf-8").splitlines()
    cluener = "\n".join(json.loads(line)["text"] for line in records)
    assert [w for w in sorted(domain_words()) if w in msra or w in cluener] == []
