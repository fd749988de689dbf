"""Article metadata from the lines around a headline: bylines, outlets, dates and dateline openings.

Every parser works on one line (or one value) and says nothing it cannot read in it: a missing year is
left missing, never guessed. Matching is done on the NFKC form, so full-width digits and colons work.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from pipelines.text.script import to_simplified

_SHANGHAI = ZoneInfo("Asia/Shanghai")
_HAN_NAME = r"[\u4e00-\u9fff·]{2,4}"

_TIME = r"(?:\s*(\d{1,2})\s*[:时点]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2}))?)?"
_YMD = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?(?:\s*[Tt]?)" + _TIME
)
_DMY = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])")
_ISO_MONTH = re.compile(r"(?<![\d-])((?:19|20)\d{2})-(\d{1,2})(?![\d-])")
_YM = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?!\s*\d)")
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_ENGLISH_DATE = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),\s*((?:19|20)\d{2})\b")
_ISO = re.compile(
    r"^\s*(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?)?\s*$"
)
_WEEKDAY = re.compile(r"(星期|周|礼拜)[一二三四五六日天]|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b,?")

# Roles written before a separator: 文 | X, 作者：X, 来源:X, 出品 | X ...
_ROLE = re.compile(
    r"(?:^|(?<=[\s,，;；|｜丨]))(责任编辑|本文作者|原标题|文字|撰文|作者|记者|编辑|责编|出品|来源|编译|翻译|摄影|图片|"
    r"策划|监制|校对|审核|主编|统筹|设计|文|图)\s*[|｜丨:：/]\s*"
)
_AUTHOR_ROLES = {"作者", "本文作者", "撰文", "文字", "记者"}
_OUTLET_ROLES = {"来源", "出品"}
_REPORTER_WORDS = (
    "本报特约记者|本报见习记者|本报实习生|本报记者|本报通讯员|特约记者|见习记者|实习记者|摄影记者|"
    "首席记者|记者|通讯员|实习生|特约撰稿人|撰稿人|摄影"
)
_REPORTER_LINE = re.compile(r"^[■□●▲◆★◎▌|｜\s]*(?:" + _REPORTER_WORDS + r")\s*[:：]?\s*(.+)$")
_ROLE_WORD = re.compile(r"(?:" + _REPORTER_WORDS + r"|共享联盟[·・]?)")
_ENGLISH_NAME = r"[A-Z][A-Za-z'’.-]+(?:\s+[A-Z][A-Za-z'’.-]+){1,3}"
_ENGLISH_BYLINE = re.compile(
    r"^(?:By|BY|by)\s+(" + _ENGLISH_NAME + r"(?:\s*(?:,|and|AND|&)\s*" + _ENGLISH_NAME + r")*)$"
)
_CAPS_BYLINE = re.compile(
    r"^([A-Z][A-Z'.-]+(?:\s+[A-Z][A-Z'.-]+){1,3}(?:\s+(?:AND|and|&)\s+[A-Z][A-Z'.-]+(?:\s+[A-Z][A-Z'.-]+){1,3})*)$"
)

# The opening of a news report: 本报讯, 本报北京5月11日电, 新华社北京5月11日电, 中新网7月24日电, 据新华社电,
# optionally followed by a bracket that names the reporters.
_OPENING = re.compile(
    r"^[■□●\s]*(?:(?:本报讯|本报[\u4e00-\u9fff]{0,8}?(?:\d{1,2}月\d{1,2}日)?电|据[\u4e00-\u9fff]{1,8}?(?:社|网|报|台)电(?!讯)|"
    r"[\u4e00-\u9fffA-Za-z]{2,10}?(?:社|网|报|台|站)[\u4e00-\u9fff]{0,8}?\d{1,2}月\d{1,2}日电|"
    r"[\u4e00-\u9fffA-Za-z]{1,10}?(?:社|网|日报|晚报|早报|时报|商报|财经|新闻)讯(?![息号])))"
    r"(\s*[(（][^()（）]{0,80}[)）])?\s*[:：]?"
)
_DATELINE_DAY = re.compile(r"(\d{1,2})月(\d{1,2})日电")
_PHOTO_CREDIT = re.compile(
    r"(?:^|(?<=[。！？.!?”\s]))[(（]?((?:(?:"
    + _REPORTER_WORDS
    + r")?\s*"
    + _HAN_NAME
    + r"\s*){1,6}?)\s*[/／]?\s*摄\s*[)）]?$"
)
# A credit is short and ends its line: the pattern is only tried on lines that end in 摄, on their last
# characters, so a long line of Han text cannot make it backtrack for minutes.
_PHOTO_CREDIT_END = re.compile(r"摄\s*[)）]?$")
_PHOTO_CREDIT_WINDOW = 120
_SITE_SUFFIX = re.compile(
    r"(?:新闻网|日报|晚报|早报|时报|周刊|周报|杂志|网|报|社|在线|频道|资讯|新闻|财经|电视台|广播电台|TV|News|Times|\.com|\.cn)$",
    re.I,
)


@dataclass
class Byline:
    """What a metadata line says; `kind` is byline, source_line, date_line or dateline."""

    kind: str
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    published_at: datetime | None = None
    precision: str | None = None
    dateline: str | None = None  # month and day of a 电 dateline, when it has no year


# Both are asked about the same lines again and again (cleaning's rules, then the metadata parsers, each
# line several times): cached for lines, they were half the time of parsing a document. Longer text (a
# whole body) is not kept.
CACHED_LINE = 400


def nfkc(text: str) -> str:
    return _nfkc_line(text) if len(text) <= CACHED_LINE else unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=16384)
def _nfkc_line(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def fold(text: str) -> str:
    """NFKC and Simplified form of a line, for matching patterns written in Simplified Chinese.

    Both keep the length of Chinese text almost always; callers that need offsets check it."""
    return _fold_line(text) if len(text) <= CACHED_LINE else _fold(text)


@lru_cache(maxsize=16384)
def _fold_line(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    normal = nfkc(text)
    if len(normal) != len(text):
        normal = text
    folded = to_simplified(normal)[0]
    return folded if len(folded) == len(normal) else normal


def parse_date(text: str) -> tuple[datetime, str, tuple[int, int]] | None:
    """The first stated date in `text`: (datetime, precision, (start, end) in the NFKC text), or None."""
    text = nfkc(text)
    match = _YMD.search(text)
    if match:
        year, month, day, hour, minute, second = match.groups()
        try:
            if hour is not None:
                value = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
                return value, "minute", match.span()
            return datetime(int(year), int(month), int(day)), "day", match.span()
        except ValueError:
            return None
    match = _DMY.search(text)
    if match:
        first, second, year = (int(g) for g in match.groups())
        # 25/07/2009 is day-first, 07/25/2009 month-first; 07/08/2009 cannot be told apart.
        if first > 12 >= second or second > 12 >= first:
            day, month = (first, second) if first > 12 else (second, first)
            try:
                return datetime(year, month, day), "day", match.span()
            except ValueError:
                return None
    match = _ENGLISH_DATE.search(text)
    if match and match.group(1).lower() in _MONTHS:
        try:
            value = datetime(int(match.group(3)), _MONTHS[match.group(1).lower()], int(match.group(2)))
        except ValueError:
            return None
        return value, "day", match.span()
    match = _YM.search(text) or _ISO_MONTH.search(text)
    if match:
        try:
            return datetime(int(match.group(1)), int(match.group(2)), 1), "month", match.span()
        except ValueError:
            return None
    return None


def parse_iso_datetime(value: str) -> tuple[datetime, str] | None:
    """An HTML meta date (ISO 8601), converted to Asia/Shanghai local time when it carries a zone."""
    match = _ISO.match(nfkc(value))
    if not match:
        found = parse_date(value)
        return (found[0], found[1]) if found else None
    date_part, time_part, zone = match.groups()
    text = date_part + ("T" + time_part if time_part else "") + (zone.replace("Z", "+00:00") if zone else "")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(_SHANGHAI).replace(tzinfo=None)
    return parsed, ("minute" if time_part else "day")


_DATE_LABEL = re.compile(
    r"(?:发布时间|发表时间|更新时间|发布日期|时间|日期|Published|Updated)\s*[:：]?", re.I
)
_SHORT_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9 ·.]{1,11}")
_ROUGH_HOUR = re.compile(r"^\s*\d{1,2}\s*[时点](?:左右|许)?")


def _date_and_rest(text: str) -> tuple[datetime, str, str] | None:
    """A date in a short line, and what is left of the line once the date and its labels are gone."""
    found = parse_date(text)
    if not found:
        return None
    value, precision, (start, end) = found
    text = nfkc(text)
    after = _ROUGH_HOUR.sub("", text[end:]) if precision == "day" else text[end:]
    rest = _DATE_LABEL.sub(" ", _WEEKDAY.sub(" ", text[:start] + " " + after))
    return value, precision, rest.strip(" \t|｜丨,，/()（）:：")


def _is_date_only(text: str) -> tuple[datetime, str] | None:
    found = _date_and_rest(text)
    if not found or found[2]:
        return None
    return found[0], found[1]


def clean_name(name: str) -> str | None:
    """A person's name from a byline token, without role words; None when nothing name-like is left."""
    name = name.strip(" \t|｜丨:：,，、;；()（）[]【】■□●")
    if "·" in name or "・" in name:
        prefix, _, rest = name.replace("・", "·").partition("·")
        if re.search(r"联盟|融媒|记者站|工作站|分社", prefix):
            # 共享联盟·松阳周敏: a county name (2 characters, 3 for long ones) then the reporter.
            name = rest[2:] if len(rest) <= 5 else rest[-3:]
    name = _ROLE_WORD.sub("", name).strip()
    if not name or len(name) > 40 or re.search(r"[\u4e00-\u9fff](?:社|网|报|台)$", name):
        # 新华社, 人民网: an agency credited beside a reporter, not a person.
        return None
    return name


def split_names(text: str) -> list[str]:
    """Names in a list such as '施力维 祝梅', '李洁薇、吴丽燕', '记者 黄彦 共享联盟·松阳周敏'."""
    text = nfkc(text)
    names: list[str] = []
    for token in re.split(
        r"[\s、,，;；/和及与]+", _ROLE_WORD.sub(" ", text.replace("共享联盟·", "共享联盟·"))
    ):
        if not token:
            continue
        if token.startswith("·"):
            continue
        name = clean_name(token)
        if name and name not in names:
            names.append(name)
    return _rejoin_alliance(text, names)


def _rejoin_alliance(text: str, names: list[str]) -> list[str]:
    """`split_names` splits on role words, which strips 共享联盟 from 共享联盟·松阳周敏: apply its rule."""
    for match in re.finditer(r"(?:共享联盟|融媒|记者站)[·・]([\u4e00-\u9fff]{3,7})", text):
        rest = match.group(1)
        person = rest[2:] if len(rest) <= 5 else rest[-3:]
        names = [person if n in (rest, "·" + rest) else n for n in names]
    return [n for n in names if n]


def _titlecase(name: str) -> str:
    return " ".join(part.capitalize() if part.isupper() else part for part in name.split())


def parse_byline(line: str) -> Byline | None:
    """Read a metadata line (byline, source line, date line); None when the line is article text."""
    text = fold(line).strip()
    if not text or len(text) > 90 or re.search(r"[。！？]$", text) or text.count("。") > 0:
        return None
    if photo_credit(text) is not None:
        # '通讯员 谭云俸 摄' credits a photograph, not the article: see photo_credit.
        return None
    found = _date_and_rest(text) if len(text) <= 60 else None
    if found:
        value, precision, rest = found
        if not rest:
            return Byline(kind="date_line", published_at=value, precision=precision)
        # '2014年03月19日 12:17:48 来源： 宁夏日报', '包头新闻网 发布时间： 2013年12月30日 10:24'
        rest = re.sub(r"^(?:来源|稿源|出处)\s*[:：]?\s*", "", rest).strip()
        # After a date with a time, a short name is the publisher: '2025年07月31日 11:24 新浪财经'.
        named = precision == "minute" and _SHORT_NAME.fullmatch(rest) is not None
        if (
            looks_like_site_name(rest)
            or named
            or (rest and re.search(r"来源|稿源", text) and len(rest) <= 16)
        ):
            return Byline(kind="source_line", outlet=rest, published_at=value, precision=precision)
    roles = list(_ROLE.finditer(text))
    if roles and not re.sub(r"[\s■□●▲◆★]", "", text[: roles[0].start()]):
        return _parse_roles(text, roles)
    match = _REPORTER_LINE.match(text)
    if match and not re.search(r"[，。,；！？]", match.group(1)) and len(match.group(1)) <= 40:
        names = split_names(match.group(1))
        if names and all(len(n) <= 4 or re.fullmatch(r"[A-Za-z .'-]+", n) for n in names):
            return Byline(kind="byline", authors=names)
    match = _ENGLISH_BYLINE.match(text) or _CAPS_BYLINE.match(text)
    if match:
        names = re.split(r"\s*(?:,|\band\b|\bAND\b|&)\s*", match.group(1))
        return Byline(kind="byline", authors=[_titlecase(n) for n in names if n])
    return None


def _parse_roles(text: str, roles: list[re.Match[str]]) -> Byline | None:
    result = Byline(kind="byline")
    values: dict[str, str] = {}
    for k, match in enumerate(roles):
        end = roles[k + 1].start() if k + 1 < len(roles) else len(text)
        value = text[match.end() : end].strip(" \t,，;；|｜丨")
        found = parse_date(value)
        if found:
            result.published_at, result.precision = found[0], found[1]
            span = found[2]
            value = (value[: span[0]] + value[span[1] :]).strip(" \t,，;；|｜丨")
        values.setdefault(match.group(1), value)
    tail = parse_date(text[roles[-1].end() :]) if result.published_at is None else None
    if tail:
        result.published_at, result.precision = tail[0], tail[1]
    for role, value in values.items():
        if not value:
            continue
        if role in _OUTLET_ROLES:
            result.outlet = result.outlet or value
            result.kind = "source_line"
        elif role in _AUTHOR_ROLES:
            result.authors.extend(n for n in split_names(value) if n not in result.authors)
    if "文" in values and values["文"]:
        # 文 | X names the writer, unless an 作者 is also given: then X is the account that published it.
        if any(r in values for r in ("作者", "本文作者")):
            result.outlet = result.outlet or values["文"]
        else:
            result.authors = split_names(values["文"]) + result.authors
    if not (result.authors or result.outlet or result.published_at):
        # Only editor or designer credits: still a metadata line, it names nobody we report.
        result.kind = "credit_line"
    return result


@dataclass
class Opening:
    """The dateline that opens a news report, e.g. 本报北京5月11日电(记者 刘晨苗 通讯员 许子懿)."""

    end: int  # offset in the line where the article text starts
    authors: list[str]
    dateline: str
    month_day: tuple[int, int] | None
    outlet_is_unnamed: bool  # 本报: this paper, whose name the text does not give


def parse_opening(line: str) -> Opening | None:
    """The report opening at the start of `line`, or None. Offsets refer to `line` itself."""
    # NFKC keeps the length of these characters (full-width brackets, digits), so offsets carry over.
    folded = fold(line)
    match = _OPENING.match(folded)
    if not match:
        return None
    bracket = match.group(1) or ""
    authors = split_names(bracket.strip(" ()（）")) if bracket else []
    head = folded[: match.start(1) if bracket else match.end()].strip(" ■□●:：")
    day = _DATELINE_DAY.search(head)
    return Opening(
        end=match.end(),
        authors=authors,
        dateline=head,
        month_day=(int(day.group(1)), int(day.group(2))) if day else None,
        outlet_is_unnamed=head.startswith("本报"),
    )


def photo_credit(line: str) -> tuple[int, list[str]] | None:
    """A photographer credit ending `line` ('本报记者 金思成 通讯员 陈业 摄'): (start, names) or None."""
    text = fold(line.rstrip())
    if not _PHOTO_CREDIT_END.search(text):
        return None
    match = _PHOTO_CREDIT.search(text, max(0, len(text) - _PHOTO_CREDIT_WINDOW))
    if not match:
        return None
    credit = match.group(0)
    # '他说要摄' is prose: a credit names a role (记者, 通讯员) or sets the names apart with a space or slash.
    if not (_ROLE_WORD.search(credit) or re.search(r"[\s/／]摄", credit)):
        return None
    names = split_names(match.group(1))
    if not names:
        return None
    return match.start(), names


def looks_like_site_name(line: str) -> bool:
    """A short line naming a site or paper (茉莉花新闻网, 浙江日报) rather than a headline."""
    text = nfkc(line).strip()
    return (
        2 <= len(text) <= 16
        and not re.search(r"[，。,！？!?、：:]", text)
        and bool(_SITE_SUFFIX.search(text))
    )


def clean_title(line: str) -> str:
    """A headline without markdown markers and leading tags such as 【原创】 or [独家]."""
    text = re.sub(r"^#+\s*", "", line.strip())
    text = re.sub(r"^(?:【[^】]{1,6}】|\[[^\]]{1,6}\])\s*", "", text)
    # Match the label on the folded form (標題 too); fold keeps the length, so cut the text as written.
    label = re.match(r"^(?:标题|题目|Title)\s*[:：]\s*", fold(text), flags=re.I)
    if label:
        text = text[label.end() :]
    return text.strip()


# ---------------------------------------------------------------- newspaper pages

_PAPER_SUFFIX = r"(?:日报|晚报|早报|时报|商报|周报|周刊|报|海外版)"
_MASTHEAD = re.compile(
    r"^[《]?(?P<outlet>[^\s\d《》()（）:：,，。]{2,16}?)[》]?\s*[（(]?\s*"
    r"(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*(?:星期[一二三四五六日天]|周[一二三四五六日天])?\s*"
    r"(?:第\s*(?P<page>\d{1,3}|[一二三四五六七八九十]{1,3})\s*版(?:\s*[：:]?\s*[^\d\s()（）]{1,12})?)?"
    r"\s*[）)]?$"
)


@dataclass(frozen=True)
class Masthead:
    """The line at the top of a newspaper page: 人民日报 2012年06月05日 第03版."""

    outlet: str
    published_at: datetime
    page: str | None
    text: str  # the line as written


def parse_masthead(line: str) -> Masthead | None:
    """A masthead names a paper, a full date and (usually) the page, and nothing else. Without a page
    number the name must be a paper's (ending in 报, 周刊, ...), so that a headline with a date is not
    taken for one."""
    text = nfkc(line).strip()
    match = _MASTHEAD.match(fold(text))
    if not match:
        return None
    outlet = text[match.start("outlet") : match.end("outlet")]
    if match.group("page") is None and not re.search(_PAPER_SUFFIX + "$", outlet):
        return None
    parsed = parse_date(match.group("date"))
    if parsed is None or parsed[1] != "day":
        return None
    return Masthead(outlet=outlet, published_at=parsed[0], page=match.group("page"), text=line.strip())
