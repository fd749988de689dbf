"""`rule.english_name`: names in English passages (bilingual pages), which the tagger, trained on Chinese
news, cannot read. Typed by a title (Mr. Tao), a speech verb, an age, a head word (Zhejiang University,
Hangzhou City) or a pinyin spelling; untyped capitalised words are left alone. The translation pairs in
dbt (`int_entity_translations`) then join an English name to its Chinese entity.
"""

from __future__ import annotations

import re

from pipelines.text.records import Mention

_CJK = re.compile(r"[\u3400-\u9fff]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ENGLISH_TEXT = re.compile(r"[A-Za-z]{2,}[,.]? [A-Z]")
_ENGLISH_WORD = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*"
_ENGLISH_RUN = re.compile(
    rf"(?<![A-Za-z0-9]){_ENGLISH_WORD}(?:(?: | of (?:the )?){_ENGLISH_WORD}){{0,5}}(?![A-Za-z0-9])"
)
_ENGLISH_HONORIFIC = re.compile(r"(?:Mr|Mrs|Ms|Dr|Prof)\.? $")
_ENGLISH_SAID_BEFORE = re.compile(r"(?:said|says|according to|founder|chief executive|director) $")
_ENGLISH_PERSON_AFTER = re.compile(r", (?:\d{1,3}|who|a|an|the)\b| (?:said|says|told|added)\b")
_ENGLISH_PLACE_BEFORE = re.compile(r"(?:city|province|town|village|suburb|capital|state|county|region) of $")
_ENGLISH_ORG_HEADS = _words(
    "Inc Corp Corporation Company Co Group Holdings University Institute Academy College School Laboratory"
    " Lab Labs Bank Association Foundation Agency Ministry Department Council Committee Commission Bureau"
    " Party Times Post Journal News Ventures Capital Partners Technologies Technology Robotics Motors Fund"
)
_ENGLISH_PLACE_HEADS = _words(
    "Province City County District Valley River Mountains Mountain Lake Island Islands Bay Street Road Avenue"
)
# words that start sentences or name times, never the first word of a name
_ENGLISH_NOT_FIRST = _words(
    "The A An As In On At By For From With But And Or If When While After Before Since Now Then Lately Yet"
    " It He She They We You I His Her Their Its Our This That These Those There Here What Who How Why So"
    " Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July"
    " August September October November December Many Some Most All Each Every Virtually Almost Still Also"
)
# family names written in pinyin: with a pinyin given name they make a Chinese person's name (Wang Jian)
_PINYIN_SURNAMES = _words(
    "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie"
    " Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Yu Jiang Cai Du Ye Cheng Su Wei Lu Ding"
    " Ren Shen Yao Cui Zhong Tan Fan Jin Shi Jia Xia Fu Fang Bai Zou Meng Xiong Qin Qiu Yin Xue Yan Duan Lei"
    " Hou Long Shi Tao Mao Hao Gong Shao Wan Qian Yan Kong Qi Gu Lai Ge Mo Qiao Niu Kang"
)
_PINYIN_SYLLABLES = re.compile(
    "(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    "(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u))"
    "{1,3}"
)


def _pinyin_name(words: list[str]) -> bool:
    """Wang Jian, Liang Wenfeng, Qilai Shen: a pinyin family name and a pinyin given name."""
    if len(words) != 2 or not any(w in _PINYIN_SURNAMES for w in words):
        return False
    return all(_PINYIN_SYLLABLES.fullmatch(w.lower().replace("-", "")) for w in words)


def english_names(text: str) -> list[Mention]:
    """Names in English passages of `text` (see the module docstring)."""
    if not _ENGLISH_TEXT.search(text):
        return []
    found = []
    for match in _ENGLISH_RUN.finditer(text):
        start, end = match.span()
        words = match.group().split(" ")
        while words and words[0] in _ENGLISH_NOT_FIRST:
            start += len(words.pop(0)) + 1
        while words and words[-1] in ("of", "and", "for", "the"):
            end -= len(words.pop()) + 1
        if not words or _CJK.match(text[start - 1 : start]) or _CJK.match(text[end : end + 1]):
            continue  # a Latin word inside Chinese text is rule.latin_name's business
        entity_type = _english_type(text, start, end, words)
        if entity_type:
            found.append(Mention(start, end, text[start:end], entity_type, "rule.english_name", 0.6))
    return found


def _english_type(text: str, start: int, end: int, words: list[str]) -> str | None:
    before, after = text[max(0, start - 30) : start], text[end : end + 12]
    last = words[-1].rstrip(".")
    if last in _ENGLISH_ORG_HEADS and len(words) > 1:
        return "ORG"
    if last in _ENGLISH_PLACE_HEADS and len(words) > 1:
        return "LOCATION"
    if len(words) > 3 or any(w in ("of", "and", "for", "the") for w in words):
        return None
    if _ENGLISH_HONORIFIC.search(before):
        return "PERSON"
    if _ENGLISH_PLACE_BEFORE.search(before):
        return "LOCATION"
    if len(words) >= 2 and (
        _ENGLISH_SAID_BEFORE.search(before) or _ENGLISH_PERSON_AFTER.match(after) or _pinyin_name(words)
    ):
        return "PERSON"
    return None
