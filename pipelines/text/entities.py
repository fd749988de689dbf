"""Named-entity recognition: a trained tagger, then small named rule components, over one shared document.

The pipeline (`COMPONENTS`, run in order, each proposing spans with its rule id as `Mention.method`):
- `ner.tagger`: the trained character tagger (`models/ner`): PERSON, LOCATION, ORG, and WORK;
- `rule.gazetteer`: curated aliases, token-aligned, which also give the canonical key;
- `rule.latin_model`: Latin model and product names with a version (Qwen3-Coder, GPT-4o, DeepSeek-R1);
- `rule.latin_name`: other capitalised Latin names inside Chinese text (Anthropic, Datawhale);
- `rule.english_name`: names in English passages of bilingual pages (`english_names.py`);
- `rule.quoted_work`: titles in 《》 (a periodical is an organisation, a policy is no entity);
- `rule.brand_in_context`: a brand that is also a common word (小米, 苹果) in a clause about business;
- `rule.product_after_category`: a Latin name right after a kind of product (人工智能平台PAI);
- `rule.brand_model_code`: a name and a model code in a clause about products (银河 M9 上市, 问界M7);
- `rule.listed_organisation`: the items of a list closed by 等 and a kind of organisation (等多家企业);
- `rule.place_run`: a run of one-character place abbreviations (北上广深), one place a character;
- `rule.named_event`: a name plus an event head (云栖大会, 世界品牌莫干山大会).
`filter_spans` is the one overlap policy; a surface the gazetteer knows takes the gazetteer's type, and
`rule.brand_company` types a brand shared by a company and its product.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from pipelines.text import english_names, gazetteer, segmentation, sentences
from pipelines.text.features import (
    DATA_DIR,
    OTHER_WORD,
    WORD_CLASSES,
    data_rows,
    dictionary_class,
    first_column,
    joined_starts,
    read_word_list,
)
from pipelines.text.records import Mention

TAGGED_TYPES = {"PER": "PERSON", "LOC": "LOCATION", "ORG": "ORG", "WORK": "WORK"}
_CJK = re.compile(r"[\u3400-\u9fff]")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]*")
_PIECE_END = re.compile(r"[。！？!?；;\n]")
_PIECE_LIMIT = 200  # characters per tagger input; longer stretches are cut after a comma or hard


@dataclass
class Doc:
    """One text as every component sees it: the Simplified form (same length), its words, found spans."""

    text: str
    analysed: str
    words: list[tuple[str, int, int]]
    spans: list[Mention]


def make_doc(text: str) -> Doc:
    analysed = text
    # jieba's dictionary and the model are Simplified; OpenCC keeps offsets when lengths agree
    if not gazetteer.traditional_characters().isdisjoint(analysed):
        simplified = gazetteer.to_simplified(analysed)
        if len(simplified) == len(analysed):
            analysed = simplified
    return Doc(text, analysed, segmentation.segment(analysed), [])


@cache
def entity_tagger():
    from pipelines.text.tagger import MODELS_DIR, Tagger

    return Tagger(MODELS_DIR / "ner")


def pieces(text: str) -> list[tuple[int, int]]:
    """Sentence-sized (start, end) stretches of `text` for the tagger."""
    found, start = [], 0
    for match in [*_PIECE_END.finditer(text), None]:
        end = match.end() if match else len(text)
        while end - start > _PIECE_LIMIT:
            comma = max(
                text.rfind("，", start, start + _PIECE_LIMIT), text.rfind(",", start, start + _PIECE_LIMIT)
            )
            cut = comma + 1 if comma > start else start + _PIECE_LIMIT
            found.append((start, cut))
            start = cut
        if end > start:
            found.append((start, end))
        start = end
    return found


def tagged_names(doc: Doc) -> list[Mention]:
    """`ner.tagger`: PERSON/LOCATION/ORG from the news head, WORK from the web head (see the model card)."""
    return names_from(entity_tagger(), [doc])[0]


def names_from(tagger, docs: list[Doc]) -> list[list[Mention]]:
    """The tagger over many documents at once: one feature pass over their joined text, one batched run."""
    texts = [doc.analysed for doc in docs]
    rows = tagger.featuriser.joined_features(texts, [doc.words for doc in docs])
    offsets = joined_starts(texts)
    stretches = [
        (k, offsets[k] + s, offsets[k] + e)
        for k, doc in enumerate(docs)
        for s, e in pieces(doc.analysed)
        if doc.analysed[s:e].strip()
    ]
    results = tagger.tag([rows[s:e] for _, s, e in stretches])
    found: list[list[Mention]] = [[] for _ in docs]
    for (k, start, _), heads in zip(stretches, results, strict=True):
        found[k].extend(_tagged(docs[k], start - offsets[k], heads))
    return found


def _tagged(doc: Doc, offset: int, heads: dict[str, list[tuple[int, int, str]]]) -> list[Mention]:
    """The tagger's spans; one with no Chinese character is left to the Latin rules (the training text is
    Chinese news, where Latin letters are rare: it reads AI, or DeepSeek’s in English text, as a name)."""
    found = []
    for head, wanted in (("news", ("PER", "LOC", "ORG")), ("web", ("WORK",))):
        for start, end, kind in heads[head]:
            start, end = tagged_span(doc.analysed, offset + start, offset + end, kind)
            end = descriptive_tail(doc, start, end) if kind in ("LOC", "ORG") else end
            entity_type = title_type(doc.analysed[start:end]) if kind == "WORK" else TAGGED_TYPES[kind]
            if kind in wanted and entity_type and end > start and _CJK.search(doc.analysed, start, end):
                found.append(_mention(doc, start, end, entity_type, "ner.tagger", 0.8))
    return found


def tagged_span(text: str, start: int, end: int, kind: str) -> tuple[int, int]:
    """The edges of a tagged span: trimmed (`trim_span`), a person in one script (`chinese_name_part`), a
    work without its 《》 (CLUENER's works keep them, rule.quoted_work's do not)."""
    start, end = trim_span(text, start, end)
    if kind == "PER":
        return chinese_name_part(text, start, end)
    if kind == "WORK" and end - start > 2 and text[start] == "《" and text[end - 1] == "》":
        return start + 1, end - 1
    return start, end


def descriptive_tail(doc: Doc, start: int, end: int) -> int:
    """`rule.descriptive_tail`: a tagged span that opens with a known name (one to three words the
    gazetteer knows) followed by a word that describes (顶级, 全球: `descriptive_words.tsv`) ends with
    that name: 美国顶级科技公司 is 美国, 阿里云全球数据中心 is 阿里云 (the gazetteer's span then types it).
    The tagger, trained on People's Daily, runs a place into the organisation described after it. A known name
    followed by another (中国全国政协, 深圳华为公司) stays whole: People's Daily's gold keeps those."""
    k = bisect.bisect_left(doc.words, start, key=lambda w: w[1])
    if k == len(doc.words) or doc.words[k][1] != start:
        return end
    known_end, after = None, None
    for j in range(k, min(k + 3, len(doc.words))):
        if doc.words[j][2] >= end:
            break
        if _known_word(doc.analysed[start : doc.words[j][2]]) is not None:
            known_end, after = doc.words[j][2], j + 1
    if known_end is None:
        return end
    # the word after the name may run past the tagged span: it is read from the whole document
    return known_end if doc.words[after][0] in read_word_list("descriptive_words.tsv") else end


_SCRIPT_RUNS = re.compile(r"[\u3400-\u9fff·]+|[A-Za-z0-9]+")


def chinese_name_part(text: str, start: int, end: int) -> tuple[int, int]:
    """A tagged person that mixes Chinese characters and Latin letters is its one Chinese run of two or more
    characters (辛顿DNNresearch is 辛顿), or nothing (阿里云CTO周靖, AI云): a Chinese name is written in one
    script, and the model, trained on text with almost no Latin, runs names into the Latin beside them."""
    if not re.search(r"[A-Za-z]", text[start:end]):
        return start, end
    runs = [m for m in _SCRIPT_RUNS.finditer(text, start, end) if _CJK.match(m.group())]
    if len(runs) == 1 and len(runs[0].group()) >= 2:
        return runs[0].span()
    return start, start


_EDGE = frozenset(" \t\u3000•·,，、:：;；.。!！?？")
_PAIRS = {"「": "」", "『": "』", "“": "”", "‘": "’", "(": ")", "（": "）", "[": "]", "【": "】", "《": "》"}
_OPENERS = {close: open_ for open_, close in _PAIRS.items()}


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A tagged span without the spaces and unpaired brackets at its edges (「硅基研究室, but “鑫诺1号”卫星
    and 袁（日希） keep theirs), cut at a space inside it: Chinese names hold no space, and the model, trained
    on text without them, sometimes runs over one (阿里 Qwen)."""
    while start < end and (
        text[start] in _EDGE or (text[start] in _PAIRS and _PAIRS[text[start]] not in text[start:end])
    ):
        start += 1
    while end > start and (
        text[end - 1] in _EDGE
        or (text[end - 1] in _OPENERS and _OPENERS[text[end - 1]] not in text[start:end])
    ):
        end -= 1
    space = next((i for i in range(start, end) if text[i].isspace()), None)
    return (start, space) if space is not None else (start, end)


tagged_names.pipe = lambda docs: names_from(entity_tagger(), docs)


def _mention(doc: Doc, start: int, end: int, entity_type: str, method: str, confidence: float) -> Mention:
    return Mention(start, end, doc.text[start:end], entity_type, method, confidence)


def gazetteer_names(doc: Doc) -> list[Mention]:
    """`rule.gazetteer`: a word (or run of Latin words) that is a curated alias, with its canonical key.

    Aliases are jieba user words, so a Chinese alias comes out as one token; token alignment keeps an
    alias from matching inside another word (白云深处 holds no 云深).
    """
    found = []
    aliases = _exact_aliases()
    for k, (word, start, end) in enumerate(doc.words):
        entity = aliases.get(word) or _known_word(word)
        if entity is None or (entity.entity_type != "LOCATION" and _forced_split(doc, k)):
            continue
        mention = _mention(doc, start, end, entity.entity_type, "rule.gazetteer", 0.95)
        found.append(replace(mention, canonical_key=entity.entity_key))
    return found


@cache
def _exact_aliases() -> dict[str, gazetteer.Entity]:
    """Every alias as written and casefolded: most words need no Unicode normalisation to be looked up."""
    index = gazetteer.alias_index()
    return {
        form: index[a.alias_normalised] for a in gazetteer.aliases() for form in (a.alias, a.alias.casefold())
    }


@lru_cache(maxsize=200_000)  # news repeats its words: one lookup each
def _known_word(word: str) -> gazetteer.Entity | None:
    aliases = _exact_aliases()
    found = aliases.get(word) or aliases.get(word.casefold())
    if found is None and not word.isascii() and not _CJK.fullmatch(word[:1] or "a"):
        found = gazetteer.lookup(word)  # full-width forms and the like: the slow, complete path
    return found if word.strip() else None


def _forced_split(doc: Doc, k: int) -> bool:
    """The alias only won its token because it is a user word: the character before it makes a dictionary
    word with the alias's first one, and the rest of the alias (or the whole) is one too (白|云深处), unless
    that character closes a whole word of its own (创始人|马云)."""
    text, (_, start, end) = doc.analysed, doc.words[k]
    if not start or not (_CJK.match(text[start - 1]) and _CJK.match(text[start])):
        return False
    if not segmentation.is_dictionary_word(text[start - 1 : start + 1]):
        return False
    rest_is_word = segmentation.is_dictionary_word(text[start + 1 : end])
    if not (rest_is_word or segmentation.is_dictionary_word(text[start - 1 : end])):
        return False
    before = doc.words[k - 1][0] if k else ""
    return not (len(before) >= 2 and _CJK.match(before) and segmentation.is_dictionary_word(before))


_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.+][A-Za-z0-9]+)*")
# letters then a version: Qwen3, GPT-4o, DeepSeek-R1, QWen-7B, Llama-3.1
_MODEL_NAME = re.compile(r"[A-Za-z]+(?:\d+(?:\.\d+)?[A-Za-z]*|-[A-Za-z]*\d[A-Za-z0-9.]*)(?:-[A-Za-z0-9.]+)*")
_VERSION_AFTER = re.compile(r" ?\d+(?:\.\d+)*[A-Za-z]{0,2}(?![A-Za-z0-9.])")


@cache
def _latin_stopwords() -> frozenset[str]:
    return read_word_list("latin_stopwords.txt")


def latin_model_names(doc: Doc) -> list[Mention]:
    """`rule.latin_model`: model names carry a version (Qwen3-Coder, GPT-4o), and a known product followed
    by a number is that version (Llama 3), or by hyphenated parts a variant of it (Qwen-Next; Chat-GPT is
    ChatGPT with a hyphen): the tagger,
    trained on Chinese news, never saw them. A tier (Qwen2.5 Max) or a parameter count (Llama 3.1 405B)
    after the name is part of it."""
    found = []
    text = doc.analysed
    for match in _LATIN_WORD.finditer(text):
        word, (start, end) = match.group(), match.span()
        if word.casefold() in _latin_stopwords() or not any(ch.isupper() for ch in word):
            continue
        version = _VERSION_AFTER.match(text, end)
        if _known_product(word) and version:
            end, confidence = version.end(), 0.75
        elif _MODEL_NAME.fullmatch(word) or _hyphenated_known_product(word):
            confidence = 0.7
        else:
            continue
        end = _model_name_end(text, end)
        found.append(_mention(doc, start, end, "PRODUCT", "rule.latin_model", confidence))
    return found


def _hyphenated_known_product(word: str) -> bool:
    """A variant of a known product (Qwen-Next), or a known product written with a hyphen (Chat-GPT)."""
    return "-" in word and (_known_product(word.split("-")[0]) or _known_product(word.replace("-", "")))


def _known_product(word: str) -> bool:
    known = gazetteer.lookup(word)
    return known is not None and known.entity_type == "PRODUCT"


_PARAMETER_COUNT = re.compile(r" ?\d+(?:\.\d+)?[BMT](?![A-Za-z0-9])")
_TIER = re.compile(r" ([A-Z][a-z]+)(?![A-Za-z0-9])")


def _model_name_end(text: str, end: int) -> int:
    """The end of a model name after its tiers and parameter count (model_tiers.tsv; 72B, 405B)."""
    while True:
        tier = _TIER.match(text, end)
        if tier and tier.group(1) in first_column("model_tiers.tsv"):
            end = tier.end()
        elif size := _PARAMETER_COUNT.match(text, end):
            end = size.end()
        else:
            return end


_LATIN_ORG_CUES = ("公司", "集团", "创始人", "团队", "旗下", "官宣", "宣布", "推出", "发布")


def latin_names(doc: Doc) -> list[Mention]:
    """`rule.latin_name`: a capitalised Latin word of three letters or more set in Chinese text is a name
    (Anthropic, Datawhale); an organisation when a company cue follows, otherwise OTHER."""
    found = []
    text = doc.analysed
    for match in _LATIN_WORD.finditer(text):
        word, (start, end) = match.group(), match.span()
        if len(word) < 3 or not word[0].isupper() or word.isupper() or _MODEL_NAME.fullmatch(word):
            continue
        if word.casefold() in _latin_stopwords():
            continue
        if not (_CJK.match(text[start - 1 : start]) or _CJK.match(text[end : end + 1])):
            continue  # English passages are not this rule's business
        entity_type = "ORG" if text.startswith(_LATIN_ORG_CUES, end) else "OTHER"
        found.append(_mention(doc, start, end, entity_type, "rule.latin_name", 0.5))
    return found


_BOOK_TITLE = re.compile(r"《([^《》\n]{1,40})》")


def quoted_works(doc: Doc) -> list[Mention]:
    """`rule.quoted_work`: 《X》 is a work; a newspaper or magazine (《人民日报》) is an organisation, and a
    policy or law (《…规划纲要》) is a document the events take care of, not an entity."""
    found = []
    for match in _BOOK_TITLE.finditer(doc.analysed):
        entity_type = title_type(match.group(1))
        if entity_type:
            found.append(_mention(doc, match.start(1), match.end(1), entity_type, "rule.quoted_work", 0.85))
    return found


def title_type(title: str) -> str | None:
    """A title's entity type, whether quoted or tagged as a work: ORG for a newspaper or magazine (人民日报),
    none for a policy or law (the events take care of those), else WORK."""
    if title.endswith(first_column("policy_title_endings.tsv")):
        return None
    return "ORG" if title.endswith(first_column("periodical_suffixes.tsv")) else "WORK"


def named_events(doc: Doc) -> list[Mention]:
    """`rule.named_event`: an event head (大会, 峰会, 博览会 ...) right after a found place, organisation or
    product names an event, joined with the names before it (世界品牌|莫干山|大会)."""
    heads = first_column("named_event_heads.tsv")
    named = sorted(
        (m for m in doc.spans if m.entity_type in ("LOCATION", "ORG", "PRODUCT")), key=lambda m: m.end
    )
    by_end = {m.end: m for m in named}
    found = []
    for word, start, end in doc.words:
        if not word.endswith(heads) or start not in by_end:
            continue
        first = by_end[start]
        while first.start in by_end:  # 世界人工智能|大会: chain names that touch
            first = by_end[first.start]
        opening = _opening_words(doc, first.start)
        found.append(_mention(doc, opening, end, "EVENT", "rule.named_event", 0.8))
    return found


def brands_in_context(doc: Doc) -> list[Mention]:
    """`rule.brand_in_context`: a brand that is also a common word (小米 millet, 苹果 an apple;
    `ambiguous_brands.tsv`) is kept out of the gazetteer's aliases, and the tagger misses it in short
    news sentences (小米宣布推出新款电动汽车). It names its company (the gazetteer's 小米集团) when its
    clause has a business word (`brand_context_words.tsv`: 发布, 股价, 手机) and none of the other sense
    (`brand_other_senses.tsv`: 粥, 种植, 水果)."""
    brands = first_column("ambiguous_brands.tsv")
    found = []
    for word, start, end in doc.words:
        if word not in brands:
            continue
        clause = _clause_around(doc.analysed, start, end)
        business = any(w in clause for w in first_column("brand_context_words.tsv"))
        if not business or any(w in clause for w in first_column("brand_other_senses.tsv")):
            continue
        maker = next(
            (
                m
                for m in (gazetteer.lookup(word + s) for s in ("集团", "公司"))
                if m and m.entity_type == "ORG"
            ),
            None,
        )
        if maker is not None:
            mention = _mention(doc, start, end, "ORG", "rule.brand_in_context", 0.85)
            found.append(replace(mention, canonical_key=maker.entity_key))
    return found


def products_after_category(doc: Doc) -> list[Mention]:
    """`rule.product_after_category`: a Latin name right after a word for a kind of product
    (`product_categories.tsv`: 人工智能平台PAI, 数据库PolarDB) is that product; the tagger, trained on
    newspaper text, has seen few, and an all-capitals name (PAI) is no name to `rule.latin_name`."""
    text, categories = doc.analysed, first_column("product_categories.tsv")
    found = []
    for match in _LATIN_WORD.finditer(text):
        word, (start, end) = match.group(), match.span()
        if len(word) < 2 or not any(ch.isupper() for ch in word) or word.casefold() in _latin_stopwords():
            continue
        if text.endswith(categories, 0, start):
            found.append(_mention(doc, start, end, "PRODUCT", "rule.product_after_category", 0.8))
    return found


# a car's or a phone's model code after its brand: M9, SU7, P70 (letters then digits, nothing after)
_MODEL_CODE = re.compile(r" ?[A-Z]{1,3}\d{1,4}(?![A-Za-z0-9.])")


def brand_model_codes(doc: Doc) -> list[Mention]:
    """`rule.brand_model_code`: a Chinese name found before it and a model code right after (银河 M9, 问界M7,
    小米SU7) name one product when the clause speaks of business (`brand_context_words.tsv`: 上市, 发布,
    汽车); without such a word it is left alone (杭州G20峰会)."""
    text, found = doc.analysed, []
    business = first_column("brand_context_words.tsv")
    for span in doc.spans:
        if span.entity_type == "PERSON" or not _CJK.match(text[span.end - 1 : span.end]):
            continue
        code = _MODEL_CODE.match(text, span.end)
        if code and any(w in _clause_around(text, span.start, code.end()) for w in business):
            found.append(_mention(doc, span.start, code.end(), "PRODUCT", "rule.brand_model_code", 0.8))
    return found


_LIST_TAIL = re.compile(r"等(?![地国省市城区县乡镇村])[^，。；！？,;!?、：:\n的]{0,12}")
_NAME_CHARACTERS = re.compile(r"[\u3400-\u9fffA-Za-z0-9·&]+")


def listed_organisations(doc: Doc) -> list[Mention]:
    """`rule.listed_organisation`: the items of a list joined by 、 and closed by 等 and a word for a kind
    of organisation (`list_heads.tsv`: 包括杭州跃盛、杭州华宇、杭州轩宇等多家产业公司) are organisations:
    the tagger, trained on newspaper text, has never seen most young companies' names and reads 杭州轩宇
    as a place. An item that is an ordinary word (金融、游戏等企业), one place word (北京、上海等地企业) or a
    person already found (张三、李四等公司负责人) is left alone."""
    text, found = doc.analysed, []
    tails = [t for t in _LIST_TAIL.finditer(text) if _ends_in_org_head(doc, t.start() + 1, t.end())]
    if not tails:
        return found
    surnames = read_word_list("surnames.tsv")
    people = {(m.start, m.end) for m in doc.spans if m.entity_type == "PERSON" and text[m.start] in surnames}
    for tail in tails:
        for start, end in _list_items(doc, tail.start()):
            if (start, end) not in people and _names_an_organisation(doc, start, end):
                found.append(_mention(doc, start, end, "ORG", "rule.listed_organisation", 0.85))
    return found


def _words_within(doc: Doc, start: int, end: int) -> list[tuple[str, int, int]]:
    """The words of the doc inside [start, end), found by bisection (a long article has many lists)."""
    first = bisect.bisect_left(doc.words, start, key=lambda w: w[1])
    return list(itertools.takewhile(lambda w: w[2] <= end, doc.words[first:]))


def _ends_in_org_head(doc: Doc, lo: int, hi: int) -> bool:
    """Whether a word of `list_heads.tsv` ends a word of the text within [lo, hi) (家电企业, not 企业家)."""
    ends = {w_end for _, _, w_end in _words_within(doc, lo, hi)}
    found = ((doc.analysed.find(head, lo, hi), head) for head in first_column("list_heads.tsv"))
    return any(at >= 0 and at + len(head) in ends for at, head in found)


def _list_items(doc: Doc, closing: int) -> list[tuple[int, int]]:
    """(start, end) of the items of the 、 list that ends at `closing` (its 等); [] for fewer than two.
    The first item starts after an opener word (`list_openers.tsv`: 包括), else after its clause's
    leading ordinary words."""
    text = doc.analysed
    lo = sentences.clause_start(text, closing)
    cuts = [lo - 1, *(i for i in range(lo, closing) if text[i] == "、"), closing]
    items = [(a + 1, b) for a, b in itertools.pairwise(cuts)]
    if len(items) < 2:
        return []
    first_start, first_end = items[0]
    words = _words_within(doc, first_start, first_end)
    opened = [b for w, _, b in words if w in read_word_list("list_openers.tsv")]
    items[0] = (opened[-1] if opened else _after_ordinary_words(words, first_end), first_end)
    stripped = [
        (a + len(t) - len(t.lstrip()), b - len(t) + len(t.rstrip())) for a, b in items if (t := text[a:b])
    ]
    return [(a, b) for a, b in stripped if b > a]  # 包括 政采云、 数智云科 等: the spaces are no part of them


def _after_ordinary_words(words: list[tuple[str, int, int]], end: int) -> int:
    """Where the first word that is not one of the dictionary's ordinary words starts (目前海尔 -> 海尔)."""
    return next((a for w, a, _ in words if dictionary_class(w) != OTHER_WORD and w.strip()), end)


def _names_an_organisation(doc: Doc, start: int, end: int) -> bool:
    """An item names an organisation unless it is too short or long, holds other than name characters,
    is made of ordinary words only, or is one place word (the caller leaves out people)."""
    if not 2 <= end - start <= 12 or not _NAME_CHARACTERS.fullmatch(doc.analysed, start, end):
        return False
    classes = [dictionary_class(w) for w, _, _ in _words_within(doc, start, end)]
    return any(c != OTHER_WORD for c in classes) and classes != [WORD_CLASSES["ns"]]


def place_runs(doc: Doc) -> list[Mention]:
    """`rule.place_run`: a run of one-character abbreviations of places (`place_runs.tsv`: 北上广深) is one
    place a character, each with its place's gazetteer key (北 is 北京): the tagger reads the run as one
    word, or as nothing. A longer name found over the run (粤港澳大湾区) wins by the overlap policy."""
    found = []
    for run, places in _place_runs():
        at = doc.analysed.find(run)
        while at >= 0:
            for k, entity in enumerate(places):
                mention = _mention(doc, at + k, at + k + 1, "LOCATION", "rule.place_run", 0.85)
                found.append(replace(mention, canonical_key=entity.entity_key))
            at = doc.analysed.find(run, at + len(run))
    return found


@cache
def _place_runs() -> tuple[tuple[str, tuple[gazetteer.Entity, ...]], ...]:
    """(run, its places' gazetteer entities) of `place_runs.tsv`."""
    rows = data_rows(DATA_DIR / "place_runs.tsv")
    return tuple((run, tuple(map(gazetteer.lookup, places.split("|")))) for run, places, _ in rows)


def _clause_around(text: str, start: int, end: int) -> str:
    """The clause holding [start, end), between clause punctuation, without the span itself."""
    return text[sentences.clause_start(text, start) : start] + text[end : sentences.clause_end(text, end)]


_EVENT_NAME_OPENERS = ("世界", "中国", "全国", "国际", "全球", "亚洲")


def _opening_words(doc: Doc, start: int) -> int:
    """Back over words such as 世界, 国际 that open an event's name (世界品牌莫干山大会)."""
    text = doc.analysed
    for opener in _EVENT_NAME_OPENERS:
        for width in range(0, 5):
            at = start - width - len(opener)
            if at >= 0 and text.startswith(opener, at) and _CJK_RUN.fullmatch(text[at + len(opener) : start]):
                return at
    return start


def filter_spans(candidates: list[Mention]) -> list[Mention]:
    """The overlap policy: longest first, then most confident; a span overlapping a kept one is dropped."""
    ordered = sorted(candidates, key=lambda m: (-(m.end - m.start), -m.confidence, m.start))
    taken = bytearray(max((m.end for m in candidates), default=0))
    kept = []
    for mention in ordered:
        if any(taken[mention.start : mention.end]):
            continue
        taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
        kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def known_types(mention: Mention) -> Mention:
    """A surface the gazetteer knows takes the gazetteer's entity and type (通义千问 is a PRODUCT)."""
    entity = gazetteer.lookup(mention.text)
    if entity is None:
        return mention
    return replace(mention, entity_type=entity.entity_type, canonical_key=entity.entity_key)


# what follows a brand in its clause when it names the product: DeepSeek、千问等开源大模型, DeepSeek App
_PRODUCT_AFTER = re.compile(r"[^，。；！？,;!?\n]{0,12}?(?:模型|App|APP|app|应用|助手|手机)")


def company_or_product(doc: Doc, mention: Mention) -> Mention:
    """`rule.brand_company`: a brand the gazetteer lists both as a product and, with 公司/集团, as its maker
    (DeepSeek, DeepSeek公司) names the company unless its clause speaks of a model or an app."""
    if mention.entity_type != "PRODUCT" or _PRODUCT_AFTER.match(doc.analysed, mention.end):
        return mention
    makers = (gazetteer.lookup(mention.text + suffix) for suffix in ("公司", "集团"))
    maker = next((m for m in makers if m is not None and m.entity_type == "ORG"), None)
    if maker is None:
        return mention
    return replace(mention, entity_type="ORG", canonical_key=maker.entity_key)


Component = Callable[[Doc], list[Mention]]
# proposers first; named_events reads what they found
COMPONENTS: tuple[tuple[str, Component], ...] = (
    ("ner.tagger", tagged_names),
    ("rule.gazetteer", gazetteer_names),
    ("rule.latin_model", latin_model_names),
    ("rule.latin_name", latin_names),
    ("rule.english_name", lambda doc: english_names.english_names(doc.text)),
    ("rule.quoted_work", quoted_works),
    ("rule.brand_in_context", brands_in_context),
    ("rule.product_after_category", products_after_category),
    ("rule.brand_model_code", brand_model_codes),
    ("rule.listed_organisation", listed_organisations),
    ("rule.place_run", place_runs),
    ("rule.named_event", named_events),
)


def with_model(folder) -> tuple[tuple[str, Component], ...]:
    """The pipeline with the tagger loaded from another model folder (training scores a new model so)."""
    from pipelines.text.tagger import Tagger

    tagger = Tagger(folder)

    def tagged(doc: Doc) -> list[Mention]:
        return names_from(tagger, [doc])[0]

    tagged.pipe = lambda docs: names_from(tagger, docs)
    return tuple((name, tagged if name == "ner.tagger" else c) for name, c in COMPONENTS)


def recognise_many(texts: list[str], components=COMPONENTS) -> list[list[Mention]]:
    """`recognise` for many texts; components with a `pipe` (the tagger) see them all at once."""
    docs = [make_doc(text) for text in texts]
    live = [doc for doc in docs if doc.text.strip()]
    for _, component in components:
        pipe = getattr(component, "pipe", None)
        batches = pipe(live) if pipe else [component(doc) for doc in live]
        for doc, spans in zip(live, batches, strict=True):
            doc.spans.extend(spans)
    return [
        [company_or_product(doc, known_types(m)) for m in filter_spans(doc.spans) if m.text.strip()]
        for doc in docs
    ]


def recognise(text: str, components=COMPONENTS) -> list[Mention]:
    """All named-entity mentions in `text`, sorted by start and non-overlapping."""
    return recognise_many([text], components)[0]
