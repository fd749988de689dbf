"""Amounts in Chinese news text: money with its ISO currency, counts of people, percentages.

`find_amounts` turns `3800亿人民币` into 3.8e11 CNY, `130億美元` into 1.3e10 USD, `三千万元` into 3e7 CNY,
`300余人` into a count of 300 and `17.7%` into a percent of 17.7. Rules worth knowing:
- vague figures (数百亿美金, 几十万) are skipped: there is no value to store;
- a bare figure with 亿/万亿 and no unit (3600亿市值) is money whose currency comes from another amount in
  the same sentence, else None; followed by another noun (10.2万亿 Tokens, 14亿人) it is not money;
- a digit run with a leading zero (a heading number such as `03` glued to `3600亿`) loses its first two
  digits: leading zeros never start a real amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    text: str
    value: float
    currency: str | None  # ISO 4217 for money
    kind: str  # money, count, percent


# One code point for one, so offsets into the normalised text are offsets into the input.
_NORMALISE = str.maketrans(
    {chr(0xFF10 + i): str(i) for i in range(10)}
    | {
        "億": "亿",
        "萬": "万",
        "圓": "元",
        "幣": "币",
        "歐": "欧",
        "鎊": "镑",
        "韓": "韩",
        "盧": "卢",
        "臺": "台",
        "兩": "两",
        "．": ".",
        "，": "，",
        "％": "%",
        "＄": "$",
        "￥": "¥",
    }
)

_CURRENCY_AFTER = {
    "人民币": "CNY",
    "元人民币": "CNY",
    "元": "CNY",
    "块钱": "CNY",
    "美元": "USD",
    "美金": "USD",
    "港元": "HKD",
    "港币": "HKD",
    "欧元": "EUR",
    "英镑": "GBP",
    "日元": "JPY",
    "韩元": "KRW",
    "澳元": "AUD",
    "加元": "CAD",
    "新台币": "TWD",
    "台币": "TWD",
    "卢布": "RUB",
    "新加坡元": "SGD",
    "瑞士法郎": "CHF",
    "印度卢比": "INR",
}
_CURRENCY_BEFORE = {
    "人民币": "CNY",
    "RMB": "CNY",
    "¥": "CNY",
    "US$": "USD",
    "HK$": "HKD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
}
_MULTIPLIER = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "十万": 1e5,
    "万": 1e4,
}
_PERSON_UNITS = ("人次", "人", "名", "位")
_MONEY_CONTEXT = re.compile(
    r"(资金|投资|投入|融资|市值|估值|营收|收入|利润|金额|价格|售价|罚款|罚金|补贴|奖金|资产|规模|成本|赔偿|销售额|交易额|花费|耗资)"
)

_CN_NUM = "零〇一二三四五六七八九十百千两"
_after_alt = "|".join(sorted(_CURRENCY_AFTER, key=len, reverse=True))
_before_alt = "|".join(re.escape(k) for k in sorted(_CURRENCY_BEFORE, key=len, reverse=True))
_mult_alt = "|".join(sorted(_MULTIPLIER, key=len, reverse=True))
_SP = r"[ \t\u3000]?"

_AMOUNT = re.compile(
    rf"(?P<before>{_before_alt})?{_SP}"
    rf"(?:(?P<digits>\d+(?:,\d{{3}})*(?:\.\d+)?)|(?P<cn>[{_CN_NUM}]+))"
    rf"{_SP}(?P<mult>{_mult_alt})?"
    rf"(?P<approx>余|多)?"
    rf"{_SP}(?P<unit>{_after_alt}|人次|人|名|位)?"
)
_PERCENT = re.compile(
    rf"(?:(?P<num>\d+(?:\.\d+)?){_SP}%|百分之(?P<cnpct>[\d.]+|[{_CN_NUM}点]+)"
    rf"|(?P<pts>\d+(?:\.\d+)?|[{_CN_NUM}]+)个(?P<ptsunit>百分点|基点))"
)
_SENTENCE_END = re.compile(r"[。！？!?\n；;]")


@lru_cache(maxsize=1 << 14)
def _cn_value(token: str) -> float | None:
    """The value of a Chinese numeral (三千五百, 两). Cached: the same few numerals recur in every text."""
    import cn2an  # here, not at the top: it takes most of a second to import and many texts never need it

    try:
        return float(cn2an.cn2an(token.replace("两", "二").replace("〇", "零"), "smart"))
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def _sentence_bounds(norm: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENTENCE_END.finditer(norm, 0, start)), default=0)
    right_match = _SENTENCE_END.search(norm, end)
    return left, right_match.start() if right_match else len(norm)


def _percents(text: str, norm: str) -> list[Amount]:
    found = []
    for m in _PERCENT.finditer(norm):
        if m.group("num"):
            value = float(m.group("num"))
        elif m.group("cnpct"):
            token = m.group("cnpct")
            value = float(token) if re.fullmatch(r"\d+(\.\d+)?", token) else _cn_value(token)
        else:
            token = m.group("pts")
            value = float(token) if token[0].isdigit() else _cn_value(token)
            if value is not None and m.group("ptsunit") == "基点":
                value /= 100  # 25个基点 = 0.25 percentage points
        if value is None:
            continue
        found.append(Amount(m.start(), m.end(), text[m.start() : m.end()], value, None, "percent"))
    return found


def _chinese_figure(cn: str, mult: str | None, unit: str | None) -> float | None:
    """The value of a figure in Chinese numerals, or None when a lone numeral is only part of a phrase."""
    if cn in ("一", "两", "二") and not mult and unit in (None, *_PERSON_UNITS):
        return None  # 一人, 两名: usually part of a phrase, not a figure
    if len(cn) == 1 and not mult and unit == "元":
        return None
    return _cn_value(cn)


def _figure(m: re.Match[str], norm: str) -> tuple[float, int] | None:
    """(value with its multiplier, start of the amount) of one `_AMOUNT` match, or None when the number
    is a rank (第三名), vague (数百亿) or the tail of a longer digit run: none is a figure to store."""
    digits, cn, mult, before = m.group("digits"), m.group("cn"), m.group("mult"), m.group("before")
    num_start = m.start("digits") if digits else m.start("cn")
    start = m.start() if before else num_start
    if num_start > 0 and norm[num_start - 1] == "第":
        return None  # 第三名: a rank
    if num_start > 0 and norm[num_start - 1] in "数几上近" and cn:
        return None  # 数百亿, 几十万: vague
    if digits:
        if re.match(r"0\d\d", digits) and "." not in digits:
            # a heading number glued to the figure (03 + 3600亿)
            digits = digits[2:]
            if not before:
                start = num_start + 2
        if num_start > 0 and norm[num_start - 1].isdigit():
            return None
        value = float(digits.replace(",", ""))
    else:
        parsed = _chinese_figure(cn, mult, m.group("unit"))
        if parsed is None:
            return None
        value = parsed
    if mult:
        value *= _MULTIPLIER[mult]
    return value, start


def _bare_figure_kind(norm: str, start: int, end: int, mult: str | None) -> tuple[str, int] | None:
    """(kind, end) of a figure with neither currency nor person unit: with 亿/万 and a following noun
    (10.2万亿 Tokens, 14亿人) it counts things, else it is money when large or said of money (市值)."""
    following = norm[end : end + 1]
    if not mult:
        return None
    if following and (following.isascii() and following.isalpha() or following in "人名位个项件台部次"):
        if not re.match(r"[ \t]?[A-Za-z]", norm[end:]) and following not in "人名位":
            return None
        if following in "人名位":
            end += 1
        return "count", end
    if mult in ("亿", "万亿", "千亿", "百亿") or _MONEY_CONTEXT.search(norm, max(0, start - 8), start):
        return "money", end
    return None


def _kind(m: re.Match[str], norm: str, start: int, currency: str | None) -> tuple[str, int] | None:
    """(kind, end) of a figure: a count of people, money, or what a bare figure looks like in context.
    A currency sign before a person unit ($5人) is neither."""
    unit, end = m.group("unit"), m.end()
    if unit in _PERSON_UNITS:
        return None if m.group("before") else ("count", end)
    if currency:
        return "money", end
    return _bare_figure_kind(norm, start, end, m.group("mult"))


def _money_or_count(m: re.Match[str], text: str, norm: str) -> Amount | None:
    """The amount one `_AMOUNT` match stands for, or None: a number needs a multiplier, a unit or a
    currency sign before it to be an amount at all."""
    before, unit = m.group("before"), m.group("unit")
    if not (m.group("mult") or unit or before):
        return None
    figure = _figure(m, norm)
    if figure is None:
        return None
    value, start = figure
    currency = _CURRENCY_BEFORE.get(before or "") or _CURRENCY_AFTER.get(unit or "")
    kind_end = _kind(m, norm, start, currency)
    if kind_end is None:
        return None
    kind, end = kind_end
    while end > start and norm[end - 1] in " \t\u3000":
        end -= 1
    return Amount(start, end, text[start:end], value, currency, kind)


def _with_sentence_currency(amounts: list[Amount], norm: str) -> list[Amount]:
    """A bare money figure (3600亿市值) takes the currency of the nearest amount stated in its sentence."""
    resolved: list[Amount] = []
    for amount in amounts:
        if amount.kind == "money" and amount.currency is None:
            left, right = _sentence_bounds(norm, amount.start, amount.end)
            peers = [
                a for a in amounts if a.currency and a is not amount and left <= a.start and a.end <= right
            ]
            if peers:
                nearest = min(peers, key=lambda a: abs(a.start - amount.start))
                amount = Amount(
                    amount.start, amount.end, amount.text, amount.value, nearest.currency, "money"
                )
        resolved.append(amount)
    return resolved


def find_amounts(text: str) -> list[Amount]:
    """Money, person counts and percentages in `text`, left to right."""
    if not text:
        return []
    norm = text.translate(_NORMALISE)
    percents = _percents(text, norm)
    taken = [(a.start, a.end) for a in percents]
    money_and_counts: list[Amount] = []
    for m in _AMOUNT.finditer(norm):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue  # inside a percentage (百分之三十)
        amount = _money_or_count(m, text, norm)
        if amount is not None:
            money_and_counts.append(amount)
    return sorted(_with_sentence_currency(money_and_counts, norm) + percents, key=lambda a: a.start)
