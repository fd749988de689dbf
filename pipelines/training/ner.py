"""`python -m pipelines train ner`: the entity tagger from MSRA and CLUENER, into pipelines/text/models/ner.

Two heads share one encoder: `news` learns People's Daily conventions (PER/LOC/ORG) from MSRA, `web` learns
CLUENER's (PER/LOC/ORG and WORK: books, games, films). The last contiguous block of each corpus is held out
for choosing the epoch; the dev sets we report are never read here.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from pipelines.evaluation.ner import GOLD_SETS, score_gold_sets
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
            return [
                (featuriser.features(e.text), tagging.encode_tags(len(e.text), e.spans, tags)) for e in rows
            ]

        heads.append(tagging.HeadData(name, tags, encode(train), encode(held_out)))
        log(f"{name}: {len(train)} training and {len(held_out)} held-out sentences")
    return heads, vocabulary


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="train ner", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the devdata/train folder")
    parser.add_argument("--out", type=Path, default=MODELS_DIR / "ner", help="where the model is written")
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--dev-sets", default=",".join(GOLD_SETS), help="gold sets the model card scores")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=JSON", help="override a setting")
    args = parser.parse_args(argv)
    config = json.loads(args.config.read_text(encoding="utf-8"))
    for item in args.set:
        key, _, value = item.partition("=")
        config[key] = json.loads(value)
    started = time.monotonic()
    heads, vocabulary = prepare(config, args.data, lambda line: print(line, flush=True))
    sizes = dict(zip(("chars", "bigrams"), vocabulary.sizes, strict=True))

    def checkpoint(model, crfs) -> None:
        tagging.export(model, crfs, heads, vocabulary, args.out)

    model, crfs, history = tagging.train(
        heads, sizes, config, lambda line: print(line, flush=True), checkpoint
    )
    tagging.export(model, crfs, heads, vocabulary, args.out)
    minutes = (time.monotonic() - started) / 60
    record = model_card.write_training_record(args.out, config, history, minutes, [h.name for h in heads])
    from pipelines.text.entities import with_model

    dev = score_gold_sets(with_model(args.out), args.dev_sets.split(","))
    card = model_card.write_card(args.out, record, ABOUT, dev)
    print(f"wrote {args.out} ({card.name}) in {minutes:.1f} min; dev sets: {dev}")
    return 0


ABOUT = [
    "# Entity tagger (`pipelines/text/models/ner`)",
    "",
    "A character-level tagger for Chinese news: embeddings of characters, character bigrams, each "
    "character's B/M/E/S position in its rjieba word, gazetteer matches by type and lexical signals "
    "(a title, an organisation suffix, a place suffix, a family name followed by a common given-name "
    "character) and each word's class in jieba's dictionary (a person, place or organisation name, another "
    "proper noun, an abbreviation, another word, or not in it); then dilated 1-D convolutions, a "
    "bidirectional LSTM (when `lstm` is set) and one linear-chain CRF per head. Run time: onnxruntime "
    "and numpy (`pipelines/text/tagger.py`); reproduce with `python -m pipelines train ner`.",
    "",
    "## Heads and types",
    "",
    "- `news` (PER, LOC, ORG; People's Daily conventions): used for PERSON, LOCATION and ORG.",
    "- `web` (PER, LOC, ORG, WORK; CLUENER conventions): used for WORK (books, games, films) only.",
    "- PRODUCT and EVENT come from rule components and the gazetteer (`pipelines/text/entities.py`).",
    "",
    "## Training data and licences",
    "",
    "- MSRA NER (SIGHAN 2006 bakeoff training set, Microsoft Research; research use), with every "
    "sentence shared with the People's Daily dev and test splits removed (`../shared/devdata/train/ner`).",
    "- CLUENER2020 training set (CLUE benchmark, Sina news; no licence file: research use); its types "
    "mapped as name->PER, organization/company/government->ORG, address/scene->LOC, "
    "book/game/movie->WORK; position dropped.",
    "- The weights are derived from research-use data: use them for research and evaluation unless you "
    "have cleared those terms. No training text ships with them.",
    "- The last 5% of each file (a contiguous block: articles stay whole) is held out to choose the epoch.",
    "",
    "## How to read the scores",
    "",
    "Exact span and type over PER/LOC/ORG. `peoples_daily_dev` (`../shared/devdata/ner`) shares articles "
    "with the MSRA training file (its sentences were removed, their neighbours were not): optimistic. "
    "`seeds` is the hand-checked gold of the five seed documents (`pipelines/evaluation/gold`); the old "
    "rules were written against it, the model never saw it. The held-out block is the closest to unseen "
    "news of these, and harder than the standard MSRA test: the old rules score F1 0.682 on it, against "
    "0.798 on that test.",
]
