"""`python -m pipelines train ner`: the entity tagger from MSRA and CLUENER, written to pipelines/text/models/ner.

Two heads share one encoder: `news` learns People's Daily conventions (PER/LOC/ORG) from MSRA, `web` learns
CLUENER's (PER/LOC/ORG and WORK: books, games, films). The last contiguous block of each corpus is held out
for choosing the epoch; the dev sets we report are never read here.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from pipelines.text import features as F
from pipelines.text.tagger import MODELS_DIR
from pipelines.training import corpora, model_card, tagging

CONFIG = Path(__file__).parent / "configs" / "ner.json"
DEFAULT_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "devdata" / "train"


def head_tags(types: list[str]) -> tuple[str, ...]:
    return ("O", *[f"{p}-{t}" for t in types for p in ("B", "I")])


def prepare(config: dict, data: Path, log) -> tuple[list[tagging.HeadData], F.Vocabulary]:
    examples = {name: corpora.load(data / path) for name, path in config["corpora"].items()}
    splits = {n: corpora.split_holdout(ex, config["held_out_fraction"]) for n, ex in examples.items()}
    train_texts = [e.text for train, _ in splits.values() for e in train]
    vocabulary = tagging.build_vocabulary(
        train_texts, config["max_chars"], config["max_bigrams"], config["min_count"]
    )
    featuriser = F.Featuriser(vocabulary)
    heads = []
    for name, (train, held_out) in splits.items():
        tags = head_tags(config["heads"][name])

        def encode(rows, tags=tags):
            return [(featuriser.features(e.text), tagging.encode_tags(len(e.text), e.spans, tags)) for e in rows]

        heads.append(tagging.HeadData(name, tags, encode(train), encode(held_out)))
        log(f"{name}: {len(train)} training and {len(held_out)} held-out sentences")
    return heads, vocabulary


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="train ner", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the devdata/train folder")
    parser.add_argument("--out", type=Path, default=MODELS_DIR / "ner", help="where the model is written")
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--set", action="append", default=[], metavar="KEY=JSON", help="override a setting")
    args = parser.parse_args(argv)
    config = json.loads(args.config.read_text(encoding="utf-8"))
    for item in args.set:
        key, _, value = item.partition("=")
        config[key] = json.loads(value)
    started = time.monotonic()
    heads, vocabulary = prepare(config, args.data, print)
    sizes = dict(zip(("chars", "bigrams"), vocabulary.sizes, strict=True))
    model, crfs, history = tagging.train(heads, sizes, config, lambda line: print(line, flush=True))
    tagging.export(model, crfs, heads, vocabulary, args.out)
    minutes = (time.monotonic() - started) / 60
    model_card.write_training_record(args.out, config, history, minutes, [h.name for h in heads])
    print(f"wrote {args.out} in {minutes:.1f} min")
    return 0
