"""A corpus of N news documents for the refresh benchmarks, built from real article text.

    .venv/bin/python -m benchmarks.corpus --n 1000 [--out DIR] [--seed S]

The text comes from the CEC articles and the People's Daily NER sentences in ../shared/devdata (consecutive
sentences grouped into articles) and from the documents in seeds/; without devdata, from the seeds alone.
Each document takes paragraphs from one article, excerpted, and tops it up from others to a length drawn
around 1,300 characters, so no two documents are one text repeated. Layouts vary (headline with a source
and date line, byline without a date, a newspaper page of briefs, an HTML page with navigation and a meta
date, a wire report under its time line, a plain report with an editor credit), and so do encodings (UTF-8
with and without BOM, GB18030, Big5 after Simplified-to-Traditional conversion, UTF-16, CRLF line ends) and
date formats (full-width digits included). Document i depends only on (seed, i): the first 100 documents
of a corpus of 1,000 are the corpus of 100, and document N is a new one for a corpus of N.

The corpus is written outside the repository (default /tmp/news_corpus_N_S): devdata must never land in it.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEVDATA = REPO_ROOT.parent / "shared" / "devdata"
SEEDS = REPO_ROOT / "seeds"

CEC_ARTICLES = Path("events_cec") / "cec_articles.jsonl"
NER_SENTENCES = Path("ner") / "peoples_daily_dev.spans.jsonl"

# Outlets for bylines and source lines, on top of those the CEC articles name.
OUTLETS = (
    "新华网",
    "人民网",
    "中国新闻网",
    "澎湃新闻",
    "新京报",
    "南方都市报",
    "北京青年报",
    "浙江日报",
    "21世纪经济报道",
    "第一财经",
    "财新网",
    "科技日报",
)
# Reporter names are made up from common surnames and given-name characters (no real person is meant).
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁沈任姚卢傅钟姜崔谭陆范汪廖石金贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力国斌鹏宇浩凯晨瑶婷欣怡佳琪子涵梓轩"
SECTIONS = ("要闻", "综合新闻", "经济", "社会", "科技", "国内新闻", "地方新闻", "财经")
PLACES = ("北京", "上海", "杭州", "广州", "深圳", "南京", "成都", "武汉", "西安", "重庆", "天津", "长沙")

LAYOUTS = {"headline": 30, "byline": 13, "page": 15, "html": 15, "wire": 15, "plain": 12}
ENCODINGS = {"utf-8": 42, "utf-8-sig": 10, "gb18030": 20, "big5": 13, "utf-8-traditional": 8, "utf-16": 7}
CRLF_SHARE = 0.2
FULL_WIDTH_DATE_SHARE = 0.15
FIRST_DAY = datetime(2004, 1, 1)
DAYS = (datetime(2026, 6, 30) - FIRST_DAY).days

_FULL_WIDTH = str.maketrans("0123456789:", "０１２３４５６７８９：")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class SourceArticle:
    """Real article text the documents are cut from."""

    title: str
    paragraphs: tuple[str, ...]
    outlet: str | None
    origin: str  # cec, pd (People's Daily sentences), seed


@dataclass(frozen=True)
class GeneratedDocument:
    name: str
    data: bytes
    layout: str
    encoding: str
    chars: int  # characters of the text before encoding


@dataclass
class CorpusSummary:
    out: Path
    files: int = 0
    bytes: int = 0
    chars: int = 0
    layouts: Counter = field(default_factory=Counter)
    encodings: Counter = field(default_factory=Counter)
    origins: Counter = field(default_factory=Counter)

    def render(self) -> str:
        def shares(counter: Counter) -> str:
            return ", ".join(f"{k} {v}" for k, v in counter.most_common())

        return (
            f"{self.files} documents in {self.out}: {self.bytes:,} bytes, {self.chars:,} characters\n"
            f"  layouts:   {shares(self.layouts)}\n"
            f"  encodings: {shares(self.encodings)}\n"
            f"  sources:   {shares(self.origins)}"
        )


# --- the real text -------------------------------------------------------------------------------------


def headline_from(paragraph: str) -> str:
    """A headline for text that has none: its opening clause, as sub-editors often do."""
    clauses = [c for c in re.split(r"[，。：；！？,;:!?]", paragraph) if len(_CJK.findall(c)) >= 4]
    head = clauses[0] if clauses else paragraph
    return head.strip(" \u3000“”\"'（）()")[:28]


def clean_outlet(source: str) -> str | None:
    """The outlet a CEC source field names ('来源：生活报', '作者：佚名 新闻来源：京华时报')."""
    match = re.search(r"来源\s*[:：]?\s*\[?([\u4e00-\u9fff（）()\-]{2,12})", source)
    name = match.group(1) if match else source.strip("|[] \u3000")
    name = re.sub(r"[（(].*$", "", name).strip("-")
    if 2 <= len(name) <= 12 and len(_CJK.findall(name)) == len(name) and not re.search(r"时间|时左右", name):
        return name
    return None


def cec_articles(path: Path) -> list[SourceArticle]:
    articles = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            paragraphs = tuple(p.strip() for p in record["text"].split("\n") if p.strip())
            if paragraphs:
                title = record["title"].strip() or headline_from(paragraphs[0])
                articles.append(SourceArticle(title, paragraphs, clean_outlet(record["source"]), "cec"))
    return articles


def sentence_articles(path: Path) -> list[SourceArticle]:
    """Consecutive People's Daily sentences grouped into articles of 4 to 12 sentences, 1 to 3 a paragraph."""
    with path.open(encoding="utf-8") as lines:
        sentences = [json.loads(line)["text"].strip() for line in lines if line.strip()]
    sentences = [s for s in sentences if len(s) >= 8]
    articles, start, k = [], 0, 0
    while start < len(sentences):
        size = 4 + (k * 7) % 9
        group = sentences[start : start + size]
        paragraphs, i = [], 0
        while i < len(group):
            step = 1 + (k + i) % 3
            paragraphs.append("".join(group[i : i + step]))
            i += step
        articles.append(SourceArticle(headline_from(group[0]), tuple(paragraphs), None, "pd"))
        start += size
        k += 1
    return articles


def is_prose(line: str) -> bool:
    line = line.strip()
    return len(line) >= 25 and len(_CJK.findall(line)) >= 0.5 * len(line) and not line.startswith(("#", "<"))


def seed_articles(seeds_dir: Path) -> list[SourceArticle]:
    """The prose paragraphs of each seed document, in runs of eight paragraphs."""
    from pipelines.text.decoding import decode_bytes
    from pipelines.text.records import RejectedInput

    articles = []
    for path in sorted(p for p in seeds_dir.iterdir() if p.is_file() and not p.name.startswith(".")):
        try:
            text = decode_bytes(path.read_bytes()).text
        except RejectedInput:
            continue
        prose = [line.strip() for line in text.split("\n") if is_prose(line)]
        for start in range(0, len(prose), 8):
            run = tuple(prose[start : start + 8])
            articles.append(SourceArticle(headline_from(run[0]), run, None, "seed"))
    return articles


def load_sources(devdata: Path | None = DEVDATA, seeds_dir: Path = SEEDS) -> list[SourceArticle]:
    """Every source article: devdata's when it is there, and the seeds'. Prints why devdata is skipped."""
    sources = []
    if devdata is not None and (devdata / CEC_ARTICLES).is_file() and (devdata / NER_SENTENCES).is_file():
        sources += cec_articles(devdata / CEC_ARTICLES)
        sources += sentence_articles(devdata / NER_SENTENCES)
    else:
        print(f"corpus: no devdata at {devdata}: using the documents in {seeds_dir} only", file=sys.stderr)
    sources += seed_articles(seeds_dir)
    if not sources:
        raise SystemExit(f"corpus: no source text: neither devdata nor readable documents in {seeds_dir}")
    return sources


# --- one document --------------------------------------------------------------------------------------


def weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def format_date(when: datetime, rng: random.Random, with_time: bool = True) -> str:
    style = rng.randrange(7)
    if style == 0:
        text = when.strftime("%Y-%m-%d %H:%M")
    elif style == 1:
        text = when.strftime("%Y-%m-%d %H:%M:%S")
    elif style == 2:
        text = f"{when.year}-{when.month}-{when.day}"
    elif style == 3:
        text = f"{when.year}年{when.month}月{when.day}日 {when:%H:%M}"
    elif style == 4:
        text = when.strftime("%Y年%m月%d日 %H:%M")
    elif style == 5:
        text = when.strftime("%Y/%m/%d %H:%M")
    else:
        text = when.strftime("%Y.%m.%d")
    if not with_time:
        text = text.split(" ")[0]
    if rng.random() < FULL_WIDTH_DATE_SHARE:
        text = text.translate(_FULL_WIDTH)
    return text


def chinese_date(when: datetime, rng: random.Random) -> str:
    text = f"{when.year}年{when.month}月{when.day}日"
    return text.translate(_FULL_WIDTH) if rng.random() < FULL_WIDTH_DATE_SHARE else text


@dataclass
class Draft:
    """What a layout renders: one report's text and metadata."""

    title: str
    paragraphs: list[str]
    outlet: str
    authors: list[str]
    when: datetime


def excerpt(article: SourceArticle, rng: random.Random, most: int | None = None) -> list[str]:
    """A window of the article's paragraphs (the whole of a short one)."""
    paragraphs = list(article.paragraphs)
    size = (
        len(paragraphs)
        if len(paragraphs) <= 3
        else rng.randint(max(2, len(paragraphs) // 2), len(paragraphs))
    )
    if most is not None:
        size = min(size, most)
    start = rng.randint(0, len(paragraphs) - size)
    return paragraphs[start : start + size]


def draft(sources: list[SourceArticle], rng: random.Random, outlets: list[str]) -> tuple[Draft, str]:
    """A report: one article excerpted, topped up with paragraphs of others to a drawn length."""
    main = rng.choice(sources)
    paragraphs = excerpt(main, rng)
    target = min(6000, max(300, int(rng.lognormvariate(math.log(1200), 0.5))))
    while sum(len(p) for p in paragraphs) < target:
        paragraphs += excerpt(rng.choice(sources), rng, most=rng.randint(1, 4))
    when = FIRST_DAY + timedelta(days=rng.randrange(DAYS), minutes=rng.randrange(6 * 60, 23 * 60))
    outlet = main.outlet if main.outlet and rng.random() < 0.5 else rng.choice(outlets)
    authors = [person(rng) for _ in range(rng.choice((1, 1, 2)))]
    return Draft(main.title, paragraphs, outlet, authors, when), main.origin


def indent(paragraphs: list[str], rng: random.Random) -> list[str]:
    prefix = rng.choice(("", "", "\u3000\u3000", "  "))
    return [prefix + p for p in paragraphs]


def render_headline(d: Draft, rng: random.Random) -> str:
    tag = rng.choice(("", "", "【原创】", "【独家】"))
    lines = [tag + d.title, "", f"来源:{d.outlet} | {format_date(d.when, rng)}", ""]
    return "\n\n".join(["\n".join(lines).rstrip(), *indent(d.paragraphs, rng)]) + "\n"


def render_byline(d: Draft, rng: random.Random) -> str:
    if rng.random() < 0.5:
        head = [f"文 | {d.outlet},作者 | {'、'.join(d.authors)}"]
    else:
        head = [f"作者 | {'、'.join(d.authors)}", f"出品 | {d.outlet}"]
    if rng.random() < 0.5:
        head.insert(0, d.title)
    return "\n".join(head + d.paragraphs) + "\n"


def render_page(briefs: list[Draft], rng: random.Random) -> str:
    first = briefs[0]
    parts = [
        f"## {rng.choice(SECTIONS)}",
        f"{first.outlet} {chinese_date(first.when, rng)} 第{rng.randint(1, 16)}版",
    ]
    for brief in briefs:
        reporters = " ".join(brief.authors)
        body = brief.paragraphs[: rng.randint(1, 4)]
        if rng.random() < 0.5:
            opening = f"本报讯(记者 {reporters})"
        else:
            when = brief.when
            opening = f"本报{rng.choice(PLACES)}{when.month}月{when.day}日电(记者 {reporters})"
        parts += [f"## {brief.title}", opening + body[0], *body[1:]]
    return "\n\n".join(parts) + "\n"


def render_html(d: Draft, rng: random.Random, charset: str) -> str:
    e = html.escape
    nav = " | ".join(
        f'<a href="/{k}/">{name}</a>' for k, name in enumerate(("首页", "新闻", "财经", "科技", "社会"))
    )
    meta_name = rng.choice(("publishdate", "pubdate", "article:published_time"))
    attr = "property" if ":" in meta_name else "name"
    body = "\n".join(f"<p>{e(p)}</p>" for p in d.paragraphs)
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="{charset}">\n'
        f"<title>{e(d.title)}_{e(d.outlet)}</title>\n"
        f'<meta {attr}="{meta_name}" content="{d.when:%Y-%m-%dT%H:%M:%S}+08:00">\n'
        f'<meta name="author" content="{e(d.authors[0])}">\n</head>\n<body>\n'
        f'<nav class="top">{nav}</nav>\n<div class="breadcrumb">您的位置:首页 &gt; 新闻 &gt; 正文</div>\n'
        f"<article>\n<h1>{e(d.title)}</h1>\n"
        f'<div class="info">{e(format_date(d.when, rng))} 来源:{e(d.outlet)} 作者:{e(d.authors[0])}</div>\n'
        f"{body}\n</article>\n"
        f'<aside class="related"><h3>相关新闻</h3><ul><li><a href="/1/">更多报道</a></li></ul></aside>\n'
        f"<footer>版权所有 &copy; {d.when.year} {e(d.outlet)} 未经授权禁止转载 | 关于我们</footer>\n"
        "</body>\n</html>\n"
    )


def render_wire(d: Draft, rng: random.Random) -> str:
    opening = f"{d.outlet}{rng.choice(PLACES)}{d.when.month}月{d.when.day}日电(记者 {' '.join(d.authors)})"
    first = d.paragraphs[0] if re.match(r"^\S{0,20}?[电讯]", d.paragraphs[0]) else opening + d.paragraphs[0]
    time_line = format_date(d.when, rng) + (f" 来源:{d.outlet}" if rng.random() < 0.5 else "")
    return "\n".join([time_line, d.title, first, *d.paragraphs[1:]]) + "\n"


def render_plain(d: Draft, rng: random.Random) -> str:
    dateline = f"{format_date(d.when, rng, with_time=rng.random() < 0.5)}\u3000{d.outlet}"
    editor = f"(责任编辑:{person(rng)})"
    return "\n\n".join([d.title, dateline, *indent(d.paragraphs, rng), editor]) + "\n"


@cache
def _to_traditional():
    import opencc

    return opencc.OpenCC("s2tw")  # Taiwan forms (為, 裡): what Big5 can hold


def choose_encoding(rng: random.Random) -> str:
    return weighted(rng, ENCODINGS)


def encode(text: str, encoding: str) -> tuple[bytes, str]:
    """The document's bytes and the encoding actually used (Big5 text that Big5 cannot hold stays UTF-8)."""
    if encoding in ("big5", "utf-8-traditional"):
        text = _to_traditional().convert(text)
        if encoding == "big5":
            try:
                return text.encode("big5"), "big5"
            except UnicodeEncodeError:
                encoding = "utf-8-traditional"
        return text.encode("utf-8"), encoding
    if encoding == "gb18030":
        return text.encode("gb18030"), encoding
    return text.encode(encoding), encoding  # utf-8, utf-8-sig, utf-16 (with its BOM)


HTML_CHARSET = {"big5": "big5", "gb18030": "gb18030", "utf-16": "utf-16"}


def make_document(
    index: int, sources: list[SourceArticle], seed: int = 0, outlets: list[str] | None = None
) -> tuple[GeneratedDocument, str]:
    """Document `index` of the corpus for `seed` (the same bytes whatever N), and its main source's origin."""
    rng = random.Random(f"news-corpus:{seed}:{index}")
    outlets = outlets or corpus_outlets(sources)
    layout = weighted(rng, LAYOUTS)
    encoding = choose_encoding(rng)
    report, origin = draft(sources, rng, outlets)
    if layout == "page":
        briefs = [report] + [draft(sources, rng, outlets)[0] for _ in range(rng.randint(1, 3))]
        for brief in briefs[1:]:
            brief.outlet, brief.when = report.outlet, report.when
        text = render_page(briefs, rng)
    elif layout == "html":
        text = render_html(report, rng, HTML_CHARSET.get(encoding, "utf-8"))
    else:
        text = {
            "headline": render_headline,
            "byline": render_byline,
            "wire": render_wire,
            "plain": render_plain,
        }[layout](report, rng)
    if rng.random() < CRLF_SHARE:
        text = text.replace("\n", "\r\n")
    data, used = encode(text, encoding)
    name = f"{index:05d}_{layout}.{'html' if layout == 'html' else 'txt'}"
    return GeneratedDocument(name, data, layout, used, len(text)), origin


def corpus_outlets(sources: list[SourceArticle]) -> list[str]:
    return sorted(set(OUTLETS) | {s.outlet for s in sources if s.outlet})


def write_corpus(
    out: Path,
    n: int,
    seed: int = 0,
    devdata: Path | None = DEVDATA,
    seeds_dir: Path = SEEDS,
    start: int = 0,
) -> CorpusSummary:
    """Write documents start .. start+n-1 into `out` (created; must not be inside the repository)."""
    out = out.resolve()
    if out.is_relative_to(REPO_ROOT):
        raise SystemExit(f"corpus: {out} is inside the repository; write the corpus elsewhere (e.g. /tmp)")
    out.mkdir(parents=True, exist_ok=True)
    sources = load_sources(devdata, seeds_dir)
    outlets = corpus_outlets(sources)
    summary = CorpusSummary(out)
    for index in range(start, start + n):
        document, origin = make_document(index, sources, seed, outlets)
        (out / document.name).write_bytes(document.data)
        summary.files += 1
        summary.bytes += len(document.data)
        summary.chars += document.chars
        summary.layouts[document.layout] += 1
        summary.encodings[document.encoding] += 1
        summary.origins[origin] += 1
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, required=True, help="number of documents")
    parser.add_argument("--out", type=Path, help="output folder (default /tmp/news_corpus_N_SEED)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=0, help="index of the first document (default 0)")
    parser.add_argument("--devdata", type=Path, default=DEVDATA)
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="seed documents to draw text from")
    args = parser.parse_args(argv)
    out = args.out or Path(f"/tmp/news_corpus_{args.n}_{args.seed}")
    if out.exists() and any(out.iterdir()):
        print(f"corpus: {out} is not empty; give an empty or new folder", file=sys.stderr)
        return 2
    summary = write_corpus(out, args.n, args.seed, args.devdata, args.seeds, args.start)
    print(summary.render())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
