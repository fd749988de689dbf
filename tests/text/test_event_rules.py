"""The small named rules over the event tagger's output (`pipelines.text.event_rules`)."""

import csv

from pipelines.text import event_model, event_rules
from pipelines.text.event_rules import Found
from pipelines.text.records import Argument


def at(text: str, word: str, event_type: str, arguments=()) -> Found:
    start = text.index(word)
    return Found(event_type, start, start + len(word), tuple(arguments))


def arg(text: str, role: str, surface: str) -> Argument:
    start = text.index(surface)
    return Argument(role, surface, start, start + len(surface))


def span(text: str, event: Found) -> str:
    return text[event.start : event.end]


def test_lexicon_extent_widens_to_a_word_named_whole_and_drops_a_cut_character_past_a_trigger_word():
    text = "喀布尔发生一起恐怖袭击，又发生一起交通事故和一起追尾事故。"
    widen = event_rules.lexicon_extent
    assert span(text, widen(text, at(text, "袭击", "灾害/意外-袭击"), 0, len(text))) == "恐怖袭击"
    assert span(text, widen(text, at(text, "交通事", "灾害/意外-车祸"), 0, len(text))) == "交通事故"
    assert span(text, widen(text, at(text, "追尾事", "灾害/意外-车祸"), 0, len(text))) == "追尾"
    # DuEE names 立案 inside 立案调查: a trigger word of its own is left as it is
    other = "警方对此立案调查。"
    assert span(other, widen(other, at(other, "立案", "司法行为-立案"), 0, len(other))) == "立案"


def test_no_event_word_inside_block_words_and_titles():
    text = "华为召开新闻发布会，宣读了《关于发布新品的说明》，随后发布了新手机。"
    assert event_rules.no_event_word(text, at(text, "发布会", "产品行为-发布"), 0, len(text))
    inside_title = text.index("发布新品")
    title_event = Found("产品行为-发布", inside_title, inside_title + 2, ())
    assert event_rules.no_event_word(text, title_event, 0, len(text))
    last = text.rindex("发布")
    assert not event_rules.no_event_word(text, Found("产品行为-发布", last, last + 2, ()), 0, len(text))


def test_a_release_of_a_policy_is_a_policy_release_with_its_roles_renamed():
    text = "国务院发布《数据安全实施方案》。"
    event = at(text, "发布", "产品行为-发布", [arg(text, "发布方", "国务院")])
    policy = event_rules.policy_release(text, event, 0, len(text))
    assert policy.event_type == "政策行为-发布"
    assert [(a.role, a.text) for a in policy.arguments] == [("发布机构", "国务院")]
    product = "华为发布《鸿蒙》新版本。"
    event = at(product, "发布", "产品行为-发布", [arg(product, "发布方", "华为")])
    assert event_rules.policy_release(product, event, 0, len(product)) == event
    untitled = "人社部发布十项稳就业措施。"
    named = at(untitled, "发布", "产品行为-发布", [arg(untitled, "发布产品", "十项稳就业措施")])
    assert event_rules.policy_release(untitled, named, 0, len(untitled)).arguments[0].role == "政策名称"
    # a quoted name, a title with a note after its name, the words right after the trigger
    for text in (
        "我省发布“新消费品牌塑造计划”。",
        "《实施方案（2025年版）（征求意见稿）》 正式发布。",
        "我省发布新消费品牌塑造计划 推动",
    ):
        bare = at(text, "发布", "产品行为-发布")
        assert event_rules.policy_release(text, bare, 0, len(text)).event_type == "政策行为-发布", text


def test_open_source_is_an_event_as_a_verb_only():
    def verbs(text: str) -> list[str]:
        return [text[a:b] + text[b : b + 1] for a, b in event_rules.open_source(text, 0, len(text))]

    assert verbs("Qwen3-Coder不仅开源,可以免费商用。") == ["开源,"]
    assert verbs("通义在凌晨共计开源了 12 个模型。") == ["开源了"]
    assert verbs("DeepSeek-R1上线当天同步开源全部模型权重。") == ["开源全"]
    assert verbs("阿里发布两款开源大模型，着力营造开源开放生态，确立“开源、降本”原则。") == []
    assert verbs("探寻AI开源背后的战略深意。") == []
    assert event_rules.read_as("产品行为-开源") == (
        "产品行为-发布",
        {"时间": "时间", "发布方": "开源方", "发布产品": "开源产品"},
    )
    assert event_rules.read_as("组织关系-裁员") == ("组织关系-裁员", {})


def test_a_counted_death_in_a_disaster_sentence_is_its_casualty_count():
    text = "昨日发生一起车祸，造成6人死亡。"
    crash, death = at(text, "车祸", "灾害/意外-车祸"), at(text, "死亡", "人生-死亡")
    assert event_rules.casualty_count(text, [crash, death], 0) == [crash]
    named = "昨日发生一起车祸，司机张某死亡。"
    crash, death = (
        at(named, "车祸", "灾害/意外-车祸"),
        at(named, "死亡", "人生-死亡", [arg(named, "死者", "张某")]),
    )
    assert event_rules.casualty_count(named, [crash, death], 0) == [crash, death]
    alone = "该事件造成6人死亡。"
    assert event_rules.casualty_count(alone, [at(alone, "死亡", "人生-死亡")], 0) == [
        at(alone, "死亡", "人生-死亡")
    ]


def test_every_data_row_names_known_types_and_roles_and_carries_an_example():
    roles = event_model.taxonomy()
    with event_rules.RETYPED_FILE.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            assert row["from_role"] in roles[row["from_type"]] and row["to_role"] in roles[row["to_type"]]
            assert row["example"], row
    for event_type, words in event_rules.whole_triggers().items():
        assert event_type in roles and words
    for name in ("events/whole_triggers.tsv", "events/policy_words.tsv"):
        rows = (event_rules.DATA_DIR / name).read_text(encoding="utf-8").splitlines()
        assert all(r.split("\t")[-1] for r in rows if r.strip() and not r.startswith("#"))


def test_cooperation_after_a_verb_of_furthering_is_a_programme():
    programme = "两国同意加强经贸交流与合作。"
    assert event_rules.cooperation_programme(programme, at(programme, "合作", "组织关系-合作"), 0)
    event = "阿里与浙江大学开展合作，共建实验室。"
    assert not event_rules.cooperation_programme(event, at(event, "合作", "组织关系-合作"), 0)
    # a furthering verb in an earlier clause does not reach it
    earlier = "双方希望加强联系，华为与小米合作推出新品。"
    assert not event_rules.cooperation_programme(earlier, at(earlier, "合作", "组织关系-合作"), 0)
