"""An HTML page reduced to its article text, with offsets back into the markup and its meta tags.

Navigation, headers, footers, sidebars, scripts and forms are left out; when the page marks its
article (<article>, <main>) only that part is kept. Every text left out is recorded with a rule id
(html_<tag> for a skipped element, html_page_class for one whose class names page chrome,
html_outside_article), so the warehouse accounts for it as a removed span. Block elements become
paragraph breaks and headings become '## ' lines, so the plain-text stages treat both inputs alike.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "form", "button", "iframe", "select", "head"}
_PAGE_TAGS = {"nav", "header", "footer", "aside"}
_VOID = {
    "br",
    "hr",
    "img",
    "meta",
    "link",
    "input",
    "wbr",
    "source",
    "area",
    "base",
    "col",
    "embed",
    "param",
    "track",
}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "td",
    "th",
    "blockquote",
    "figure",
    "figcaption",
    "pre",
    "dd",
    "dt",
    "dl",
    "br",
    "hr",
    "body",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_PAGE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|header|sidebar|side|comments?|share|sharing|social|breadcrumbs?|"
    r"advert|ads?|banner|related|recommend|copyright|toolbar|login|subscribe|newsletter|popup|cookie)(?:$|[\s_-])",
    re.I,
)
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "og:release_date",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish_date",
    "publish-date",
    "publishtime",
    "publish_time",
    "dc.date",
    "dc.date.issued",
    "date",
)


def looks_like_html(text: str) -> bool:
    """An HTML document (not a text that mentions a tag or two)."""
    head = text[:2000].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:5000].lower():
        return True
    tags = len(re.findall(r"</?(?:p|div|br|span|a|h[1-6]|body|li|article)\b[^>]*>", text[:20000], re.I))
    return tags >= 5 and tags * 40 > len(text[:20000].split())


@dataclass
class HtmlPage:
    text: str  # the article text taken from the page
    offsets: list[int]  # len(text)+1 entries: text offset -> offset in the markup
    meta: dict[str, str] = field(default_factory=dict)
    dropped: list[tuple[int, int, str, str]] = field(default_factory=list)  # start, end, reason, text


class _Extractor(HTMLParser):
    def __init__(self, source: str, article_only: bool):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.article_only = article_only
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.stack: list[str] = []
        self.skip_depth: int | None = None  # stack depth where a skipped element opened
        self.skip_reason = ""
        self.dropped: list[list] = []  # [start, end, reason, text, len(chars) then] of text left out
        self.article_depth: int | None = None
        self.meta: dict[str, str] = {}
        self.in_title = False
        self.title_text = ""
        self.h1_text = ""
        self.in_h1 = False
        self.time_value: str | None = None
        self.after_html = False  # text after </html> is the page's too (appended by hand or by a tool)

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def emit(self, text: str, position: int, spread: bool = False) -> None:
        for k, ch in enumerate(text):
            self.chars.append(ch)
            self.offsets.append(position + (k if spread else 0))

    def active(self) -> bool:
        if self.skip_depth is not None:
            return False
        return not self.article_only or self.article_depth is not None or self.after_html

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            self._meta(values)
            return
        if tag == "title":
            self.in_title = True
        if tag == "time" and self.time_value is None and values.get("datetime"):
            self.time_value = values["datetime"]
        if tag in _VOID:
            if tag in ("br", "hr") and self.active():
                self.emit("\n", self.position())
            return
        self.stack.append(tag)
        depth = len(self.stack)
        if tag in ("article", "main") and self.article_depth is None:
            self.article_depth = depth
        if self.skip_depth is None and (
            tag in _SKIP_TAGS
            or (tag in _PAGE_TAGS and self.article_depth is None)
            or _PAGE_CLASS.search(values.get("class", "") + " " + values.get("id", ""))
        ):
            self.skip_depth = depth
            self.skip_reason = f"html_{tag}" if tag in _SKIP_TAGS | _PAGE_TAGS else "html_page_class"
        if tag == "h1":
            self.in_h1 = True
        if self.active():
            if tag in _HEADINGS:
                self.emit("\n\n## ", self.position())
            elif tag in _BLOCK:
                self.emit("\n\n", self.position())

    def handle_endtag(self, tag: str) -> None:
        if tag == "html" and not self.after_html:
            self.after_html = True
            self.emit("\n\n", self.position())
        if tag == "title":
            self.in_title = False
        if tag == "h1":
            self.in_h1 = False
        if tag not in self.stack:
            return
        if self.active() and (tag in _BLOCK or tag in _HEADINGS):
            self.emit("\n\n", self.position())
        while self.stack:
            depth = len(self.stack)
            closed = self.stack.pop()
            if self.skip_depth is not None and depth <= self.skip_depth:
                self.skip_depth = None
            if self.article_depth is not None and depth <= self.article_depth:
                self.article_depth = None
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        position = self.position()
        if self.in_title:
            self.title_text += data
        if self.in_h1:
            self.h1_text += data
        if self.active():
            self.emit(re.sub(r"[ \t\r\n]", " ", data), position, spread=True)
        elif data.strip():
            lead = len(data) - len(data.lstrip())
            self.drop(data.strip(), position + lead, position + len(data.rstrip()))

    def drop(self, text: str, start: int, end: int) -> None:
        """Record text left out; runs with one reason and nothing kept between them are one span."""
        reason = self.skip_reason if self.skip_depth is not None else "html_outside_article"
        last = self.dropped[-1] if self.dropped else None
        if last and last[2] == reason and last[4] == len(self.chars):
            last[1], last[3] = end, last[3] + (" " if start > last[1] else "") + text
        else:
            self.dropped.append([start, end, reason, text, len(self.chars)])

    def _reference(self, raw: str) -> None:
        text = html.unescape(raw)
        if self.in_title:
            self.title_text += text
        if self.in_h1:
            self.h1_text += text
        if self.active():
            self.emit(text.replace("\xa0", " "), self.position())
        elif text.strip():
            self.drop(text.strip(), self.position(), self.position() + len(raw))

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name};")

    def _meta(self, values: dict[str, str]) -> None:
        key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
        content = values.get("content", "").strip()
        if not key or not content:
            return
        if key in _DATE_META and "published_time" not in self.meta:
            self.meta["published_time"] = content
            self.meta["published_source"] = f"html meta {key}"
        elif key == "og:title":
            self.meta.setdefault("og_title", content)
        elif key == "og:site_name":
            self.meta.setdefault("site_name", content)
        elif key in ("author", "article:author", "byl", "dc.creator"):
            self.meta.setdefault("author", re.sub(r"^(?:By|作者[:：])\s*", "", content))


def parse_html(source: str) -> HtmlPage:
    """The article text of an HTML page, its offset map into `source`, and what its meta tags say."""
    article_only = bool(re.search(r"<(?:article|main)\b", source, re.I))
    extractor = _Extractor(source, article_only)
    extractor.feed(source)
    extractor.close()
    if article_only and not "".join(extractor.chars).strip():
        # The marked article was empty (or only scripts): fall back to the whole page.
        extractor = _Extractor(source, article_only=False)
        extractor.feed(source)
        extractor.close()
    text, offsets = _tidy("".join(extractor.chars), extractor.offsets)
    offsets.append(len(source))
    meta = dict(extractor.meta)
    title = (
        meta.pop("og_title", None) or extractor.h1_text.strip() or _strip_site(extractor.title_text.strip())
    )
    if title:
        meta["title"] = re.sub(r"\s+", " ", title)
        meta["title_source"] = "html title"
    if "published_time" not in meta and extractor.time_value:
        meta["published_time"] = extractor.time_value
        meta["published_source"] = "html <time datetime>"
    dropped = [(start, end, reason, text) for start, end, reason, text, _ in extractor.dropped]
    return HtmlPage(text=text, offsets=offsets, meta=meta, dropped=dropped)


def _strip_site(title: str) -> str:
    """'Headline - Site' / 'Headline_Site' / 'Headline | Site': keep the headline."""
    parts = re.split(r"\s*(?:\s[-|–—]\s|_|｜)\s*", title)
    return parts[0] if parts and parts[0] else title


def _tidy(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Collapse runs of spaces and of blank lines that markup leaves, keeping the offset map in step."""
    chars: list[str] = []
    kept: list[int] = []
    newlines = 0
    for ch, offset in zip(text, offsets, strict=True):
        if ch == "\n":
            newlines += 1
            if newlines > 2:
                continue
            while chars and chars[-1] == " ":
                chars.pop()
                kept.pop()
        elif ch == " ":
            if not chars or chars[-1] in " \n":
                continue
        else:
            newlines = 0
        chars.append(ch)
        kept.append(offset)
    while chars and chars[0] in "\n ":
        chars.pop(0)
        kept.pop(0)
    return "".join(chars), kept
