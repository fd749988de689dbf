"""Property tests of the text library: on arbitrary text nothing raises, and every offset returned lies
inside the text and gives back its surface string."""

import os
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.text import amounts, decoding, documents, entities, events, script, sentences, splitting, timex
from pipelines.text.extraction import extract_article, extract_text
from pipelines.text.records import RejectedInput
from tests.properties.strategies import news_text

# Modest and without deadlines, so the file runs in seconds; PROPERTY_EXAMPLES=2000 searches harder.
PROPERTY = settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
anchors = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)))


def assert_span(text: str, start: int, end: int, surface: str) -> None:
    assert 0 <= start <= end <= len(text), (start, end, len(text))
    assert text[start:end] == surface


@PROPERTY
@given(st.one_of(st.binary(max_size=400), news_text.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_decoding_gives_text_or_a_reason(data):
    try:
        decoded = decoding.decode_bytes(data)
    except RejectedInput as rejection:
        assert rejection.reason
        return
    assert decoded.text.strip() and decoded.encoding
    assert "\r" not in decoded.text


@PROPERTY
@given(news_text, st.sampled_from(["utf-8", "utf-16", "gb18030"]))
def test_plain_text_decodes_back_to_itself(text, encoding):
    text = text.replace("\r", "").lstrip("\ufeff")
    if not text.strip() or any(ord(c) < 32 and c not in "\t\n" for c in text):
        return
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    if encoding == "utf-8":
        assert decoding.decode_bytes(data).text == text
    else:
        try:
            decoding.decode_bytes(data)
        except RejectedInput as rejection:
            assert rejection.reason


@PROPERTY
@given(st.sampled_from(["MZ", "ID3", "RIFF", "BZh", "OggS", "GIF89a", "%PDF-"]), news_text)
def test_text_that_starts_like_a_binary_format_is_still_text(magic, text):
    text = magic + text.replace("\r", "")
    if any(ord(c) < 32 and c not in "\t\n" for c in text):
        return
    assert decoding.decode_bytes(text.encode("utf-8")).text == text


@PROPERTY
@given(news_text)
def test_sentences_cover_every_character_once(text):
    found = sentences.split_sentences(text)
    covered = 0
    previous_end = 0
    for s in found:
        assert previous_end <= s.start < s.end <= len(text)
        piece = text[s.start : s.end]
        assert piece == piece.strip() and piece
        covered += sum(1 for c in piece if not c.isspace())
        previous_end = s.end
    assert covered == sum(1 for c in text if not c.isspace())


@PROPERTY
@given(st.integers(min_value=1, max_value=4000), st.sampled_from(["华为发布新手机", "华为 发布", "abc,"]))
def test_long_runs_without_terminator_become_bounded_sentences(repeat, unit):
    text = unit * repeat
    found = sentences.split_sentences(text)
    assert all(s.end - s.start <= sentences.MAX_SENTENCE_CHARS for s in found)
    assert "".join(text[s.start : s.end] for s in found).replace(" ", "") == text.replace(" ", "")


@PROPERTY
@given(news_text)
def test_lines_give_back_their_text(text):
    for line in splitting.document_lines(text):
        assert_span(text, line.start, line.end, line.text)
        assert line.start <= line.content_start <= line.end
    splitting.article_starts(splitting.document_lines(text))


@PROPERTY
@given(news_text)
def test_simplified_conversion_keeps_an_offset_map(text):
    simplified, offsets = script.to_simplified(text)
    assert len(offsets) == len(simplified) + 1
    assert offsets == sorted(offsets)
    assert offsets[0] >= 0 and offsets[-1] == len(text)
    script.detect_script(text)
    script.paragraph_language(text)


@PROPERTY
@given(news_text)
def test_documents_give_articles_whose_offsets_hold(text):
    articles, removed = documents.parse_document(text)
    for span in removed:
        assert_span(text, span.start, span.end, span.text)
    for article in articles:
        body = article.body
        assert body.strip()
        assert len(article.original_offsets) == len(body) + 1
        assert article.original_offsets == sorted(article.original_offsets)
        assert article.original_offsets[0] >= 0 and article.original_offsets[-1] <= len(article.body_original)
        for s in article.sentences:
            assert 0 <= s.start < s.end <= len(body)
        for p in article.paragraphs:
            assert 0 <= p.start < p.end <= len(body)
        for span in article.removed:
            assert_span(text, span.start, span.end, span.text)


@PROPERTY
@given(news_text, anchors)
def test_time_expressions_and_amounts_give_back_their_text(text, anchor):
    for expression in timex.find_time_expressions(text, anchor):
        assert_span(text, expression.start, expression.end, expression.text)
    for amount in amounts.find_amounts(text):
        assert_span(text, amount.start, amount.end, amount.text)


@PROPERTY
@given(news_text)
def test_entity_mentions_give_back_their_text(text):
    for mention in entities.recognise(text):
        assert_span(text, mention.start, mention.end, mention.text)


@PROPERTY
@given(news_text, anchors)
def test_events_give_back_their_trigger_and_arguments(text, anchor):
    found = sentences.split_sentences(text)
    extraction = extract_article(text, found, anchor)
    for mention in extraction.mentions:
        assert_span(text, mention.start, mention.end, mention.text)
    assert len(extraction.mention_sentences) == len(extraction.mentions)
    for event in extraction.events:
        assert_span(text, event.trigger_start, event.trigger_end, event.trigger)
        assert 0 <= event.sentence_index < len(found)
        for argument in event.arguments:
            assert_span(text, argument.start, argument.end, argument.text)
    # the events stage alone, on mentions it did not make
    events.find_events(text, found, extraction.mentions, anchor)


@PROPERTY
@given(news_text, anchors)
def test_the_extract_command_path_gives_offsets_into_the_text_as_given(text, anchor):
    result = extract_text(text, anchor)
    for row in result["entities"]:
        assert 0 <= row["start"] < row["end"] <= len(text)
    for row in result["events"]:
        assert 0 <= row["trigger_start"] < row["trigger_end"] <= len(text)
        for argument in row["arguments"]:
            assert 0 <= argument["start"] <= argument["end"] <= len(text)
