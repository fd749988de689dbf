"""Each named component of the rule-based event extractor (`pipelines.text.events`) on a small sentence.

Every case says what its component gives, and `test_the_component_is_what_gives_it` runs the same sentence
without that component (dropped from its rule list, or made to find nothing) and checks the output changes:
a component no case needs would be dead weight.
"""

from __future__ import annotations

import pytest

from pipelines.text import events as E
from pipelines.text.records import Mention, Sentence


def mention(text: str, surface: str, entity_type: str) -> Mention:
    start = text.index(surface)
    return Mention(start, start + len(surface), surface, entity_type, "test", 1.0)


def run(text: str, names: tuple[tuple[str, str], ...] = ()) -> list[tuple]:
    """(type, trigger, {role: argument}, amount) of each event of the one-sentence text."""
    mentions = [mention(text, surface, kind) for surface, kind in names]
    found = E._find_events(text, [Sentence(0, len(text))], mentions, None)
    return [(e.event_type, e.trigger, {a.role: a.text for a in e.arguments}, e.amount_value) for e in found]


def types(text: str, names=()) -> list[tuple[str, str]]:
    return [(t, trigger) for t, trigger, _, _ in run(text, names)]


def roles(text: str, names=(), k: int = 0) -> dict[str, str]:
    return run(text, names)[k][2]


def arguments(text: str, names=()) -> list[tuple[str, str]]:
    """(role, argument) of the first event, in text order (a role may have several)."""
    mentions = [mention(text, surface, kind) for surface, kind in names]
    (first, *_) = E._find_events(text, [Sentence(0, len(text))], mentions, None)
    return [(a.role, a.text) for a in first.arguments]


PERSON, ORG, PRODUCT, LOCATION = "PERSON", "ORG", "PRODUCT", "LOCATION"

# rule id -> (sentence, names, what the component gives)
CASES = {
    # type choice
    "type.topic": ("关于降价的问题，公司没有回应。", (), lambda t, n: types(t, n) == []),
    "type.prevented": ("为防止裁员，工会正在想办法。", (), lambda t, n: types(t, n) == []),
    "type.generic_claim": (
        "中国与美国的合作有利于世界。",
        (("中国", LOCATION), ("美国", LOCATION)),
        lambda t, n: types(t, n) == [],
    ),
    "type.guarded": ("学校组织学生参观。", (), lambda t, n: types(t, n) == []),
    "type.policy_release": (
        "国务院发布《关于促进消费的实施方案》。",
        (),
        lambda t, n: types(t, n) == [("政策行为-发布", "发布")],
    ),
    "type.product_release": ("公司发布了财报。", (), lambda t, n: types(t, n) == []),
    "type.open_source": ("阿里云开源的模型很多。", (("阿里云", ORG),), lambda t, n: types(t, n) == []),
    "type.listing": (
        "小米新车上市。",
        (("小米", ORG),),
        lambda t, n: types(t, n) == [("产品行为-发布", "上市")],
    ),
    "type.founding": ("这个说法能否成立还不好说。", (), lambda t, n: types(t, n) == []),
    "type.financing": ("企业融资需要更多支持。", (), lambda t, n: types(t, n) == []),
    "type.investment": ("公司加大投入。", (), lambda t, n: types(t, n) == []),
    "type.price_rise": ("今天气温上涨。", (), lambda t, n: types(t, n) == []),
    "type.price_fall": ("今年粮食产量下降。", (), lambda t, n: types(t, n) == []),
    "type.market_value": ("公司市值很高。", (), lambda t, n: types(t, n) == []),
    "type.car_crash": ("两颗彗星相撞。", (), lambda t, n: types(t, n) == []),
    "type.signing": (
        "阿里巴巴与浙江大学签约。",
        (("阿里巴巴", ORG), ("浙江大学", ORG)),
        lambda t, n: types(t, n) == [("组织关系-合作", "签约")],
    ),
    "type.joining": ("他加入了一些糖。", (), lambda t, n: types(t, n) == []),
    "type.leaving": ("他退出了舞台。", (), lambda t, n: types(t, n) == []),
    "type.championship": ("他是上届冠军。", (), lambda t, n: types(t, n) == []),
    "type.win_loss": ("旧设备被逐步淘汰。", (), lambda t, n: types(t, n) == []),
    "type.birthday": ("他的生日是五月。", (), lambda t, n: types(t, n) == []),
    "type.fine": ("他受到处分和处罚。", (), lambda t, n: types(t, n) == []),
    "type.award": ("他入选国家队。", (), lambda t, n: types(t, n) == []),
    "type.cooperation": ("两国将加强交流与合作。", (), lambda t, n: types(t, n) == []),
    "type.elected": ("他当选年度人物。", (), lambda t, n: types(t, n) == []),
    "type.not_held": ("他们举行了婚礼。", (), lambda t, n: ("组织行为-举办", "举行") not in types(t, n)),
    # roles: which is the agent and which the patient
    "roles.frame": (
        "Meta发布了Llama 1。",
        (("Meta", ORG), ("Llama 1", PRODUCT)),
        lambda t, n: roles(t, n) == {"发布方": "Meta", "发布产品": "Llama 1"},
    ),
    # 张三和李四 are both suspended: the person role is the agent slot, which takes coordinated names
    "roles.person_first": (
        "阿里巴巴的张三和李四停职。",
        (("阿里巴巴", ORG), ("张三", PERSON), ("李四", PERSON)),
        lambda t, n: (
            arguments(t, n) == [("所属组织", "阿里巴巴"), ("停职人员", "张三"), ("停职人员", "李四")]
        ),
    ),
    "roles.sale_direction": (
        "腾讯出售了搜狗。",
        (("腾讯", ORG), ("搜狗", ORG)),
        lambda t, n: roles(t, n) == {"出售方": "腾讯", "交易物": "搜狗"},
    ),
    "roles.passive_death": (
        "张三被李四杀害。",
        (("张三", PERSON), ("李四", PERSON)),
        lambda t, n: roles(t, n) == {"死者": "张三"},
    ),
    "roles.win_loss": (
        "湖人负于勇士。",
        (("湖人", ORG), ("勇士", ORG)),
        lambda t, n: roles(t, n) == {"败者": "湖人", "胜者": "勇士"},
    ),
    "roles.founded_org": (
        "阿里巴巴正式成立。",
        (("阿里巴巴", ORG),),
        lambda t, n: roles(t, n) == {"成立组织": "阿里巴巴"},
    ),
    # participants
    "args.passive": (
        "张三被警方拘捕。",
        (("张三", PERSON), ("警方", ORG)),
        lambda t, n: roles(t, n) == {"被拘捕者": "张三", "拘捕者": "警方"},
    ),
    "args.agent": (
        "百度和腾讯发布了新系统。",
        (("百度", ORG), ("腾讯", ORG)),
        lambda t, n: [a for a in run(t, n)[0][2]] == ["发布方"] and run(t, n)[0][2]["发布方"] == "腾讯",
    ),
    "agent.after_de": (
        "担任阿里云CTO的周靖人表示",
        (("阿里云", ORG), ("周靖人", PERSON)),
        lambda t, n: roles(t, n).get("任职者") == "周靖人",
    ),
    "agent.product_subject": (
        "DeepSeek发布了一款系统。",
        (("DeepSeek", PRODUCT),),
        lambda t, n: roles(t, n).get("发布方") == "DeepSeek",
    ),
    "agent.region_subject": (
        "浙江又投资近亿元。",
        (("浙江", LOCATION),),
        lambda t, n: roles(t, n).get("投资方") == "浙江",
    ),
    "args.patient": (
        "百度发布了文心一言。",
        (("百度", ORG), ("文心一言", PRODUCT)),
        lambda t, n: roles(t, n).get("发布产品") == "文心一言",
    ),
    "patient.marked_before": (
        "市场监管局对阿里巴巴罚款182亿元。",
        (("市场监管局", ORG), ("阿里巴巴", ORG)),
        lambda t, n: roles(t, n).get("罚款对象") == "阿里巴巴",
    ),
    "patient.before_nominal": (
        "Qwen3-Coder的发布改变了编程的游戏规则。",
        (),
        lambda t, n: roles(t, n) == {"发布产品": "Qwen3-Coder"},
    ),
    "args.second_agents": (
        "阿里巴巴的张三停职。",
        (("阿里巴巴", ORG), ("张三", PERSON)),
        lambda t, n: roles(t, n).get("所属组织") == "阿里巴巴",
    ),
    # slots
    "args.slots": (
        "2023年2月，Meta发布了Llama 1。",
        (("Meta", ORG), ("Llama 1", PRODUCT)),
        lambda t, n: roles(t, n).get("时间") == "2023年2月",
    ),
    "slot.time": (
        "百度不久前发布了文心一言。",
        (("百度", ORG), ("文心一言", PRODUCT)),
        lambda t, n: roles(t, n).get("时间") == "不久前",
    ),
    "place.at_verb": (
        "习近平在京会见普京。",
        (("习近平", PERSON), ("普京", PERSON)),
        lambda t, n: roles(t, n).get("地点") == "京",
    ),
    "place.epicentre": (
        "云南发生5.0级地震，震中位于盈江县。",
        (("云南", LOCATION), ("盈江县", LOCATION)),
        lambda t, n: roles(t, n).get("震中") == "盈江县",
    ),
    "place.named": (
        "盈江县发生5.0级地震。",
        (("盈江县", LOCATION),),
        lambda t, n: roles(t, n).get("震中") == "盈江县",
    ),
    "slot.casualties": (
        "一辆大巴发生车祸，造成3人死亡。",
        (),
        lambda t, n: roles(t, n).get("死亡人数") == "3人",
    ),
    "slot.people": ("公司宣布裁员500人。", (), lambda t, n: roles(t, n).get("裁员人数") == "500人"),
    "slot.pattern": (
        "盈江县发生5.0级地震。",
        (("盈江县", LOCATION),),
        lambda t, n: roles(t, n).get("震级") == "5.0级",
    ),
    "slot.titled": (
        "《中国在发展》图片展在京开幕。",
        (),
        lambda t, n: roles(t, n).get("活动名称") == "《中国在发展》图片展",
    ),
    "slot.money": (
        "腾讯以10亿元收购了搜狗。",
        (("腾讯", ORG), ("搜狗", ORG)),
        lambda t, n: roles(t, n).get("出售价格") == "10亿元" and run(t, n)[0][3] is not None,
    ),
    "money.loose": (
        "浙江又投资近亿元。",
        (("浙江", LOCATION),),
        lambda t, n: roles(t, n).get("投资金额") == "近亿元",
    ),
    "money.named": (
        "本轮融资由腾讯领投，阿里巴巴跟投，融资金额达5亿元。",
        (("腾讯", ORG), ("阿里巴巴", ORG)),
        lambda t, n: roles(t, n).get("融资金额") == "5亿元" and run(t, n)[0][3] is not None,
    ),
    "slot.change": ("汽油价格上涨5%。", (), lambda t, n: roles(t, n).get("涨价幅度") == "5%"),
    "slot.pair": (
        "张三李四结婚。",
        (("张三", PERSON), ("李四", PERSON)),
        lambda t, n: arguments(t, n) == [("结婚双方", "张三"), ("结婚双方", "李四")],
    ),
    # per-type frames
    "args.bare_object": (
        "谷歌买下了冠名权",
        (("谷歌", ORG),),
        lambda t, n: roles(t, n).get("交易物") == "冠名权",
    ),
    "args.post_holder": (
        "他担任云南省梁河县副县长。",
        (("云南省", LOCATION), ("梁河县", LOCATION)),
        lambda t, n: roles(t, n).get("任职机构") == "云南省梁河县",
    ),
    "args.lead_investors": (
        "字节完成1亿元A轮融资，红杉资本领投，高瓴跟投。",
        (("字节", ORG), ("红杉资本", ORG), ("高瓴", ORG)),
        lambda t, n: (roles(t, n).get("领投方"), roles(t, n).get("跟投方")) == ("红杉资本", "高瓴"),
    ),
    "args.investment_received": (
        "月之暗面获得腾讯投资。",
        (("月之暗面", ORG), ("腾讯", ORG)),
        lambda t, n: roles(t, n) == {"投资对象": "月之暗面", "投资方": "腾讯"},
    ),
    "args.counted_dead": ("昨天两人死亡。", (), lambda t, n: roles(t, n).get("死者") == "两人"),
    "args.passive_victim": ("这名婴儿是上周被枪杀的。", (), lambda t, n: roles(t, n).get("死者") == "婴儿"),
    "args.priced_thing": (
        "本月的大米价格从每斤三元降到两元八角。",
        (),
        lambda t, n: roles(t, n).get("降价物") == "大米",
    ),
    "args.clause_money": ("汽油价格每升上涨0.2元。", (), lambda t, n: run(t, n)[0][3] is not None),
}

# components that are no entry of a rule list, and the module functions that hold them
_HELPERS = {
    "place.at_verb": "_place_at_verb",
    "place.epicentre": "_place_epicentre",
    "place.named": "_place_named",
    "slot.titled": "_titled",
    "money.loose": "_loose_money",
    "money.named": "_named_money",
}
_SLOTS = {
    "slot.time": ("time",),
    "slot.casualties": ("dead", "injured"),
    "slot.people": ("people",),
    "slot.pattern": tuple(E._SLOT_PATTERNS),
    "slot.money": ("money",),
    "slot.change": ("change",),
    "slot.pair": ("pair",),
}
_LISTS = ("TYPE_RULES", "ROLE_RULES", "ARGUMENT_RULES", "AGENT_FALLBACKS", "PATIENT_FALLBACKS")


def _drop(monkeypatch, rule_id: str) -> None:
    """Run without the component `rule_id`."""
    if rule_id in _HELPERS:
        monkeypatch.setattr(E, _HELPERS[rule_id], lambda *args: None)
    elif rule_id in _SLOTS:
        kept = {k: v for k, v in E.SLOT_FILLERS.items() if k not in _SLOTS[rule_id]}
        monkeypatch.setattr(E, "SLOT_FILLERS", kept)
    else:
        name = next(n for n in _LISTS if rule_id in dict(getattr(E, n)))
        monkeypatch.setattr(E, name, tuple(r for r in getattr(E, name) if r[0] != rule_id))


def test_every_component_has_a_case():
    listed = {rule_id for name in _LISTS for rule_id, _ in getattr(E, name)}
    assert listed | set(_HELPERS) | set(_SLOTS) == set(CASES)


def test_every_component_says_why():
    for name in _LISTS:
        for rule_id, rule in getattr(E, name):
            assert rule.__doc__ and rule.__doc__.startswith(rule_id + ":"), rule_id


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_the_component_gives_its_case(rule_id):
    text, names, gives = CASES[rule_id]
    assert gives(text, names), (rule_id, run(text, names))


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_the_component_is_what_gives_it(rule_id, monkeypatch):
    text, names, gives = CASES[rule_id]
    with_it = run(text, names)
    _drop(monkeypatch, rule_id)
    assert run(text, names) != with_it or not gives(text, names), rule_id


def test_type_rules_run_in_order_and_the_heaviest_type_is_the_default():
    context = E._TriggerContext(
        "签约", (("组织关系-加盟", 0.75), ("组织关系-合作", 0.75)), "双方签约。", 2, 4, 0, 4, 0, 5, []
    )
    assert E.type_decision(context) == ("type.signing", ("组织关系-合作", 0.75))
    context = E._TriggerContext("地震", (("灾害/意外-地震", 0.9),), "发生地震。", 2, 4, 0, 4, 0, 5, [])
    assert E.type_decision(context) == ("type.heaviest", ("灾害/意外-地震", 0.9))


def test_trigger_classes_are_lexicon_triggers_with_an_example_each():
    lexicon = E.trigger_lexicon()
    rows = [line.split("\t") for line in E.CLASSES_FILE.read_text(encoding="utf-8").splitlines()]
    rows = [row for row in rows if row[0] and not row[0].startswith("#")]
    assert {kind for kind, _, _ in rows} == {"sale", "loss", "money_only_invest", "appear", "nominal"}
    for kind, word, example in rows:
        assert word in example, (kind, word)
        assert word in lexicon and lexicon[word][0][0] != E.BLOCK, (kind, word)
    wanted = {"sale": "财经/交易-出售/收购", "loss": "竞赛行为-胜负", "appear": "产品行为-发布"}
    for kind, event_type in wanted.items():
        assert all(event_type in dict(lexicon[w]) for w in E.trigger_classes()[kind]), kind


def test_joined_follow_on_investors_all_follow():
    text = "本轮融资由红杉中国领投，腾讯和阿里巴巴跟投。"
    names = (("红杉中国", ORG), ("腾讯", ORG), ("阿里巴巴", ORG))
    assert arguments(text, names) == [("领投方", "红杉中国"), ("跟投方", "腾讯"), ("跟投方", "阿里巴巴")]


@pytest.mark.parametrize(
    "text, names, expected",
    [
        (
            "月之暗面获阿里巴巴的战略投资。",
            (("月之暗面", ORG), ("阿里巴巴", ORG)),
            [("财经/交易-投资", "投资")],
        ),
        ("他获得了很多投资。", (), []),  # no named investor: no event
        ("本轮融资由红杉中国领投。", (("红杉中国", ORG),), [("财经/交易-融资", "融资")]),
        ("融资难的问题仍然存在。", (), []),
    ],
)
def test_an_investment_received_and_a_round_with_its_investors_are_events(text, names, expected):
    assert types(text, names) == expected
