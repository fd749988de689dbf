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


def _cn_value(token: str) -> float | None:
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


def find_amounts(text: str) -> list[Amount]:
    """Money, person counts and percentages in `text`, left to right."""
    if not text:
        return []
    norm = text.translate(_NORMALISE)
    percents = _percents(text, norm)
    taken = [(a.start, a.end) for a in percents]
    money_and_counts: list[Amount] = []
    for m in _AMOUNT.finditer(norm):
        start, end = m.start(), m.end()
        if any(s < end and start < e for s, e in taken):
            continue
        digits, cn, mult, unit = m.group("digits"), m.group("cn"), m.group("mult"), m.group("unit")
        before = m.group("before")
        if not (mult or unit or before):
            continue
        num_start = m.start("digits") if digits else m.start("cn")
        if not before:
            start = num_start
        if num_start > 0 and norm[num_start - 1] == "第":
            continue  # 第三名: a rank
        if num_start > 0 and norm[num_start - 1] in "数几上近" and cn:
            continue  # 数百亿, 几十万: vague
        if digits:
            if re.match(r"0\d\d", digits) and "." not in digits:
                # a heading number glued to the figure (03 + 3600亿)
                digits = digits[2:]
                if not before:
                    start = num_start + 2
            if num_start > 0 and norm[num_start - 1].isdigit():
                continue
            value = float(digits.replace(",", ""))
        else:
            if cn in ("一", "两", "二") and not mult and unit in (None, *_PERSON_UNITS):
                continue  # 一人, 两名: usually part of a phrase, not a figure
            if len(cn) == 1 and not mult and unit == "元":
                continue
            parsed = _cn_value(cn)
            if parsed is None:
                continue
            value = parsed
        if mult:
            value *= _MULTIPLIER[mult]
        currency = _CURRENCY_BEFORE.get(before or "") or _CURRENCY_AFTER.get(unit or "")
        if unit in _PERSON_UNITS:
            if before:
                continue
            kind = "count"
        elif currency:
            kind = "money"
        else:
            following = norm[end : end + 1]
            if not mult:
                continue
            if following and (
                following.isascii() and following.isalpha() or following in "人名位个项件台部次"
            ):
                kind = "count"
                if not re.match(r"[ \t]?[A-Za-z]", norm[end:]) and following not in "人名位":
                    continue
                if following in "人名位":
                    end += 1
            elif mult in ("亿", "万亿", "千亿", "百亿") or _MONEY_CONTEXT.search(
                norm, max(0, start - 8), start
            ):
                kind = "money"
            else:
                continue
        end_trimmed = end
        while end_trimmed > start and norm[end_trimmed - 1] in " \t\u3000":
            end_trimmed -= 1
        money_and_counts.append(Amount(start, end_trimmed, text[start:end_trimmed], value, currency, kind))
    # a bare money figure takes the currency stated elsewhere in its sentence
    resolved: list[Amount] = []
    for amount in money_and_counts:
        if amount.kind == "money" and amount.currency is None:
            left, right = _sentence_bounds(norm, amount.start, amount.end)
            peers = [
                a
                for a in money_and_counts
                if a.currency and a is not amount and left <= a.start and a.end <= right
            ]
            if peers:
                nearest = min(peers, key=lambda a: abs(a.start - amount.start))
                amount = Amount(
                    amount.start, amount.end, amount.text, amount.value, nearest.currency, "money"
                )
        resolved.append(amount)
    return sorted(resolved + percents, key=lambda a: a.start)
