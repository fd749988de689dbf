"""Small named rules over the event tagger's output: where a trigger starts and ends, which words state no
event, and the conventions in which our readers and DuEE's annotators differ.

The tagger (`event_model`) learnt DuEE's conventions; these rules hold the few places where the news we
extract wants another answer, each with a rule id, its own test, and its words in data files:
- `rule.event.lexicon_extent`: a trigger inside a word our readers name whole (恐怖袭击 for 袭击, 交通事故
  for 交通事: `data/events/whole_triggers.tsv`) takes that word, and one character past a trigger word of
  its type (`data/events/triggers.tsv`) is dropped (追尾事);
- `rule.event.no_event_word`: a trigger inside a word that states no event (新闻发布会, 上市公司: the BLOCK
  row of the lexicon) or inside a 《》 title is no event;
- `rule.event.policy_release`: a release whose object is a policy or official document (《实施方案》,
  新政策) is 政策行为-发布, its roles renamed by `data/events/retyped_roles.csv`;
- `rule.event.open_source`: 开源 as a verb (不仅开源，/ 共计开源了12个模型 / 同步开源全部权重, not
  开源模型 nor AI开源背后) is 产品行为-开源, a type no training corpus holds: its arguments are read as a
  release's and renamed by `data/events/retyped_roles.csv`;
- `rule.event.cooperation_programme`: cooperation as the object of a verb of furthering (加强交流与合作,
  `data/events/furthering_verbs.tsv`) is a programme, not an event;
- `rule.event.casualty_count`: a death counted in a sentence that tells of a disaster (车祸造成6人死亡)
  is that disaster's 死亡人数, not an event of its own (DuEE annotates it both ways; our readers list one
  event).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import cache

from pipelines.text.features import DATA_DIR, data_rows, first_column
from pipelines.text.records import Argument

LEXICON_FILE = DATA_DIR / "events" / "triggers.tsv"
RETYPED_FILE = DATA_DIR / "events" / "retyped_roles.csv"
WHOLE_FILE = DATA_DIR / "events" / "whole_triggers.tsv"
BLOCK = "BLOCK"
DISASTER_CLASS = "灾害/意外-"
_TITLE = re.compile(r"《([^《》]{1,60})》")
_COUNT = re.compile(r"^[0-9０-９零〇一二三四五六七八九十百千万两几数多余]+")
_COUNTED = re.compile(
    r"[0-9０-９零〇一二三四五六七八九十百千万两几数]+(?:多|余)?(?:名|位|个)?[\u4e00-\u9fff]{0,3}?人?"
    r"(?:当场|不幸|已经|已|先后|相继|经抢救无效|抢救无效)?$"
)


@dataclass(frozen=True)
class Found:
    """An event as the rules see it: type, trigger span and arguments (offsets into the text)."""

    event_type: str
    start: int
    end: int
    arguments: tuple[Argument, ...]


@cache
def trigger_words() -> dict[str, frozenset[str]]:
    """event_type (or BLOCK) -> its trigger words, from `data/events/triggers.tsv`."""
    words: dict[str, set[str]] = {}
    for event_type, _, listed in data_rows(LEXICON_FILE):
        words.setdefault(event_type, set()).update(listed.split())
    return {t: frozenset(w) for t, w in words.items()}


@cache
def whole_triggers() -> dict[str, frozenset[str]]:
    """event_type -> the trigger words named whole, from `data/events/whole_triggers.tsv`."""
    words: dict[str, set[str]] = {}
    for event_type, word, _ in data_rows(WHOLE_FILE):
        words.setdefault(event_type, set()).add(word)
    return {t: frozenset(w) for t, w in words.items()}


@cache
def _pattern(event_type: str, whole: bool = False) -> re.Pattern[str] | None:
    words = sorted(
        (whole_triggers() if whole else trigger_words()).get(event_type, ()), key=len, reverse=True
    )
    return re.compile("|".join(re.escape(w) for w in words)) if words else None


def _occurrences(text: str, event_type: str, lo: int, hi: int, whole: bool = False) -> list[tuple[int, int]]:
    """Every (overlapping) occurrence of a trigger word of the type in text[lo:hi]."""
    pattern = _pattern(event_type, whole)
    if pattern is None:
        return []
    found = []
    for at in range(lo, hi):
        m = pattern.match(text, at, hi)
        if m:
            found.append(m.span())
    return found


def lexicon_extent(text: str, event: Found, lo: int, hi: int) -> Found:
    """`rule.event.lexicon_extent`: the trigger word of its type that the tagger's trigger is part of."""
    start, end = event.start, event.end
    near = max(lo, start - 6), min(hi, end + 6)
    words = _occurrences(text, event.event_type, *near)
    wider = [
        (a, b)
        for a, b in _occurrences(text, event.event_type, *near, whole=True)
        if a <= start and end <= b and b - a > end - start
    ]
    if wider:
        start, end = max(wider, key=lambda w: w[1] - w[0])
    elif (start, end) not in words:
        inner = [(a, b) for a, b in words if start <= a and b <= end and (end - start) - (b - a) == 1]
        if inner:
            start, end = inner[0]
    return event if (start, end) == (event.start, event.end) else replace(event, start=start, end=end)


def no_event_word(text: str, event: Found, lo: int, hi: int) -> bool:
    """`rule.event.no_event_word`: the trigger lies inside a BLOCK word or inside a 《》 title."""
    for a, b in _occurrences(text, BLOCK, max(lo, event.start - 8), min(hi, event.end + 8)):
        if a <= event.start and event.end <= b:
            return True
    return any(m.start() < event.start and event.end < m.end() for m in _TITLE.finditer(text, lo, hi))


@cache
def _policy_endings() -> tuple[str, ...]:
    """Endings of policy titles (the shared `policy_title_endings.tsv`) and policy nouns of our own."""
    return first_column("policy_title_endings.tsv") + first_column("events/policy_words.tsv")


@cache
def retyped_roles() -> dict[tuple[str, str], dict[str, str]]:
    """(rule id, from type) -> {from role: to role}, plus the target type under the key ""."""
    table: dict[tuple[str, str], dict[str, str]] = {}
    with RETYPED_FILE.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            roles = table.setdefault((row["rule"], row["from_type"]), {"": row["to_type"]})
            roles[row["from_role"]] = row["to_role"]
    return table


_TRAILING_NOTE = re.compile(r"(?:\s*[（(][^（()）]{0,12}[）)])+\s*$")  # (2025年版)(征求意见稿)
_NAME = re.compile(r"《([^《》]{1,60})》|“([^“”]{2,30})”")
_UP_TO_PAUSE = re.compile(r"了?([^\s，,。；;：:！!？?、“”《》]{2,16})")


def _is_policy(name: str) -> bool:
    return _TRAILING_NOTE.sub("", name.strip()).endswith(_policy_endings())


def _named_near(text: str, event: Found, lo: int, hi: int) -> list[str]:
    """Names in 《》 or “” next to the trigger (发布了《实施方案》, 《实施方案》 正式发布), and the words
    right after it (发布新消费品牌塑造计划)."""
    names = []
    for m in _NAME.finditer(text, lo, hi):
        if -1 <= m.start() - event.end <= 4 or 0 <= event.start - m.end() <= 4:
            names.append(m.group(1) or m.group(2))
    after = _UP_TO_PAUSE.match(text, event.end, hi)
    return names + ([after.group(1)] if after else [])


def policy_release(text: str, event: Found, lo: int, hi: int) -> Found:
    """`rule.event.policy_release`: a release of a policy is 政策行为-发布 (roles renamed from the data)."""
    mapping = retyped_roles().get(("rule.event.policy_release", event.event_type))
    if mapping is None:
        return event
    released = [a.text for a in event.arguments if mapping.get(a.role) == "政策名称"]
    if not any(_is_policy(name) for name in [*released, *_named_near(text, event, lo, hi)]):
        return event
    arguments = tuple(replace(a, role=mapping[a.role]) for a in event.arguments if a.role in mapping)
    return replace(event, event_type=mapping[""], arguments=arguments)


COOPERATION = "组织关系-合作"


@cache
def _furthering() -> re.Pattern[str]:
    verbs = first_column("events/furthering_verbs.tsv")
    return re.compile("(" + "|".join(map(re.escape, verbs)) + ")[^，,。；;]{0,14}$")


def cooperation_programme(text: str, event: Found, lo: int) -> bool:
    """`rule.event.cooperation_programme`: 合作 after a verb of furthering in its clause is no event."""
    return event.event_type == COOPERATION and bool(
        _furthering().search(text[max(lo, event.start - 16) : event.start])
    )


# 开源 states a release when its clause ends, 了 follows, or an object does (全部, 其, 旗下, a number)
_OPEN_SOURCE = re.compile(
    r"开源(?=\s*(?:[，,。；;！!]|了|$|全部|所有|其|旗下|[0-9０-９一二三四五六七八九十两多]))"
)
OPEN_SOURCE = "产品行为-开源"


def open_source(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """`rule.event.open_source`: the spans of 开源 used as a verb in text[lo:hi]."""
    return [
        m.span()
        for m in _OPEN_SOURCE.finditer(text, lo, hi)
        if text[m.start() - 1 : m.start()] not in ("、", "“", '"')
        and not no_event_word(text, Found(OPEN_SOURCE, *m.span(), ()), lo, hi)
    ]


def read_as(event_type: str) -> tuple[str, dict[str, str]]:
    """The type whose roles the argument head reads for `event_type`, and the renaming of those roles back
    (`rule.event.open_source`: an open-source release is read as a release)."""
    for (rule, from_type), roles in retyped_roles().items():
        if rule == "rule.event.open_source" and roles[""] == event_type:
            return from_type, {k: v for k, v in roles.items() if k}
    return event_type, {}


def casualty_count(text: str, events: list[Found], lo: int) -> list[Found]:
    """`rule.event.casualty_count`: a death counted (6人, 3名乘客) in a sentence with a disaster, with no
    named dead person, is no event of its own."""
    if not any(e.event_type.startswith(DISASTER_CLASS) for e in events):
        return events
    kept = []
    for e in events:
        named = any(a.role == "死者" and not _COUNT.match(a.text) for a in e.arguments)
        counted = _COUNTED.search(text[max(lo, e.start - 12) : e.start])
        if e.event_type == "人生-死亡" and counted and not named:
            continue
        kept.append(e)
    return kept
