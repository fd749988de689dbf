"""Score `entities.recognise` against gold named-entity spans (exact span and type).

`evaluate ner FILE` reads span JSON Lines (`{"id", "text", "entities": [{"type", "start", "end"}]}`) or a BIO
file (`char tag` per line, blank line between sentences), and prints per-type and micro precision, recall
and F1 over PER, LOC and ORG (the types of the public sets). PRODUCT is scored on its own in a file whose
gold has products (the seeds), outside the micro figures; EVENT, WORK and OTHER are not scored.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

SCORED_TYPES = ("PER", "LOC", "ORG")
EXTRA_TYPES = ("PRODUCT",)  # per type only, where the gold has them: no public set annotates products
REPO = Path(__file__).resolve().parents[2]
# the gold sets the ratchet and the model card score; a clone without ../shared has only the seeds
GOLD_SETS = {
    "seeds": REPO / "pipelines" / "evaluation" / "gold" / "entities_seeds.jsonl",
    "peoples_daily_dev": REPO.parent / "shared" / "devdata" / "ner" / "peoples_daily_dev.spans.jsonl",
}
# our entity types -> the gold sets' labels (the gold files may use either naming)
TYPE_ALIASES = {
    "PERSON": "PER",
    "PER": "PER",
    "ORG": "ORG",
    "ORGANIZATION": "ORG",
    "LOCATION": "LOC",
    "LOC": "LOC",
    "GPE": "LOC",
    "PRODUCT": "PRODUCT",
}


@dataclass(frozen=True)
class GoldSentence:
    id: str
    text: str
    spans: frozenset[tuple[int, int, str]]  # (start, end, PER/LOC/ORG)


@dataclass
class Score:
    true_positive: Counter = field(default_factory=Counter)
    predicted: Counter = field(default_factory=Counter)
    gold: Counter = field(default_factory=Counter)

    def add(self, gold: Iterable[tuple[int, int, str]], predicted: Iterable[tuple[int, int, str]]) -> None:
        gold_set, predicted_set = set(gold), set(predicted)
        for _, _, label in gold_set:
            self.gold[label] += 1
        for _, _, label in predicted_set:
            self.predicted[label] += 1
        for _, _, label in gold_set & predicted_set:
            self.true_positive[label] += 1

    def counts(self, label: str | None = None) -> tuple[int, int, int]:
        """(true positives, predicted, gold) of one label, or of PER/LOC/ORG together (the micro figures)."""
        labels = SCORED_TYPES if label is None else (label,)
        return tuple(sum(c[k] for k in labels) for c in (self.true_positive, self.predicted, self.gold))

    def prf(self, label: str | None = None) -> tuple[float, float, float]:
        tp, pred, gold = self.counts(label)
        precision = tp / pred if pred else 0.0
        recall = tp / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def scored_label(entity_type: str) -> str | None:
    label = TYPE_ALIASES.get(entity_type.upper())
    return label if label in SCORED_TYPES + EXTRA_TYPES else None


def read_spans_jsonl(lines: Iterable[str]) -> Iterator[GoldSentence]:
    for n, line in enumerate(lines):
        if not line.strip():
            continue
        record = json.loads(line)
        spans = set()
        for entity in record.get("entities", []):
            label = scored_label(entity["type"])
            if label:
                spans.add((int(entity["start"]), int(entity["end"]), label))
        yield GoldSentence(str(record.get("id", n)), record["text"], frozenset(spans))


def bio_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """Spans of a BIO (or BIOES) tag sequence; an I- that does not continue a span starts one."""
    spans = set()
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        continues = prefix in ("I", "M", "E") and kind == label and start is not None
        if not continues and start is not None:
            spans.add((start, i, label))
            start, label = None, None
        if prefix in ("B", "S") or (prefix in ("I", "M", "E") and not continues):
            start, label = i, kind
        if prefix in ("E", "S") and start is not None:
            spans.add((start, i + 1, label))
            start, label = None, None
    return {(s, e, scored_label(k)) for s, e, k in spans if scored_label(k)}


def read_bio(lines: Iterable[str]) -> Iterator[GoldSentence]:
    chars: list[str] = []
    tags: list[str] = []
    n = 0
    for line in [*lines, ""]:
        line = line.rstrip("\n")
        if not line.strip():
            if chars:
                yield GoldSentence(str(n), "".join(chars), frozenset(bio_spans(tags)))
                n += 1
            chars, tags = [], []
            continue
        # the character itself may be a space-like symbol: the tag is the last field
        char, _, tag = line.rpartition(" ")
        chars.append(char[:1] if char else " ")
        tags.append(tag.strip() or "O")
    return


def read_gold(path: Path) -> list[GoldSentence]:
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next((line for line in lines if line.strip()), "")
    reader = read_spans_jsonl if first.lstrip().startswith("{") else read_bio
    return list(reader(lines))


def predicted_spans(text: str, components=None) -> set[tuple[int, int, str]]:
    return predicted_many([text], components)[0]


def predicted_many(texts: list[str], components=None) -> list[set[tuple[int, int, str]]]:
    """Scored spans of each text; the recogniser sees the texts in one batch (as a long run does)."""
    from pipelines.text.entities import recognise_many

    found = recognise_many(texts, components) if components else recognise_many(texts)
    return [
        {(m.start, m.end, scored_label(m.entity_type)) for m in mentions if scored_label(m.entity_type)}
        for mentions in found
    ]


def score(sentences: Iterable[GoldSentence], components=None, batch: int = 256) -> Score:
    """Exact span and type over PER/LOC/ORG; `components`: another entity pipeline (a new model's)."""
    result = Score()
    sentences = list(sentences)
    for start in range(0, len(sentences), batch):
        chunk = sentences[start : start + batch]
        for sentence, predicted in zip(
            chunk, predicted_many([s.text for s in chunk], components), strict=True
        ):
            result.add(sentence.spans, predicted)
    return result


def summary(result: Score) -> dict:
    """Micro and per-type figures, rounded, as the ratchet file and the model cards keep them."""
    p, r, f = result.prf()
    labels = (*SCORED_TYPES, *(k for k in EXTRA_TYPES if result.gold[k]))
    per_type = {label: round(result.prf(label)[2], 4) for label in labels}
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "per_type": per_type}


def score_gold_sets(components=None, names: Iterable[str] = tuple(GOLD_SETS)) -> dict[str, dict]:
    """`summary` of each named gold set that is present."""
    present = {n: GOLD_SETS[n] for n in names if GOLD_SETS[n].exists()}
    return {name: summary(score(read_gold(path), components)) for name, path in present.items()}


def format_report(result: Score) -> str:
    lines = [f"{'type':<8}{'gold':>7}{'pred':>7}{'tp':>7}{'P':>8}{'R':>8}{'F1':>8}"]
    for label in (*SCORED_TYPES, None, *(k for k in EXTRA_TYPES if result.gold[k])):
        p, r, f = result.prf(label)
        tp, pred, gold = result.counts(label)
        lines.append(f"{label or 'micro':<8}{gold:>7}{pred:>7}{tp:>7}{p:>8.3f}{r:>8.3f}{f:>8.3f}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="evaluate ner", description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="gold spans (.jsonl) or BIO file")
    parser.add_argument("--errors", type=int, default=0, help="print this many sentences with errors")
    args = parser.parse_args(argv)
    sentences = read_gold(args.file)
    started = time.perf_counter()
    result = score(sentences)
    elapsed = time.perf_counter() - started
    chars = sum(len(s.text) for s in sentences)
    print(f"{args.file}: {len(sentences)} sentences, {chars} characters, {elapsed:.2f} s")
    print(format_report(result))
    shown = 0
    for sentence in sentences:
        if shown >= args.errors:
            break
        predicted = predicted_spans(sentence.text)
        if predicted == set(sentence.spans):
            continue
        shown += 1
        missed = sorted(set(sentence.spans) - predicted)
        extra = sorted(predicted - set(sentence.spans))
        print(f"\n{sentence.text}")
        print("  missed:", [(sentence.text[s:e], k) for s, e, k in missed])
        print("  extra: ", [(sentence.text[s:e], k) for s, e, k in extra])
    return 0
