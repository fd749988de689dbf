"""Evaluate the documents-to-articles stage: article splitting and metadata.

    python -m pipelines evaluate articles [GOLD] [--seeds DIR] [--cec PATH]

GOLD is a JSON Lines file with one expected article per line (default: the hand-checked
`gold/articles_seeds.jsonl` for the files in `seeds/`). When the CEC corpus is present beside the
repository (`../shared/devdata/events_cec/cec_articles.jsonl`) its raw articles are scored too: one
article per file, and published_at against the corpus's own report_time (read at run time, never copied).
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

from pipelines.text.decoding import decode_bytes
from pipelines.text.documents import parse_document
from pipelines.text.records import Article, RejectedInput

_REPO = Path(__file__).resolve().parents[2]
DEFAULT_GOLD = Path(__file__).resolve().parent / "gold" / "articles_seeds.jsonl"
DEFAULT_CEC = _REPO.parent / "shared" / "devdata" / "events_cec" / "cec_articles.jsonl"
_FIELDS = ("title", "outlet", "authors", "published_at")


def _parse_file(path: Path) -> list[Article]:
    try:
        decoded = decode_bytes(path.read_bytes())
    except RejectedInput:
        return []
    return parse_document(decoded.text)[0]


def _published(article: Article) -> tuple[str | None, str | None]:
    value = article.published_at.isoformat() if article.published_at else None
    return value, article.published_precision


def evaluate_gold(gold_path: Path, seeds_dir: Path) -> dict[str, Counter]:
    """Per-field hits and totals against the hand-checked gold file; prints each miss."""
    expected: dict[str, list[dict]] = defaultdict(list)
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            expected[record["source_file"]].append(record)
    hits: Counter = Counter()
    totals: Counter = Counter()
    for source_file, records in sorted(expected.items()):
        articles = _parse_file(seeds_dir / source_file)
        totals["article_count"] += 1
        if len(articles) == len(records):
            hits["article_count"] += 1
        else:
            print(f"  MISS article_count {source_file}: expected {len(records)}, got {len(articles)}")
        for record in records:
            index = record["article_index"]
            article = articles[index] if index < len(articles) else None
            got = {
                "title": article.title if article else None,
                "outlet": article.outlet if article else None,
                "authors": article.authors if article else None,
                "published_at": _published(article) if article else None,
            }
            want = {
                "title": record["title"],
                "outlet": record["outlet"],
                "authors": record["authors"],
                "published_at": (record["published_at"], record["published_precision"]),
            }
            for name in _FIELDS:
                totals[name] += 1
                if got[name] == want[name]:
                    hits[name] += 1
                else:
                    print(f"  MISS {name} {source_file}#{index}: expected {want[name]!r}, got {got[name]!r}")
    return {"hits": hits, "totals": totals}


_REPORT_TIME = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})[:：时](\d{1,2}))?"
)


def _expected_time(report_time: str) -> tuple[str, str] | None:
    match = _REPORT_TIME.search(report_time)
    if not match:
        return None
    year, month, day, hour, minute = match.groups()
    if hour is not None:
        value = datetime(int(year), int(month), int(day), int(hour), int(minute))
        return value.strftime("%Y-%m-%dT%H:%M"), "minute"
    return datetime(int(year), int(month), int(day)).strftime("%Y-%m-%d"), "day"


def evaluate_cec(path: Path, limit: int | None = None) -> dict[str, Counter]:
    """One article per CEC file, no invented title, published_at equal to the corpus's report_time."""
    hits: Counter = Counter()
    totals: Counter = Counter()
    misses: list[str] = []
    root = path.parent
    with path.open(encoding="utf-8") as handle:
        for k, line in enumerate(handle):
            if limit is not None and k >= limit:
                break
            record = json.loads(line)
            raw = root / record["raw_corpus_file"]
            if not raw.exists():
                continue
            articles = _parse_file(raw)
            totals["article_count"] += 1
            hits["article_count"] += len(articles) == 1
            article = articles[0] if articles else None
            # The corpus keeps titles in file names, not in the text: a title read from it is invented.
            totals["title_not_invented"] += 1
            hits["title_not_invented"] += article is not None and (
                article.title is None or article.title == record["title"]
            )
            expected = _expected_time(record["report_time"])
            if expected is None:
                continue
            totals["published_at"] += 1
            got = None
            if article is not None and article.published_at is not None:
                fmt = "%Y-%m-%dT%H:%M" if article.published_precision == "minute" else "%Y-%m-%d"
                got = (article.published_at.strftime(fmt), article.published_precision)
            if got == expected:
                hits["published_at"] += 1
            elif len(misses) < 8:
                misses.append(f"  MISS published_at {record['id']}: expected {expected}, got {got}")
    for miss in misses:
        print(miss)
    return {"hits": hits, "totals": totals}


def _print_scores(name: str, scores: dict[str, Counter]) -> None:
    print(f"{name}:")
    for field_name, total in scores["totals"].items():
        hit = scores["hits"][field_name]
        print(
            f"  {field_name:<20} {hit:>4}/{total:<4} {hit / total:6.1%}" if total else f"  {field_name}: none"
        )


def main(argv: list[str]) -> int:
    if argv and argv[0] == "articles":
        argv = argv[1:]
    parser = argparse.ArgumentParser(prog="evaluate articles", description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--seeds", type=Path, default=Path(os.environ.get("NEWS_SEEDS_DIR", _REPO / "seeds")))
    parser.add_argument("--cec", type=Path, default=DEFAULT_CEC)
    parser.add_argument("--cec-limit", type=int, default=None)
    args = parser.parse_args(argv)
    print(f"gold: {args.gold}")
    _print_scores("gold articles", evaluate_gold(args.gold, args.seeds))
    if args.cec.exists():
        print(f"CEC: {args.cec}")
        _print_scores("CEC raw articles", evaluate_cec(args.cec, args.cec_limit))
    else:
        print(f"CEC corpus not found at {args.cec}: skipped")
    return 0
