"""Command line: `python -m pipelines build | extract | evaluate NAME ... | train NAME ...`."""

from __future__ import annotations

import argparse
import importlib
import itertools
import json
import sys
import time
from datetime import date, datetime

from pipelines import settings

EVALUATIONS = ("articles", "ner", "events")


def parse_anchor(value: object) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError("published_at must be a string such as 2025-07-31")
    return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()


# input lines recognised together: the tagger's batches amortise over short texts (660 texts: 64 a batch
# took 6.0 s of CPU, 256 5.3 s)
EXTRACT_BATCH = 256


def parse_record(line: str) -> tuple[object, str, date | None]:
    """(id, text, anchor) of one JSON Lines record; ValueError says what is wrong with it."""
    record = json.loads(line)
    if not isinstance(record, dict):
        raise ValueError("each line must be a JSON object")
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError("'text' must be a string")
    return record.get("id"), text, parse_anchor(record.get("published_at"))


def _error(record_id: object, error: Exception) -> dict:
    return {"id": record_id, "error": f"{type(error).__name__}: {error}"}


def extract_lines(lines: list[str]) -> list[dict]:
    """One output per input line, in order; a bad record gives an error line, never a crash."""
    from pipelines.text.extraction import extract_texts

    outputs: list[dict | None] = [None] * len(lines)
    good = []
    for k, line in enumerate(lines):
        try:
            good.append((k, *parse_record(line)))
        except Exception as error:  # noqa: BLE001 (reported on the line, the stream goes on)
            outputs[k] = _error(_record_id(line), error)
    try:
        results = extract_texts([(text, anchor) for _, _, text, anchor in good])
    except Exception:  # noqa: BLE001 (one bad text must not take its batch with it: retry one by one)
        results = [_one(text, anchor) for _, _, text, anchor in good]
    for (k, record_id, _, _), result in zip(good, results, strict=True):
        outputs[k] = {"id": record_id, **result}
    return outputs


def _one(text: str, anchor: date | None) -> dict:
    from pipelines.text.extraction import extract_text

    try:
        return extract_text(text, anchor)
    except Exception as error:  # noqa: BLE001
        return {"error": f"{type(error).__name__}: {error}"}


def _record_id(line: str) -> object:
    try:
        record = json.loads(line)
        return record.get("id") if isinstance(record, dict) else None
    except ValueError:
        return None


def extract_line(line: str) -> dict:
    return extract_lines([line])[0]


def run_extract(_args: argparse.Namespace) -> int:
    batch: list[str] = []
    size = 1 if sys.stdin.isatty() else EXTRACT_BATCH  # someone typing gets each answer at once
    for line in itertools.chain(sys.stdin, [None]):
        if line is not None and line.strip():
            batch.append(line)
        if batch and (line is None or len(batch) >= size):
            for output in extract_lines(batch):
                sys.stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
            sys.stdout.flush()
            batch = []
    return 0


def run_evaluate(args: argparse.Namespace) -> int:
    module = importlib.import_module(f"pipelines.evaluation.{args.name}")
    return module.main(args.rest)


TRAININGS = ("ner", "events")


def run_train(args: argparse.Namespace) -> int:
    try:
        module = importlib.import_module(f"pipelines.training.{args.name}")
    except ModuleNotFoundError as missing:
        if missing.name not in ("torch", "onnx"):
            raise
        extra = ".venv/bin/pip install -e '.[train]'"
        print(f"training needs the optional extra: {extra} ({missing.name} is missing)")
        return 2
    return module.main(args.rest)


def run_entity(args: argparse.Namespace) -> int:
    """One entity by any of its names, read from the published warehouse (read-only)."""
    import duckdb

    from pipelines.lookup import lookup, plural, render_card

    local = settings.is_local_warehouse()
    warehouse = str(settings.warehouse_path()) if local else settings.warehouse_location()
    if local and not settings.warehouse_path().exists():
        print(f"no warehouse at {warehouse}: build it first (bash scripts/build.sh)", file=sys.stderr)
        return 2
    with duckdb.connect(warehouse, read_only=True) as conn:
        card, matches = lookup(conn, args.name)
    if card is None:
        print(f"no entity is called {args.name!r} or has a name containing it", file=sys.stderr)
        return 1
    if not matches[0].exact:
        print(f"no entity is called {args.name!r}; the most mentioned name containing it:\n")
    print(render_card(card))
    others = [f"{m.name} ({m.entity_type}, {plural(m.mention_count, 'mention')})" for m in matches[1:]]
    if others:
        print(f"\nAlso matching {args.name!r}: " + "; ".join(others))
    return 0


def run_build(args: argparse.Namespace) -> int:
    from pipelines.build import build_warehouse

    started = time.monotonic()
    summary = build_warehouse(force=args.force)
    print(summary.render(time.monotonic() - started))
    return 0 if summary.ok else 1


def main(argv: list[str] | None = None) -> int:
    settings.export_for_dbt()
    parser = argparse.ArgumentParser(prog="python -m pipelines", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the whole warehouse from the seeds folder")
    build.add_argument("--force", action="store_true", help="process every file again, changed or not")
    build.set_defaults(func=run_build)
    commands.add_parser(
        "extract", help="JSON Lines {id, text, published_at} on stdin -> entities and events on stdout"
    ).set_defaults(func=run_extract)
    entity = commands.add_parser(
        "entity", help="one entity by any of its names: aliases, counts, events, who is named with it"
    )
    entity.add_argument("name", help="a name or alias in any script, e.g. 阿里巴巴, Alibaba, 阿里")
    entity.set_defaults(func=run_entity)
    evaluate = commands.add_parser("evaluate", help="score an extractor against gold data")
    evaluate.add_argument("name", choices=EVALUATIONS)
    evaluate.add_argument("rest", nargs=argparse.REMAINDER, help="arguments of that evaluation")
    evaluate.set_defaults(func=run_evaluate)
    train = commands.add_parser("train", help="train a model of the text library (../shared/devdata/train)")
    train.add_argument("name", choices=TRAININGS)
    train.add_argument("rest", nargs=argparse.REMAINDER, help="arguments of that training")
    train.set_defaults(func=run_train)
    args = parser.parse_args(argv)
    return args.func(args)
