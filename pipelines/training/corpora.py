"""Annotated corpora for the entity tagger, read into one shape: text plus (start, end, type) spans.

`../shared/devdata/train/ner/` holds MSRA (BIO, PER/LOC/ORG) and CLUENER (10 fine types, end inclusive);
CLUENER's types map to ours as its README says (position is a title, not an entity).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

CLUENER_TYPES = {
    "name": "PER",
    "organization": "ORG",
    "company": "ORG",
    "government": "ORG",
    "address": "LOC",
    "scene": "LOC",
    "book": "WORK",
    "game": "WORK",
    "movie": "WORK",
}
_SENTENCE_END = re.compile(r"[。！？；!?;]")


@dataclass(frozen=True)
class Example:
    text: str
    spans: tuple[tuple[int, int, str], ...]  # end exclusive


def read_bio(lines: Iterable[str]) -> Iterator[Example]:
    """`char<TAB>tag` (or space) per line, a blank line between sentences."""
    chars: list[str] = []
    tags: list[str] = []
    for line in [*lines, ""]:
        line = line.rstrip("\n")
        if line.strip():
            char, _, tag = line.rpartition("\t") if "\t" in line else line.rpartition(" ")
            chars.append(char[:1] or " ")
            tags.append(tag.strip() or "O")
        elif chars:
            yield Example("".join(chars), tuple(bio_to_spans(tags)))
            chars, tags = [], []


def bio_to_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    spans, start, kind = [], None, None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and tag != f"I-{kind}":
            spans.append((start, i, kind))
            start = None
        if tag.startswith(("B-", "I-")) and start is None:  # a stray I- opens a span, as evaluators read it
            start, kind = i, tag[2:]
    return spans


def read_cluener(lines: Iterable[str]) -> Iterator[Example]:
    for line in lines:
        if not line.strip():
            continue
        record = json.loads(line)
        spans = set()
        for label, surfaces in record.get("label", {}).items():
            kind = CLUENER_TYPES.get(label)
            for positions in surfaces.values() if kind else ():
                spans.update((start, end + 1, kind) for start, end in positions)
        yield Example(record["text"], tuple(sorted(spans)))


def chunks(example: Example, limit: int = 160) -> Iterator[Example]:
    """Long sentences cut after sentence-ending punctuation that no span crosses."""
    if len(example.text) <= limit:
        yield example
        return
    cuts = [m.end() for m in _SENTENCE_END.finditer(example.text)]
    inside = {i for s, e, _ in example.spans for i in range(s + 1, e)}
    start = 0
    for cut in [*[c for c in cuts if c not in inside], len(example.text)]:
        if cut - start < limit // 4 and cut != len(example.text):
            continue
        spans = tuple((s - start, e - start, k) for s, e, k in example.spans if start <= s and e <= cut)
        if cut > start:
            yield Example(example.text[start:cut], spans)
        start = cut


def split_holdout(examples: list[Example], fraction: float) -> tuple[list[Example], list[Example]]:
    """The last contiguous block is held out, so the articles it comes from stay whole."""
    cut = len(examples) - int(len(examples) * fraction)
    return examples[:cut], examples[cut:]


def load(path: Path) -> list[Example]:
    lines = path.read_text(encoding="utf-8").splitlines()
    reader = read_cluener if path.suffix == ".jsonl" else read_bio
    return [piece for example in reader(lines) for piece in chunks(example)]
