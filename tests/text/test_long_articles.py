"""A long article costs in proportion to its length (issue 14: a 2 MB single-line file took 90 s to parse).

Counted, not timed: the work is the number of times the event finder reads a mention, an amount or a time
expression. Four times the sentences must cost about four times the reads; a scan of the whole article's
mentions for each sentence costs sixteen times.
"""

from dataclasses import fields

import pytest

from pipelines.text import amounts, events, timex
from pipelines.text.records import Mention
from pipelines.text.sentences import split_sentences

SENTENCE = "2024年3月5日，阿里巴巴在杭州以10亿元收购了一家初创公司。"
NAMES = (("阿里巴巴", "ORG"), ("杭州", "LOCATION"))
READS = [0]


def counted(cls: type) -> type:
    """A subclass of `cls` whose instances count every attribute read."""

    def __getattribute__(self, name):
        READS[0] += 1
        return object.__getattribute__(self, name)

    return type(f"Counted{cls.__name__}", (cls,), {"__getattribute__": __getattribute__})


def recount(found: list) -> list:
    return [counted(type(x))(**{f.name: getattr(x, f.name) for f in fields(x)}) for x in found]


def mentions_of(text: str) -> list[Mention]:
    found = []
    for name, kind in NAMES:
        at = text.find(name)
        while at != -1:
            found.append(Mention(at, at + len(name), name, kind, "test", 1.0))
            at = text.find(name, at + 1)
    return recount(sorted(found, key=lambda m: m.start))


@pytest.fixture
def counting(monkeypatch):
    find_amounts, find_times = amounts.find_amounts, timex.find_time_expressions
    monkeypatch.setattr(events.amounts_module, "find_amounts", lambda text: recount(find_amounts(text)))
    monkeypatch.setattr(events.timex, "find_time_expressions", lambda *a: recount(find_times(*a)))

    def reads(sentences: int) -> tuple[int, int]:
        text = SENTENCE * sentences  # one line, no paragraph break, as in the 2 MB file
        mentions = mentions_of(text)
        READS[0] = 0
        found = events.find_events(text, split_sentences(text), mentions, None)
        return READS[0], len(found)

    return reads


def test_four_times_the_sentences_cost_about_four_times_the_reads(counting):
    short_reads, short_events = counting(60)
    long_reads, long_events = counting(240)
    assert short_events >= 60 and long_events == 4 * short_events  # an acquisition in every sentence
    assert long_reads < 5 * short_reads, (short_reads, long_reads)
