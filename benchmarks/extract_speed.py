"""The whole `python -m pipelines extract` against jieba.posseg on the same text, as two commands.

    .venv/bin/python -m benchmarks.extract_speed corpus --out /tmp/extract_corpus.jsonl
    .venv/bin/python -m benchmarks.extract_speed posseg < /tmp/extract_corpus.jsonl
    .venv/bin/python -m pipelines extract < /tmp/extract_corpus.jsonl > /dev/null

`corpus` writes JSON Lines of article-sized texts: the CEC articles of ../shared/devdata (whole news
reports) and the seed documents. `posseg` reads the same lines and segments each text with jieba.posseg,
the baseline of the speed figures. Time the two commands side by side (a tool that runs them in turn,
such as hyperfine, or /usr/bin/time -v for one run each) and read the ratio of their wall times.
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


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.extract_speed", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    corpus = commands.add_parser("corpus", help="write the JSON Lines corpus")
    corpus.add_argument("--out", type=Path, required=True)
    commands.add_parser("posseg", help="jieba.posseg over the corpus on stdin")
    args = parser.parse_args(argv)
    if args.command == "corpus":
        print(f"{write_corpus(args.out)} texts written to {args.out}")
    else:
        print(f"{posseg(sys.stdin)} characters segmented", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
