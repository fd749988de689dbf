"""A decoded document into clean articles: the whole documents-to-articles stage.

Steps: HTML is reduced to its article text; the text is cut into lines and into articles (see
splitting); each article's headline block gives title and metadata; boilerplate lines are removed and
recorded; column-break artefacts are joined; the body is converted to Simplified Chinese with an offset
map back to the text as written, then cut into paragraphs and sentences.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from pipelines.text import cleaning, metadata
from pipelines.text.html import HtmlPage, looks_like_html, parse_html
from pipelines.text.metadata import Byline, Masthead, Opening
from pipelines.text.records import Article, Paragraph, RemovedSpan
from pipelines.text.script import detect_script, paragraph_language, to_simplified
from pipelines.text.sentences import split_sentences
from pipelines.text.splitting import Line, article_starts, document_lines, has_prose, is_heading_like

# Removed text that belongs to the page, not to an article, when it sits outside every article's body.
_PAGE_REASONS = {"site_header", "site_footer", "disclaimer", "promo"}


@dataclass
class _Cut:
    start: int  # offsets into the view text
    end: int
    reason: str


@dataclass
class _Draft:
    """An article being assembled: which parts of its lines are kept, and what the headline block said."""

    lines: list[Line]
    kept: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # line index -> kept spans
    cuts: list[_Cut] = field(default_factory=list)
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published: tuple | None = None
    sources: dict[str, str] = field(default_factory=dict)
    opening: Opening | None = None
    masthead: Masthead | None = None  # of the newspaper page the article is on

    def drop(self, line: Line, reason: str) -> None:
        self.cuts.append(_Cut(line.start, line.end, reason))
        self.kept.pop(line.index, None)

    def cut_inline(self, line: Line, start: int, end: int, reason: str) -> None:
        """Remove [start, end) (view offsets) from a kept line."""
        spans = self.kept.get(line.index)
        if spans is None or start >= end:
            return
        result: list[tuple[int, int]] = []
        for a, b in spans:
            if b <= start or a >= end:
                result.append((a, b))
                continue
            if a < start:
                result.append((a, start))
            if end < b:
                result.append((end, b))
        self.kept[line.index] = result
        self.cuts.append(_Cut(start, end, reason))


def parse_document(text: str) -> tuple[list[Article], list[RemovedSpan]]:
    """Articles of a decoded document, and removed page text that belongs to none of them."""
    page: HtmlPage | None = parse_html(text) if looks_like_html(text) else None
    view = page.text if page else text
    view_to_doc = page.offsets if page else None
    lines, mastheads = _take_mastheads(document_lines(view))
    starts = _page_starts(lines, article_starts(lines), mastheads)
    bounds = starts + [len(lines)]
    drafts = [_Draft(lines[bounds[k] : bounds[k + 1]]) for k in range(len(starts))]

    articles: list[Article] = []
    page_spans: list[RemovedSpan] = [
        _span(_Cut(line.start, line.end, "masthead"), view, view_to_doc, text)
        for _, line in mastheads.values()
    ]
    # the text an HTML page's markup left out (navigation, scripts, text outside <article>)
    page_spans += [RemovedSpan(*dropped) for dropped in (page.dropped if page else [])]
    for k, draft in enumerate(drafts):
        # the page's masthead is above the article or inside its headline block (under a section label)
        draft.masthead = next((m for at, (m, _) in reversed(mastheads.items()) if at < bounds[k + 1]), None)
        _read_headline_block(draft, page if k == 0 else None)
        _clean_body(draft, is_first=k == 0)
        article = _assemble(draft, view, view_to_doc, text, len(articles))
        spans = [_span(cut, view, view_to_doc, text) for cut in draft.cuts]
        if article is None:
            page_spans.extend(spans)
            continue
        body_start, body_end = _body_extent(draft)
        for span, cut in zip(spans, draft.cuts, strict=True):
            outside = cut.end <= body_start or cut.start >= body_end
            at_page_edge = (k == 0 and cut.end <= body_start) or (
                k == len(drafts) - 1 and cut.start >= body_end
            )
            if outside and at_page_edge and cut.reason in _PAGE_REASONS:
                page_spans.append(span)
            else:
                article.removed.append(span)
        articles.append(article)
    return articles, sorted(page_spans, key=lambda s: s.start)


# ---------------------------------------------------------------- headline block


def _page_starts(lines: list[Line], starts: list[int], mastheads: dict) -> list[int]:
    """Article starts, plus one where a new page begins after text of the previous page: nothing runs on
    across a masthead. A masthead under a section label (## 要闻) stays in the first article's block."""
    starts = list(starts)
    for at in mastheads:
        before = max((s for s in starts if s <= at), default=0)
        if 0 < at < len(lines) and at not in starts and has_prose(lines[before:at]):
            starts.append(at)
    return sorted(starts)


def _take_mastheads(lines: list[Line]) -> tuple[list[Line], dict[int, tuple[Masthead, Line]]]:
    """The lines without the newspaper mastheads (人民日报 2012年06月05日 第03版), and each masthead by the
    position, in the lines left, of the first line of its page."""
    kept: list[Line] = []
    mastheads: dict[int, tuple[Masthead, Line]] = {}
    for line in lines:
        masthead = metadata.parse_masthead(line.content)
        if masthead is None:
            kept.append(line)
        else:
            mastheads[len(kept)] = (masthead, line)
    return kept, mastheads


def _read_headline_block(draft: _Draft, page: HtmlPage | None) -> None:
    """Title, bylines and dates at the top of an article; everything after is body."""
    for line in draft.lines:
        draft.kept[line.index] = [(line.content_start, line.end)]
    candidates: list[Line] = []
    bylines: list[tuple[Line, Byline]] = []
    for line in draft.lines:
        content = line.content
        reason = cleaning.boilerplate_reason(content)
        if reason in ("image_placeholder", "photo_caption"):
            draft.drop(line, reason)
            continue
        opening = metadata.parse_opening(content)
        if opening:
            draft.opening = opening
            draft.cut_inline(line, line.content_start, line.content_start + opening.end, "dateline")
            break
        byline = metadata.parse_byline(content)
        if byline is not None and not candidates and not bylines and _is_caps_line(content):
            # An all-capitals first line is a headline more often than a byline.
            byline = None
        if byline is not None:
            bylines.append((line, byline))
            draft.drop(line, byline.kind)
            continue
        if is_heading_like(line) and not bylines and len(candidates) < 6:
            candidates.append(line)
            continue
        break
    body_follows = any(line.index in draft.kept for line in draft.lines if line not in candidates)
    if candidates and body_follows:
        _choose_title(draft, candidates, has_bylines=bool(bylines or draft.opening))
    for _, byline in bylines:
        for name in byline.authors:
            if name not in draft.authors:
                draft.authors.append(name)
        if byline.outlet and draft.outlet is None:
            draft.outlet = byline.outlet
            draft.sources["outlet"] = byline.kind
        if byline.published_at and draft.published is None:
            draft.published = (byline.published_at, byline.precision)
            draft.sources["published_at"] = byline.kind
    if draft.authors:
        draft.sources["authors"] = "byline"
    opening = draft.opening
    if opening is not None:
        if opening.authors and not draft.authors:
            draft.authors = list(opening.authors)
            draft.sources["authors"] = "dateline"
        if opening.outlet_is_unnamed and draft.outlet is None:
            draft.sources["outlet"] = f"{opening.dateline}: 本报, the paper is not named"
        if opening.month_day and draft.published is None:
            month, day = opening.month_day
            draft.sources["published_at"] = f"{opening.dateline}: month {month} day {day}, no year stated"
    if page is not None:
        _apply_page_metadata(draft, page)
    if draft.masthead is not None:
        _apply_masthead(draft, draft.masthead)


def _apply_masthead(draft: _Draft, masthead: Masthead) -> None:
    """The page's masthead gives its outlet and date to every article on it that states none (本报 is
    the paper of the masthead); the sources say so."""
    where = f"masthead: {masthead.text}"
    # a section label over the masthead (## 国内新闻) looks like a site name; the masthead names the paper
    if draft.outlet is None or draft.sources.get("outlet") == "site_name_line":
        draft.outlet = masthead.outlet
        draft.sources["outlet"] = where
    if draft.published is None:
        draft.published = (masthead.published_at, "day")
        draft.sources["published_at"] = where
    if masthead.page is not None:
        draft.sources["page"] = masthead.page


def _is_caps_line(text: str) -> bool:
    return text.isupper() and not re.search(r"[\u4e00-\u9fff]", text) and not text.upper().startswith("BY ")


def _choose_title(draft: _Draft, candidates: list[Line], has_bylines: bool) -> None:
    """Pick the headline among the short lines above the byline; the others are page furniture."""
    if not has_bylines:
        # Without a byline only the first line (after a site name) can be a headline; later short
        # lines are subheadings.
        candidates = candidates[: 2 if metadata.looks_like_site_name(candidates[0].content) else 1]
    remaining = list(candidates)
    if len(remaining) > 1 and metadata.looks_like_site_name(remaining[0].content):
        site = remaining.pop(0)
        draft.drop(site, "site_header")
        draft.outlet = metadata.clean_title(site.content)
        draft.sources["outlet"] = "site_name_line"
    for line in list(remaining):
        if re.match(r"^[—―-]{1,2}", line.content.strip()):
            remaining.remove(line)
            draft.drop(line, "subtitle")
    longest = max((len(line.content.strip()) for line in remaining), default=0)
    for line in list(remaining):
        if len(remaining) > 1 and len(line.content.strip()) <= 5 < longest:
            remaining.remove(line)
            draft.drop(line, "section_label")
    if not remaining:
        return
    title_line = remaining[-1]
    for line in remaining[:-1]:
        draft.drop(line, "site_header")
    draft.drop(title_line, "title")
    draft.title = metadata.clean_title(title_line.content)
    draft.sources["title"] = "headline_line"


def _apply_page_metadata(draft: _Draft, page: HtmlPage) -> None:
    """HTML meta tags fill what the text itself does not state."""
    meta = page.meta
    if draft.title is None and meta.get("title"):
        draft.title = meta["title"]
        draft.sources["title"] = meta.get("title_source", "html")
    if draft.outlet is None and meta.get("site_name"):
        draft.outlet = meta["site_name"]
        draft.sources["outlet"] = "html og:site_name"
    if not draft.authors and meta.get("author"):
        draft.authors = metadata.split_names(meta["author"]) or [meta["author"]]
        draft.sources["authors"] = "html meta author"
    if draft.published is None and meta.get("published_time"):
        parsed = metadata.parse_iso_datetime(meta["published_time"])
        if parsed:
            draft.published = parsed
            draft.sources["published_at"] = meta.get("published_source", "html meta")


# ---------------------------------------------------------------- body


def _clean_body(draft: _Draft, is_first: bool) -> None:
    """Drop boilerplate lines, sidebars, trailing prompts and markup from the article body."""
    body = [line for line in draft.lines if line.index in draft.kept]
    footer_from = None
    for position, line in enumerate(body):
        if cleaning.is_footer_marker(line.content):
            footer_from = position
            break
    if footer_from is not None:
        for line in body[footer_from:]:
            draft.drop(line, "site_footer")
        body = body[:footer_from]

    for line in body:
        content = line.content
        reason = cleaning.boilerplate_reason(content)
        if reason:
            draft.drop(line, reason)
            continue
        if _is_author_bio(content, draft.authors):
            draft.drop(line, "author_bio")
            continue
        for match in cleaning.IMAGE_PLACEHOLDER.finditer(content):
            draft.cut_inline(
                line,
                line.content_start + match.start(),
                line.content_start + match.end(),
                "image_placeholder",
            )
        if line.heading:
            draft.cut_inline(line, line.start, line.content_start, "markup")
    _drop_sidebars(draft, [line for line in body if line.index in draft.kept])
    _take_photo_credits(draft)
    _drop_trailing_prompts(draft)


def _is_author_bio(text: str, authors: list[str]) -> bool:
    """'Meaghan Tobin是时报科技记者……': the note on the writer under the article."""
    folded = metadata.nfkc(text).lower()
    return any(
        folded.startswith(name.lower()) and re.match(r"\s*(?:是|为|系|现任|is\b)", folded[len(name) :])
        for name in authors
        if name
    )


def _drop_sidebars(draft: _Draft, body: list[Line]) -> None:
    """A heading over nothing but list items is a box beside the article (问题 / 调查 / 思考)."""
    position = 0
    while position < len(body):
        line = body[position]
        items = []
        j = position + 1
        while j < len(body) and cleaning.is_bullet(body[j].content) and not body[j].heading:
            items.append(body[j])
            j += 1
        short_label = line.heading or len(line.content.strip()) <= 6
        ends_box = j >= len(body) or body[j].heading or not cleaning.is_bullet(body[j].content)
        if short_label and items and ends_box and (line.heading or _is_label(line)):
            for boxed in [line, *items]:
                draft.drop(boxed, "sidebar")
            position = j
            continue
        position += 1


def _is_label(line: Line) -> bool:
    return is_heading_like(line) and len(line.content.strip()) <= 6


def _take_photo_credits(draft: _Draft) -> None:
    """摄 credits: a photo item's photographers are its authors; elsewhere the credit is caption text."""
    body = [line for line in draft.lines if line.index in draft.kept]
    if not body:
        return
    last = body[-1]
    spans = draft.kept[last.index]
    credit = metadata.photo_credit(_kept_text(last, spans))
    is_photo_item = credit is not None and draft.opening is None and len(body) <= 3
    for line in body:
        spans = draft.kept.get(line.index)
        if not spans:
            continue
        found = metadata.photo_credit(line.content)
        if found is None:
            continue
        offset, names = found
        start = line.content_start + offset
        if is_photo_item and line is last:
            for name in names:
                if name not in draft.authors:
                    draft.authors.append(name)
            draft.sources["authors"] = "photo_credit"
        if offset == 0:
            draft.drop(line, "photo_credit")
        else:
            draft.cut_inline(line, start, line.end, "photo_credit")


def _kept_text(line: Line, spans: list[tuple[int, int]]) -> str:
    base = line.start
    return "".join(line.text[a - base : b - base] for a, b in spans)


def _drop_trailing_prompts(draft: _Draft) -> None:
    """Short unpunctuated lines after the last sentence of the article are site prompts and links."""
    body = [line for line in draft.lines if line.index in draft.kept]
    trailing = []
    for line in reversed(body):
        if cleaning.is_prompt_line(_kept_text(line, draft.kept[line.index])) and not line.heading:
            trailing.append(line)
        else:
            break
    if trailing and len(trailing) < len(body):
        for line in trailing:
            draft.drop(line, "site_footer")


def _body_extent(draft: _Draft) -> tuple[int, int]:
    kept = [span for line in draft.lines for span in draft.kept.get(line.index, [])]
    if not kept:
        return (0, 0)
    return kept[0][0], kept[-1][1]


# ---------------------------------------------------------------- assembly


def _assemble(
    draft: _Draft, view: str, view_to_doc: list[int] | None, doc: str, index: int
) -> Article | None:
    """Join the kept text into body_original and body, with paragraphs, sentences and metadata."""
    paragraphs: list[list[tuple[int, int]]] = []
    previous_text = ""
    for line in draft.lines:
        spans = [(a, b) for a, b in draft.kept.get(line.index, []) if b > a]
        text = "".join(view[a:b] for a, b in spans).strip()
        if not text:
            continue
        # Leading/trailing spaces of a kept piece are not article text.
        spans = _trim_spans(view, spans)
        if paragraphs and cleaning.is_column_break(previous_text, text):
            gap_start = paragraphs[-1][-1][1]
            gap_end = gap_start + len(view[gap_start:]) - len(view[gap_start:].lstrip())
            draft.cuts.append(_Cut(gap_start, gap_end, "column_break"))
            paragraphs[-1].extend(spans)
            previous_text += text
        else:
            paragraphs.append(spans)
            previous_text = text
    if not paragraphs:
        return None
    pieces: list[str] = []
    bounds: list[tuple[int, int]] = []
    length = 0
    for k, spans in enumerate(paragraphs):
        if k:
            pieces.append("\n")
            length += 1
        start = length
        for a, b in spans:
            pieces.append(view[a:b])
            length += b - a
        bounds.append((start, length))
    body_original = "".join(pieces)
    if not body_original.strip():
        return None
    body, offsets = to_simplified(body_original)
    paragraph_records = _paragraphs(body, body_original, offsets, bounds)
    languages = sorted({p.language for p in paragraph_records if p.language != "und"})
    published_at, precision = draft.published if draft.published else (None, None)
    return Article(
        index=index,
        body=body,
        body_original=body_original,
        original_offsets=offsets,
        title=_simplified(draft.title),
        outlet=_simplified(draft.outlet),
        authors=[_simplified(name) or name for name in draft.authors],
        published_at=published_at,
        published_precision=precision,
        languages=languages,
        script=detect_script(body_original),
        metadata_sources=dict(draft.sources),
        paragraphs=paragraph_records,
        sentences=split_sentences(body),
        removed=[],
    )


def _trim_spans(view: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = [s for s in spans if view[s[0] : s[1]].strip()]
    if not spans:
        return spans
    a, b = spans[0]
    while a < b and view[a].isspace():
        a += 1
    spans[0] = (a, b)
    a, b = spans[-1]
    while b > a and view[b - 1].isspace():
        b -= 1
    spans[-1] = (a, b)
    return spans


def _paragraphs(
    body: str, original: str, offsets: list[int], bounds: list[tuple[int, int]]
) -> list[Paragraph]:
    """Paragraph records in body offsets; on bilingual pages a Chinese paragraph after an English one
    is its translation."""
    records: list[Paragraph] = []
    for start, end in bounds:
        body_start = bisect.bisect_left(offsets, start)
        body_end = bisect.bisect_left(offsets, end)
        records.append(Paragraph(body_start, body_end, paragraph_language(body[body_start:body_end])))
    english = sum(1 for p in records if p.language == "en")
    chinese = sum(1 for p in records if p.language == "zh")
    if english >= 2 and chinese >= 2:
        for k in range(1, len(records)):
            if records[k].language == "zh" and records[k - 1].language == "en":
                p = records[k]
                records[k] = Paragraph(p.start, p.end, p.language, translation_of=k - 1)
    return records


def _simplified(value: str | None) -> str | None:
    return to_simplified(value)[0] if value else value


def _span(cut: _Cut, view: str, view_to_doc: list[int] | None, doc: str) -> RemovedSpan:
    if view_to_doc is None:
        return RemovedSpan(cut.start, cut.end, cut.reason, doc[cut.start : cut.end])
    start = view_to_doc[cut.start]
    end = view_to_doc[cut.end - 1] + 1 if cut.end > cut.start else start
    return RemovedSpan(start, end, cut.reason, view[cut.start : cut.end])
