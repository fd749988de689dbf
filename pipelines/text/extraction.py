"""Entities and events for one text: the single extraction path used by the pipeline and by `extract`."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date

from pipelines.text import entities, events, script, sentences
from pipelines.text.gazetteer import resolve
from pipelines.text.records import EventMention, Mention, Sentence


@dataclass(frozen=True)
class Extraction:
    mentions: list[Mention]
    mention_sentences: list[int]  # sentence index of each mention
    events: list[EventMention]


def sentence_index_of(sentence_starts: list[int], offset: int) -> int:
    """The sentence holding `offset` (the last sentence starting at or before it)."""
    return max(bisect.bisect_right(sentence_starts, offset) - 1, 0)


def extract_article(
    body: str, sentence_list: list[Sentence], anchor: date | None, found: list[Mention] | None = None
) -> Extraction:
    """Recognise entities (unless given), then find events whose arguments can point at them."""
    found = entities.recognise(body) if found is None else found
    starts = [s.start for s in sentence_list]
    mention_sentences = [sentence_index_of(starts, m.start) for m in found]
    found_events = events.find_events(body, sentence_list, found, anchor)
    return Extraction(found, mention_sentences, found_events)


def extract_text(text: str, anchor: date | None = None) -> dict:
    """CONTRACTS.md §3: entities and events with offsets into `text` exactly as given."""
    return extract_texts([(text, anchor)])[0]


def extract_texts(records: list[tuple[str, date | None]]) -> list[dict]:
    """`extract_text` for many texts: the entity tagger runs over all of them in one batch."""
    converted = [script.to_simplified(text) for text, _ in records]
    found = entities.recognise_many([simplified for simplified, _ in converted])
    results = []
    for (text, anchor), (simplified, offsets), mentions in zip(records, converted, found, strict=True):
        result = extract_article(simplified, sentences.split_sentences(simplified), anchor, mentions)
        results.append(_rows(text, offsets, result))
    return results


def _rows(text: str, offsets: list[int], result: Extraction) -> dict:
    def original(offset: int) -> int:
        return offsets[offset]

    entity_rows = []
    for m in result.mentions:
        start, end = original(m.start), original(m.end)
        entity_id, name, entity_type = resolve(m.text, m.entity_type)
        entity_rows.append(
            {
                "start": start,
                "end": end,
                "text": text[start:end],
                "type": entity_type,
                "entity_id": entity_id,
                "name": name,
                "method": m.method,
                "confidence": m.confidence,
            }
        )
    return {"entities": entity_rows, "events": [_event_row(text, original, e) for e in result.events]}


def _event_row(text: str, original, e: EventMention) -> dict:
    return {
        "event_type": e.event_type,
        "trigger": text[original(e.trigger_start) : original(e.trigger_end)],
        "trigger_start": original(e.trigger_start),
        "trigger_end": original(e.trigger_end),
        "date": e.date,
        "date_precision": e.date_precision,
        "date_text": e.date_text,
        "arguments": [
            {
                "role": a.role,
                "text": text[original(a.start) : original(a.end)],
                "start": original(a.start),
                "end": original(a.end),
            }
            for a in e.arguments
        ],
        "amount_value": e.amount_value,
        "amount_currency": e.amount_currency,
        "modality": e.modality,
        "confidence": e.confidence,
    }
