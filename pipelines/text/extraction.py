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


def extract_article(body: str, sentence_list: list[Sentence], anchor: date | None) -> Extraction:
    """Recognise entities, then find events whose arguments can point at them."""
    found = entities.recognise(body)
    starts = [s.start for s in sentence_list]
    mention_sentences = [sentence_index_of(starts, m.start) for m in found]
    found_events = events.find_events(body, sentence_list, found, anchor)
    return Extraction(found, mention_sentences, found_events)


def extract_text(text: str, anchor: date | None = None) -> dict:
    """CONTRACTS.md §3: entities and events with offsets into `text` exactly as given."""
    simplified, offsets = script.to_simplified(text)

    def original(offset: int) -> int:
        return offsets[offset]

    result = extract_article(simplified, sentences.split_sentences(simplified), anchor)
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
    event_rows = []
    for e in result.events:
        event_rows.append(
            {
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
        )
    return {"entities": entity_rows, "events": event_rows}
