import csv
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.text.events import BLOCK, TAXONOMY_FILE, _candidates, event_roles, find_events, trigger_lexicon
from pipelines.text.records import EventMention, Mention, Sentence


def mention(text: str, surface: str, entity_type: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(start, start + len(surface), surface, entity_type, "test", 1.0)


def events(text: str, mentions: list[Mention] = (), anchor: date | None = None) -> list[EventMention]:
    return find_events(text, [Sentence(0, len(text))], list(mentions), anchor)


def args(event: EventMention) -> dict[str, str]:
    return {a.role: a.text for a in event.arguments}


def test_lexicon_types_are_the_taxonomy_and_cover_it():
    with TAXONOMY_FILE.open(encoding="utf-8") as f:
        taxonomy = {row["event_type"] for row in csv.DictReader(f)}
    lexicon_types = {t for options in trigger_lexicon().values() for t, _ in options} - {BLOCK}
    assert lexicon_types == taxonomy == set(event_roles())


def test_product_release_with_agent_product_and_date():
    text = "2023年2月，Meta发布了自己的Llama 1。"
    found = events(text, [mention(text, "Meta", "ORG"), mention(text, "Llama 1", "PRODUCT")])
    assert [(e.event_type, e.trigger) for e in found] == [("产品行为-发布", "发布")]
    e = found[0]
    assert args(e) == {"时间": "2023年2月", "发布方": "Meta", "发布产品": "Llama 1"}
    assert (e.date, e.date_precision, e.date_text) == ("2023-02", "month", "2023年2月")
    assert text[e.trigger_start : e.trigger_end] == "发布"
    assert 0 < e.confidence <= 1


def test_nominal_release_takes_the_product_before_the_trigger():
    text = "Qwen3-Coder的发布改变了编程的游戏规则。"
    (e,) = events(text)
    assert (e.event_type, args(e)) == ("产品行为-发布", {"发布产品": "Qwen3-Coder"})


def test_press_conference_and_titles_state_no_release():
    assert events("省长在新闻发布会上表示，要营造开源生态。") == []
    assert events("他写了一本书《如何发布产品》。") == []
    text = "百度召开新闻发布会，发布了文心一言。"
    found = events(text, [mention(text, "百度", "ORG"), mention(text, "文心一言", "PRODUCT")])
    assert [(e.event_type, e.trigger_start) for e in found] == [("产品行为-发布", 10)]


def test_policy_release_by_a_government_body():
    text = "我省发布“新消费品牌塑造计划”，推动品牌建设。"
    (e,) = events(text)
    assert e.event_type == "政策行为-发布"
    assert args(e)["政策名称"] == "新消费品牌塑造计划"
    text = "按照最近发布的《实施方案》，年底前杭州要培育大模型。"
    (e,) = events(text, anchor=date(2025, 7, 31))
    assert (e.event_type, args(e)["政策名称"]) == ("政策行为-发布", "实施方案")


def test_founding_of_an_org_not_of_a_claim():
    text = "2023年7月，杭州深度求索公司成立，确立开源原则。"
    (e,) = events(text, [mention(text, "杭州深度求索公司", "ORG")])
    assert e.event_type == "组织关系-成立"
    assert args(e) == {"时间": "2023年7月", "成立组织": "杭州深度求索公司"}
    assert events("这一说法能否成立，还需要观察。") == []


def test_investment_needs_money_and_fills_amount():
    text = "阿里在今年 2 月宣布三年将 3800 亿人民币砸向 AI 基础设施。"
    (e,) = events(text, [mention(text, "阿里", "ORG")], anchor=date(2025, 9, 24))
    assert e.event_type == "财经/交易-投资"
    assert (e.amount_value, e.amount_currency) == (3.8e11, "CNY")
    assert args(e)["投资方"] == "阿里" and args(e)["投资金额"] == "3800 亿人民币"
    assert e.date == "2025-02"
    assert events("我们可以把更多时间和精力投入到生物学问题本身。") == []


def test_financing_round_and_amount():
    text = "9月3日，Anthropic官宣完成130亿美元F轮融资。"
    (e,) = events(text, [mention(text, "Anthropic", "ORG")], anchor=date(2025, 9, 10))
    assert e.event_type == "财经/交易-融资"
    assert args(e) == {"时间": "9月3日", "融资方": "Anthropic", "融资金额": "130亿美元", "融资轮次": "F轮"}
    assert e.date == "2025-09-03"


def test_modality():
    text = "百度在2013年收购DNNresearch未果。"
    assert events(text)[0].modality == "negated"
    assert events("小米计划明年发布新款手机。")[0].modality == "planned"
    assert events("如果苹果发布新款手机，价格会更高。")[0].modality == "hypothetical"
    assert events("华为没有发布新款手机。")[0].modality == "negated"
    assert events("华为今天发布新款手机。")[0].modality == "asserted"


def test_disaster_with_casualty_counts_absorbs_the_deaths():
    text = "今日凌晨，广西柳州市鹿寨县发生特大交通事故，造成十人当场死亡，二人受重伤。"
    found = events(
        text, [mention(text, "广西", "LOCATION"), mention(text, "柳州市", "LOCATION")], date(2008, 3, 27)
    )
    assert [e.event_type for e in found] == ["灾害/意外-车祸"]
    a = args(found[0])
    assert a["死亡人数"] == "十人" and a["受伤人数"] == "二人" and a["时间"] == "今日凌晨"
    assert a["地点"] == "广西柳州市鹿寨县"
    assert found[0].date == "2008-03-27"


def test_earthquake_figures_and_dateline_is_not_the_event_date():
    text = "新华网昆明8月20日电，北京时间8月19日5时35分，云南省盈江县发生5.0级地震，震源深度10千米。"
    (e,) = events(
        text, [mention(text, "云南省", "LOCATION"), mention(text, "盈江县", "LOCATION")], date(2008, 8, 20)
    )
    a = args(e)
    assert (a["震级"], a["震源深度"], a["震中"]) == ("5.0级", "10千米", "云南省盈江县")
    assert e.date == "2008-08-19"


def test_passive_arrest_turns_the_roles_around():
    text = "张某被警方抓获。"
    (e,) = events(text, [mention(text, "张某", "PERSON"), mention(text, "警方", "ORG")])
    assert e.event_type == "司法行为-拘捕"
    assert args(e) == {"被拘捕者": "张某", "拘捕者": "警方"}


def test_a_repeated_trigger_is_one_event_but_distinct_participants_are_two():
    text = "阿里发布了新模型，这次发布引起关注。"
    assert len(events(text, [mention(text, "阿里", "ORG")])) == 1
    text = "阿里发布了Qwen2.5，Meta同期发布了Llama 3.1。"
    found = events(text, [mention(text, "阿里", "ORG"), mention(text, "Meta", "ORG")])
    assert [args(e).get("发布方") for e in found] == ["阿里", "Meta"]


def test_sidebar_headings_are_skipped():
    text = "相关阅读：华为发布新款手机"
    assert events(text) == []


def test_sentence_index_and_offsets_follow_the_sentences():
    text = "天气很好。小米发布了新手机。"
    found = find_events(text, [Sentence(0, 5), Sentence(5, len(text))], [], None)
    assert [(e.sentence_index, text[e.trigger_start : e.trigger_end]) for e in found] == [(1, "发布")]


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet="发布成立收购融资地震死亡被未将如果《》“”，。亿元人名0123456789年月日ABC ", max_size=60)
)
def test_never_raises_on_arbitrary_text(text):
    sentences = [Sentence(0, len(text))] if text else []
    for e in find_events(text, sentences, [], date(2025, 1, 1)):
        assert text[e.trigger_start : e.trigger_end] == e.trigger
        assert 0.0 <= e.confidence <= 1.0
        for a in e.arguments:
            assert text[a.start : a.end] == a.text
            assert a.role in event_roles()[e.event_type]


def test_coordinated_parties_are_all_arguments():
    text = "阿里巴巴与之江实验室、浙江大学开展合作。"
    found = events(text, [mention(text, n, "ORG") for n in ("阿里巴巴", "之江实验室", "浙江大学")])
    (e,) = found
    assert e.event_type == "组织关系-合作"
    assert sorted(a.text for a in e.arguments if a.role == "合作方") == ["之江实验室", "浙江大学", "阿里巴巴"]


def test_money_of_the_trigger_clause_wins_and_latin_names_stay_whole():
    text = "Anthropic完成130亿美元F轮融资，投后估值1830亿美元。"
    (e,) = events(text, [mention(text, "Anthropic", "ORG")])
    assert (args(e)["融资金额"], e.amount_value) == ("130亿美元", 1.3e10)
    text = "Meta同期发布了Llama 3.1 405B大模型。"
    (e,) = events(text, [mention(text, "Meta", "ORG"), mention(text, "Llama", "PRODUCT")])
    assert args(e)["发布产品"] == "Llama 3.1 405B"


# ---------------------------------------------------------------- argument attachment rules


def test_a_title_keeps_its_punctuation_and_the_names_inside_it():
    text = "去年,游戏科学发布了中国首款风靡全球的大制作电子游戏《黑神话:悟空》。"
    (e,) = events(text, [mention(text, "游戏科学", "ORG"), mention(text, "黑神话:悟空", "WORK")])
    assert args(e)["发布产品"] == "黑神话:悟空"  # the ： inside 《》 ends no clause
    text = "今年4月,《杭州市人工智能产业发展实施方案 (2025 年版)》正式发布。"
    (e,) = events(text, [mention(text, "杭州市", "LOCATION")])
    assert args(e) == {"时间": "今年4月", "政策名称": "杭州市人工智能产业发展实施方案 (2025 年版)"}


def test_a_name_after_an_organisation_noun_is_that_organisation():
    text = "林沅霖在浙大读书时就创办了自己的公司Zeabur。"
    found = [
        mention(text, "林沅霖", "PERSON"),
        mention(text, "浙大", "ORG"),
        mention(text, "Zeabur", "OTHER"),
    ]
    (e,) = events(text, found)
    assert args(e) == {"创立者": "林沅霖", "成立组织": "Zeabur"}


def test_agent_marked_by_you_and_people_named_by_their_org():
    text = "Anthropic是由OpenAI前员工在2021年创立。"
    (e,) = events(text, [mention(text, "Anthropic", "ORG"), mention(text, "OpenAI", "ORG")])
    assert args(e) == {"成立组织": "Anthropic", "创立者": "OpenAI前员工", "时间": "2021年"}
    text = "阿里巴巴创始人马云在杭州宣布。"  # the person is named: the org stays an org
    spans = _candidates(
        text, 0, len(text), [mention(text, "阿里巴巴", "ORG"), mention(text, "马云", "PERSON")]
    )
    assert [(s.text, s.entity_type) for s in spans if s.text != "杭州"] == [
        ("阿里巴巴", "ORG"),
        ("马云", "PERSON"),
    ]
    text = "由于市场变化，该业务由此解散。"  # 由于, 由此 are no agent markers
    assert all(a.role != "解散方" for e in events(text) for a in e.arguments)


def test_suffix_named_org_starts_after_a_classifier():
    text = "他参与创建了一个人工智能研究实验室。"
    (e,) = events(text)
    assert args(e) == {"成立组织": "人工智能研究实验室"}


def test_earlier_clause_lends_its_subject_not_its_object_and_serial_verbs_share_no_object():
    text = "他参与创建了一个人工智能研究实验室,之后离职创办了自己的公司心识宇宙。"
    found = {e.trigger: args(e) for e in events(text, [mention(text, "心识宇宙", "ORG")])}
    assert found["创办"] == {"成立组织": "心识宇宙"}
    assert "原所属组织" not in found["离职"]  # 心识宇宙 is the object of 创办, the last verb
    text = "阿里发布并开源了Qwen3。"  # coordinated verbs share their object
    found = events(text, [mention(text, "阿里", "ORG"), mention(text, "Qwen3", "PRODUCT")])
    assert {e.event_type: args(e).get("发布产品") or args(e).get("开源产品") for e in found} == {
        "产品行为-发布": "Qwen3",
        "产品行为-开源": "Qwen3",
    }


def test_product_typed_name_in_subject_position_is_the_actor_of_a_verb_with_an_object():
    text = "今年1月,DeepSeek发布了一款人工智能系统。"
    (e,) = events(text, [mention(text, "DeepSeek", "PRODUCT")])
    assert args(e) == {"时间": "今年1月", "发布方": "DeepSeek"}
    text = "通义在凌晨共计开源了 12 个模型。"
    (e,) = events(text, [mention(text, "通义", "PRODUCT")])
    assert args(e) == {"开源方": "通义"}
    # without an object the verb is said of the product itself
    text = "Qwen3-Coder不仅开源,可以免费商用。"
    (e,) = events(text, [mention(text, "Qwen3-Coder", "PRODUCT")])
    assert args(e) == {"开源产品": "Qwen3-Coder"}


def test_object_relative_clause_and_suspension_fills_the_person_role():
    text = "由新成立的数据集团统一管理。"
    found = events(text)
    assert all(a.role != "创立者" for e in found for a in e.arguments)
    text = "当局展开调查，并将8名政府官员和4名警察暂时停职。"
    (e,) = events(text)
    assert sorted(a.text for a in e.arguments if a.role == "停职人员") == ["4名警察", "8名政府官员"]


# ---------------------------------------------------------------- time, place and casualties


def test_time_scope_across_clauses():
    text = "在2024年云栖大会上发布的Qwen2.5,超越了Meta同期发布的Llama 3。"
    found = events(
        text,
        [
            mention(text, "云栖大会", "EVENT"),
            mention(text, "Qwen2.5", "PRODUCT"),
            mention(text, "Meta", "ORG"),
            mention(text, "Llama 3", "PRODUCT"),
        ],
    )
    assert [args(e).get("时间") for e in found] == ["2024年", None]  # an embedded time dates its own clause
    text = "2019年3月27日,2018年图灵奖名单公布,辛顿获奖。"
    found = events(text, [mention(text, "辛顿", "PERSON"), mention(text, "图灵奖", "OTHER")])
    assert args(found[-1])["时间"] == "2019年3月27日"  # 2018年 modifies 图灵奖: adverbial times first
    text = "按照最近发布的《实施方案》,年底前杭州要培育大模型。"
    (e,) = events(text, [mention(text, "实施方案", "WORK")])
    assert "时间" not in args(e)  # a time after the trigger dates it only in its clause
    text = "火灾发生于王彬街，起火时间为晚上11点左右。"
    assert args(events(text)[0])["时间"] == "晚上11点左右"  # ... or when it is stated as its time


def test_place_phrases_override_misread_names_and_skip_routes_and_datelines():
    text = "火灾发生于王彬街752和753号。"
    (e,) = events(text, [mention(text, "王彬街", "PERSON")])
    assert args(e)["地点"] == "王彬街752和753号"
    text = "昨日凌晨，武黄高速公路武黄向57公里处发生6车追尾的交通事故。"
    (e,) = events(text, [mention(text, "武黄", "PERSON"), mention(text, "武黄", "PERSON", 1)])
    assert args(e)["地点"] == "武黄高速公路武黄向57公里处"
    text = "中新社南宁三月二十七日电 一辆从贵州开往广东的小车与一辆大客车迎面相撞。"
    places = [mention(text, n, "LOCATION") for n in ("南宁", "贵州", "广东")]
    (e,) = events(text, places)
    assert "地点" not in args(e)
    text = "云南省盈江县20日早晨发生地震，昆明震感明显。"
    found = events(
        text, [mention(text, n, "LOCATION") for n in ("云南省", "盈江县", "昆明")], date(2008, 8, 20)
    )
    assert args(found[0])["震中"] == "云南省盈江县"
    assert len(found) == 1  # felt shaking (震感) is the quake's effect, not another quake


def test_casualties_belong_to_the_last_disaster_and_a_bracket_does_not_hide_a_count():
    text = "一座私人住宅因天然气罐爆炸而起火，导致7人死亡。"
    found = {e.event_type: args(e) for e in events(text)}
    assert found["灾害/意外-起火"]["死亡人数"] == "7人"
    assert "死亡人数" not in found["灾害/意外-爆炸"]
    text = "阿富汗北部1日发生一起自杀式爆炸袭击，造成15名平民死亡。"
    found = {e.event_type: args(e) for e in events(text)}
    assert found["灾害/意外-爆炸"]["死亡人数"] == found["灾害/意外-袭击"]["死亡人数"] == "15名平民"
    text = "一辆大客车与小客车发生碰撞，造成十人(六男四女)当场死亡。"
    found = events(text)
    assert [e.event_type for e in found] == ["灾害/意外-车祸"]
    assert args(found[0])["死亡人数"] == "十人"


def test_a_death_after_a_disaster_leaves_it_the_time_and_place():
    text = "12月6日凌晨，衡水市红旗大街一商住楼发生火灾，女主人张某遇难。"
    found = {e.event_type: e for e in events(text, [mention(text, "张某", "PERSON")], date(2008, 12, 7))}
    assert args(found["人生-死亡"]) == {"死者": "张某"}
    assert found["人生-死亡"].date is None
    assert args(found["灾害/意外-起火"])["时间"] == "12月6日凌晨"


def test_doer_nouns_and_anaphora_with_a_modifier_state_no_new_event():
    text = "1名自杀式炸弹袭击者在桥上引爆了汽车。"
    assert [e.trigger for e in events(text)] == []
    text = "武装分子袭击了检查站，这起连环袭击造成李某受伤。"
    found = events(text, [mention(text, "检查站", "ORG"), mention(text, "李某", "PERSON")])
    assert [e.trigger_start for e in found] == [text.index("袭击")]


def test_a_speaker_is_no_attacker_and_the_date_of_a_statement_is_not_the_event_date():
    text = "警方发言人王强昨日称，3日发生在某市广场的袭击造成5人受伤。"
    found = events(text, [mention(text, "王强", "PERSON"), mention(text, "某市广场", "LOCATION")])
    assert [e.trigger for e in found] == ["袭击"]
    assert args(found[0]) == {"时间": "3日", "地点": "某市广场", "受伤人数": "5人"}
    text = "某组织2日发表声明，谴责发生在某城的爆炸袭击。"
    found = events(text, [mention(text, "某组织", "ORG")])
    assert all("袭击者" not in args(e) and "时间" not in args(e) for e in found)
    # not a speaker: the name before the attack is its doer, and a date that opens the clause dates it
    text = "5日，一伙歹徒袭击了某村的民宅。"
    found = events(text, [mention(text, "一伙歹徒", "PERSON")])
    assert args(found[0])["袭击者"] == "一伙歹徒"
    assert args(found[0])["时间"] == "5日"


def test_the_epicentre_is_taken_from_its_cue_and_the_depth_from_its_own():
    text = "甲乙两省当日发生6.1级地震，震中位于甲省某县以北约20公里，震源深度约8公里。"
    found = events(text, [mention(text, "甲乙两省", "LOCATION")])
    assert args(found[0])["震中"] == "甲省某县以北约20公里"
    assert args(found[0])["震源深度"] == "8公里"
    assert args(found[0])["震级"] == "6.1级"
    # a distance from a place is no depth, 里氏 is no part of the magnitude, coordinates name no epicentre
    text = "某县发生里氏5.2级地震，震中位于北纬30度，距县城约15公里。"
    found = events(text, [mention(text, "某县", "LOCATION")])
    assert args(found[0])["震级"] == "5.2级"
    assert "震源深度" not in args(found[0]) and args(found[0])["震中"] == "某县"


def test_a_time_after_fashengzai_is_no_place_and_a_stated_place_wins():
    text = "此次爆炸发生在凌晨3时，地点在某镇。"
    found = events(text, [mention(text, "某镇", "LOCATION")])
    assert args(found[0]).get("地点") != "凌晨3时"
    text = "某国北部的冲突仍在继续，爆炸发生在某市的一处集市。"
    found = events(text, [mention(text, "某国", "LOCATION"), mention(text, "某市", "LOCATION")])
    assert args(found[0])["地点"] == "某市的一处集市"


def test_a_place_is_not_joined_over_a_function_word_nor_taken_from_a_stationed_force():
    text = "驻甲国的乙军营地发生爆炸。"
    found = events(text, [mention(text, "甲国", "LOCATION"), mention(text, "乙", "LOCATION")])
    assert "地点" not in args(found[0])
    text = "某省某县受波及，房屋倒塌。"
    found = events(text, [mention(text, "某省某县", "LOCATION"), mention(text, "波及", "LOCATION")])
    assert args(found[0]).get("地点", "某省某县") == "某省某县"


def test_a_place_outside_the_clause_and_without_a_cue_is_no_event_place():
    text = "自某国战争以来，爆炸事件时有发生。"
    found = events(text, [mention(text, "某国", "LOCATION")])
    assert "地点" not in args(found[0])
    text = "某城的爆炸造成3人死亡。"
    found = events(text, [mention(text, "某城", "LOCATION")])
    assert args(found[0])["地点"] == "某城"


def test_repeated_disaster_triggers_in_their_own_clauses_are_events_of_their_own():
    text = "某国1日发生6.0级地震，随后余震不断，2日又发生5.1级余震，又发生3次余震。"
    found = events(text, [mention(text, "某国", "LOCATION")])
    # 余震不断 (another word, nothing of its own) goes with the quake; the dated one and the next do not
    assert [e.trigger for e in found] == ["地震", "余震", "余震"]
    assert args(found[1]) == {"时间": "2日", "震级": "5.1级"}
    # another word without circumstances of its own tells the course of the one disaster
    text = "某楼厨房突然起火，屋内家具全部烧毁。"
    assert [e.trigger for e in events(text)] == ["起火"]
    # and a determiner takes up the event already told
    text = "某地发生爆炸，这起爆炸造成2人受伤。"
    assert [e.trigger for e in events(text)] == ["爆炸"]


def test_a_trigger_inside_a_name_or_modifying_a_noun_states_no_event():
    text = "据某国国家地震研究局消息，某岛5日发生地震。"
    found = events(text, [mention(text, "某国国家地震研究局", "ORG"), mention(text, "某岛", "LOCATION")])
    assert [(e.trigger, e.trigger_start) for e in found] == [("地震", text.rindex("地震"))]
    for text in ("警方在现场找到爆炸装置。", "两名地震专家赶赴灾区。", "该市是运动会举办城市之一。"):
        assert events(text) == [], text
    assert [e.trigger for e in events("仓库内发生爆炸。")] == ["爆炸"]


def kinds(text: str, mentions: list[Mention] = ()) -> list[tuple[str, str]]:
    return [(e.event_type, e.trigger) for e in events(text, mentions)]


def test_general_news_killing_is_a_death_and_the_victim_stands_before_bei():
    text = "张三昨天在家中被李四杀害。"
    found = events(text, [mention(text, "张三", "PERSON"), mention(text, "李四", "PERSON")])
    assert [(e.event_type, e.trigger) for e in found] == [("人生-死亡", "杀害")]
    assert args(found[0])["死者"] == "张三"
    assert kinds("一名记者上月在边境被武装分子枪杀。") == [("人生-死亡", "枪杀")]


def test_what_a_clause_guards_against_has_not_happened():
    assert kinds("为防止火灾，工厂安装了自动喷淋系统。") == []
    assert kinds("当局下令检修电线，以防短路引发仓库起火。") == []
    assert kinds("仓库昨夜起火，无人受伤。") == [("灾害/意外-起火", "起火")]


def test_exhibition_opening_but_not_carrying_out_work():
    found = events("这次书法展自8日开展以来，观众络绎不绝。")
    assert [(e.event_type, e.trigger) for e in found] == [("组织行为-开幕", "开展")]
    assert kinds("各乡镇要认真开展安全检查工作。") == []
    assert kinds("学校开展了读书活动。") == []


def test_reaching_a_stage_of_a_contest_but_not_a_market():
    assert ("竞赛行为-晋级", "打入") in kinds("主队凭借点球打入四强。")
    assert kinds("这家企业的产品打入了欧洲市场。") == []


def test_furthering_cooperation_is_no_cooperation_event():
    assert kinds("两国外长表示要进一步加强经贸领域的交流与合作。") == []
    text = "甲公司与乙公司在上海签署合作协议。"
    found = kinds(text, [mention(text, "甲公司", "ORG"), mention(text, "乙公司", "ORG")])
    assert found == [("组织关系-合作", "签署")]


def test_ticket_sales_are_no_deal_but_a_bought_right_is():
    assert kinds("组委会昨天又售出了三千张门票。") == []
    text = "一家饮料公司买下了这届赛事的冠名权。"
    found = events(text)
    assert [(e.event_type, e.trigger) for e in found] == [("财经/交易-出售/收购", "买下")]
    text = "电视台独家买断了转播权。"
    found = events(text, [mention(text, "电视台", "ORG")])
    assert args(found[0]) == {"收购方": "电视台", "交易物": "转播权"}


def test_a_price_falls_but_an_output_does_not():
    assert kinds("国际市场油价上周下跌了百分之三。") == [("财经/交易-降价", "下跌")]
    assert kinds("今年的粮食产量比去年下降了两成。") == []
    assert kinds("全年办公经费比上年下降了百分之十。") == []  # a cost, not a price
    assert kinds("移动上网资费去年下降了三成。") == [("财经/交易-降价", "下降")]


def test_works_that_appear_and_held_events_with_titled_names():
    assert ("产品行为-发布", "问世") in kinds("他的长篇小说《远方》去年问世。")
    assert kinds("一种新的说法问世后引起争论。") == []
    text = "这座城市上月举办《丝路之光》摄影展。"
    found = events(text)
    assert args(found[0])["活动名称"] == "《丝路之光》摄影展"
    text = "两家协会昨晚举行欢迎宴会。"
    assert args(events(text)[0])["活动名称"] == "欢迎宴会"


def test_post_held_in_a_place_and_removal_from_office():
    text = "王芳现在担任甘肃省临夏县副县长。"
    found = events(text, [mention(text, "王芳", "PERSON"), mention(text, "甘肃省临夏县", "LOCATION")])
    assert args(found[0]) == {"任职者": "王芳", "任职机构": "甘肃省临夏县", "职位": "副县长"}
    assert kinds("常委会决定免去赵某的水利局局长职务。")[0] == ("组织关系-解雇", "免去")
    assert kinds("他免去了旅途的劳顿。") == []


def test_price_of_a_deal_comes_from_a_neighbouring_clause_only():
    text = "甲公司买下了这块地皮，乙方表示，明年该地区的投资总额将达到300亿元。"
    found = events(text, [mention(text, "甲公司", "ORG")])
    assert "出售价格" not in args(found[0])


def test_invest_with_an_amount_without_digits():
    assert kinds("江苏修通高速公路后，又投资近亿元，建成物流园区。") == [("财经/交易-投资", "投资")]
    assert kinds("这里的投资环境越来越好。") == []


def test_price_falls_or_rises_to_a_level():
    assert kinds("大米价格从每斤3元降到2元。") == [("财经/交易-降价", "降")]
    assert kinds("猪肉价格从每斤20元涨到25元。") == [("财经/交易-涨价", "涨")]
    assert kinds("气温从20度降到5度。") == []
    assert kinds("降雨量明显偏少。") == []


def test_organising_or_opening_a_course_is_holding_an_activity():
    text = "市农业局在山区组织了三期种植技术培训班，并帮助各村开办农民夜校培训班。"
    found = events(text)
    assert [(e.event_type, e.trigger) for e in found] == [
        ("组织行为-举办", "组织"),
        ("组织行为-举办", "开办"),
    ]
    assert args(found[0])["活动名称"] == "种植技术培训班"
    assert kinds("他组织群众修路。") == []
    assert kinds("学校开办了一家工厂。") == []


def test_nominal_trigger_in_a_general_claim_is_no_event():
    assert kinds("他说，同邻国进行合作有利于地区的稳定。") == []
    assert kinds("企业的兼并，特别是大银行通过收购小银行，将使资本更加集中。") == []
    assert kinds("该合作项目旨在培养青年教师。") == []
    text = "甲公司与乙公司在上海签署合作协议。"
    assert ("组织关系-合作", "签署") in kinds(
        text, [mention(text, "甲公司", "ORG"), mention(text, "乙公司", "ORG")]
    )


def test_quake_zone_is_a_place_not_a_quake():
    assert kinds("救援队在地震灾区搭建帐篷。") == []
    assert kinds("昨天凌晨，当地发生5.2级地震。") == [("灾害/意外-地震", "地震")]


def test_charged_and_elected():
    assert kinds("三名官员被控涉嫌受贿。") == [("司法行为-起诉", "被控")]
    assert kinds("局面已被控制住。") == []
    assert kinds("她去年被选为协会副会长。") == [("组织关系-任职", "选为")]
    assert kinds("他被选为代表队的旗手。") == []


def test_no_next_day_across_this_and_a_place_modifying_a_noun():
    text = "此次中法首脑会晤意义重大。"
    found = events(text, [mention(text, "中法", "LOCATION")])
    assert [(e.event_type, e.trigger) for e in found] == [("交往-会见", "会晤")]
    assert "时间" not in args(found[0]) and "地点" not in args(found[0])


def test_place_stated_with_zai_right_before_the_verb():
    found = events("市文化局昨天在县城举办了一场书画展。")
    assert args(found[0])["地点"] == "县城"
    text = "张明在京会见了来访的李华。"
    found = events(text, [mention(text, "张明", "PERSON"), mention(text, "李华", "PERSON")])
    assert args(found[0]) == {"会见主体": "张明", "地点": "京", "会见对象": "李华"}
    # 在音乐节举办前: 在 opens a time phrase, the festival is no place
    assert "地点" not in args(events("在音乐节举办前，主办方做了很多准备。")[0])


def test_vague_time_words_are_times():
    text = "广州不久前举办了一场美食节。"
    assert args(events(text, [mention(text, "广州", "LOCATION")])[0])["时间"] == "不久前"


def test_money_the_amount_tagger_misses_and_a_region_with_its_firm():
    text = "杭州一家软件公司斥资300多万买下了这块地。"
    found = events(text, [mention(text, "杭州", "LOCATION")])
    assert args(found[0]) == {"收购方": "杭州一家软件公司", "出售价格": "300多万"}


def test_region_as_the_subject_of_an_investment():
    text = "广东把旧厂房改造后，又投资两亿元建成了科技园。"
    found = events(text, [mention(text, "广东", "LOCATION")])
    assert args(found[0]) == {"投资方": "广东", "投资金额": "两亿元"}
    # a region that modifies a noun is not the investor
    text = "广东的企业又投资两亿元建成了科技园。"
    assert "投资方" not in args(events(text, [mention(text, "广东", "LOCATION")])[0])


def test_the_victim_before_bei_is_the_dead():
    assert args(events("这名店主是昨晚被两名劫匪杀害的。")[0])["死者"] == "店主"
    assert args(events("一位退休教师在公园散步时，被歹徒杀害。")[0])["死者"] == "一位退休教师"


def test_the_thing_whose_price_moves_stands_before_jia():
    found = events("本月的大米价格从每斤三元降到两元八角。")
    assert args(found[0])["降价物"] == "大米"
    # 物价: prices in general, no thing of their own
    assert "涨价物" not in args(events("今年以来物价上涨了不少。")[0])


def test_trigger_trie_finds_what_the_plain_alternation_finds():
    """The trie regex of the trigger words matches, on the seeds, what `word|word|...`, longest first, did."""
    import re
    from pathlib import Path

    from pipelines.text import events as E

    words = sorted(E.trigger_lexicon(), key=len, reverse=True)
    plain = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path("seeds").glob("*.txt"))]
    texts.append("公司IPO上市，ipo，iPo，Ipo，打CALL，打Call，打cAlL")
    for text in texts:
        found = [m.span() for m in E._trigger_pattern().finditer(text)]
        assert found == [m.span() for m in plain.finditer(text)]


def test_an_event_counted_down_to_is_named_before_its_trigger_and_not_dated_by_the_moment_counted_from():
    """time.count_down: 距离Chat-GPT发布还有9个月, in a sentence dated 2022年2月: Chat-GPT is the released
    product and 2022年2月 is nine months before the release, not its date."""
    (found,) = events("时间回到2022年2月，距离Chat-GPT发布还有9个月。")
    assert args(found) == {"发布产品": "Chat-GPT"} and found.date is None
    # without the count-down the sentence's date is the event's
    (dated,) = events("2022年2月，OpenAI发布了ChatGPT。")
    assert dated.date == "2022-02"


def test_counting_down_needs_both_its_opening_and_what_is_left():
    from pipelines.text.events import counting_down

    text = "距离Chat-GPT发布还有9个月"
    start = text.index("发布")
    assert counting_down(text, 0, start, start + 2, len(text))
    plain = "距离公司发布会很近"  # 距离 as distance, nothing counted down
    at = plain.index("发布")
    assert not counting_down(plain, 0, at, at + 2, len(plain))
