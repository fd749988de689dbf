"""The plain records that flow through the text library.

Offsets everywhere are 0-based Python code-point offsets, end exclusive.
`Article.body` is the clean Simplified text that all mention and trigger offsets refer to;
`Article.body_original` is the same text as written in the file, and `Article.original_offsets`
maps every body offset (plus one past the end) to an offset in `body_original`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime


class RejectedInput(ValueError):
    """A file that cannot become articles; `reason` is what `source_files.reason` records."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # utf-8, utf-8-sig, gb18030, big5, utf-16, ..., or two joined by + (decoded by segments)
    note: str | None = None  # how a file was read when that is worth saying (which bytes in which encoding)


@dataclass(frozen=True)
class RemovedSpan:
    """Text dropped from a document, kept so a user can see what was removed and why."""

    start: int  # offsets into the decoded document text
    end: int
    reason: str  # site_header, site_footer, image_placeholder, photo_caption, disclaimer, sidebar, ...
    text: str


@dataclass(frozen=True)
class Paragraph:
    start: int  # offsets into Article.body
    end: int
    language: str  # zh, en, or und
    translation_of: int | None = None  # index of the paragraph this one translates (bilingual pages)


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets into Article.body
    end: int


@dataclass
class Article:
    index: int  # 0-based position inside its file
    body: str
    body_original: str
    original_offsets: list[int]  # len(body) + 1 entries: body offset -> body_original offset
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None  # Asia/Shanghai local time, naive
    published_precision: str | None = None  # minute, day, month, year
    languages: list[str] = field(default_factory=lambda: ["zh"])
    script: str = "hans"  # hans, hant or mixed (of the original text)
    # where each metadata value came from, e.g. {"title": "first_line", "published_at": "source_line"}
    metadata_sources: dict[str, str] = field(default_factory=dict)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    removed: list[RemovedSpan] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        """MD5 of the body's letters and digits, lower-cased: the same story reprinted with other spacing,
        punctuation or line breaks has the same fingerprint (dbt links such copies to the first one)."""
        kept = "".join(ch for ch in self.body.lower() if ch.isalnum())
        return hashlib.md5(kept.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Mention:
    """A named entity found in a text."""

    start: int
    end: int
    text: str
    entity_type: str  # PERSON, ORG, LOCATION, PRODUCT, EVENT, WORK, OTHER
    method: str  # gazetteer, dictionary, surname, suffix, title, latin, quoted, pos, ...
    confidence: float
    canonical_key: str | None = None  # gazetteer entity key when the surface is a known alias


@dataclass(frozen=True)
class Argument:
    role: str  # a role of the event type in event_types.csv
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class EventMention:
    event_type: str  # a value of event_type in event_types.csv
    trigger: str
    trigger_start: int
    trigger_end: int
    sentence_index: int
    arguments: tuple[Argument, ...] = ()
    date: str | None = None  # ISO: YYYY-MM-DD, YYYY-MM or YYYY by precision
    date_precision: str | None = None  # day, month, year
    date_text: str | None = None
    amount_value: float | None = None
    amount_currency: str | None = None
    modality: str = "asserted"  # asserted, negated, planned, hypothetical
    confidence: float = 0.5
