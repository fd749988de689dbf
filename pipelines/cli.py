"""Command line: `python -m pipelines build | extract | evaluate NAME ... | train NAME ...`."""

from __future__ import annotations

import argparse
import importlib
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


def extract_line(line: str) -> dict:
    """One JSON Lines record in, one out; a bad record gives an error line, never a crash."""
    record_id = None
    try:
        record = json.loads(line)
        if not isinstance(record, dict):
            raise ValueError("each line must be a JSON object")
        record_id = record.get("id")
        text = record.get("text")
        if not isinstance(text, str):
            raise ValueError("'text' must be a string")
        from pipelines.text.extraction import extract_text

        return {"id": record_id, **extract_text(text, parse_anchor(record.get("published_at")))}
    except Exception as error:  # noqa: BLE001 (reported on the line, the stream goes on)
        return {"id": record_id, "error": f"{type(error).__name__}: {error}"}


def run_extract(_args: argparse.Namespace) -> int:
    for line in sys.stdin:
        if not line.strip():
            continue
        sys.stdout.write(json.dumps(extract_line(line), ensure_ascii=False) + "\n")
        sys.stdout.flush()
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
        print(f"training needs the optional extra: .venv/bin/pip install -e '.[train]' ({missing.name} missing)")
        return 2
    return module.main(args.rest)


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
    evaluate = commands.add_parser("evaluate", help="score an extractor against gold data")
    evaluate.add_argument("name", choices=EVALUATIONS)
    evaluate.add_argument("rest", nargs=argparse.REMAINDER, help="arguments of that evaluation")
    evaluate.set_defaults(func=run_evaluate)
    train = commands.add_parser("train", help="train a model of the text library from ../shared/devdata/train")
    train.add_argument("name", choices=TRAININGS)
    train.add_argument("rest", nargs=argparse.REMAINDER, help="arguments of that training")
    train.set_defaults(func=run_train)
    args = parser.parse_args(argv)
    return args.func(args)
