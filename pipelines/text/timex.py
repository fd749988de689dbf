"""Time expressions in Chinese news text, resolved to ISO dates.

`find_time_expressions` finds absolute dates (2022年11月3日, 2025年1月, 2023 年, 2025-07-31,
二〇二五年十一月三日, full-width digits) and relative ones (今年7月, 去年11月, 年底, 上半年, 本月,
昨天, 周六晚上, 27天后, 三年前) and resolves them to `YYYY-MM-DD`, `YYYY-MM` or `YYYY` by precision
day, month or year. Parts of the day and clock times (下午3点, 09时47分) stay inside the expression.

Resolution rules, chosen so that a date is never more precise than the text:
- relative expressions need the anchor (the article's publication date); without it they keep their text
  and get date=None;
- a month/day without a year (5月11日, 5月11日电) takes the year of the last explicit year written shortly
  before it in the text, else the anchor's year (moved back a year when that would put it more than six
  months after the anchor: news reports the past);
- 近日/日前/近期 mean "a few days before publication": the day would be a guess, so they resolve to the
  anchor's month with precision month;
- a bare day (28日) takes the month last written before it, else the anchor's (the previous month
  when the day is after the anchor's); a weekday (周六) is the latest such day up to the anchor;
- 年初/年底/年末/年中 resolve to January/December/June with precision month; 上半年/下半年 and quarters to
  the year with precision year;
- `N天后`/`N个月后`/`N年后` count from the last absolute date before them in the text, else from the anchor.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class TimeExpression:
    start: int
    end: int
    text: str
    date: str | None  # ISO YYYY-MM-DD / YYYY-MM / YYYY by precision
    precision: str | None  # day, month, year


# Full-width digits and letters map one code point to one, so offsets are kept.
_WIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"－": "-", "／": "/", "．": "."})

_CN_DIGIT = "〇零一二三四五六七八九"
_CN = f"[{_CN_DIGIT}十两]"
_YEAR = rf"(?:\d{{4}}|[{_CN_DIGIT}]{{4}})"
_MONTH = rf"(?:\d{{1,2}}|{_CN}{{1,3}})"
_DAY = rf"(?:\d{{1,2}}|{_CN}{{1,3}})"
_SP = r"[ \t\u3000]*"

# Parts of the day and clock times are kept inside the expression (DuEE time arguments include them).
# After a part of the day the clock may be in Chinese numerals (凌晨六时四十分左右).
_CLOCK_NUM = rf"(?:\d{{1,2}}|[{_CN_DIGIT}十两]{{1,3}})"
_DAYPART = (
    rf"(?:{_SP}(?:凌晨|清晨|早上|早晨|上午|中午|下午|傍晚|黄昏|晚上|夜晚|晚间|夜间|深夜|午夜|夜里|当晚|白天|早|晚)"
    rf"(?:{_SP}{_CLOCK_NUM}{_SP}[点时](?:{_SP}{_CLOCK_NUM}{_SP}分|半)?(?:许|左右|多)?)?"
    rf"|{_SP}\d{{1,2}}{_SP}[点时](?:{_SP}\d{{1,2}}{_SP}分|半)?(?:许|左右|多)?"
    rf"|{_SP}\d{{1,2}}:\d{{2}})?"
)
_REL_YEAR = "今年|去年|前年|明年|后年|本年|同年|当年|次年|翌年|上一年|下一年"
_YEAR_PART = (
    "年初|年底|年末|年中|上半年|下半年|年内|一季度|二季度|三季度|四季度|第一季度|第二季度|第三季度|第四季度"
)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"(?<!\d)(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}})(?!\d){_DAYPART}")),
    (
        "ymd",
        re.compile(
            rf"(?<![\d{_CN_DIGIT}])({_YEAR}){_SP}年{_SP}({_MONTH}){_SP}月(?:{_SP}({_DAY}){_SP}[日号])?"
            rf"(?:份)?{_DAYPART}"
        ),
    ),
    ("y", re.compile(rf"(?<![\d{_CN_DIGIT}])({_YEAR}){_SP}年(?!代|级|限|龄|薪|均|多)((?:{_YEAR_PART}))?")),
    (
        "rel_year",
        re.compile(
            rf"({_REL_YEAR})(?:{_SP}({_MONTH}){_SP}月(?:{_SP}({_DAY}){_SP}[日号])?(?:份)?{_DAYPART}"
            r"|(年初|年底|年末|年中|上半年|下半年|年内|第?[一二三四]季度|初|底|末))?"
        ),
    ),
    (
        "year_part",
        re.compile(rf"(?<![今去前明后本同当次翌每多\d{_CN_DIGIT}十两])(年初|年底|年末|年中|上半年|下半年)"),
    ),
    (
        "rel_month",
        re.compile(rf"(本月|当月|上月|上个月|下月|下个月|这个月)(?:{_SP}({_DAY}){_SP}[日号]{_DAYPART})?"),
    ),
    ("rel_day", re.compile(rf"(今天|今日|昨天|昨日|前天|明天|明日|后天|当天|当日|次日|翌日){_DAYPART}")),
    ("weekday", re.compile(rf"(上周|上星期|本周|这周|周|星期|礼拜)([一二三四五六日天]){_DAYPART}")),
    ("recent", re.compile(r"(近日|日前|近期|连日来|上周|本周|这周|下周)")),
    (
        "offset",
        re.compile(
            rf"(?<![\d{_CN_DIGIT}十两])(\d{{1,3}}|{_CN}+)(多)?{_SP}(年|个月|个多月|天|日|周|个星期)(?:之|以)?(前|后)"
        ),
    ),
    ("d", re.compile(rf"(?<![\d{_CN_DIGIT}十月年.])(\d{{1,2}})日(?![元本常益趋])(?:{_DAYPART})")),
    (
        "clock",
        re.compile(
            rf"(?:凌晨|清晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜晚|晚间|夜间|深夜)"
            rf"{_SP}{_CLOCK_NUM}{_SP}[点时](?:{_SP}{_CLOCK_NUM}{_SP}分|半)?(?:许|左右|多)?"
        ),
    ),
    (
        "md",
        re.compile(
            rf"(?<![\d{_CN_DIGIT}年.])({_MONTH}){_SP}月(?:{_SP}({_DAY}){_SP}[日号])?(?:份)?{_DAYPART}"
        ),
    ),
]


def _to_int(token: str | None) -> int | None:
    if not token:
        return None
    if token.isdigit():
        return int(token)
    import cn2an  # here, not at the top: it takes most of a second to import and many texts never need it

    try:
        if all(ch in _CN_DIGIT for ch in token):  # 二〇二五: digit by digit
            return int(cn2an.cn2an(token, "direct"))
        return int(cn2an.cn2an(token.replace("两", "二"), "normal"))
    except (ValueError, KeyError, TypeError):
        return None


def _valid(y: int | None, m: int | None = None, d: int | None = None) -> bool:
    if y is None or not 1000 <= y <= 2200:
        return False
    if m is not None and not 1 <= m <= 12:
        return False
    return not (d is not None and (m is None or not 1 <= d <= calendar.monthrange(y, m)[1]))


def _iso(y: int, m: int | None = None, d: int | None = None) -> tuple[str, str]:
    if d is not None and m is not None:
        return f"{y:04d}-{m:02d}-{d:02d}", "day"
    if m is not None:
        return f"{y:04d}-{m:02d}", "month"
    return f"{y:04d}", "year"


def _add_months(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    y, m = divmod(total, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


class _Context:
    """What the text has said so far: the last explicit year and the last full date."""

    def __init__(self, anchor: date | None):
        self.anchor = anchor
        self.last_year: tuple[int, int] | None = None  # (year, end offset)
        self.last_day: date | None = None
        self.last_month: tuple[int, int] | None = None


def _year_for_month_day(ctx: _Context, start: int, m: int, d: int | None) -> int | None:
    if ctx.last_year is not None and start - ctx.last_year[1] <= 150:
        return ctx.last_year[0]
    if ctx.anchor is None:
        return None
    y = ctx.anchor.year
    try:
        candidate = date(y, m, d or 1)
    except ValueError:
        return y
    # news reports the past: a month/day far after publication is last year's
    return y - 1 if candidate > _add_months(ctx.anchor, 6) else y


_REL_YEAR_OFFSET = {
    "今年": 0,
    "本年": 0,
    "去年": -1,
    "上一年": -1,
    "前年": -2,
    "明年": 1,
    "下一年": 1,
    "后年": 2,
}
_PART_MONTH = {"初": 1, "底": 12, "末": 12, "中": 6}


def _part_date(y: int, part: str | None) -> tuple[str, str]:
    if part:
        key = part[-1] if part.startswith("年") or len(part) == 1 else ""
        if key in _PART_MONTH and part in ("年初", "年底", "年末", "年中", "初", "底", "末", "中"):
            return _iso(y, _PART_MONTH[key])
    return _iso(y)


# (date, precision, is_expression) for one regex match: is_expression False means the match is not a time
# expression after all (an impossible date, a number too large); True with date None means it is one whose
# date the text does not give (a relative word with no anchor).
_Resolution = tuple[str | None, str | None, bool]
_NOT_TIME: _Resolution = (None, None, False)
_UNRESOLVED: _Resolution = (None, None, True)


def _resolve_iso(m: re.Match[str], ctx: _Context) -> _Resolution:
    """2025-07-31: a full date that later month/day and 当天 expressions lean on."""
    g = m.groups()
    y, mo, d = int(g[0]), int(g[1]), int(g[2])
    if not _valid(y, mo, d):
        return _NOT_TIME
    ctx.last_year = (y, m.end())
    ctx.last_day = date(y, mo, d)
    return (*_iso(y, mo, d), True)


def _resolve_ymd(m: re.Match[str], ctx: _Context) -> _Resolution:
    """2022年11月3日 / 2025年1月 (any numerals): sets the year and, with a day, the day in focus."""
    g = m.groups()
    y, mo, d = _to_int(g[0]), _to_int(g[1]), _to_int(g[2])
    if not _valid(y, mo, d):
        return _NOT_TIME
    ctx.last_year = (y, m.end())
    ctx.last_day = date(y, mo, d) if d is not None else None
    return (*_iso(y, mo, d), True)


def _resolve_year(m: re.Match[str], ctx: _Context) -> _Resolution:
    """2023年 (with 年底/上半年...): a new year in focus forgets the day that was in focus."""
    g = m.groups()
    y = _to_int(g[0])
    if not _valid(y):
        return _NOT_TIME
    ctx.last_year = (y, m.end())
    ctx.last_day = None
    return (*_part_date(y, g[1]), True)


def _relative_year(word: str, ctx: _Context) -> int | None:
    """今年/去年 count from publication; 次年/翌年 and 同年/当年 from the year the text last named."""
    if word in _REL_YEAR_OFFSET:
        return ctx.anchor.year + _REL_YEAR_OFFSET[word] if ctx.anchor else None
    if word in ("次年", "翌年"):
        return ctx.last_year[0] + 1 if ctx.last_year else None
    # 同年, 当年: the year the text was just talking about
    return ctx.last_year[0] if ctx.last_year else None


def _resolve_rel_year(m: re.Match[str], ctx: _Context) -> _Resolution:
    """今年7月 / 去年年底 / 次年3月5日: a relative year, optionally narrowed to a month, day or part."""
    g = m.groups()
    word, mo, d, part = g[0], _to_int(g[1]), _to_int(g[2]), g[3]
    base = _relative_year(word, ctx)
    if base is None:
        return _UNRESOLVED
    ctx.last_year = (base, m.end())
    if mo is not None:
        if not _valid(base, mo, d):
            return _UNRESOLVED
        if d is not None:
            ctx.last_day = date(base, mo, d)
        return (*_iso(base, mo, d), True)
    return (*_part_date(base, part), True)


def _resolve_year_part(m: re.Match[str], ctx: _Context) -> _Resolution:
    """年底 / 上半年 with no year before it: the publication year's."""
    if ctx.anchor is None:
        return _UNRESOLVED
    return (*_part_date(ctx.anchor.year, m.group(1)), True)


_REL_MONTH_SHIFT = {"上月": -1, "上个月": -1, "下月": 1, "下个月": 1}  # 本月, 当月, 这个月: 0


def _resolve_rel_month(m: re.Match[str], ctx: _Context) -> _Resolution:
    """本月 / 上个月5日: a month counted from publication, to the day when a valid one is written."""
    anchor = ctx.anchor
    if anchor is None:
        return _UNRESOLVED
    g = m.groups()
    first = _add_months(anchor.replace(day=1), _REL_MONTH_SHIFT.get(g[0], 0))
    d = _to_int(g[1])
    if d is not None and _valid(first.year, first.month, d):
        return (*_iso(first.year, first.month, d), True)
    return (*_iso(first.year, first.month), True)


_REL_DAY_SHIFT = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "明天": 1, "明日": 1, "后天": 2}


def _resolve_rel_day(m: re.Match[str], ctx: _Context) -> _Resolution:
    """昨天 counts from publication; 当天/次日 from the day the text is talking about."""
    word = m.group(1)
    if word in ("当天", "当日", "次日", "翌日"):
        base_day = ctx.last_day
        if base_day is not None and word in ("次日", "翌日"):
            base_day = base_day + timedelta(days=1)
    else:
        base_day = ctx.anchor + timedelta(days=_REL_DAY_SHIFT[word]) if ctx.anchor else None
    if base_day is None:
        return _UNRESOLVED
    return (*_iso(base_day.year, base_day.month, base_day.day), True)


def _resolve_recent(m: re.Match[str], ctx: _Context) -> _Resolution:
    """近日 / 上周: the day would be a guess, so only the month of (publication ± a week)."""
    anchor = ctx.anchor
    if anchor is None:
        return _UNRESOLVED
    word = m.group(1)
    day = (
        anchor - timedelta(days=7) if word == "上周" else anchor + timedelta(days=7 if word == "下周" else 0)
    )
    return (*_iso(day.year, day.month), True)


def _resolve_offset(m: re.Match[str], ctx: _Context) -> _Resolution:
    """27天后 / 三年前: counted from the last full date in the text, else publication; 多 makes it vague."""
    g = m.groups()
    n = _to_int(g[0])
    vague, unit, direction = g[1], g[2], g[3]
    if n is None or n > 5000:
        return _NOT_TIME
    base_day = ctx.last_day or ctx.anchor
    if vague or base_day is None:
        return _UNRESOLVED
    sign = 1 if direction == "后" else -1
    if unit in ("天", "日", "周", "个星期"):
        days = n * (7 if unit in ("周", "个星期") else 1)
        day = base_day + timedelta(days=sign * days)
        return (*_iso(day.year, day.month, day.day), True)
    if unit in ("个月", "个多月"):
        day = _add_months(base_day, sign * n)
        return (*_iso(day.year, day.month), True)
    return (*_iso(base_day.year + sign * n), True)


def _resolve_day(m: re.Match[str], ctx: _Context) -> _Resolution:
    """28日: in the month last written, else publication's (the month before when the day is later)."""
    anchor = ctx.anchor
    d = _to_int(m.group(1))
    base = ctx.last_day or (ctx.last_month and date(*ctx.last_month, 1)) or anchor
    if d is None or not 1 <= d <= 31:
        return _NOT_TIME
    if base is None:
        return _UNRESOLVED
    y, mo = base.year, base.month
    if base is anchor and ctx.last_day is None and d > anchor.day:
        prev = _add_months(anchor.replace(day=1), -1)  # 28日 in a report of the 2nd: last month
        y, mo = prev.year, prev.month
    if not _valid(y, mo, d):
        return _NOT_TIME
    ctx.last_day = date(y, mo, d)
    return (*_iso(y, mo, d), True)


def _resolve_weekday(m: re.Match[str], ctx: _Context) -> _Resolution:
    """周六: the latest such day up to publication; 上周六: the one in the week before publication's."""
    anchor = ctx.anchor
    if anchor is None:
        return _UNRESOLVED
    g = m.groups()
    weekday = min("一二三四五六日天".index(g[1]), 6)
    day = anchor - timedelta(days=(anchor.weekday() - weekday) % 7)
    if g[0] in ("上周", "上星期"):
        day = anchor - timedelta(days=anchor.weekday() + 7 - weekday)
    return (*_iso(day.year, day.month, day.day), True)


def _resolve_clock(m: re.Match[str], ctx: _Context) -> _Resolution:
    """下午3点 alone: on the day the text is talking about, if any."""
    if ctx.last_day is None:
        return _UNRESOLVED
    return (*_iso(ctx.last_day.year, ctx.last_day.month, ctx.last_day.day), True)


def _resolve_month_day(m: re.Match[str], ctx: _Context) -> _Resolution:
    """5月11日 / 5月: the year from the text or publication (see `_year_for_month_day`)."""
    g = m.groups()
    mo, d = _to_int(g[0]), _to_int(g[1])
    if mo is None or not 1 <= mo <= 12 or (d is not None and not 1 <= d <= 31):
        return _NOT_TIME
    if not g[0].isdigit() and g[1] is None and len(g[0]) < 2:
        return _NOT_TIME  # 一月/三月 alone is too often part of another word
    y = _year_for_month_day(ctx, m.start(), mo, d)
    if y is None:
        return _UNRESOLVED
    if not _valid(y, mo, d):
        return _NOT_TIME
    if d is not None:
        ctx.last_day = date(y, mo, d)
    else:
        ctx.last_month = (y, mo)
    return (*_iso(y, mo, d), True)


# pattern kind (see _PATTERNS) -> its resolver
_RESOLVERS = {
    "iso": _resolve_iso,
    "ymd": _resolve_ymd,
    "y": _resolve_year,
    "rel_year": _resolve_rel_year,
    "year_part": _resolve_year_part,
    "rel_month": _resolve_rel_month,
    "rel_day": _resolve_rel_day,
    "recent": _resolve_recent,
    "offset": _resolve_offset,
    "d": _resolve_day,
    "weekday": _resolve_weekday,
    "clock": _resolve_clock,
    "md": _resolve_month_day,
}


def _resolve_match(kind: str, m: re.Match[str], ctx: _Context) -> _Resolution:
    """(date, precision, is_expression) for one regex match, by the resolver of its pattern's kind."""
    resolver = _RESOLVERS.get(kind)
    return resolver(m, ctx) if resolver else _NOT_TIME


def find_time_expressions(text: str, anchor: date | None) -> list[TimeExpression]:
    """Every time expression in `text`, left to right, resolved against `anchor` where relative."""
    if not text:
        return []
    norm = text.translate(_WIDTH)
    candidates: list[tuple[int, int, int, str, re.Match[str]]] = []
    for priority, (kind, pattern) in enumerate(_PATTERNS):
        for m in pattern.finditer(norm):
            if m.end() > m.start():
                candidates.append((m.start(), -(m.end() - m.start()), priority, kind, m))
    candidates.sort()
    chosen: list[tuple[str, re.Match[str]]] = []
    taken_end = -1
    for start, _neg_len, _priority, kind, m in candidates:
        if start < taken_end:
            continue
        chosen.append((kind, m))
        taken_end = m.end()
    ctx = _Context(anchor)
    found: list[TimeExpression] = []
    for kind, m in chosen:
        iso, precision, ok = _resolve_match(kind, m, ctx)
        if not ok:
            continue
        end = m.end()
        while end > m.start() and norm[end - 1] in " \t\u3000":
            end -= 1
        found.append(TimeExpression(m.start(), end, text[m.start() : end], iso, precision))
    return found


def resolve(expr: str, anchor: date | None) -> tuple[str | None, str | None]:
    """(ISO date, precision) of the first time expression in `expr`, or (None, None)."""
    found = find_time_expressions(expr or "", anchor)
    if not found:
        return None, None
    return found[0].date, found[0].precision
