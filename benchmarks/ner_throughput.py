"""Throughput of `entities.recognise` against jieba.posseg on the same text, side by side.

    .venv/bin/python benchmarks/ner_throughput.py [FILE ...]

FILE: span JSON Lines (uses each record's "text"), a BIO file, or plain text files (one paragraph a line).
Default: the devdata NER set when ../shared/devdata is present, plus the documents in seeds/.
Both sides get one warm-up call (dictionary and model loading) on unrelated text. The recogniser sees the
texts 256 at a time (`recognise_many`, as `extract` and the evaluation feed it), timed on its first pass
over the corpus (its per-word caches empty, as at the start of a run) and as the best of three further passes
(steady state, as in a long run); jieba.posseg as its best of three. Times are CPU time of this process
(steadier than wall clock on a shared machine; both sides run on one core).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEVDATA_NER = ROOT.parent / "shared" / "devdata" / "ner" / "peoples_daily_dev.spans.jsonl"
WARM_UP = "浙江省省长刘捷在新闻发布会上表示，阿里云推出了Qwen3-Coder。"


def read_texts(path: Path) -> list[str]:
    from pipelines.evaluation.ner import read_gold

    if path.suffix in (".jsonl", ".bio"):
        return [sentence.text for sentence in read_gold(path)]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("gb18030", errors="replace")
    return [line for line in text.splitlines() if line.strip()]


def _rate(run, batches: list[list[str]], chars: int) -> float:
    started = time.process_time()
    for batch in batches:
        run(batch)
    return chars / (time.process_time() - started)


def measure(texts: list[str], repeats: int = 3) -> tuple[float, float, float]:
    """(jieba.posseg best of `repeats`, recognise on its first pass, recognise best of `repeats` after it)."""
    import jieba
    import jieba.posseg

    from pipelines.text.entities import recognise_many

    jieba.setLogLevel(60)
    list(jieba.posseg.cut(WARM_UP))
    recognise_many([WARM_UP])
    chars = sum(len(t) for t in texts)
    batches = [texts[i : i + 256] for i in range(0, len(texts), 256)]

    def posseg(batch: list[str]) -> list:
        return [list(jieba.posseg.cut(text)) for text in batch]

    first = _rate(recognise_many, batches, chars)  # per-word caches empty: every word seen for the first time
    ours = max(_rate(recognise_many, batches, chars) for _ in range(repeats))
    theirs = max(_rate(posseg, batches, chars) for _ in range(repeats))
    return theirs, first, ours


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv]
    if not paths:
        if DEVDATA_NER.exists():
            paths.append(DEVDATA_NER)
        paths.extend(sorted((ROOT / "seeds").glob("*.txt")))
    texts = [t for path in paths for t in read_texts(path)]
    if not texts:
        print("no text to measure", file=sys.stderr)
        return 1
    posseg, first, ours = measure(texts)
    print(f"{len(texts)} texts, {sum(len(t) for t in texts)} characters from {len(paths)} file(s)")
    print(f"jieba.posseg.cut                      {posseg:>12,.0f} chars/s")
    print(f"entities.recognise, first pass        {first:>12,.0f} chars/s  ratio {first / posseg:5.1f}x")
    print(f"entities.recognise, steady state      {ours:>12,.0f} chars/s  ratio {ours / posseg:5.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
