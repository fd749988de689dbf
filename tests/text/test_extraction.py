from datetime import date

from pipelines.text.extraction import extract_article, extract_text, sentence_index_of
from pipelines.text.sentences import split_sentences


def test_sentence_index_of_finds_the_sentence_holding_an_offset():
    starts = [0, 10, 25]
    assert [sentence_index_of(starts, o) for o in (0, 9, 10, 24, 25, 99)] == [0, 0, 1, 1, 2, 2]


def test_mentions_get_the_sentence_they_stand_in():
    body = "百度发布了文心一言。阿里巴巴随后发布了通义千问。"
    result = extract_article(body, split_sentences(body), date(2023, 4, 1))
    by_text = dict(zip((m.text for m in result.mentions), result.mention_sentences, strict=True))
    assert by_text["百度"] == 0 and by_text["阿里巴巴"] == 1
    assert {e.sentence_index for e in result.events} == {0, 1}


def test_traditional_text_keeps_its_own_offsets():
    text = "2023年8月，阿里雲發布了通義千問。"
    out = extract_text(text, date(2023, 9, 1))
    for entity in out["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]
    names = {e["name"] for e in out["entities"]}
    assert "阿里云" in names
    release = [e for e in out["events"] if e["event_type"] == "产品行为-发布"]
    assert release and text[release[0]["trigger_start"] : release[0]["trigger_end"]] == "發布"
    assert release[0]["date"] == "2023-08"


def test_empty_and_odd_text_give_empty_results():
    assert extract_text("") == {"entities": [], "events": []}
    assert extract_text("🙂\u200b\n\n") == {"entities": [], "events": []}
