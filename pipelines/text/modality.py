"""Modality of an event mention: asserted, negated, planned or hypothetical, from small named rules over
the words around its trigger. Shared by the rule extractor (`events.py`) and the trained one
(`event_extractor.py`); the cue words are `data/events/modality_cues.tsv`, an example per row.

The rules run in order and the first that decides wins (each returns a modality or None):
`modality.failed_after`, `modality.hypothetical`, `modality.negated_before`, `modality.planned_near`,
`modality.planned_in_clause`; none deciding means asserted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipelines.text.sentences import clause_start

CUES_FILE = Path(__file__).resolve().parent / "data" / "events" / "modality_cues.tsv"


@lru_cache(maxsize=1)
def cues() -> dict[str, tuple[str, ...]]:
    """class -> its cue words, longest first (for alternations)."""
    found: dict[str, list[str]] = {}
    for line in CUES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, word, _example = line.split("\t")
            found.setdefault(kind, []).append(word)
    return {kind: tuple(sorted(set(words), key=len, reverse=True)) for kind, words in found.items()}


@lru_cache(maxsize=16)
def _alternation(kind: str) -> str:
    return "(" + "|".join(re.escape(w) for w in cues()[kind]) + ")"


@dataclass(frozen=True)
class TriggerWindow:
    """The text around a trigger that the rules read."""

    before_in_sentence: str  # from the sentence start to the trigger
    before_in_clause: str  # from the clause start to the trigger
    after: str  # the 16 characters after the trigger


def failed_after(w: TriggerWindow) -> str | None:
    """modality.failed_after: 收购未果, 合并告吹: the words after the trigger say the attempt failed."""
    return "negated" if re.match(r"^[^，。；]{0,12}?" + _alternation("failed_after"), w.after) else None


def hypothetical(w: TriggerWindow) -> str | None:
    """modality.hypothetical: 如果苹果发布新款手机: a condition earlier in the sentence."""
    return "hypothetical" if re.search(_alternation("hypothetical"), w.before_in_sentence) else None


def negated_before(w: TriggerWindow) -> str | None:
    """modality.negated_before: 没有发布, 并未正式合并: a negation right before the trigger (ending the
    three characters before it, or a two-character one within six)."""
    if re.search(_alternation("negation_adjacent") + "$", w.before_in_clause[-3:]):
        return "negated"
    return "negated" if re.search(_alternation("negation_near"), w.before_in_clause[-6:]) else None


def without_plan_nouns(before: str) -> str:
    """The text with each name or noun that holds a plan word (国家计划委员会, 计划生育, 准备金) blanked
    out, same length, so that neither plan rule reads it as a plan."""
    return re.sub(_alternation("not_a_plan"), lambda m: "＿" * len(m.group()), before)


def planned_near(w: TriggerWindow) -> str | None:
    """modality.planned_near: 计划明年发布, 将于下月举行: a plan word within ten characters before the
    trigger (short, because 将 is also the object marker 把 further away); not one inside a name or noun
    (国家计划委员会主任会见, 下调准备金率)."""
    near = without_plan_nouns(w.before_in_clause)[-10:]
    return "planned" if re.search(_alternation("planned_near"), near) else None


def planned_in_clause(w: TriggerWindow) -> str | None:
    """modality.planned_in_clause: 计划于2026年在新加坡设立: a strong plan word anywhere earlier in the
    clause, a date and a place between it and the trigger, and no word saying it was carried out (已, 完成)
    after the plan word; a plan word inside a name or noun (国家计划委员会, 计划生育) is none."""
    clause = without_plan_nouns(w.before_in_clause)
    found = list(re.finditer(_alternation("planned_clause"), clause))
    if not found:
        return None
    since = clause[found[-1].end() :]
    return None if re.search(_alternation("completed"), since) else "planned"


RULES: tuple[Callable[[TriggerWindow], str | None], ...] = (
    failed_after,
    hypothetical,
    negated_before,
    planned_near,
    planned_in_clause,
)


def modality(
    text: str, sentence_start: int, trigger_start: int, trigger_end: int, clause: int | None = None
) -> str:
    """asserted, negated, planned or hypothetical for the trigger at [trigger_start, trigger_end); `clause`
    is where its clause starts (found from the punctuation when not given)."""
    lo = clause_start(text, trigger_start, sentence_start) if clause is None else clause
    window = TriggerWindow(
        text[sentence_start:trigger_start], text[lo:trigger_start], text[trigger_end : trigger_end + 16]
    )
    for rule in RULES:
        decided = rule(window)
        if decided:
            return decided
    return "asserted"
