"""The entity pipeline: each rule component alone, the overlap policy, and the trained tagger in it."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.text import entities
from pipelines.text.entities import COMPONENTS, filter_spans, make_doc, recognise
from pipelines.text.records import Mention

TYPES = {"PERSON", "ORG", "LOCATION", "PRODUCT", "EVENT", "WORK", "OTHER"}
RULES = tuple((name, c) for name, c in COMPONENTS if name != "ner.tagger")


def found(text: str, components=COMPONENTS) -> set[tuple[str, str]]:
    return {(m.text, m.entity_type) for m in recognise(text, components)}


def run(component, text: str, spans=()) -> list[tuple[str, str, str]]:
    doc = make_doc(text)
    doc.spans.extend(spans)
    return [(m.text, m.entity_type, m.method) for m in component(doc)]


def test_every_component_has_a_rule_id_a_docstring_and_tags_its_spans_with_it():
    names = [name for name, _ in COMPONENTS]
    assert len(names) == len(set(names)) and names[0] == "ner.tagger"
    for name, component in COMPONENTS:
        if name.startswith("rule.") and name != "rule.english_name":
            assert component.__doc__ and f"`{name}`" in component.__doc__, name


def test_gazetteer_aliases_carry_their_canonical_keys():
    doc = make_doc("阿里云推出的Qwen3-Coder，成本只有Claude的一半。")
    mentions = entities.gazetteer_names(doc)
    assert [(m.text, m.entity_type, m.method, m.canonical_key) for m in mentions] == [
        ("阿里云", "ORG", "rule.gazetteer", "org_alibaba_cloud"),
        ("Qwen3-Coder", "PRODUCT", "rule.gazetteer", "prd_qwen3_coder"),
        ("Claude", "PRODUCT", "rule.gazetteer", "prd_claude"),
    ]


def test_a_gazetteer_alias_does_not_match_inside_another_word():
    assert run(entities.gazetteer_names, "白云深处有人家") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("发布了GPT-4o和DeepSeek-R1", [("GPT-4o", "PRODUCT"), ("DeepSeek-R1", "PRODUCT")]),
        ("Meta开源了Llama 3", [("Llama 3", "PRODUCT")]),
        ("AI和API都不是产品", []),
        ("Qwen-Next、Qwen-Image-Edit-2509", [("Qwen-Next", "PRODUCT"), ("Qwen-Image-Edit-2509", "PRODUCT")]),
        ("Qwen2.5 Max發布后超越Llama 3.1 405B", [("Qwen2.5 Max", "PRODUCT"), ("Llama 3.1 405B", "PRODUCT")]),
        ("Claude 3 Opus And more", [("Claude 3 Opus", "PRODUCT")]),  # a tier from the list, not any word
        ("Open-Source和E-mail", []),  # hyphenated words that start with no known product
        # a known product with a hyphen inside: ChatGPT, and the gazetteer's Copilot
        ("距离Chat-GPT发布还有9个月", [("Chat-GPT", "PRODUCT")]),
        ("Co-Pilot和Wi-Fi", [("Co-Pilot", "PRODUCT")]),
    ],
)
def test_latin_model_names_have_a_version(text, expected):
    assert [(t, k) for t, k, _ in run(entities.latin_model_names, text)] == expected


def test_latin_names_in_chinese_text_are_names_and_a_company_cue_makes_them_organisations():
    assert run(entities.latin_names, "Anthropic公司和Datawhale社区") == [
        ("Anthropic", "ORG", "rule.latin_name"),
        ("Datawhale", "OTHER", "rule.latin_name"),
    ]
    assert run(entities.latin_names, "The company said so.") == []


def test_quoted_titles_are_works_periodicals_organisations_and_policies_nothing():
    text = "他读了《三体》和《人民日报》，研究了《浙江省数字经济发展规划》。"
    assert run(entities.quoted_works, text) == [
        ("三体", "WORK", "rule.quoted_work"),
        ("人民日报", "ORG", "rule.quoted_work"),
    ]


def test_a_named_event_joins_the_names_before_its_head():
    text = "他出席了世界品牌莫干山大会。"
    place = Mention(text.index("莫干山"), text.index("莫干山") + 3, "莫干山", "LOCATION", "ner.tagger", 0.8)
    assert run(entities.named_events, text, [place]) == [("世界品牌莫干山大会", "EVENT", "rule.named_event")]
    # a head with no name before it is no event
    assert run(entities.named_events, "今天的大会开得很好", []) == []


def test_english_names_on_bilingual_pages():
    text = "Zhang Mingyuan, 45, founded Hangzhou Robotics in the city of Hangzhou."
    kinds = {m.text: m.entity_type for m in entities.english_names.english_names(text)}
    assert kinds == {"Zhang Mingyuan": "PERSON", "Hangzhou Robotics": "ORG", "Hangzhou": "LOCATION"}


def test_the_overlap_policy_keeps_the_longest_then_the_most_confident():
    a = Mention(0, 4, "阿里巴巴", "ORG", "rule.gazetteer", 0.95)
    b = Mention(0, 6, "阿里巴巴集团", "ORG", "ner.tagger", 0.8)
    c = Mention(4, 6, "集团", "ORG", "ner.tagger", 0.9)
    d = Mention(7, 9, "杭州", "LOCATION", "ner.tagger", 0.8)
    e = Mention(7, 9, "杭州", "ORG", "rule.gazetteer", 0.95)
    assert filter_spans([a, b, c, d, e]) == [b, e]


def test_a_surface_the_gazetteer_knows_takes_its_type():
    mention = Mention(0, 4, "通义千问", "ORG", "ner.tagger", 0.8)
    assert entities.known_types(mention).entity_type == "PRODUCT"


def test_long_text_is_cut_into_sentence_sized_pieces():
    text = "甲" * 450 + "。乙。"
    pieces = entities.pieces(text)
    assert pieces[0] == (0, 200) and pieces[-1] == (451, 453)
    assert "".join(text[s:e] for s, e in pieces) == text


# the trained tagger inside the pipeline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "国务院总理李强在北京会见了联合国秘书长。",
            {("李强", "PERSON"), ("北京", "LOCATION"), ("联合国", "ORG")},
        ),
        ("浙江大学的研究人员在杭州发布了新成果。", {("浙江大学", "ORG"), ("杭州", "LOCATION")}),
        ("新华社记者刘洋报道，北京市教委签署了协议。", {("刘洋", "PERSON"), ("北京市教委", "ORG")}),
    ],
)
def test_the_tagger_finds_people_places_and_organisations(text, expected):
    assert expected <= found(text)


def test_traditional_text_keeps_its_offsets():
    text = "之江實驗室主任王堅說"
    mentions = recognise(text)
    assert [(m.text, m.canonical_key) for m in mentions] == [
        ("之江實驗室", "org_zhejiang_lab"),
        ("王堅", "per_wang_jian"),
    ]


def test_methods_name_the_component_that_found_each_mention():
    methods = {m.method for m in recognise("记者张明远报道，阿里云的王坚在杭州谈Qwen3-Coder。")}
    assert methods <= {name for name, _ in COMPONENTS} and "ner.tagger" in methods


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("阿里巴巴杭州王坚说在了。，《》Qwen3 -\n\u3000A1"), max_size=60))
def test_mentions_are_ordered_disjoint_and_point_at_their_text(text):
    mentions = recognise(text)
    for m in mentions:
        assert text[m.start : m.end] == m.text and m.entity_type in TYPES
    for a, b in zip(mentions, mentions[1:], strict=False):
        assert a.end <= b.start


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" 「硅基研究室", "硅基研究室"),  # an opening bracket with no closing one is not part of the name
        ("吴妈」", "吴妈"),
        ("“鑫诺1号”卫星", "“鑫诺1号”卫星"),  # paired quotes inside a name stay
        ("袁（日希）", "袁（日希）"),
        ("阿里 Qwen", "阿里"),  # Chinese names hold no space
    ],
)
def test_tagged_spans_lose_spaces_and_unpaired_brackets(text, expected):
    start, end = entities.trim_span(text, 0, len(text))
    assert text[start:end] == expected


def test_tagged_spans_without_a_chinese_character_are_left_to_the_latin_rules():
    doc = make_doc("杭州的DeepSeek’s团队说《Nature》")
    heads = {"news": [(0, 2, "LOC"), (3, 13, "ORG")], "web": [(16, 24, "WORK")]}
    assert [(m.text, m.entity_type) for m in entities._tagged(doc, 0, heads)] == [("杭州", "LOCATION")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("辛顿DNNresearch", "辛顿"),  # one Chinese run of two characters: the name
        ("阿里云CTO周靖", ""),  # two Chinese runs: no single name
        ("AI云", ""),  # one character is no name
        ("梁文锋", "梁文锋"),  # no Latin: unchanged
    ],
)
def test_a_tagged_person_is_written_in_one_script(text, expected):
    start, end = entities.chinese_name_part(text, 0, len(text))
    assert text[start:end] == expected


def test_a_tagged_title_is_typed_as_a_quoted_one():
    doc = make_doc("他在《光明日报》发表了实施方案和三体")
    heads = {"news": [], "web": [(2, 8, "WORK"), (11, 15, "WORK"), (16, 18, "WORK")]}
    found = [(m.text, m.entity_type) for m in entities._tagged(doc, 0, heads)]
    assert found == [("光明日报", "ORG"), ("三体", "WORK")]  # a periodical, a policy (no entity), a work


def test_a_brand_shared_by_a_company_and_its_product_is_the_company_unless_a_model_is_meant():
    doc = make_doc("DeepSeek创始人梁文锋说，DeepSeek大模型很强。")
    brand = Mention(0, 8, "DeepSeek", "PRODUCT", "rule.gazetteer", 0.95)
    assert entities.company_or_product(doc, brand).entity_type == "ORG"
    product = Mention(16, 24, "DeepSeek", "PRODUCT", "rule.gazetteer", 0.95)
    assert entities.company_or_product(doc, product).entity_type == "PRODUCT"


def test_a_sentence_gets_the_same_tags_alone_and_among_longer_and_shorter_batch_mates():
    # the network has no sequence lengths: padding a piece to its mates' width changed 122 of the 625
    # seed pieces' tags before batches held only pieces of one length
    from pathlib import Path

    from pipelines.text.entities import entity_tagger, make_doc, pieces

    tagger = entity_tagger()
    seed = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))[0]
    text = seed.read_text(encoding="utf-8")
    doc = make_doc(text)
    rows = tagger.featuriser.joined_features([doc.analysed], [doc.words])
    stretches = [rows[s:e] for s, e in pieces(doc.analysed) if doc.analysed[s:e].strip()]
    assert len({len(r) for r in stretches}) > 10  # mates both longer and shorter than most pieces
    together = tagger.tag(stretches)
    assert any(found["news"] for found in together)
    assert together == [tagger.tag([r])[0] for r in stretches]


@pytest.mark.parametrize(
    "text",
    ["小米宣布推出新款电动汽车。", "3月5日，苹果股价上涨5%。"],
)
def test_a_brand_that_is_also_a_word_names_its_company_in_a_business_clause(text):
    doc = make_doc(text)
    (found,) = entities.brands_in_context(doc)
    assert found.method == "rule.brand_in_context" and found.entity_type == "ORG"
    assert found.canonical_key in {"org_xiaomi", "org_apple"}
    assert any(m.canonical_key == found.canonical_key for m in recognise(text))


@pytest.mark.parametrize("text", ["这里种植小米和大豆，小米粥很好喝。", "每天吃一个苹果。", "苹果熟了。"])
def test_the_common_word_stays_a_word(text):
    assert entities.brands_in_context(make_doc(text)) == []
    assert not [m for m in recognise(text) if m.canonical_key in {"org_xiaomi", "org_apple"}]


@pytest.mark.parametrize(
    "text, product",
    [
        ("阿里云上线了用于模型训练和部署的人工智能平台PAI。", "PAI"),
        ("阿里云发布了数据库PolarDB。", "PolarDB"),
    ],
)
def test_a_latin_name_after_a_kind_of_product_is_that_product(text, product):
    (found,) = entities.products_after_category(make_doc(text))
    assert (found.text, found.entity_type) == (product, "PRODUCT")
    assert found.method == "rule.product_after_category"
    assert any(m.text == product and m.entity_type == "PRODUCT" for m in recognise(text))


def test_a_latin_word_after_another_word_is_no_product():
    assert entities.products_after_category(make_doc("他在会上用PPT介绍了公司。")) == []


@pytest.mark.parametrize(
    "text, product",
    [
        ("吉利在最新的银河 M9 上市通稿里称杭州为AI之城。", "银河 M9"),
        ("小米SU7正式上市，售价21.59万元。", "小米SU7"),
    ],
)
def test_a_name_and_a_model_code_in_a_business_clause_are_one_product(text, product):
    found = [m for m in recognise(text) if m.method == "rule.brand_model_code"]
    assert [(m.text, m.entity_type) for m in found] == [(product, "PRODUCT")]
    # 银河 alone is the gazetteer's Milky Way: without the rule it would be a place
    assert not any(m.entity_type == "LOCATION" and m.text == product.split()[0] for m in recognise(text))


def test_a_place_and_a_code_outside_business_stay_apart():
    assert not [m for m in recognise("2016年杭州G20峰会召开。") if m.method == "rule.brand_model_code"]


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("当时同为美国顶级科技公司的Meta", "美国顶级科技公司", "美国"),
        ("到2032年阿里云全球数据中心的能耗", "阿里云全球数据中心", "阿里云"),
        ("出席中国全国政协会议", "中国全国政协", "中国全国政协"),  # a known name after a known name: one
        ("某某顶级科技公司", "某某顶级科技公司", "某某顶级科技公司"),  # no known name opens it
    ],
)
def test_a_tagged_span_ends_with_the_known_name_a_description_follows(text, span, expected):
    doc = make_doc(text)
    start = text.index(span)
    assert text[start : entities.descriptive_tail(doc, start, start + len(span))] == expected


def test_the_recogniser_names_the_place_before_a_description():
    assert ("美国", "LOCATION") in found("当时同为美国顶级科技公司的Meta要如何应对？")


def _listed(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.entity_type) for m in recognise(text) if m.method == "rule.listed_organisation"]


@pytest.mark.parametrize(
    ("text", "organisations"),
    [
        # the tagger reads 杭州轩宇 as a place and misses the others
        ("吸引了包括杭州跃盛、杭州华宇、杭州轩宇等多家产业公司落户。", ["杭州跃盛", "杭州华宇", "杭州轩宇"]),
        # 政采云 was a person; 数梦工场 is two ordinary words (数, 梦工场)
        ("聚合了包括数梦工场、政采云等一大批涉云企业。", ["政采云"]),
        # 英特尔 is the gazetteer's
        ("阿里云落地后，富士康科技、英特尔等 400 多家企业落户这里。", ["富士康科技"]),
        # the first item starts after 目前; 家电企业 ends in 企业
        ("目前海尔、海信等家电企业纷纷降价。", ["海信"]),
        # spaces around an item are no part of it
        ("包括 政采云、 数智云科 等一大批涉云企业。", ["政采云", "数智云科"]),
    ],
)
def test_the_items_of_a_list_closed_by_a_kind_of_organisation_are_organisations(text, organisations):
    assert _listed(text) == [(name, "ORG") for name in organisations]


@pytest.mark.parametrize(
    "text",
    [
        "包括金融、游戏、医疗等企业参加了展会。",  # ordinary words: kinds of business, not names
        "北京、上海等地的企业纷纷响应。",  # places, and the head belongs to 地的企业
        "张三、李四等公司负责人出席。",  # people with family names
        "马云、马化腾等企业家出席了会议。",  # 企业家 is a person word, not 企业
        "华为等企业发布了新品。",  # one item is no list
    ],
)
def test_lists_of_other_things_are_left_alone(text):
    assert _listed(text) == []


def test_a_run_of_place_abbreviations_is_a_place_a_character_with_its_key():
    found = [(m.text, m.entity_type, m.canonical_key) for m in recognise("北上广深也在持续加码 AI。")]
    assert found == [
        ("北", "LOCATION", "loc_beijing"),
        ("上", "LOCATION", "loc_shanghai"),
        ("广", "LOCATION", "loc_guangzhou"),
        ("深", "LOCATION", "loc_shenzhen"),
    ]
    # a longer name over the run wins by the overlap policy
    assert [m.text for m in recognise("粤港澳大湾区建设提速。")] == ["粤港澳大湾区"]


def test_every_place_run_names_as_many_gazetteer_places_as_it_has_characters():
    from pipelines.text.features import DATA_DIR, data_rows
    from pipelines.text.gazetteer import lookup

    rows = list(data_rows(DATA_DIR / "place_runs.tsv"))
    assert rows
    for run, places, example in rows:
        entities = [lookup(name) for name in places.split("|")]
        assert len(entities) == len(run) and run in example, run
        assert all(e is not None and e.entity_type == "LOCATION" for e in entities), run
