"""Lines of a document and where the articles in it begin.

A newspaper page holds several reports: a report opens with a dateline (本报讯, 本报北京5月11日电,
新华社X电) or a byline, under its own headline; a photo item is a caption ending with a 摄 credit,
set apart by a wider gap or its own headline. A subheading inside a feature has neither, so it stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.text.metadata import parse_byline, parse_opening, photo_credit

_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")


@dataclass(frozen=True)
class Line:
    index: int
    start: int  # offset of the first non-space character in the document text
    end: int  # offset after the last non-space character
    text: str  # document text[start:end]
    blank_before: int  # empty lines between this line and the previous one
    heading: bool  # written as a markdown heading ('## ...')
    content_start: int  # offset after the heading marker

    @property
    def content(self) -> str:
        return self.text[self.content_start - self.start :]


def document_lines(text: str) -> list[Line]:
    """Non-empty lines with their offsets, trimmed of surrounding whitespace (full-width spaces too)."""
    lines: list[Line] = []
    blank = 0
    position = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped:
            blank += 1
        else:
            start = position + (len(raw) - len(raw.lstrip()))
            end = start + len(stripped)
            marker = _MARKDOWN_HEADING.match(stripped)
            lines.append(
                Line(
                    index=len(lines),
                    start=start,
                    end=end,
                    text=stripped,
                    blank_before=blank,
                    heading=marker is not None,
                    content_start=start + (marker.end() if marker else 0),
                )
            )
            blank = 0
        position += len(raw) + 1
    return lines


def is_heading_like(line: Line) -> bool:
    """A headline or label: a markdown heading, or a short line that ends no sentence."""
    text = line.content.strip()
    if line.heading:
        return True
    # English headlines run longer than Chinese ones of the same weight.
    limit = 100 if len(re.findall(r"[A-Za-z]", text)) > len(text) / 2 else 40
    return 0 < len(text) <= limit and not re.search(r"[。；;:：，,、.]$", text) and "。" not in text


def opens_article(line: Line) -> bool:
    """A dateline opening or a byline line: the start of a report's text."""
    if parse_opening(line.content):
        return True
    byline = parse_byline(line.content)
    return byline is not None and byline.kind in ("byline", "source_line", "date_line")


def _walk_back(lines: list[Line], i: int, floor: int) -> int:
    """First line of the headline block (headings, bylines, dates) that ends just before line `i`."""
    start = i
    while start - 1 >= floor:
        previous = lines[start - 1]
        byline = parse_byline(previous.content)
        if is_heading_like(previous) or (byline is not None and byline.kind != "credit_line"):
            start -= 1
        else:
            break
    return start


def has_prose(lines: list[Line]) -> bool:
    return any(not is_heading_like(line) and parse_byline(line.content) is None for line in lines)


def article_starts(lines: list[Line]) -> list[int]:
    """Indices of the lines where articles begin; the first article always begins at line 0."""
    if not lines:
        return []
    starts = [0]
    i = 1
    while i < len(lines):
        if opens_article(lines[i]):
            start = _walk_back(lines, i, starts[-1])
            # A report opens under its own headline (or after a wide gap); an opening right after a
            # lead paragraph is that article's second paragraph. A byline right under the previous
            # article's headline belongs to that article.
            in_brief = _another_brief(lines[starts[-1] : i], lines[i])
            set_apart = start < i or lines[i].blank_before >= 2 or in_brief
            if set_apart and start > starts[-1] and has_prose(lines[starts[-1] : start]):
                starts.append(start)
            # Skip the rest of this headline block so its own bylines do not split it again.
            while (
                i + 1 < len(lines) and opens_article(lines[i + 1]) and not parse_opening(lines[i + 1].content)
            ):
                i += 1
        i += 1
    return sorted(set(starts) | set(_photo_item_starts(lines, starts)))


def _another_brief(article: list[Line], line: Line) -> bool:
    """A column of briefs (本报讯 ... 本报讯 ...) splits at each opening too; a second dispatch with the
    same dateline and reporters is an update of the same story."""
    opening = parse_opening(line.content)
    if opening is None:
        return False
    earlier = [found for found in (parse_opening(previous.content) for previous in article) if found]
    return any((found.dateline, found.authors) != (opening.dateline, opening.authors) for found in earlier)


def _photo_item_starts(lines: list[Line], starts: list[int]) -> list[int]:
    """Photo items: a caption block ending with a 摄 credit, after a wide gap or under its own headline."""
    found: list[int] = []
    bounds = sorted(set(starts) | {len(lines)})
    for i, line in enumerate(lines):
        if i == 0 or i in starts or not (line.blank_before >= 2 or line.heading):
            continue
        end = min(b for b in bounds if b > i)
        for j in range(i + 1, end):
            if lines[j].blank_before >= 2 or lines[j].heading:
                end = j
                break
        block = lines[i:end]
        prose = [b for b in block if not b.heading]
        is_photo = prose and len(prose) <= 3 and photo_credit(block[-1].content) is not None
        # The previous article must keep some text of its own.
        if is_photo and has_prose(lines[max(s for s in bounds if s <= i) : i]):
            found.append(i)
    return found
