"""Event mentions from the trained event tagger: triggers, types, arguments, dates, amounts and modality.

The same contract as `events.find_events` (the rule-based extractor, still the pipeline's default: on the
repo's general-news and seed gold sets the rules score higher; see the model card). The trained event
tagger (`event_model`, weights in `models/events/`) finds each sentence's triggers with their types (the
73 of `dbt_project/seeds/event_types.csv`), then, once per trigger, that event's arguments over the roles
of its type, reading the recognised entity mentions as a feature. What stays rule-based is
small and named:
- `attach_mentions`: an argument of an actor role (`data/events/roles.csv`) that overlaps a recognised
  mention of a fitting entity type takes the mention's span, so it carries the mention's entity id and
  `events.actors` in the warehouse stays right;
- `argument_edges`: quotes and title marks at an argument's edges are no part of it;
- `role_by_mention`: an argument that is a mention of a type its role does not take moves to the one empty
  role of its event that takes it (a product tagged as the releaser is the released product);
- `event_date`: the date is the `timex` resolution of the event's 时间 argument (none without one);
- `event_amount`: the money of a money role (投资金额, 融资金额, ...) from `amounts`;
- `modality`: negated (未, 没有, 并未, ...未果), planned (计划, 将, 拟, 预计, ...) and hypothetical (如果,
  若, 一旦), from the named rules of `modality.py` that the rule extractor shares.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipelines.text import amounts as amounts_module
from pipelines.text import event_model, event_rules, timex
from pipelines.text.event_roles import role_info
from pipelines.text.modality import modality
from pipelines.text.records import Argument, EventMention, Mention, Sentence

TAXONOMY_FILE = event_model.TAXONOMY_FILE


def event_roles() -> dict[str, tuple[str, ...]]:
    """event_type -> its roles, from the taxonomy seed."""
    return dict(event_model.taxonomy())


def attach_mentions(event_type: str, arguments: list[Argument], mentions: list[Mention]) -> list[Argument]:
    """Actor arguments snapped to the recognised mention they overlap (of a type that fits the role)."""
    out = []
    for a in arguments:
        info = role_info().get((event_type, a.role))
        if info and info.actor:
            fitting = [
                m
                for m in mentions
                if m.start < a.end and a.start < m.end and m.entity_type in info.entity_types
            ]
            if fitting:
                m = max(fitting, key=lambda m: min(m.end, a.end) - max(m.start, a.start))
                a = Argument(a.role, m.text, m.start, m.end)
        out.append(a)
    return out


_QUOTES = "“”「」\"' 　"


def argument_edges(arguments: list[Argument]) -> list[Argument]:
    """`rule.event.argument_edges`: an argument loses the quotes and spaces at its edges and a title mark
    without its pair (“场景机会清单” is 场景机会清单; 高地实施方案》 is 高地实施方案; 《鸿蒙》 stays, as DuEE
    writes a title)."""
    out = []
    for a in arguments:
        inner = a.text.strip(_QUOTES)
        if inner.endswith("》") and "《" not in inner:
            inner = inner[:-1]
        if inner.startswith("《") and "》" not in inner:
            inner = inner[1:]
        if inner and inner != a.text:
            start = a.start + a.text.index(inner)
            a = Argument(a.role, inner, start, start + len(inner))
        out.append(a)
    return out


def role_by_mention(event_type: str, arguments: list[Argument], mentions: list[Mention]) -> list[Argument]:
    """`rule.event.role_by_mention`: an argument that is exactly a recognised mention of a type its role
    does not take moves to the one empty role of the event that takes it (`data/events/roles.csv`):
    DeepSeek-R1 (a PRODUCT) tagged 发布方 is the 发布产品."""
    exact = {(m.start, m.end): m.entity_type for m in mentions}
    roles = [r for r in event_roles().get(event_type, ()) if (event_type, r) in role_info()]
    out = list(arguments)
    for i, a in enumerate(arguments):
        kind = exact.get((a.start, a.end))
        info = role_info().get((event_type, a.role))
        if kind is None or info is None or not info.entity_types or kind in info.entity_types:
            continue
        filled = {b.role for b in out}
        fits = [r for r in roles if kind in role_info()[(event_type, r)].entity_types and r not in filled]
        if len(fits) == 1:
            out[i] = Argument(fits[0], a.text, a.start, a.end)
    return out


def event_date(
    arguments: list[Argument],
    expressions: list[timex.TimeExpression],
    anchor: date | None,
) -> tuple[str | None, str | None, str | None]:
    """(date, precision, text) of the event's 时间 argument: the time expression inside it, or its text."""
    for a in arguments:
        if a.role != "时间":
            continue
        inside = [e for e in expressions if a.start <= e.start and e.end <= a.end and e.date]
        if inside:
            return inside[0].date, inside[0].precision, inside[0].text
        resolved, precision = timex.resolve(a.text, anchor)
        if resolved:
            return resolved, precision, a.text
    return None, None, None


def event_amount(
    event_type: str, arguments: list[Argument], amounts: list[amounts_module.Amount]
) -> tuple[float | None, str | None]:
    """(value, currency) of the money found inside the event's money argument."""
    for a in arguments:
        info = role_info().get((event_type, a.role))
        if not info or info.kind != "money":
            continue
        for amount in amounts:
            if a.start <= amount.start < a.end and amount.currency:
                return amount.value, amount.currency
    return None, None


@dataclass(frozen=True)
class _Piece:
    index: int  # sentence index
    start: int  # offset of the sentence in the text
    text: str
    mentions: list[Mention]


def _pieces(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[_Piece]:
    pieces = []
    for index, sentence in enumerate(sentences):
        lo, hi = max(0, sentence.start), min(len(text), sentence.end)
        if hi > lo and text[lo:hi].strip():
            inside = [m for m in mentions if lo <= m.start and m.end <= hi]
            pieces.append(_Piece(index, lo, text[lo:hi], inside))
    return pieces


def find_events(
    text: str, sentences: list[Sentence], mentions: list[Mention], anchor: date | None
) -> list[EventMention]:
    """Event mentions of every sentence of `text` (the Simplified article body), in text order."""
    try:
        return _find_events(text or "", sentences or [], mentions or [], anchor)
    except Exception:  # noqa: BLE001 - an odd text must never stop the pipeline; it only loses its events
        return []


def _find_events(
    text: str, sentences: list[Sentence], mentions: list[Mention], anchor: date | None
) -> list[EventMention]:
    pieces = _pieces(text, sentences, mentions)
    if not pieces:
        return []
    tagger = event_model.event_tagger()
    base = [tagger.base_features(p.text, p.mentions, p.start) for p in pieces]
    found = [
        (k, t)
        for k, triggers in enumerate(tagger.triggers(base))
        for t in checked_triggers(pieces[k].text, triggers)
    ]
    read = [event_rules.read_as(t.event_type) for _, t in found]
    marked = [
        event_model.with_trigger(base[k], t.start, t.end, r)
        for (k, t), (r, _) in zip(found, read, strict=True)
    ]
    role_spans = tagger.arguments(marked, [r for r, _ in read])
    by_piece: dict[int, list[event_rules.Found]] = {}
    for (k, trigger), (_, renamed), spans in zip(found, read, role_spans, strict=True):
        text_k = pieces[k].text
        arguments = tuple(
            Argument(renamed.get(s.role, s.role), text_k[s.start : s.end], s.start, s.end)
            for s in spans
            if not renamed or s.role in renamed
        )
        event = event_rules.Found(trigger.event_type, trigger.start, trigger.end, arguments)
        by_piece.setdefault(k, []).append(event_rules.policy_release(text_k, event, 0, len(text_k)))
    expressions = timex.find_time_expressions(text, anchor)
    amounts = [a for a in amounts_module.find_amounts(text) if a.kind == "money"]
    events = []
    for k, piece_events in by_piece.items():
        for event in event_rules.casualty_count(pieces[k].text, piece_events, 0):
            events.append(_event(text, pieces[k], event, expressions, amounts, anchor))
    return events


def checked_triggers(text: str, triggers: list[event_model.Trigger]) -> list[event_model.Trigger]:
    """The tagger's triggers of one piece, each the whole trigger word (`rule.event.lexicon_extent`), once
    each, without those that state no event (`rule.event.no_event_word`, `rule.event.cooperation_programme`);
    and 开源 used as a verb, which no training corpus holds (`rule.event.open_source`)."""
    out: list[event_model.Trigger] = []
    opened = event_rules.open_source(text, 0, len(text))
    for t in triggers:
        if any(a < t.end and t.start < b for a, b in opened):
            continue
        found = event_rules.Found(t.event_type, t.start, t.end, ())
        event = event_rules.lexicon_extent(text, found, 0, len(text))
        trigger = event_model.Trigger(event.start, event.end, event.event_type)
        no_event = event_rules.no_event_word(text, event, 0, len(text))
        if not no_event and not event_rules.cooperation_programme(text, event, 0) and trigger not in out:
            out.append(trigger)
    out += [event_model.Trigger(a, b, event_rules.OPEN_SOURCE) for a, b in opened]
    return sorted(out, key=lambda t: t.start)


def _shifted(a: Argument, offset: int) -> Argument:
    return Argument(a.role, a.text, a.start + offset, a.end + offset)


def _event(text, piece: _Piece, found: event_rules.Found, expressions, amounts, anchor) -> EventMention:
    start, end = piece.start + found.start, piece.start + found.end
    arguments = argument_edges([_shifted(a, piece.start) for a in found.arguments])
    arguments = attach_mentions(found.event_type, arguments, piece.mentions)
    arguments = role_by_mention(found.event_type, arguments, piece.mentions)
    day, precision, day_text = event_date(arguments, expressions, anchor)
    value, currency = event_amount(found.event_type, arguments, amounts)
    filled = sum(1 for a in arguments if a.role != "时间")
    return EventMention(
        event_type=found.event_type,
        trigger=text[start:end],
        trigger_start=start,
        trigger_end=end,
        sentence_index=piece.index,
        arguments=tuple(arguments),
        date=day,
        date_precision=precision,
        date_text=day_text,
        amount_value=value,
        amount_currency=currency,
        modality=modality(text, piece.start, start, end),
        # the tagger gives no probabilities: an event with participants is more likely a real one
        confidence=round(0.6 + 0.1 * min(filled, 3), 2),
    )
