"""Word segmentation and part-of-speech tagging with rjieba (jieba-rs), knowing the gazetteer's names.

The tagger is built once, lazily: jieba's dictionary plus every Chinese gazetteer alias as a user word,
so 阿里云 or 之江实验室 come out as one token with a proper-noun tag, and the ordinary words of the domain
that jieba lacks (`domain_words.tsv`: 云计算, which jieba splits into 云南's abbreviation 云 and 计算).
"""

from __future__ import annotations

import re
from functools import cache
from itertools import accumulate

import rjieba

from pipelines.text import gazetteer

_SURROGATE = re.compile("[\ud800-\udfff]")
# jieba's proper-noun tags for our entity types
_TAG_OF_TYPE = {"PERSON": "nr", "LOCATION": "ns", "ORG": "nt"}
# high enough that an alias beats the split jieba's own dictionary prefers
_USER_WORD_FREQ = 3000


@cache
def tagger() -> rjieba.Jieba:
    jieba = rjieba.Jieba()
    for alias in gazetteer.aliases():
        if alias.script == "latin" or " " in alias.alias or len(alias.alias) < 2:
            continue  # jieba splits Latin runs by its own regex; dictionary words there are ignored
        entity_type = gazetteer.alias_index()[alias.alias_normalised].entity_type
        jieba.add_word(alias.alias, _USER_WORD_FREQ, _TAG_OF_TYPE.get(entity_type, "nz"))
    for word in domain_words():
        jieba.add_word(word, _USER_WORD_FREQ, "n")
    return jieba


@cache
def domain_words() -> frozenset[str]:
    """Ordinary words of the domain missing from jieba's dictionary (`data/domain_words.tsv`)."""
    from pipelines.text.features import read_word_list  # features imports this module

    return read_word_list("domain_words.tsv")


def _with_offsets(text: str, words: list[str]) -> list[tuple[str, int, int]]:
    ends = list(accumulate(map(len, words)))
    if ends and ends[-1] == len(text):  # the usual case: jieba keeps every character, in order
        return list(zip(words, [0, *ends[:-1]], ends, strict=True))
    spans = []
    position = 0
    for word in words:
        start = text.find(word, position) if not text.startswith(word, position) else position
        if start < 0:  # jieba never drops characters, but never trust offsets blindly
            continue
        position = start + len(word)
        spans.append((word, start, position))
    return spans


def _encodable(text: str) -> str:
    """`text` with lone surrogates (which cannot cross into jieba's Rust code) replaced, length kept."""
    return _SURROGATE.sub("\ufffd", text)


def segment(text: str) -> list[tuple[str, int, int]]:
    """Words with their (start, end) offsets into `text`."""
    if not text:
        return []
    clean = _encodable(text)
    spans = _with_offsets(clean, tagger().cut(clean))
    return spans if clean == text else [(text[s:e], s, e) for _, s, e in spans]


def tag(text: str) -> list[tuple[str, str, int, int]]:
    """(word, part of speech, start, end) for every word of `text`; whitespace comes out as its own token."""
    if not text:
        return []
    clean = _encodable(text)
    if clean is not text and clean != text:
        return [(text[s:e], pos, s, e) for _, pos, s, e in tag(clean)]
    pairs = tagger().tag(text)
    words = [word for word, _ in pairs]
    ends = list(accumulate(map(len, words)))
    if ends[-1] == len(text):  # the usual case: jieba keeps every character, in order
        return list(zip(words, [pos for _, pos in pairs], [0, *ends[:-1]], ends, strict=True))
    spans = _with_offsets(text, words)
    by_word = iter(pairs)
    result = []
    for word, start, end in spans:
        for candidate, pos in by_word:
            if candidate == word:
                result.append((word, pos, start, end))
                break
    return result


def is_dictionary_word(word: str) -> bool:
    """Whether jieba's own dictionary (without the gazetteer) or the domain's ordinary words list `word`."""
    # rjieba's module-level instance: built at import, never given user words
    return rjieba.has_word(word) or word in domain_words()
