"""Chinese script (Traditional/Simplified) and paragraph language.

`to_simplified` converts with OpenCC and returns an offset map, so that offsets found in the Simplified
text can be carried back to the text as written.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache

import opencc

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_LATIN_LETTER = re.compile(r"[A-Za-z\uff21-\uff3a\uff41-\uff5a]")
# Conversion runs: phrase conversions never cross whitespace or punctuation, so runs can be converted
# independently and any change of length stays inside one run.
_RUN = re.compile(r"[^\s\u3000-\u303f\uff01-\uff0f\uff1a-\uff20,.;:!?()\[\]\"'“”‘’—…·]+|.", re.S)


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str, config: str = "t2s") -> tuple[str, list[int]]:
    """Simplified form of `text` and a map of len(simplified)+1 offsets into `text`.

    `config` is an OpenCC configuration; t2s converts characters almost always one to one, phrase
    configurations such as tw2sp may change the length of a run, which the map absorbs.
    """
    converter = _converter(config)
    whole = converter.convert(text)
    if len(whole) == len(text):
        return whole, list(range(len(text) + 1))
    pieces: list[str] = []
    offsets: list[int] = []
    for match in _RUN.finditer(text):
        run, start = match.group(), match.start()
        converted = converter.convert(run)
        pieces.append(converted)
        offsets.extend(_align_run(run, converted, start, converter))
    offsets.append(len(text))
    return "".join(pieces), offsets


def _align_run(run: str, converted: str, start: int, converter: opencc.OpenCC) -> list[int]:
    """Original offset of each character of `converted`, the conversion of `run` at `start`."""
    if len(converted) == len(run):
        return list(range(start, start + len(run)))
    # Character-by-character conversion keeps the length; align the phrase conversion against it so
    # unchanged characters map exactly and only the rewritten phrase is spread over its source.
    per_char = "".join(converter.convert(ch) if len(converter.convert(ch)) == 1 else ch for ch in run)
    result: list[int] = []
    matcher = SequenceMatcher(None, converted, per_char, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            result.extend(start + j1 + k for k in range(i2 - i1))
        elif tag in ("replace", "insert"):
            # converted[i1:i2] stands for run[j1:j2]: spread its characters over that source span.
            width = max(j2 - j1, 0)
            for k in range(i2 - i1):
                result.append(start + j1 + (k * width) // max(i2 - i1, 1))
        # "delete": source characters with no converted counterpart get no entry.
    return result


# Simplified forms that are also ordinary Traditional characters (裏/里, 雲/云, 後/后, 羣/群 ...):
# OpenCC maps them to Traditional by default, but Traditional texts write them too.
_SHARED = frozenset(
    "里云后于并范采杰愿么群峰系台面只干几松冲周朱注准借卷曲舍术涂团向叶余郁岳札折症征制致出当才"
)


@cache
def _char_kind(ch: str) -> str:
    """'hant' for a Traditional-only character, 'hans' for a Simplified-only one, '' when shared."""
    if _converter("t2s").convert(ch) != ch:
        return "hant"
    if ch not in _SHARED and _converter("s2t").convert(ch) != ch:
        return "hans"
    return ""


def detect_script(text: str) -> str:
    """'hans', 'hant' or 'mixed': which Chinese script the text is written in.

    Characters that exist in both scripts say nothing; many Simplified characters (后, 云, 并) are also
    valid Traditional ones, so a text counts as mixed only when neither script clearly dominates.
    """
    hant = hans = 0
    for ch in _HAN.findall(text):
        kind = _char_kind(ch)
        if kind == "hant":
            hant += 1
        elif kind == "hans":
            hans += 1
    total = hant + hans
    if total == 0 or hant <= 0.1 * total:
        return "hans"
    if hant >= 0.75 * total:
        return "hant"
    return "mixed"


def paragraph_language(text: str) -> str:
    """'zh', 'en' or 'und' for a paragraph, by its Han characters against its Latin letters."""
    han = len(_HAN.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    if han == 0 and latin == 0:
        return "und"
    # A Chinese word is about two characters, an English one about five letters.
    if han * 3 >= latin:
        return "zh"
    return "en"
