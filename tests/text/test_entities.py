import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.text.entities import recognise
from pipelines.text.records import Mention

TYPES = {"PERSON", "ORG", "LOCATION", "PRODUCT", "EVENT", "WORK", "OTHER"}


def found(text: str) -> set[tuple[str, str]]:
    return {(m.text, m.entity_type) for m in recognise(text)}


def test_gazetteer_aliases_with_canonical_keys():
    mentions = recognise("阿里云推出的Qwen3-Coder，成本只有Claude的一半。")
    assert [(m.text, m.entity_type, m.method, m.canonical_key) for m in mentions] == [
        ("阿里云", "ORG", "gazetteer", "org_alibaba_cloud"),
        ("Qwen3-Coder", "PRODUCT", "gazetteer", "prd_qwen3_coder"),
        ("Claude", "PRODUCT", "gazetteer", "prd_claude"),
    ]


def test_traditional_text_keeps_its_offsets():
    text = "之江實驗室主任王堅說"
    mentions = recognise(text)
    assert [(m.text, m.canonical_key) for m in mentions] == [
        ("之江實驗室", "org_zhejiang_lab"),
        ("王堅", "per_wang_jian"),
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_nested_names_drop_and_the_longest_wins():
    mentions = recognise("北京数据集团今天发布了新产品")
    assert [(m.text, m.entity_type, m.method) for m in mentions] == [("北京数据集团", "ORG", "suffix")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中国科学院院士张三丰在会上发言", {("中国科学院", "ORG"), ("张三丰", "PERSON")}),
        ("记者王小明报道", {("王小明", "PERSON")}),
        ("青岛海牛队和广州松日队的比赛", {("青岛海牛队", "ORG"), ("广州松日队", "ORG")}),
        ("芬兰农林部长访华", {("芬兰农林部", "ORG"), ("华", "LOCATION")}),
        ("中美关系和中俄两国", {("中", "LOCATION"), ("美", "LOCATION"), ("俄", "LOCATION")}),
        ("余杭区良渚街道的创业者", {("余杭区", "LOCATION"), ("良渚街道", "LOCATION")}),
        ("程序员埃里克·雷蒙德写的文章", {("埃里克·雷蒙德", "PERSON")}),
        ("设计师马克·布朗宁说", {("马克·布朗宁", "PERSON")}),
        ("美国政府宣布", {("美国", "LOCATION")}),
        ("邓小平理论", {("邓小平", "PERSON")}),
        ("郑先生说", {("郑", "PERSON")}),
        ("王某和李老师", {("王", "PERSON"), ("李", "PERSON")}),
        ("上海虹口体育馆举行比赛", {("上海", "LOCATION"), ("虹口体育馆", "LOCATION")}),
        ("美国初创公司和一家科技公司", {("美国", "LOCATION")}),
        ("挪威克朗汇率", set()),
        ("浙江大学公共政策研究院副院长", {("浙江大学公共政策研究院", "ORG")}),
        ("市委书记张敬涛说", {("市委", "ORG"), ("张敬涛", "PERSON")}),
        ("新华社北京5月7日电国务院副总理", {("新华社", "ORG"), ("北京", "LOCATION"), ("国务院", "ORG")}),
        ("《费加罗报》报道", {("费加罗报", "ORG")}),
        ("青藏高原", {("青", "LOCATION"), ("藏", "LOCATION")}),
        ("部长会见芬兰农林部长", {("芬兰农林部", "ORG")}),
        ("芭芭拉·史密斯说", {("芭芭拉·史密斯", "PERSON")}),
        ("他抵达卡拉奇后", {("卡拉奇", "LOCATION")}),
        ("联合国秘书长科菲·安南希望", {("联合国", "ORG"), ("科菲·安南", "PERSON")}),
        ("约翰·菲茨杰拉德·肯尼迪说", {("约翰·菲茨杰拉德·肯尼迪", "PERSON")}),
        ("中国·杭州", {("中国", "LOCATION"), ("杭州", "LOCATION")}),
        ("开源联盟·松阳站", {("松阳", "LOCATION")}),
        ("江主席指出", {("江", "PERSON")}),
    ],
)
def test_rules(text, expected):
    assert found(text) == expected


def test_versions_after_a_known_product():
    assert found("Llama 3 和 iPhone 15") == {("Llama 3", "PRODUCT"), ("iPhone 15", "PRODUCT")}


def test_lower_case_english_words_are_not_aliases():
    assert found("meta data and apple pie") == set()


def test_traditional_text_is_analysed_in_simplified():
    assert ("埃里克·雷蒙德", "PERSON") in found("傳奇程序員埃里克·雷蒙德寫的文章")
    assert ("張三", "PERSON") in found("研究院院長張三表示")


def test_model_and_product_names():
    assert found("DeepSeek-R1、GPT-4o和QWen-7B") == {
        ("DeepSeek-R1", "PRODUCT"),
        ("GPT-4o", "PRODUCT"),
        ("QWen-7B", "PRODUCT"),
    }
    assert ("文心一言", "PRODUCT") in found("文心一言和ChatGPT")


def test_events_and_titles():
    assert found("云栖大会和春晚") == {("云栖大会", "EVENT"), ("春晚", "EVENT")}
    assert ("大教堂与集市", "WORK") in found("他推荐了《大教堂与集市》")


def test_common_words_tagged_as_names_are_dropped():
    assert found("他们普惠了很多人，事业蓬勃发展") == set()
    assert found("云计算和云服务") == set()
    assert found("今天多云转晴，城市里有小雨") == set()


def test_latin_terms_are_not_names():
    assert found("AI和CEO都用App") == set()


def test_english_text():
    assert found("It was a sunny Saturday in Hangzhou, near Alibaba and DeepSeek.") == {
        ("Hangzhou", "LOCATION"),
        ("Alibaba", "ORG"),
        ("DeepSeek", "ORG"),  # a company's brand, with no model or app in its clause
    }


@pytest.mark.parametrize(
    "text",
    ["", "   ", "😀🚀", "\n\n", "。。。", "abc", "12345", "《》", "·", "·辛顿", "\ud800阿里巴巴", "a\x00b"],
)
def test_odd_input_gives_no_crash(text):
    assert isinstance(recognise(text), list)


def test_very_long_line():
    text = "阿里巴巴在杭州发布了千问。" * 5000
    mentions = recognise(text)
    assert len(mentions) == 15000


def test_mentions_are_sorted_non_overlapping_and_exact():
    text = "浙江省省长刘捷表示，DeepSeek、千问等浙产开源AI大模型引领全球，魔搭社区在杭州兴起。"
    mentions = recognise(text)
    assert mentions == sorted(mentions, key=lambda m: m.start)
    for before, after in zip(mentions, mentions[1:], strict=False):
        assert before.end <= after.start
    for m in mentions:
        assert isinstance(m, Mention)
        assert text[m.start : m.end] == m.text
        assert m.entity_type in TYPES
        assert 0.0 <= m.confidence <= 1.0


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("阿里巴巴王坚杭州公司大学·《》 AaZz09-说的在中美国队长")), max_size=60
    )
)
def test_recognise_never_raises_and_keeps_invariants(text):
    mentions = recognise(text)
    end = 0
    for m in mentions:
        assert m.start >= end and m.end > m.start
        assert text[m.start : m.end] == m.text
        end = m.end


@settings(max_examples=100, deadline=None)
@given(st.text(st.characters(blacklist_categories=()), max_size=40))  # surrogates and controls included
def test_recognise_never_raises_on_any_text(text):
    for m in recognise(text):
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # person names: family name read as a measure word, a given name ending like a generic word
        ("“我们会煮面条，”29岁的张明远说。", {("张明远", "PERSON")}),
        ("下岗职工潘维军抱着孩子", {("潘维军", "PERSON")}),
        ("记者江建国报道", {("江建国", "PERSON")}),
        ("资深研究员陈德里说", {("陈德里", "PERSON")}),
        ("群众获得感、幸福感。", set()),
        # places: one-character country names jieba leaves apart or glues to a verb
        ("遵守中美三个联合公报", {("中", "LOCATION"), ("美", "LOCATION")}),
        ("发展对华关系摆在首位", {("华", "LOCATION")}),
        # organisations: a place or a prefix before a whole organisation, a ministry behind its title
        ("国际游泳联合会规定", {("国际游泳联合会", "ORG")}),
        ("黑龙江大学一位教授", {("黑龙江大学", "ORG")}),
        ("美国军队撤出", {("美国", "LOCATION")}),
        ("司法部长卡洛斯说", {("司法部", "ORG"), ("卡洛斯", "PERSON")}),
        ("1比1逼平比利时队", {("比利时队", "ORG")}),
        ("杭州本地企业吉利更是", {("杭州", "LOCATION"), ("吉利", "ORG")}),
        ("完成了中国经济中心的南移", {("中国", "LOCATION")}),
        # titles: the people a title names are the mentions; a title naming nothing stays a work
        ("他读了《毛泽东、邓小平论新闻宣传》", {("毛泽东", "PERSON"), ("邓小平", "PERSON")}),
        ("他们观看了《黑客帝国》。", {("黑客帝国", "WORK")}),
        # a gazetteer alias that only exists because it was forced into the dictionary
        ("在白云深处的山村里", set()),
    ],
)
def test_generic_rules(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We cook noodles,” said Zhang Mingyuan, 29, who left.", {("Zhang Mingyuan", "PERSON")}),
        ("Mr. Zhang said the rent is low.", {("Zhang", "PERSON")}),
        ("Photo by Qilai Shen", {("Qilai Shen", "PERSON")}),
        (
            "He worked at Westlake Robotics Company in the city of Hangzhou.",
            {("Westlake Robotics Company", "ORG"), ("Hangzhou", "LOCATION")},
        ),
        ("It was sunny in Hong Kong on Monday.", {("Hong Kong", "LOCATION")}),
        ("The Weekend Market opened in March.", set()),
    ],
)
def test_english_passages_type_names_by_their_context(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title glued to the organisation it heads: 省委|书记, 公司|总裁
        ("吉林省委书记张德江说", {("吉林省委", "ORG"), ("张德江", "PERSON")}),
        ("劳拉公司总裁施瓦茨说", {("劳拉公司", "ORG"), ("施瓦茨", "PERSON")}),
        # a department after its organisation; the head of an organisation is no department
        ("据科学技术部农村科技司负责人介绍", {("科学技术部农村科技司", "ORG")}),
        ("王兆国及国务院港澳办副主任", {("王兆国", "PERSON"), ("国务院港澳办", "ORG")}),
        ("中央电视台心连心艺术团4月28日", {("中央电视台心连心艺术团", "ORG")}),
        ("联合国禁毒署署长在记者招待会上说", {("联合国禁毒署", "ORG")}),
        # the term number of an assembly belongs to its name
        ("在第二届全国人民代表大会第一次会议上", {("第二届全国人民代表大会", "ORG")}),
        # the party congress by its number, but not 十大 (the top ten)
        ("贯彻落实十五大精神", {("十五大", "ORG")}),
        ("评选十大新闻", set()),
        # a periodical with its place or its kind
        ("据美国《时代》周刊报道", {("美国《时代》周刊", "ORG")}),
        ("华北《人民日报》创刊", {("华北《人民日报》", "ORG")}),
        # an organisation belongs to the last of a run of administrative places
        ("长沙市芙蓉区人民法院开庭审理", {("长沙市", "LOCATION"), ("芙蓉区人民法院", "ORG")}),
        ("黑龙江省阿城市委确定了", {("黑龙江省", "LOCATION"), ("阿城市委", "ORG")}),
        # a quoted name before the kind of organisation it is
        ("韩国“小天使”艺术团本月访华", {("韩国“小天使”艺术团", "ORG"), ("华", "LOCATION")}),
        # a longer body between the place and the suffix
        ("成立了中国环境管理体系认证指导委员会", {("中国环境管理体系认证指导委员会", "ORG")}),
        # the industry a company is in: a foreign-looking company name is no person
        ("家电行业的科沃斯", {("科沃斯", "ORG")}),
        # islands are places, with a size or a direction before them
        ("今年是台州大陈岛垦荒70周年", {("台州", "LOCATION"), ("大陈岛", "LOCATION")}),
        # a list of places closed by 等地
        (
            "先后走进黄岩、路桥和椒江等地开展演出",
            {("黄岩", "LOCATION"), ("路桥", "LOCATION"), ("椒江", "LOCATION")},
        ),
        # fruit jieba tags as places and people
        ("作者 | 山竹", set()),
        ("他买了哈密瓜", set()),
    ],
)
def test_organisation_and_place_rules(text, expected):
    assert found(text) == expected


def test_reading_a_periodical_title_does_not_take_the_verb():
    assert ("今日美国", "ORG") not in found("据《今日美国》报道") and not any(
        text.endswith("报") for text, _ in found("据《今日美国》报道")
    )


def test_a_place_list_needs_its_closing_word():
    assert ("宋双", "PERSON") in found("成员是政坛元老宋双、周森古沙和方炳祯，国民议会和参议院")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a name right after a title, whatever pieces jieba cut it into
        ("财政部长鲁宾16日表示，美元将保持稳定。", "鲁宾"),  # 财政部|长|鲁宾
        ("中央银行行长卡巴杰说，通胀已受控制。", "卡巴杰"),  # 卡巴|杰说
        ("该党总书记贾亚拉莉达称病缺席。", "贾亚拉莉达"),  # 贾|亚拉|莉达
        ("乌克兰副总理赫里斯坚科今天抵京。", "赫里斯坚科"),
        ("政委高云江说：“作为军人”", "高云江"),  # 高云|江说
        ("海军副参谋长赵国钧少将率团访问。", "赵国钧"),  # a rank closes the name
        ("总裁宋朝弟等出席。", "宋朝弟"),  # 宋朝|弟等
        ("副院长严义埙、两位教授出席会议。", "严义埙"),
        ("港澳办副主任刘名启参加了会见。", "刘名启"),
        ("日本队教练冈田武史说，比赛很艰苦。", "冈田武史"),
        # a name right before a speech verb, a title or a form of address
        ("罗干说，双方应加强合作。", "罗干"),
        ("库马拉通加总统对他表示感谢。", "库马拉通加"),
        ("李铁辰校长说：“我们很满意。”", "李铁辰"),
        ("工党领袖巴拉克今天表示。", "巴拉克"),
        ("约翰逊说，谈判仍在继续。", "约翰逊"),
        ("拉埃女士详细解释了计划。", "拉埃"),
        ("村民张友香父子划船过河。", "张友香"),
        # Japanese family names
        ("桥本首相今天会见了代表团。", "桥本"),
        ("经团联会长谷口清太郎表示欢迎。", "谷口清太郎"),
        ("佐藤今天表示，日本将加强合作。", "佐藤"),
    ],
)
def test_person_names_by_titles_and_boundaries(text, name):
    persons = {m.text for m in recognise(text) if m.entity_type == "PERSON"}
    assert persons == {name}


@pytest.mark.parametrize(
    "text",
    [
        "总统府发表声明。",
        "部长会议在北京举行。",
        "代表严肃指出问题。",
        "市长办公会研究了这个问题。",
        "主教练马上就来。",
        "记者近日从市政府获悉。",
        "书记处发出通知。",
        "局长高兴地说。",
        "各国领袖高度评价。",
        "菲律宾总统大选结束。",
        "中国女士代表团抵达。",
        "我们在田中劳动。",
        "山下有一座寺庙。",
        "以高增值产业为主。",
        "他们付现金。",
        "实现了“井下无人、井上操控”的模式。",  # a family name alone before a verb: a word (Inoue)
    ],
)
def test_titles_before_common_words_make_no_person(text):
    assert not {m.text for m in recognise(text) if m.entity_type == "PERSON"}


def test_a_place_before_a_title_stays_a_place():
    assert found("江苏省长郑斯林表示。") == {("江苏省", "LOCATION"), ("郑斯林", "PERSON")}
    assert found("黎巴嫩总统赫拉维说。") == {("黎巴嫩", "LOCATION"), ("赫拉维", "PERSON")}


# Rules added after the seed-document gold (pipelines/evaluation/gold/entities_seeds.jsonl); the sentences
# here are written for the tests, not taken from the seeds.


@pytest.mark.parametrize(
    "text, name",
    [
        ("钟铭明说，订单已经排满。", "钟铭明"),  # 钟铭|明说
        ("研究所所长唐文乃说，数据还要复核。", "唐文乃"),  # 唐文|乃|说
        ("项目经理周立想表示，工期不会推迟。", "周立想"),  # 周立|想|表示
    ],
)
def test_a_three_character_name_cut_before_a_speech_verb(text, name):
    assert (name, "PERSON") in found(text)


@pytest.mark.parametrize(
    "text, name",
    [("王刚曾表示反对。", "王刚"), ("李明也说过这件事。", "李明"), ("陈杰说开源很好。", "陈杰")],
)
def test_an_adverb_before_a_speech_verb_is_not_part_of_the_name(text, name):
    people = {t for t, k in found(text) if k == "PERSON"}
    assert people == {name}


def test_a_known_name_after_a_title_word_that_overlaps_it():
    # 创始人|马云: 人马 is a dictionary word too, but 创始人 already took the 人
    assert ("马云", "PERSON") in found("这家公司的投资者包括阿里巴巴创始人马云。")
    assert found("在白云深处的山村里") == set()


@pytest.mark.parametrize(
    "text, company",
    [
        ("深圳一家初创公司Lumio的创始人接受了采访。", "Lumio"),
        ("他毕业后创办了自己的公司Brightwave。", "Brightwave"),
        ("Novacell的联合创始人此前在药企工作。", "Novacell"),
    ],
)
def test_a_latin_name_next_to_a_company_word_is_a_company(text, company):
    assert (company, "ORG") in found(text)


def test_a_latin_company_keeps_its_type_at_its_other_mentions():
    text = "他创办了自己的公司Brightwave。Brightwave为开发者提供服务。Investors in Brightwave were few."
    spans = [(m.text, m.entity_type) for m in recognise(text)]
    assert spans.count(("Brightwave", "ORG")) == 3


def test_a_latin_word_without_a_company_word_stays_untyped():
    assert found("我们用Python和Docker开发") == {("Python", "OTHER"), ("Docker", "OTHER")}


@pytest.mark.parametrize(
    "text, kind",
    [
        ("今年4月，DeepSeek宣布完成新一轮招聘。", "ORG"),
        ("DeepSeek的研究员在会上发言。", "ORG"),
        ("不少工厂基于DeepSeek等开源模型开发应用。", "PRODUCT"),
        ("DeepSeek App登上了应用商店榜首。", "PRODUCT"),
    ],
)
def test_a_brand_shared_by_a_company_and_its_model(text, kind):
    (mention,) = [m for m in recognise(text) if m.text == "DeepSeek"]
    assert mention.entity_type == kind
    assert mention.canonical_key == ("org_deepseek" if kind == "ORG" else "prd_deepseek")


@pytest.mark.parametrize(
    "text, company",
    [
        ("富士康科技、英特尔等企业落户园区。", "富士康科技"),
        ("三峡建工联合多家单位攻关。", "三峡建工"),
    ],
)
def test_a_trading_name_with_a_business_word(text, company):
    assert (company, "ORG") in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "中国科技发展迅速，杭州科技企业增多。",
        "王磊科技感十足。",
        "张伟网络上发文称自己无辜。",
        "完善科技推广网络。",
    ],
)
def test_a_business_word_after_a_place_person_or_field_is_no_company(text):
    assert not any(k == "ORG" for _, k in found(text))


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("我们周末去云栖小镇参观。", "云栖小镇"),
        ("他在张江科技园区工作。", "张江科技园区"),
        ("溪洛渡水电站今年满发。", "溪洛渡水电站"),
        ("深圳国际会展中心将举办展会。", "深圳国际会展中心"),
        ("比赛在五棵松体育馆进行。", "五棵松体育馆"),
        ("音乐会在国家大剧院音乐厅举行。", "国家大剧院音乐厅"),
    ],
)
def test_a_name_and_a_place_or_facility_head_are_one_place(text, place):
    assert (place, "LOCATION") in found(text)


@pytest.mark.parametrize(
    "text",
    ["浙江正在培育一批特色小镇。", "该电站年发电量很大。", "这个园区入驻了很多企业。", "光伏电站建设加快。"],
)
def test_a_generic_modifier_and_a_place_head_are_no_place(text):
    assert not {name for name, kind in found(text) if kind == "LOCATION"} - {"浙江"}


def test_a_region_and_a_town_word_name_no_town():
    assert found("位于杭州小镇的公司") == {("杭州", "LOCATION")}


@pytest.mark.parametrize(
    ("text", "place"), [("这部戏在黄岩首演。", "黄岩"), ("他多次赴阿拉尔演出。", "阿拉尔")]
)
def test_a_bare_place_name_jieba_reads_as_a_person(text, place):
    assert (place, "LOCATION") in found(text)
    assert (place, "PERSON") not in found(text)


def test_a_bare_place_name_that_speaks_stays_a_person():
    assert ("黄岩", "PERSON") in found("黄岩说，明天再谈。")


def test_the_first_tier_city_shorthand_is_four_places():
    assert [(m.text, m.entity_type) for m in recognise("北上广深的年轻人都在加班。")] == [
        ("北", "LOCATION"),
        ("上", "LOCATION"),
        ("广", "LOCATION"),
        ("深", "LOCATION"),
    ]


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("代表团昨天访问了国家杜马。", "国家杜马"),
        ("这家钢铁厂学习宝钢的管理办法。", "宝钢"),
        ("委员们在政协会上发言。", "政协"),
    ],
)
def test_institutions_known_by_their_short_form(text, org):
    assert (org, "ORG") in found(text)


def test_a_term_number_joins_an_institution_known_by_its_common_name():
    assert ("七届人大常委会", "ORG") in found("这部法律由七届人大常委会通过。")


def test_a_department_after_an_organisation_takes_a_three_character_ending():
    assert ("全国人大常委会法工委研究室", "ORG") in found("她调到全国人大常委会法工委研究室工作。")


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("厅党组决定召开会议。", "厅党组"),
        ("自治区党委常委出席会议。", "自治区党委"),
        ("站党委研究了分流方案。", "站党委"),
    ],
)
def test_a_party_committee_behind_a_bare_unit(text, org):
    assert (org, "ORG") in found(text)


@pytest.mark.parametrize("text", ["他主持召开党委会议。", "车间里的党委书记来了。", "大家都说党组很团结。"])
def test_a_party_committee_with_no_unit_before_it_is_no_name(text):
    assert not {name for name, kind in found(text) if kind == "ORG" and name.startswith(("党", "间"))}
