"""Sentence splitting for Chinese and English news text, with exact offsets."""

from __future__ import annotations

import re

from pipelines.text.records import Sentence

# the punctuation that ends a clause (the extractors' unit below the sentence)
CLAUSE_END = "，,。；;！!？?\n：:"

_CLOSERS = "”’\"'）)】」』》〉］]"
# Chinese terminators end a sentence wherever they stand; runs such as ？！ or …… are kept together.
_CJK_END = "。！？；…!?！？"
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "jr",
    "sr",
    "gen",
    "sen",
    "rep",
    "gov",
    "no",
    "inc",
    "co",
    "corp",
    "ltd",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")
_SPACES = re.compile(r"[ \t]*")
# Longer runs without a terminator (a page without punctuation, a list run together) are cut at a comma
# or a space: the extractors look at whole sentences, and their work grows faster than the length.
MAX_SENTENCE_CHARS = 500
_SOFT_BREAKS = "，、,；;：: \t\u3000"


def _english_stop(text: str, dot: int) -> bool:
    """Whether the '.' at `dot` ends an English sentence (it is followed by space and a new sentence)."""
    after = dot + 1
    while after < len(text) and text[after] in _CLOSERS:
        after += 1
    if after >= len(text) or text[after] not in " \t":
        return after >= len(text)
    # Windows around the dot, not slices of the whole text: a long English text stays linear.
    nxt = _SPACES.match(text, after).end()
    if nxt >= len(text) or text[nxt] == "\n":
        return True
    if text[nxt].islower():
        return False
    match = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    if match:
        word = match.group(1).lower().strip(".")
        if word in _ABBREVIATIONS or _INITIALS.match(word + "."):
            return False
    return True


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text`: every non-space character lies in exactly one sentence, none is empty.

    Breaks on Chinese terminators (。！？；…), on English . ? ! followed by space, and on line breaks
    (headings and list items are lines of their own). Closing quotes and brackets stay with the
    sentence they close; surrounding whitespace belongs to no sentence.
    """
    sentences: list[Sentence] = []
    start = 0
    i = 0
    n = len(text)

    def emit(end: int) -> None:
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            sentences.append(Sentence(s, e))

    while i < n:
        ch = text[i]
        if ch == "\n":
            emit(i)
            i += 1
            start = i
            continue
        end = None
        if ch in _CJK_END:
            j = i + 1
            while j < n and text[j] in _CJK_END:
                j += 1
            end = j
        elif ch == "." and _english_stop(text, i):
            end = i + 1
        if end is None:
            i += 1
            continue
        while end < n and text[end] in _CLOSERS:
            end += 1
        emit(end)
        start = i = end
    emit(n)
    return [piece for sentence in sentences for piece in _cut_long(text, sentence)]


def _cut_long(text: str, sentence: Sentence) -> list[Sentence]:
    """A sentence over MAX_SENTENCE_CHARS in pieces, each cut after the last soft break that fits."""
    pieces = []
    start, end = sentence.start, sentence.end
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = max(text.rfind(ch, start + MAX_SENTENCE_CHARS // 2, limit) for ch in _SOFT_BREAKS) + 1
        cut = cut if cut > start else limit
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start:
            pieces.append(Sentence(start, piece_end))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        pieces.append(Sentence(start, end))
    return pieces


def clause_start(text: str, position: int, lo: int = 0) -> int:
    """Where the clause holding `position` starts (after the last clause punctuation, not before `lo`)."""
    return max([lo, *(text.rfind(p, lo, position) + 1 for p in CLAUSE_END)])


def clause_end(text: str, position: int, hi: int | None = None) -> int:
    """Where the clause holding `position` ends (at the next clause punctuation, not after `hi`)."""
    hi = len(text) if hi is None else hi
    return min([hi, *(at for p in CLAUSE_END if (at := text.find(p, position, hi)) >= 0)])
