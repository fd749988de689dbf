"""Score `events.find_events` against DuEE-format gold.

`evaluate events [FILE ...]` reads JSON Lines in the DuEE 1.0 format
(`{"id", "text", "event_list": [{"event_type", "trigger", "trigger_start_index",
"arguments": [{"role", "argument", "argument_start_index"}]}]}`), runs sentence splitting, entity recognition
(when `pipelines.text.entities` is importable) and `find_events` on each text, and prints
- trigger+type precision/recall/F1: a predicted event matches a gold one of the same type whose trigger
  starts at the same offset with the same text (and, leniently, whose trigger span overlaps);
- argument precision/recall/F1 over (event type, role, argument text) per text.

Two extensions of the format: an optional `published_at` (ISO date) is the anchor for relative dates; and a
line may carry `cec_id`, `start`, `end` instead of `text`: the text is then that slice of the article with
that id in `../shared/devdata/events_cec/cec_articles.jsonl` (licensed data that must stay out of the repo),
and its gold triggers and arguments are given by offsets only (`trigger_end_index`, `argument_end_index`).
Likewise a line with `pd_id` takes the whole sentence with that id in
`../shared/devdata/ner/peoples_daily_dev.spans.jsonl`.
Without a FILE both dev sets in `gold/` are scored; the CEC one is skipped when devdata is absent.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pipelines.text import events as events_module
from pipelines.text import timex
from pipelines.text.records import EventMention, Sentence

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = Path(__file__).resolve().parent / "gold"
DEV_FILES = (GOLD_DIR / "events_dev_seeds.jsonl", GOLD_DIR / "events_dev_cec.jsonl")
CEC_ARTICLES = REPO_ROOT.parent / "shared" / "devdata" / "events_cec" / "cec_articles.jsonl"
PEOPLES_DAILY = REPO_ROOT.parent / "shared" / "devdata" / "ner" / "peoples_daily_dev.spans.jsonl"


class MissingDevdata(Exception):
    """The gold file points into devdata that is not on this machine."""


@dataclass(frozen=True)
class GoldText:
    id: str
    text: str
    anchor: date | None
    triggers: frozenset[tuple[str, int, str]]  # (event_type, start, trigger text)
    arguments: Counter  # (event_type, role, argument text) -> count


@dataclass
class Score:
    true_positive: int = 0
    predicted: int = 0
    gold: int = 0

    def prf(self) -> tuple[float, float, float]:
        precision = self.true_positive / self.predicted if self.predicted else 0.0
        recall = self.true_positive / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_positive + other.true_positive, self.predicted + other.predicted, self.gold + other.gold
        )


@dataclass
class Report:
    texts: int = 0
    trigger: Score = field(default_factory=Score)
    trigger_overlap: Score = field(default_factory=Score)
    argument: Score = field(default_factory=Score)
    per_type: dict[str, Score] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)


def _simple_sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for m in re.finditer(r"[。！？!?；\n]+", text):
        if m.end() > start and text[start : m.end()].strip():
            out.append(Sentence(start, m.end()))
        start = m.end()
    if text[start:].strip():
        out.append(Sentence(start, len(text)))
    return out


def split_sentences(text: str) -> list[Sentence]:
    try:
        from pipelines.text.sentences import split_sentences as splitter
    except ImportError:
        return _simple_sentences(text)
    return splitter(text)


def recognise(text: str) -> list:
    try:
        from pipelines.text.entities import recognise as recogniser
    except ImportError:
        return []
    return recogniser(text)


EXTRACTORS = ("rules", "model")  # events.find_events, or event_extractor.find_events (the trained tagger)


def predict(text: str, anchor: date | None, extractor: str = "rules") -> list[EventMention]:
    if extractor == "model":
        from pipelines.text import event_extractor

        return event_extractor.find_events(text, split_sentences(text), recognise(text), anchor)
    return events_module.find_events(text, split_sentences(text), recognise(text), anchor)


def _cec_texts() -> dict[str, tuple[str, date | None]]:
    """CEC article id -> (text, report date as the anchor)."""
    if not CEC_ARTICLES.exists():
        raise MissingDevdata(str(CEC_ARTICLES))
    with CEC_ARTICLES.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    out = {}
    for row in rows:
        reported, precision = timex.resolve(row.get("report_time") or "", None)
        anchor = date.fromisoformat(reported) if reported and precision == "day" else None
        out[row["id"]] = (row["text"], anchor)
    return out


def _pd_texts() -> dict[str, tuple[str, date | None]]:
    """People's Daily sentence id -> (text, no anchor)."""
    if not PEOPLES_DAILY.exists():
        raise MissingDevdata(str(PEOPLES_DAILY))
    with PEOPLES_DAILY.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    return {row["id"]: (row["text"], None) for row in rows}


def _parse_anchor(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def parse_gold(row: dict, devdata_texts: dict[str, tuple[str, date | None]] | None = None) -> GoldText:
    """One gold line; CEC lines get their text (and trigger/argument strings) from the article offsets."""
    anchor = _parse_anchor(row.get("published_at"))
    if "text" in row:
        text = row["text"]
    elif "pd_id" in row:
        text, anchor = (devdata_texts or _pd_texts())[row["pd_id"]]
    else:
        if devdata_texts is None:
            devdata_texts = _cec_texts()
        article, anchor = devdata_texts[row["cec_id"]]
        text = article[row["start"] : row["end"]]
    triggers = set()
    arguments: Counter = Counter()
    for event in row.get("event_list", []):
        start = event["trigger_start_index"]
        trigger = event.get("trigger") or text[start : event["trigger_end_index"]]
        triggers.add((event["event_type"], start, trigger))
        for arg in event.get("arguments", []):
            a_start = arg["argument_start_index"]
            argument = arg.get("argument") or text[a_start : arg["argument_end_index"]]
            arguments[(event["event_type"], arg["role"], argument)] += 1
    return GoldText(row.get("id", ""), text, anchor, frozenset(triggers), arguments)


def score_text(report: Report, gold: GoldText, predicted: Iterable[EventMention]) -> None:
    predicted = list(predicted)
    report.texts += 1
    pred_triggers = {(e.event_type, e.trigger_start, e.trigger) for e in predicted}
    hits = gold.triggers & pred_triggers
    report.trigger.true_positive += len(hits)
    report.trigger.predicted += len(pred_triggers)
    report.trigger.gold += len(gold.triggers)
    for event_type, _, _ in gold.triggers | pred_triggers:
        report.per_type.setdefault(event_type, Score())
    for event_type, _, _ in gold.triggers:
        report.per_type[event_type].gold += 1
    for event_type, _, _ in pred_triggers:
        report.per_type[event_type].predicted += 1
    for event_type, _, _ in hits:
        report.per_type[event_type].true_positive += 1
    # lenient: same type, overlapping trigger spans (发布 vs 发布了)
    unmatched_gold = list(gold.triggers)
    overlap = 0
    for event_type, start, trigger in pred_triggers:
        for g in unmatched_gold:
            if g[0] == event_type and g[1] < start + len(trigger) and start < g[1] + len(g[2]):
                unmatched_gold.remove(g)
                overlap += 1
                break
    report.trigger_overlap.true_positive += overlap
    report.trigger_overlap.predicted += len(pred_triggers)
    report.trigger_overlap.gold += len(gold.triggers)
    pred_args: Counter = Counter((e.event_type, a.role, a.text) for e in predicted for a in e.arguments)
    report.argument.true_positive += sum((gold.arguments & pred_args).values())
    report.argument.predicted += sum(pred_args.values())
    report.argument.gold += sum(gold.arguments.values())
    for t in sorted(gold.triggers - pred_triggers, key=lambda x: x[1]):
        report.misses.append(f"{gold.id}: missed {t[0]} [{t[2]}]@{t[1]}")
    for t in sorted(pred_triggers - gold.triggers, key=lambda x: x[1]):
        report.misses.append(f"{gold.id}: spurious {t[0]} [{t[2]}]@{t[1]}")


def evaluate_file(path: Path, extractor: str = "rules", gold_types_only: bool = False) -> Report:
    """Every line of `path` scored; with `gold_types_only`, predictions of a type no line of the file
    annotates are left out (DuEE's annotators never looked for our eight extension types)."""
    report = Report()
    devdata_texts: dict[str, tuple[str, date | None]] | None = None
    with path.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    if any("cec_id" in row for row in rows):
        devdata_texts = _cec_texts()
    elif any("pd_id" in row for row in rows):
        devdata_texts = _pd_texts()
    annotated = {e["event_type"] for row in rows for e in row.get("event_list", [])}
    for row in rows:
        gold = parse_gold(row, devdata_texts)
        predicted = predict(gold.text, gold.anchor, extractor)
        if gold_types_only:
            predicted = [e for e in predicted if e.event_type in annotated]
        score_text(report, gold, predicted)
    return report


def score_gold_sets(
    paths: list[Path] | None = None, extractor: str = "rules", gold_types_only: bool = False
) -> dict[str, dict[str, float]]:
    """{gold set: {"trigger_f1", "argument_f1"}} for every `gold/events_*.jsonl` whose text is here
    (the sets pointing into absent devdata are left out)."""
    scores = {}
    for path in paths or sorted(GOLD_DIR.glob("events_*.jsonl")):
        try:
            report = evaluate_file(path, extractor, gold_types_only)
        except MissingDevdata:
            continue
        scores[path.stem] = {
            "trigger_f1": round(report.trigger.prf()[2], 4),
            "argument_f1": round(report.argument.prf()[2], 4),
        }
    return scores


def ratchet_scores() -> dict[str, float]:
    """{"<extractor>.<gold set>.<trigger_f1|argument_f1>": score} of both extractors: the ratchet's keys."""
    return {
        f"{extractor}.{name}.{metric}": value
        for extractor in EXTRACTORS
        for name, s in score_gold_sets(extractor=extractor).items()
        for metric, value in s.items()
    }


def _line(name: str, score: Score) -> str:
    p, r, f1 = score.prf()
    counts = f"(tp {score.true_positive}, pred {score.predicted}, gold {score.gold})"
    return f"  {name:<24} P {p:.3f}  R {r:.3f}  F1 {f1:.3f}   {counts}"


def pooled(reports: list[Report]) -> Report:
    """The counts of several files added up: small gold sets scored as one, so a few events do not swing
    the F1 (per-type scores and misses stay with each file)."""
    total = Report()
    for r in reports:
        total.texts += r.texts
        total.trigger += r.trigger
        total.trigger_overlap += r.trigger_overlap
        total.argument += r.argument
    return total


def print_report(path: Path, report: Report, verbose: bool) -> None:
    print(f"{path.name}: {report.texts} texts")
    print(_line("trigger+type", report.trigger))
    print(_line("trigger+type (overlap)", report.trigger_overlap))
    print(_line("argument", report.argument))
    if verbose:
        for event_type in sorted(report.per_type):
            print(_line(event_type, report.per_type[event_type]))
        for miss in report.misses:
            print("   ", miss)


def main(argv: list[str]) -> int:
    if argv and argv[0] == "events":
        argv = argv[1:]
    parser = argparse.ArgumentParser(
        prog="evaluate events", description="Score event extraction on DuEE-format gold."
    )
    parser.add_argument("files", nargs="*", type=Path, help="DuEE-format JSON Lines (default: both dev sets)")
    parser.add_argument("-v", "--verbose", action="store_true", help="per-type scores and every miss")
    parser.add_argument("--extractor", choices=EXTRACTORS, default="rules", help="default: rules")
    parser.add_argument("--raise-floors", action="store_true", help="raise the ratchet's event floors")
    parser.add_argument(
        "--gold-types-only", action="store_true", help="score only predictions of types the file annotates"
    )
    args = parser.parse_args(argv)
    if args.raise_floors:
        from pipelines.evaluation import ratchet

        print(json.dumps(ratchet.raise_floors("events", ratchet_scores()), indent=1, ensure_ascii=False))
        return 0
    files = args.files or list(DEV_FILES)
    status, reports = 0, []
    for path in files:
        if not path.exists():
            print(f"{path}: no such file")
            status = 1
            continue
        try:
            report = evaluate_file(path, args.extractor, args.gold_types_only)
        except MissingDevdata as missing:
            print(f"{path.name}: skipped, devdata not found at {missing}")
            continue
        print_report(path, report, args.verbose)
        reports.append(report)
    if len(reports) > 1:
        print_report(Path(f"all {len(reports)} files, pooled"), pooled(reports), verbose=False)
    return status
