"""The whole `python -m pipelines extract` against jieba.posseg on the same text, as two commands.

    .venv/bin/python -m benchmarks.extract_speed corpus --out /tmp/extract_corpus.jsonl
    .venv/bin/python -m benchmarks.extract_speed posseg < /tmp/extract_corpus.jsonl
    .venv/bin/python -m pipelines extract < /tmp/extract_corpus.jsonl > /dev/null
    .venv/bin/python -m benchmarks.extract_speed events --extractor model < /tmp/extract_corpus.jsonl

`corpus` writes JSON Lines of article-sized texts: the CEC articles of ../shared/devdata (whole news
reports) and the seed documents. `posseg` reads the same lines and segments each text with jieba.posseg,
the baseline of the speed figures. `events --extractor rules|model` times one event extractor alone
(CPU time, the entity mentions found first and not timed). Time the two commands side by side (a tool
that runs them in turn, such as hyperfine, or /usr/bin/time -v for one run each) and read the ratio of
their wall times.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks.corpus import load_sources


def write_corpus(out: Path) -> int:
    sources = load_sources()
    with out.open("w", encoding="utf-8") as f:
        for k, source in enumerate(sources):
            text = "\n".join(source.paragraphs)
            f.write(json.dumps({"id": str(k), "text": text}, ensure_ascii=False) + "\n")
    return len(sources)


def posseg(lines) -> int:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    characters = 0
    for line in lines:
        text = json.loads(line)["text"]
        characters += len(text)
        list(jieba.posseg.cut(text))
    return characters


def events(lines, extractor: str) -> str:
    """One event extractor over the corpus, the second of two passes (the first loads and warms it)."""
    import time

    from pipelines.text import entities, event_extractor, script, sentences
    from pipelines.text import events as rule_events

    find_events = event_extractor.find_events if extractor == "model" else rule_events.find_events
    texts = [script.to_simplified(json.loads(line)["text"])[0] for line in lines]
    found = entities.recognise_many(texts)
    pieces = [sentences.split_sentences(t) for t in texts]
    for _ in range(2):
        started, count = time.process_time(), 0
        for text, split, mentions in zip(texts, pieces, found, strict=True):
            count += len(find_events(text, split, mentions, None))
        seconds = time.process_time() - started
    characters = sum(map(len, texts))
    return f"{extractor}: {count} events, {seconds:.2f} CPU s, {characters / seconds:,.0f} characters/s"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.extract_speed", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    corpus = commands.add_parser("corpus", help="write the JSON Lines corpus")
    corpus.add_argument("--out", type=Path, required=True)
    commands.add_parser("posseg", help="jieba.posseg over the corpus on stdin")
    timed = commands.add_parser("events", help="one event extractor over the corpus on stdin, CPU time")
    timed.add_argument("--extractor", choices=("rules", "model"), default="rules")
    args = parser.parse_args(argv)
    if args.command == "corpus":
        print(f"{write_corpus(args.out)} texts written to {args.out}")
    elif args.command == "events":
        print(events(sys.stdin, args.extractor))
    else:
        print(f"{posseg(sys.stdin)} characters segmented", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
