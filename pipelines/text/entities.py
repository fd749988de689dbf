"""Named-entity recognition for Simplified Chinese news (English passages included).

Rules over rjieba's segmentation and part-of-speech tags, each rule proposing candidate spans:
- gazetteer: the curated aliases (token-aligned, longest first), which also give the canonical key;
- pos: jieba's proper-noun tags (nr person, ns place, nt organisation) behind filters;
- suffix: an organisation or place suffix (公司, 大学, 委员会, 队 / 省, 市, 县) joined to its head;
- facility: a proper name plus a place or facility head (云栖|小镇, 松阳|抽水蓄能|电站) is one place;
- surname / title_context: a family name plus given name, trusted more next to a title or role;
- transliteration: foreign names written with a middle dot (杰弗里·辛顿);
- abbreviation: runs of one-character country names in 中美关系, 中俄两国;
- latin: Latin-script product and model names (Qwen3-Coder, GPT-4o, DeepSeek-R1);
- book_title: titles in 《》.
Overlaps are settled by keeping the longest candidate (nested names drop), then the most confident.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from pipelines.text import gazetteer, segmentation
from pipelines.text.records import Mention

DATA_DIR = Path(__file__).parent / "data"
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.+][A-Za-z0-9]+)*")
# model names: letters then a version (Qwen3, GPT-4o, DeepSeek-R1, QWen-7B, Llama-3.1)
_MODEL_NAME = re.compile(r"[A-Za-z]+(?:\d+(?:\.\d+)?[A-Za-z]*|-[A-Za-z]*\d[A-Za-z0-9.]*)(?:-[A-Za-z0-9.]+)*")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PERIODICAL_SUFFIXES = ("日报", "晚报", "时报", "报", "周刊", "杂志", "画报")
_VERSION_AFTER = re.compile(r" ?\d+(?:\.\d+)*[A-Za-z]{0,2}(?![A-Za-z0-9.])")
_ENGLISH_TEXT = re.compile(r"[A-Za-z]{2,}[,.]? [A-Z]")
_BOOK_TITLE = re.compile(r"《([^《》\n]{1,40})》")
_NAME_DOT = "·•・‧∙"
_NAME_DOTS = re.compile(f"[{_NAME_DOT}]")
# characters of transliterated foreign names (杰弗里, 本吉奥, 雷蒙德 ...)
_TRANSLITERATION = frozenset(
    "阿埃艾爱安昂奥澳巴拜班邦保鲍贝本比彼毕宾波伯博布采查达戴丹道德迪蒂丁东杜多顿厄恩尔"
    "法范菲费芬丰弗伏福盖甘冈戈哥格贡古瓜圭哈海汉豪赫黑亨洪侯胡华霍基吉加贾杰金卡凯坎康"
    "柯科克肯库夸奎昆拉莱兰朗劳勒雷蕾里理丽利莉连林琳伦罗洛吕马玛迈麦曼梅门蒙米密明缪莫"
    "默姆穆纳娜奈南内尼涅宁纽努诺欧帕潘佩彭皮珀普齐奇恰乔切钦琼丘萨塞桑瑟森沙莎尚什施史"
    "舍斯松苏索塔泰坦汤唐特滕提廷图托瓦万旺威韦维温沃乌伍西希锡谢辛休许雅亚扬耶叶伊易因"
    "英尤于约扎泽詹兹茨斐芭妮娃茜黛薇琪妲娅迦杭鲁琴延若宾夫列契佐冯赛士肖丝思勃赖坚捷申"
)
# one-character country and region names used in pairs: 中美关系, 中俄两国, 印巴冲突
_COUNTRY_ABBREVIATIONS = (
    "中美俄日韩朝英法德意印巴越泰澳加西葡荷比瑞挪芬丹波匈捷希土埃以伊叙黎沙蒙哈乌缅柬菲新马港台欧非亚拉墨古"
)
_COUNTRY_ABBREVIATION_SET = frozenset(_COUNTRY_ABBREVIATIONS)
_COUNTRY_PAIR = re.compile(
    f"[{_COUNTRY_ABBREVIATIONS}]{{2,4}}(?=两国|三国|四国|关系|双方|三方|友好|合作|贸易|边界|边境|联合|首脑|"
    "会谈|峰会|建交|之间|等国|两军|战争|冲突|对话|谈判|公报|经贸|文化|友谊|人民|领导人|外长|总理|元首)"
)
_TITLES = _words(
    "记者 本报记者 通讯员 院士 教授 博士 董事长 总裁 总经理 首席执行官 CEO 创始人 联合创始人 主任 总理 副总理"
    " 主席 副主席 总统 副总统 总书记 书记 省长 市长 县长 部长 副部长 局长 厅长 处长 校长 院长"
    " 所长 会长 秘书长"
    " 委员长 大使 外长 首相 国王 发言人 司令 司令员 政委 将军 教练 主教练 队长 经理 总监 研究员 工程师 作家"
    " 导演 演员 先生 女士 同志 老师 医生 律师 法官 议员 总编辑 编辑 代表 委员 专家 学者 科学家 负责人 合伙人"
    " 董事 行长 总干事 领袖 参谋长 副参谋长 少将 中将 上将 元帅 大校 上校 中校 少校 专员 议长 州长"
)
# endings of compound titles jieba keeps whole: 财政部长, 日本首相, 副参谋长, 全国总书记, 银行行长
_TITLE_ENDINGS = tuple(
    _words(
        "总统 总理 首相 主席 部长 院长 校长 行长 会长 社长 局长 厅长 司长 署长 市长 省长 县长 州长"
        " 参谋长 司令 司令员 政委 书记 主任 秘书长 总裁 董事长 总经理 大使 外长 教练 领袖 队长 议长"
        " 发言人 将军 少将 中将 上将 记者"
    )
)
# last characters of every title and role: a cheap test before the full one ("长" alone is 部|长)
_TITLE_FINALS = frozenset(w[-1] for w in (*_TITLES, *_TITLE_ENDINGS)) | frozenset("员官师手长家")
# military ranks and services after a name: 赵国钧少将, 巴克海军少将
_RANKS = _words("少将 中将 上将 元帅 大校 上校 中校 少校 海军 陆军 空军")
_PLACE_SUFFIXES = _words(
    "自治区 自治州 自治县 特别行政区 新区 开发区 街道 省 市 区 县 镇 乡 村 州 岛 湾 港 路 街 山 河 湖 江"
)
_PROPER_TAGS = _words("ns nr nrt nrfg nz nt j eng")
# tokens that can sit between a proper head and an organisation suffix: 青岛|海牛|队, 芬兰|农林|部
_ORG_BODY_TAGS = _words("n nz vn j an b nt ns nr nrt eng l m")
_GENERIC_ORG_HEADS = _words("中央 全国 国家 中华 省 市 县")
# words that open an organisation's full name: 国际|奥委会, 世界|卫生组织
_ORG_PREFIX_WORDS = _words("国际 世界 全国 中央 国家 中华 亚洲 欧洲 非洲 泛美")
# a word of a compound token that follows a name and is not part of it: 邓小平|理论, 东北|地区, 荷兰|人
_GENERIC_TAILS = _words(
    "理论 主义 思想 精神 时代 人 人民 民族 族 籍 总理 总统 首相 政府 当局 方面 方 地区 各国 两国"
    " 三国 国家 外长 部长 省长 市长 书记 主席 大使 同志 先生 女士 夫人 教授 院士 关系 队员 政权 军"
    " 军队 代表 代表团 使馆 大使馆 领导人 元首 官员 警方 人士 公民 侨民 一方 选手 球迷 首都 境内"
    " 全境 南部 北部 东部 西部 中部 地震 问题 经济"
    " 市场 公司 企业 总部 分公司"
)
_CURRENCIES = ("马克", "克朗", "卢布", "卢比", "法郎", "比索", "里拉", "先令", "第纳尔", "里亚尔")
# after one-character country names only these make the character a place: 俄总统, 中方, 美军
_ABBREVIATION_TAILS = _words(
    "总理 总统 首相 政府 当局 方 外长 军 军队 籍 使馆 大使馆 领导人 元首 官员 警方 一方 代表团"
)
# words ending like an organisation that are not one
_NOT_ORG_ENDINGS = _words(
    "干部 内部 外部 全部 局部 东部 西部 南部 北部 中部 总部 头部 腹部 场所 厕所 住所 处所 到处 好处 益处 难处"
    " 用处 之处 各处 部队 政党 全党 入党 本所 本院 我院 该院 我局 该局 本社 我社 将军 冠军"
)
# endings that look like a suffix but close a common noun: 金融体系, 世界格局, 世界观
_GENERIC_ENDINGS = tuple(
    _words(
        "体系 关系 联系 派系 水系 格局 结局 布局 大局 全局 时局 政局 观 干部 内部 外部 全部 局部"
        " 之处 场所 冠军 东南部 西南部 东北部 西北部 中南部 大部 交界处 两院 组队"
        " 亚军 季军 带队 领队 入队 归队 整队 排队 大厂 后院 庭院 大院 宅院 院落 团队"
    )
)
# endings of government departments named by their field alone: 外交部, 公安局, 新闻出版署
_MINISTRY_FINALS = frozenset("部署厅")
_WEAK_CENTRE_SUFFIXES = _words("中心 重镇 基地")
_FIELD_WORDS = _words("经济 政治 文化 金融 科技 贸易 交通 商业 物流 工业 制造业 创新 科创 人才 数据 航运")
# words for a kind of organisation that a name can follow directly (机构|沙利文)
_ORG_KIND_WORDS = _words("企业 公司 机构 厂商 车企 药企 房企 集团 巨头 券商")
_INDUSTRY_WORDS = frozenset(("行业", "业界"))
# common nouns that a place in front does not make a name: 美国|军队, 陕西|工厂 (but 黑龙江|大学 is one)
_PLACE_COMMON_NOUNS = _words(
    "军队 部队 企业 公司 集团 政府 当局 工厂 单位 部门 机关 团体 队伍 媒体"
    " 群体 团队 基层 高校 学校 机构 组织 社团 球队"
)
_BUSINESS_SUFFIXES = ("公司", "企业", "集团", "大厂", "机构", "团队")
# words that say what kind of company, not which: 美国|初创|公司
_BUSINESS_DESCRIPTORS = _words(
    "科技 初创 母公司 子公司 上市 互联网 大型 小型 中小 国有 民营 私营 外资 外国 本地 当地 独角兽"
    " 研发 头部 领先 知名 龙头 相关 创业 新 全球 跨国 顶级 人工智能 AI 技术 金融 能源 汽车 游戏"
    " 芯片 软件 硬件 电商 中资 美资"
    " 合资 独资 新兴 传统 大 小 老"
)
# measure words: 一个|招待所, 一家|公司 introduce a common noun
_COUNTER = re.compile("^[一两二三四五六七八九十几这那每各该本此某哪]+[个家些种位名座所]$")
# last characters of organisation names jieba tags nt that no suffix covers: 联合国, 欧盟, 中共, 国际足联
_ORG_NT_FINALS = frozenset("国盟共联组")
# tokens that never belong to an organisation name: datelines (新华社北京5月7日电) and the like
_NOT_IN_ORG_BODY = _words("日电 电 讯 本报讯 据 记者 报道 消息")
_TITLE_MODIFIERS = ("副", "代理", "常务", "执行", "名誉", "前")
# one-character suffixes too often a function word when they stand alone: 所从事, 之处
_WEAK_STANDALONE_SUFFIXES = _words("所 处 系 班 军")
# suffixes that make a generic phrase in news conventions: 菲律宾政府 is the place 菲律宾 plus 政府
_NOT_ORG_SUFFIXES = _words("政府 当局 基金 证券 保险 航空")
# a title glued to the organisation it heads: 农林部长, 协会主席, 代表团团长
_ORG_TITLE_TAILS = _words(
    "副主席 主席 副主任 主任 秘书长 负责人 副团长 团长 副部长 代理部长 副院长 副所长 副局长 副厂长"
    " 副校长 副会长 副长 长 院长 校长 所长 局长 部长 厅长 处长 社长 队长 厂长 行长 会长 署长"
    " 书记 副书记 常委 总裁 副总裁 董事长 副董事长 总经理 副总经理 经理 主编 总编辑 司令 司令员 政委"
)
# buildings and venues are places: 人民大会堂, 中国美术馆, 北京图书大厦
_FACILITY_SUFFIXES = tuple(
    _words(
        "大厦 大会堂 会堂 美术馆 博物馆 纪念馆 展览馆 剧院 体育场 体育馆 广场 机场 火车站 宫 寺 庙 公园 大桥"
    )
)
# heads of named places and facilities (news types venues as places): 云栖|小镇, 松阳|抽水蓄能|电站,
# 义乌|国际博览|中心, 国家大剧院|戏剧|场; after a generic modifier they name nothing (特色小镇, 该电站)
_FACILITY_HEADS = tuple(
    sorted(
        _words(
            "小镇 新区 园区 科技园 产业园 工业园 软件园 科学城 科技城 文化村 电站 博览中心 会展中心 展览中心"
            " 演艺中心 体育场 体育馆 体育中心 大剧院 剧场 剧院 音乐厅 开发区 高新区 度假区 风景区 水库"
        ),
        key=len,
        reverse=True,
    )
)
_FACILITY_HEAD_FINALS = frozenset(head[-1] for head in _FACILITY_HEADS)
_FACILITY_HEAD_SET = frozenset(_FACILITY_HEADS)
_FACILITY_HEAD_PATTERN = re.compile("|".join(_FACILITY_HEADS))
# heads split over two tokens, by their last token: 戏剧|场 (剧场), 国际博览|中心 (博览中心)
_FACILITY_HEAD_ENDINGS = {
    head[-size:]: tuple(h for h in _FACILITY_HEADS if h.endswith(head[-size:]) and len(h) > size)
    for head in _FACILITY_HEADS
    for size in range(1, len(head))
}
_FACILITY_BODY_TAGS = _words("n vn v nz b l an j")
_FACILITY_NAME_TAGS = _words("ns nr nrt nrfg nz nt j")
# words that say what kind of place, not which: 特色|小镇, 新建|电站, 智慧|园区
_GENERIC_FACILITY_WORDS = _words(
    "特色 新建 在建 建设 建成 大型 小型 主要 重点 首个 首座 相关 周边 附近 当地 本地 现有 全新 智慧 数字"
    " 各类 多个 部分 其他 其它 国家级 省级 市级 县级 示范 试点 配套 新型 传统 现代 城市 乡村 农村"
    " 综合 专业 创新 创业 未来 众多 大批 一批 全国 全省 全市 我国 中国"
)
# heads that after a bare region's name describe its towns: 杭州小镇, 江南小镇
_TOWN_WORDS = _words("小镇")
# the cities of the first tier in the usual shorthand: 北上广深 is four places
_CITY_SHORTHAND = re.compile("北上广深?")
# first characters of what a person, not a place, does next: 说, 表示, 指出, 认为
_SPOKE = frozenset("说表指认称强介告透坦回")
# suffixes that turn a bare place name into its administrative form: 黄岩(区), 阿拉尔(市)
_PLACE_FORM_SUFFIXES = "市县区镇州"
# one-character place names that stand alone as tokens: 俄, 韩, 在京
_SINGLE_ABBREVIATIONS = frozenset("美俄韩英德印巴越泰澳欧非京沪港台")
# one-character names of provinces and regions, as in 青藏高原, 京津冀, 江浙沪
_REGION_ABBREVIATIONS = frozenset(
    "京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔滇藏陕甘陇青宁新港澳台江淮黄"
)
_REGION_PAIR_TAILS = _words(
    "高原 铁路 公路 线 两省 两地 边界 地区 交界 沿线 一带 合作 高速 两国 平原 流域 边境 大地 之间"
)
_VISIT_VERBS = frozenset("访驻来抵赴离返进旅留在对侵援")
_VISIT_TARGETS = frozenset(_COUNTRY_ABBREVIATIONS + "华京沪")
_PERSON_VERBS = _words(
    "说 表示 指出 认为 强调 介绍 告诉 称 说道 回忆 坦言 透露 会见 会晤 访问 出席 主持 宣布 同志 先生"
    " 女士 夫妇 夫妻 父子 父女 母子 母女 兄弟 姐妹 一家"
    " 等人 本人 教授"
)
_FUNCTION_TAGS = _words("p c d u uj ul uz ug uv ud r m q f y e o")
_GIVEN_NAME_TAGS = _words("n nr nrt a ng j nz v vn ag t z")
# family names that are far more often function words: 连吃, 于是
_FUNCTION_SURNAMES = frozenset("连和于向从将把被为以与及同但而又也都就才只仅还更最很太多少")
_NAME_TAGS = _words("nr nrt nrfg ns nt j")
_PLACE_HEAD_TAGS = _words("nz nr nrt nrfg j")
_PLACE_FINALS = frozenset("省市县区镇乡村州郡")
_PLACE_BEFORE = _words(
    "在 到 从 赴 抵达 前往 访问 位于 来自 飞往 离开 抵 至 经 途经 返回 驻 于 进入 撤出 包括"
)
_PLACE_AFTER = _words(
    "地区 境内 首都 首府 局势 危机 问题 人民 政府 当局 总统 总理 外长 军队 难民 冲突 战争 附近 郊区 北部 南部"
    " 东部 西部 边境 独立 省 市 州 国 机场 港"
)
# last characters of role nouns that introduce a name: 协调员罗斯, 参议员, 指挥官, 设计师, 选手
_ROLE_FINALS = frozenset("员官师手长家")
# last characters of abstract nouns: 幸福感, 积极性, 现代化, 知名度
_ABSTRACT_FINALS = frozenset("感性化度率力观")
# last characters of verb phrases jieba's unknown-word model tags as places: 上拉来
# last characters of things that jieba tags as names: 尤伯杯, 吉普车, 田径赛, 诺贝尔奖, 哈密瓜
# last characters of the small places jieba leaves as unknown nouns: 下叔村, 泉溪镇, 崇皇乡
_VILLAGE_FINALS = frozenset("村镇乡")
_ISLAND_FINALS = frozenset("岛屿礁")
# what a list of places ends with: 黄岩、路桥和椒江|等|地
_PLACE_LIST_ENDS = _words("地 县 市 省 区 国 城市 地区 国家 地方 乡镇")
_ISLAND_PREFIXES = frozenset("大小东西南北上下中")
_OBJECT_FINALS = frozenset("杯奖赛车瓜")
_NOT_PLACE_FINALS = frozenset("来去了的到着过")
# words for a kind of place that a place name can follow directly: 旅游胜地|帕塔亚, 城市|哈斯科沃
_PLACE_KIND_WORDS = _words("城市 胜地 旅游胜地 小镇 首都 港口 港城 省会 地区 小城 古城 名城 重镇 村庄")
_NAME_TRAILERS = frozenset("说是去在和的也都到就对从向将把被等称讲")
_NAME_LEADERS = frozenset("致胜以当令与对给被由让据同跟但")
# forms of address after a family name: 王某, 郑先生, 李老师 (the family name alone is the mention)
_HONORIFICS = _words(
    "某 先生 老师 小姐 女士 老 家 大娘 大爷 大妈 大婶 师傅 阿姨 老汉 大哥 大姐 同志 总 工 教授 博士 书记 局长"
    " 县长 市长 队长 主席 总理 总统 首相 外长 部长 省长 院长 校长 委员长 大使 经理 董事长 主任 教练"
)
# last characters of the compounds _decompose_word takes apart
_DECOMPOSE_FINALS = frozenset(w[-1] for w in (*_GENERIC_TAILS, *_HONORIFICS))
# one-character tokens that do not end a name cut short by jieba
_NOT_IN_NAMES = frozenset("的了在是和与及等说对向把被为从将也都就还又而但或则并即且乃之其此该这那个们")


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    entity_type: str
    method: str
    confidence: float


def _read_words(name: str) -> frozenset[str]:
    words = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.extend(line.split())
    return frozenset(words)


@cache
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    names = _read_words("surnames.txt")
    return frozenset(n for n in names if len(n) == 1), frozenset(n for n in names if len(n) == 2)


@cache
def _japanese_surnames() -> frozenset[str]:
    return _read_words("japanese_surnames.txt")


@cache
def _japanese_surname_pattern() -> re.Pattern[str]:
    return re.compile("|".join(sorted(_japanese_surnames(), key=len, reverse=True)))


@cache
def _japanese_surname_prefixes() -> frozenset[str]:
    return frozenset(name[:2] for name in _japanese_surnames())


@cache
def _given_name_characters() -> frozenset[str]:
    return frozenset("".join(_read_words("given_name_characters.txt")))


def _given_name_ok(given: str) -> bool:
    """One or two characters that read like a Chinese given name."""
    characters = _given_name_characters()
    return 1 <= len(given) <= 2 and all(ch in characters for ch in given)


@cache
def _person_stopwords() -> frozenset[str]:
    return _read_words("person_stopwords.txt")


@cache
def _place_stopwords() -> frozenset[str]:
    return _read_words("place_stopwords.txt")


@cache
def _org_final_characters() -> frozenset[str]:
    """Last characters of every organisation and facility suffix: a cheap test before the full one."""
    return frozenset(s[-1] for s in (*_org_suffixes(), *_FACILITY_SUFFIXES, *_ORG_TITLE_TAILS))


@cache
def _location_prefixes() -> frozenset[str]:
    """First two characters of every place alias, to find 中国|画 without trying every token."""
    return frozenset(
        form for form, forms in _alias_table().items() if any(e.entity_type == "LOCATION" for _, e in forms)
    )


@cache
def _institutions() -> frozenset[str]:
    return _read_words("institutions.txt")


@cache
def _org_stopwords() -> frozenset[str]:
    return _read_words("org_stopwords.txt")


@cache
def _latin_stopwords() -> frozenset[str]:
    return _read_words("latin_stopwords.txt")


@cache
def _org_suffixes() -> frozenset[str]:
    return _read_words("org_suffixes.txt")


@cache
def _alias_table() -> dict[str, list[tuple[str, gazetteer.Entity]]]:
    """lower-cased alias -> entity, grouped by the first two characters, longest first."""
    table: dict[str, list[tuple[str, gazetteer.Entity]]] = {}
    index = gazetteer.alias_index()
    for alias in gazetteer.aliases():
        entity = index[alias.alias_normalised]
        form = alias.alias.lower()
        if len(form) < 2:
            continue
        table.setdefault(form[:2], []).append((form, entity))
    for forms in table.values():
        forms.sort(key=lambda item: len(item[0]), reverse=True)
    return table


def _surname_length(word: str) -> int:
    single, compound = _surnames()
    if word[:2] in compound:
        return 2
    return 1 if word[:1] in single else 0


# full-width forms and spaces: surfaces that only the full normalisation can match
_WIDE_OR_SPACE = re.compile(r"[\uff00-\uffef\s]")
_ALL_CJK = re.compile(r"[\u3400-\u9fff]+")


@lru_cache(maxsize=200_000)
def _is_cjk(word: str) -> bool:
    return _ALL_CJK.fullmatch(word) is not None


def _gazetteer_candidates(text: str, tokens: list[tuple[str, str, int, int]]) -> list[_Candidate]:
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = text
    table = _alias_table()
    starts = [start for _, _, start, _ in tokens if lowered[start : start + 2] in table]
    if not starts:
        return []
    ends = {end for _, _, _, end in tokens}
    found = []
    for start in starts:
        for form, entity in table[lowered[start : start + 2]]:
            end = start + len(form)
            if end not in ends or not lowered.startswith(form, start):
                continue
            surface = text[start:end]
            # a Latin alias must be written as a name (Meta, not the English word meta)
            if not _CJK.search(surface) and surface.islower():
                continue
            found.append(_Candidate(start, end, entity.entity_type, "gazetteer", 0.95))
            break
    return found


def _straddles_a_word(text: str, start: int, end: int) -> bool:
    """The character before a Chinese alias makes a dictionary word with the alias's first one, and the
    alias's last characters make one with what follows, or the rest of the alias does not stand alone."""
    if not (_is_cjk(text[start - 1]) and _is_cjk(text[start])):
        return False
    if not segmentation.is_dictionary_word(text[start - 1 : start + 1]):
        return False
    rest = text[start + 1 : end]
    return segmentation.is_dictionary_word(rest) or segmentation.is_dictionary_word(text[start - 1 : end])


def _after_a_whole_word(tokens: list[tuple[str, str, int, int]], start: int) -> bool:
    """The character before an alias closes a word of two or more characters that jieba read as one:
    创始人|马云 (人马 is a word too, but 创始人 took the 人), not 白|云深处."""
    k = bisect_right([token[3] for token in tokens], start) - 1
    if k < 0 or tokens[k][3] != start:
        return False
    word = tokens[k][0]
    return len(word) >= 2 and _is_cjk(word) and segmentation.is_dictionary_word(word)


@lru_cache(maxsize=200_000)
def _person_ok(word: str, tag: str) -> bool:
    if word in _person_stopwords() or not _is_cjk(word):
        return False
    if word[-1] in _ABSTRACT_FINALS and len(word) >= 3 and segmentation.is_dictionary_word(word):
        return False  # 幸福感, 积极性, 现代化: abstract nouns jieba's dictionary calls names
    if word[-1] in _OBJECT_FINALS:
        return False  # 尤伯杯, 吉普车, 田径赛: a trophy, a vehicle, a contest
    surname = _surname_length(word)
    if surname and 2 <= len(word) <= surname + 2:
        return True
    # transliterated names: 克林顿, 叶利钦
    return tag in ("nr", "nrt", "nrfg") and len(word) >= 2 and all(ch in _TRANSLITERATION for ch in word)


@lru_cache(maxsize=200_000)
def _place_ok(word: str) -> bool:
    if word[-1] in _NOT_PLACE_FINALS and not segmentation.is_dictionary_word(word):
        return False
    return len(word) >= 2 and _is_cjk(word) and word not in _place_stopwords()


@lru_cache(maxsize=200_000)
def _retag(word: str) -> tuple[str, str] | None:
    """The single proper-noun reading of `word` (its entity type and jieba tag), if jieba has one."""
    pairs = segmentation.tagger().tag(word, False)
    if len(pairs) != 1:
        return None
    tag = pairs[0][1]
    if tag in ("nr", "nrt", "nrfg") and _person_ok(word, tag):
        return "PERSON", tag
    if tag == "ns" and _place_ok(word):
        return "LOCATION", tag
    if tag == "nt":
        return "ORG", tag
    return None


def _abbreviations(start: int, word: str) -> list[_Candidate]:
    return [_Candidate(start + k, start + k + 1, "LOCATION", "abbreviation", 0.6) for k in range(len(word))]


@lru_cache(maxsize=200_000)
def _decompose_word(word: str, tag: str) -> tuple[_Candidate, ...] | None:
    """Entities inside one jieba token: 中美 -> 中, 美; 邓小平理论 -> 邓小平; 访华 -> 华; 东北地区 -> 东北.

    None when the token is not a compound of that kind; an empty tuple when it is one without a name.
    """
    start = 0
    if (
        2 <= len(word) <= 4
        and word[1:] in _HONORIFICS
        and _surname_length(word) == 1
        and word[0] not in _FUNCTION_SURNAMES
        and word[0] != "党"  # 党主席 is the party's chairman
        and (word[1:] not in ("家", "老", "总", "工") or not segmentation.is_dictionary_word(word))
    ):
        return (_Candidate(0, 1, "PERSON", "surname", 0.5),)  # 刘家 yes; 农家, 商家 are words
    if (
        2 <= len(word) <= 4
        and tag in ("ns", "j", "nt", "nr")
        and all(ch in _COUNTRY_ABBREVIATIONS for ch in word)
    ):
        return tuple(_abbreviations(start, word))
    if (
        len(word) >= 3
        and word[0] in _REGION_ABBREVIATIONS
        and word[1] in _REGION_ABBREVIATIONS
        and word[2:] in _REGION_PAIR_TAILS
        and _lookup(word[:2]) is None
    ):
        # 青藏|高原, 川藏|公路: two provinces by their short names
        return tuple(_abbreviations(start, word[:2]))
    if len(word) == 2 and word[0] in _VISIT_VERBS and word[1] in _VISIT_TARGETS:
        return tuple(_abbreviations(start + 1, word[1]))
    if len(word) > 2 and word[0] in _VISIT_VERBS and word[1] in "华京沪" and word[:2] != "在京":
        return tuple(_abbreviations(start + 1, word[1]))  # 驻华使馆, 对华关系, 来华访问: China, Beijing
    if word.endswith(_CURRENCIES) and tag == "ns":
        return ()  # 挪威克朗, 德国马克: a currency, not a place
    for size in range(min(len(word) - 1, 3), 0, -1):
        tail = word[-size:]
        if tail not in _GENERIC_TAILS:
            continue
        head = word[:-size]
        if len(head) <= 3 and all(ch in _COUNTRY_ABBREVIATIONS for ch in head):
            # 中方 is China's side; 中军, 中部 are not China
            china_side = head not in "西南北东新古中" or word == "中方"
            if len(head) > 1 or (tail in _ABBREVIATION_TAILS and china_side):
                return tuple(_abbreviations(start, head))
            continue
        if len(head) < 2:
            continue
        if head in _institutions():
            return (_Candidate(start, start + len(head), "ORG", "dictionary", 0.4),)  # 市委|书记
        entity = _lookup(head)
        if entity is not None:
            return (_Candidate(start, start + len(head), entity.entity_type, "gazetteer", 0.9),)
        reading = _retag(head)
        if reading is not None:
            return (_Candidate(start, start + len(head), reading[0], "pos", 0.65),)
        if tag in ("nr", "nrt", "nrfg") and size == 1:
            return None  # 潘维军, 张建国: a given name may end in 军 or 国
        if tag in ("ns", "nt", "nr", "nrt"):
            return ()  # 沿海地区, 党组织: a generic word jieba tagged as a name
    return None


def _place_prefix(word: str, start: int) -> list[_Candidate]:
    """A known place at the front of a common-noun token: 中国|画, 中国|京剧, 日本|经济."""
    size = _place_prefix_size(word)
    return [_Candidate(start, start + size, "LOCATION", "gazetteer", 0.8)] if size else []


@lru_cache(maxsize=200_000)
def _place_prefix_size(word: str) -> int:
    for size in range(min(len(word) - 1, 7), 1, -1):
        entity = _lookup(word[:size])
        if entity is not None and entity.entity_type == "LOCATION":
            if segmentation.is_dictionary_word(word[size:]) or len(word) - size == 1:
                return size
            return 0
    return 0


def _trim_name(word: str) -> tuple[int, int] | None:
    """(offset, length) of the name inside a token with one stray character at either end."""
    left = 1 if word[0] in _NAME_LEADERS and _surname_length(word[1:]) else 0
    right = 1 if word[-1] in _NAME_TRAILERS else 0
    inner = word[left : len(word) - right]
    if (
        (left or right)
        and 2 <= len(inner) <= 4
        and _surname_length(inner)
        and inner not in _person_stopwords()
    ):
        return left, len(inner)
    return None


def _place_context(tokens: list[tuple[str, str, int, int]], i: int) -> bool:
    previous = tokens[i - 1][0] if i else ""
    following = tokens[i + 1][0] if i + 1 < len(tokens) else ""
    if previous in _PLACE_BEFORE or following in _PLACE_AFTER or previous in _PLACE_KIND_WORDS:
        return True
    # 德国|罗滕堡, 日本|大阪: a country right before a foreign name places it
    known = _lookup(previous) if len(previous) >= 2 else None
    return known is not None and known.entity_type == "LOCATION" and previous.endswith("国")


@lru_cache(maxsize=200_000)
def _is_title_word(word: str) -> bool:
    """A title or role, alone or glued to what it heads: 总裁, 副院长, 财政部长, 日本首相, 协调员."""
    if word in _TITLES:
        return True
    return len(word) > 2 and word.endswith(_TITLE_ENDINGS) and _is_cjk(word)


def _title_before(tokens: list[tuple[str, str, int, int]], i: int) -> bool:
    """A title right before token i: 总裁|宋朝弟, 研究员|陈德里, 财政部|长|鲁宾 (jieba cut 部长 apart)."""
    if not i:
        return False
    previous = tokens[i - 1][0]
    if previous == "长":
        return i >= 2 and tokens[i - 2][0][-1:] in "部局厅署处行院会社所司"
    return previous[-1:] in _TITLE_FINALS and _introduces_name(previous)


@lru_cache(maxsize=200_000)
def _introduces_name(word: str) -> bool:
    return _is_title_word(word) or _is_role(word)


def _speaks_like_a_person(tokens: list[tuple[str, str, int, int]], i: int) -> bool:
    previous = tokens[i - 1][0] if i else ""
    following = tokens[i + 1][0] if i + 1 < len(tokens) else ""
    return (
        _title_before(tokens, i)
        or following in _TITLES
        or following in _PERSON_VERBS
        or previous in ("、", "和", "与", "及")
        or following in ("、",)
    )


def _listed_with_places(tokens: list[tuple[str, str, int, int]], i: int) -> bool:
    """The word is in a list that ends with 等地 (or 等县, 等国...): 走进|黄岩|、|路桥|和|椒江|等|地."""
    k = i + 1
    while k + 1 < len(tokens) and k - i < 12 and tokens[k][0] in ("、", "和", "与", "及"):
        if not _is_cjk(tokens[k + 1][0]) or len(tokens[k + 1][0]) > 5:
            return False
        k += 2
    listed = k - i >= 2 or (i and tokens[i - 1][0] in ("、", "和", "与", "及"))
    if not listed or k >= len(tokens) or tokens[k][0] not in ("等", "等等"):
        return False
    return k + 1 < len(tokens) and tokens[k + 1][0] in _PLACE_LIST_ENDS


def _is_role(word: str) -> bool:
    return len(word) >= 2 and word[-1] in _ROLE_FINALS and _is_cjk(word)


def _unlisted_name(tokens: list[tuple[str, str, int, int]], i: int) -> bool:
    """A three-character name jieba found by itself, with a family name our list lacks (胥慧霞, 楼继伟):
    the given name must read like one and the context must say person."""
    word, tag = tokens[i][0], tokens[i][1]
    if tag != "nr" or len(word) != 3 or not _is_cjk(word) or word in _person_stopwords():
        return False
    if segmentation.is_dictionary_word(word) or word[0] in _NOT_IN_NAMES or word[0] in _FUNCTION_SURNAMES:
        return False
    return _given_name_ok(word[1:]) and _speaks_like_a_person(tokens, i)


# verbs of speech only a person (not a place standing for its government) is the subject of in news
_SPEECH_VERBS = _words("说 说道 表示 指出 强调 告诉 透露 坦言 回忆 介绍说")
# titles of a head of state or government, which come after a foreign name (库马拉通加总统)
_LEADER_TITLES = _words("总统 总理 首相 国王 女王 亲王 王储 苏丹 埃米尔 副总统 副总理")


def _named_by_what_follows(tokens: list[tuple[str, str, int, int]], i: int) -> bool:
    """A word jieba tagged as a place, made a person by what follows: a speech verb after a Chinese name
    (罗干|说), a leader's title after a foreign name that is no known place (库马拉通加|总统)."""
    if i + 1 >= len(tokens):
        return False
    word, following = tokens[i][0], tokens[i + 1][0]
    if word in _place_stopwords() or word in _person_stopwords() or _lookup(word) is not None:
        return False
    if following in _SPEECH_VERBS:
        surname = _surname_length(word)
        if surname and len(word) <= surname + 2 and word[0] not in _FUNCTION_SURNAMES:
            return not any(ch in _NOT_IN_NAMES for ch in word)
    if following in _LEADER_TITLES and len(word) >= 3 and word[-1] not in _PLACE_FINALS and word[-1] != "国":
        return sum(ch not in _TRANSLITERATION for ch in word) <= 1
    return False


# a speech verb glued to the last character of a three-character name: 祝铭|明说, 范柏|乃|说, 孙会|想|表示
_NAME_TAIL_SPEECH = _words("说 说道 表示 指出 强调 透露 坦言 介绍 认为 称")


# the business words a company's trading name ends with (富士康科技, 迅雷网络) and those of industrial groups,
# which usually follow a place (上海建工, 三峡建工)
_BRAND_SUFFIXES = _words("科技 智能 网络 电子 软件")
_INDUSTRY_SUFFIXES = _words("建工 重工")
_COMPANY_WORDS = _BRAND_SUFFIXES | _INDUSTRY_SUFFIXES
_BRAND_HEAD_TAGS = _words("nr nrt nrfg nz")


def _ends_a_name(word: str, tag: str) -> bool:
    """What may follow a company's name: punctuation, a conjunction or particle, or a verb of two characters
    and more (富士康科技|、, 三峡建工|联合, 迅雷网络|发布)."""
    if not _is_cjk(word):
        return True
    return word in _NAME_TRAILERS or tag in ("c", "p", "uj") or (tag == "v" and len(word) >= 2)


def _brand_candidates(tokens: list[tuple[str, str, int, int]]) -> list[_Candidate]:
    """A company's trading name: a proper noun jieba read as a name (富士康|科技) or a place before an
    industrial group's word (三峡|建工), when the clause does not go on with a noun (杭州|科技|产业)."""
    found = []
    for i in [i for i, token in enumerate(tokens) if token[0] in _COMPANY_WORDS and i]:
        word, _, _, end = tokens[i]
        brand = word in _BRAND_SUFFIXES
        head, head_tag, start, _ = tokens[i - 1]
        if len(head) < 2 or not _is_cjk(head) or head in _person_stopwords():
            continue
        if head_tag not in _BRAND_HEAD_TAGS and (brand or head_tag != "ns"):
            continue
        if any(field in head for field in _FIELD_WORDS):
            continue  # 科技推广|网络: a field of work before the word, not a brand
        known = _lookup(head)
        if known is not None and known.entity_type == "PERSON":
            continue
        if i + 1 < len(tokens) and not _ends_a_name(*tokens[i + 1][:2]):
            continue  # 杭州|科技|产业, 张伟|网络|上, 王磊|科技|感: the words go on as a phrase
        found.append(_Candidate(start, end, "ORG", "suffix", 0.7))
    return found


def _cut_name_candidates(tokens: list[tuple[str, str, int, int]]) -> list[_Candidate]:
    """A two-character name (family name and one character) that jieba cut from its last character, which
    it joined to the speech verb after it (祝铭|明说) or left alone before one (范柏|乃|说)."""
    found = []
    single, _ = _surnames()
    last_index = len(tokens) - 1
    for i in [i for i, token in enumerate(tokens) if token[1] in ("nr", "nrt") and i < last_index]:
        word, _, start, _ = tokens[i]
        if len(word) != 2 or word[0] not in single or word in _person_stopwords():
            continue
        following, following_tag = tokens[i + 1][0], tokens[i + 1][1]
        last = following[0]
        if not _CJK.match(last) or (last in _NOT_IN_NAMES and last not in _given_name_characters()):
            continue  # 乃 is a function word and a given-name character (范柏乃)
        if len(following) == 2 and following[1] in ("说", "称") and following_tag == "v":
            joined = last in _given_name_characters()  # 明说 is a word, 明 a given-name character
        elif len(following) == 1 and i + 2 < len(tokens) and tokens[i + 2][0] in _NAME_TAIL_SPEECH:
            joined = following_tag not in _FUNCTION_TAGS  # 王刚|曾|表示: an adverb is not a name's end
        else:
            continue
        if joined and _lookup(word) is None:
            found.append(_Candidate(start, start + 3, "PERSON", "surname", 0.8))
    return found


def _said_by_name(tokens: list[tuple[str, str, int, int]], i: int) -> bool:
    """A word jieba tagged as a name with no family name we know, that speaks or is addressed like a person:
    约翰逊|说, 约翰逊|女士 (characters outside our transliteration set)."""
    word = tokens[i][0]
    if not 2 <= len(word) <= 4 or word in _person_stopwords() or word[-1] in _OBJECT_FINALS:
        return False
    if i + 1 >= len(tokens) or any(ch in _NOT_IN_NAMES for ch in word) or _lookup(word) is not None:
        return False
    following = tokens[i + 1][0]
    return following in _SPEECH_VERBS or following in _ADDRESS_TERMS


@lru_cache(maxsize=200_000)
def _word_with_a_word_inside(word: str) -> bool:
    """A three-character dictionary word whose first two characters are a common word: 纪念|章, 高|增值."""
    if len(word) != 3 or not segmentation.is_dictionary_word(word):
        return False
    for part in (word[:2], word[1:]):
        if segmentation.is_dictionary_word(part):
            pairs = segmentation.tagger().tag(part, False)
            if len(pairs) == 1 and pairs[0][1] in ("v", "vn", "a", "ad", "an", "d"):
                return True
    return False


def _titled_person(tokens: list[tuple[str, str, int, int]], i: int) -> bool:
    """A title or role right before the word, or a title or speech verb right after it."""
    following = tokens[i + 1][0] if i + 1 < len(tokens) else ""
    return _title_before(tokens, i) or following in _TITLES or following in _PERSON_VERBS


@lru_cache(maxsize=200_000)
def _chinese_name_ok(word: str) -> bool:
    """A family name and a one- or two-character given name: 江建国, 罗干."""
    surname = _surname_length(word)
    return bool(surname) and word not in _person_stopwords() and _given_name_ok(word[surname:])


def _pos_candidates(tokens: list[tuple[str, str, int, int]]) -> list[_Candidate]:
    found = []
    n = len(tokens)
    finals, prefixes, institutions = _DECOMPOSE_FINALS, _location_prefixes(), _institutions()
    single_surnames = _surnames()[0]
    chosen = [  # most tokens hold no name and no name inside: skip them cheaply
        i
        for i, (word, tag, _, _) in enumerate(tokens)
        if tag in _NAME_TAGS
        or word[-1] in finals
        or word[0] in _VISIT_VERBS
        or word[:2] in prefixes
        or word in institutions
        or (len(word) == 3 and tag in ("n", "nz") and word[0] in single_surnames)
        or (len(word) >= 3 and word[-1] in _VILLAGE_FINALS)
    ]
    for i in chosen:
        word, tag, start, end = tokens[i]
        if len(word) < 2:
            if tag in ("j", "ns") and word in _SINGLE_ABBREVIATIONS:
                found.append(_Candidate(start, end, "LOCATION", "abbreviation", 0.5))
            continue
        if not _is_cjk(word):
            continue
        parts = _decompose_word(word, tag)
        if parts is not None:
            found.extend(
                _Candidate(start + c.start, start + c.end, c.entity_type, c.method, c.confidence)
                for c in parts
            )
            continue
        if tag in ("nr", "nrt", "nrfg") and word[-1] in _ISLAND_FINALS and _place_ok(word):
            # 大|陈岛, 钓鱼岛: an island, never a person; a size or a direction before it is in its name
            if i and tokens[i - 1][0] in _ISLAND_PREFIXES and tokens[i - 1][1] in ("a", "b", "f"):
                start = tokens[i - 1][2]
            found.append(_Candidate(start, end, "LOCATION", "suffix", 0.55))
            continue
        if (
            tag in ("nr", "nrt")
            and i
            and len(word) <= 3
            and (tokens[i - 1][0] in _PLACE_BEFORE or tokens[i - 1][1] == "ns")
            and _has_place_form(word)
        ):
            # 在|黄岩|首演, 台州|黄岩: a place's bare name read as a person's (the dictionary knows 黄岩区)
            found.append(_Candidate(start, end, "LOCATION", "pos", 0.65))
            continue
        if tag in ("nr", "nrt", "nrfg") and len(word) >= 3 and word[-1] in _PLACE_FINALS and _place_ok(word):
            found.append(_Candidate(start, end, "LOCATION", "suffix", 0.55))  # 高升镇, 肯特郡
            continue
        if tag in ("nr", "nrt", "nrfg"):
            if len(word) >= 3 and not _person_ok(word, tag) or word[-1] in _NAME_TRAILERS:
                # jieba glued a neighbour to the name: 赵华说, 致牟小东, 诗丽婉到
                trimmed = _trim_name(word)
                if trimmed is not None:
                    offset, size = trimmed
                    found.append(_Candidate(start + offset, start + offset + size, "PERSON", "surname", 0.55))
                    continue
            if not _person_ok(word, tag) and not _unlisted_name(tokens, i) and not _said_by_name(tokens, i):
                if (
                    len(word) >= 2
                    and word not in _person_stopwords()
                    and word[-1] not in _OBJECT_FINALS
                    and _place_context(tokens, i)
                    and _place_ok(word)
                ):
                    # 在|图卢兹, 横穿|秦岭: a name that is no person's, where a place is expected
                    found.append(_Candidate(start, end, "LOCATION", "pos", 0.5))
                continue
            if _listed_with_places(tokens, i) and _place_ok(word) and not _titled_person(tokens, i):
                # 走进|黄岩|、|路桥|和|椒江: a name listed among places is one
                found.append(_Candidate(start, end, "LOCATION", "pos", 0.55))
                continue
            titled = _speaks_like_a_person(tokens, i)
            # jieba often cuts a three-character name short: 李铁|辰, 张友|香
            if (
                len(word) == 2
                and _surname_length(word) == 1
                and i + 1 < n
                and len(tokens[i + 1][0]) == 1
                and _is_cjk(tokens[i + 1][0])
                and tokens[i + 1][1] in ("nr", "ng", "n", "a", "j", "nz", "b", "ns")
                and tokens[i + 1][0] not in _NOT_IN_NAMES
                and (i + 2 >= n or not _is_cjk(tokens[i + 2][0]) or tokens[i + 2][0] in _TITLES
                     or tokens[i + 2][0] in _PERSON_VERBS or tokens[i + 2][1] in ("v", "p", "c", "d"))
            ):  # fmt: skip
                end = tokens[i + 1][3]
                found.append(_Candidate(start, end, "PERSON", "surname", 0.6))
                continue
            if (
                len(word) == 2
                and _surname_length(word) == 1
                and i + 2 < n
                and (i and (tokens[i - 1][0] in _TITLES or tokens[i - 1][0][-1:] in _ROLE_FINALS))
                and len(tokens[i + 1][0]) == 1
                and _is_cjk(tokens[i + 1][0])
                and tokens[i + 1][0] not in _NOT_IN_NAMES
                and tokens[i + 2][0] in _PERSON_VERBS
            ):
                # 总经理|孙会|想|介绍, 副院长|范柏|乃|说: a title, three characters, a speech verb
                found.append(_Candidate(start, tokens[i + 1][3], "PERSON", "title_context", 0.65))
                continue
            if not titled and _word_with_a_word_inside(word):
                continue  # 纪念章, 高增值: a dictionary word built on a common word, not a name
            # a two-character name that is also a dictionary word (高峰, 田野) needs context
            if len(word) == 2 and not titled and tag == "nr" and segmentation.is_dictionary_word(word):
                continue
            if not titled and _is_transliteration(word) and _place_context(tokens, i):
                # 科索沃, 卡拉奇: jieba calls many foreign places names of people
                found.append(_Candidate(start, end, "LOCATION", "pos", 0.55))
                continue
            found.append(_Candidate(start, end, "PERSON", "title_context" if titled else "pos", 0.7))
        elif tag == "ns":
            if _titled_person(tokens, i) and (_is_transliteration(word) or _chinese_name_ok(word)):
                # 记者|江建国|报道, 教练|扎加洛, 库马拉通加|总统: jieba reads some names as places
                found.append(_Candidate(start, end, "PERSON", "title_context", 0.6))
            elif _named_by_what_follows(tokens, i):
                # 罗干|说, 库马拉通加|总统: a place does not speak, and a leader's title follows a name
                found.append(_Candidate(start, end, "PERSON", "title_context", 0.6))
            elif _place_ok(word):
                found.append(_Candidate(start, end, "LOCATION", "pos", 0.7))
        elif word in _institutions():
            found.append(_Candidate(start, end, "ORG", "dictionary", 0.4))
        elif (
            tag in ("n", "nz", "nr")
            and len(word) >= 3
            and word[-1] in _VILLAGE_FINALS
            and not segmentation.is_dictionary_word(word)
            and not segmentation.is_dictionary_word(word[-2:])
        ):
            found.append(_Candidate(start, end, "LOCATION", "suffix", 0.55))  # 下叔村, 三桥村, 泉溪镇
        elif tag in ("n", "nz") and len(word) == 3 and word[0] in single_surnames:
            if _chinese_name_ok(word) and _speaks_like_a_person(tokens, i):
                # 找|刘彦彬, 副院长|严义埙、: a full name jieba did not tag as one
                found.append(_Candidate(start, end, "PERSON", "surname", 0.55))
            else:
                found.extend(_place_prefix(word, start))
        elif tag == "nt" and word not in _org_stopwords():
            # jieba tags phrases nt too (古典文学, 长足进展): no organisation ending, less trust
            organisation_like = word[-1] in _org_final_characters() or word[-1] in _ORG_NT_FINALS
            entity_type = "LOCATION" if word.endswith(_FACILITY_SUFFIXES) else "ORG"
            found.append(_Candidate(start, end, entity_type, "pos", 0.7 if organisation_like else 0.45))
        elif len(word) >= 3:
            found.extend(_place_prefix(word, start))
    return found


def _org_suffix(word: str) -> str | None:
    suffixes = _org_suffixes()
    for size in range(min(len(word), 6), 0, -1):
        if word[-size:] in suffixes:
            return word[-size:]
    return None


@lru_cache(maxsize=200_000)
def _org_end(word: str, tag: str) -> int | None:
    """Where an organisation name ends inside a token that can close one: 水泥厂 -> 3, 部长 -> 1 (部|长)."""
    if word in _NOT_ORG_ENDINGS or word in _WEAK_STANDALONE_SUFFIXES or word.startswith(_TITLE_MODIFIERS):
        return None
    if tag in ("v", "vn") and word in _org_suffixes():
        return None  # 组织 as a verb
    if word.endswith(_GENERIC_ENDINGS):
        return None
    for size in range(min(len(word) - 1, 4), 0, -1):
        if word[-size:] in _ORG_TITLE_TAILS:
            inner = word[:-size]
            if _org_suffix(inner) is not None and inner not in _NOT_ORG_ENDINGS:
                return len(inner)
    if word.endswith(_FACILITY_SUFFIXES):
        return len(word)
    suffix = _org_suffix(word)
    if suffix is None or suffix in _NOT_ORG_SUFFIXES:
        return None
    if len(suffix) == 1 and tag not in ("n", "nt", "j", "nz") and len(word) == 2:
        return None
    return len(word)


def _suffix_candidates(tokens: list[tuple[str, str, int, int]]) -> list[_Candidate]:
    """Organisation names built from a proper-noun head and a suffix: 青岛|海牛|队, 芬兰|农林|部(长)."""
    found = []
    finals = _org_final_characters()
    for i in [i for i, token in enumerate(tokens) if token[0][-1] in finals]:
        word, tag, token_start, _ = tokens[i]
        if not _is_cjk(word):
            continue
        org_end = _org_end(word, tag)
        if org_end is None:
            continue
        end = token_start + org_end
        name = word[:org_end]
        if len(name) == 1 and i and (tokens[i - 1][0].endswith(name) or tokens[i - 1][0] in _TITLE_MODIFIERS):
            continue  # 代表团|团长, 研究院|副|院长: the organisation is the previous token
        standalone = tag == "nt" or _lookup(name) is not None
        facility = name.endswith(_FACILITY_SUFFIXES)
        # walk left over the name's body, up to four tokens; the name starts at its leftmost proper noun
        j = i
        head = None
        verbs = 0
        while j > 0 and i - j < 5:
            previous_word, previous_tag, _, _ = tokens[j - 1]
            if not (_is_cjk(previous_word) or previous_tag == "eng") or previous_word in _TITLES:
                break
            if (
                previous_word in _NOT_IN_ORG_BODY
                or _COUNTER.search(previous_word)
                or previous_word in ("一", "两", "几")
            ):
                break
            if previous_tag in ("d", "a", "t") and len(previous_word) >= 2 and _is_cjk(previous_word):
                # 大连|化工|集团公司: a place jieba misread in context
                known = _lookup(previous_word)
                reading = _retag(previous_word) if known is None else (known.entity_type, "")
                if reading is not None and reading[0] == "LOCATION":
                    previous_tag = "ns"
            if head is not None and previous_tag in ("nr", "nrt", "nrfg") and tokens[head][1] in ("ns", "nt"):
                break  # 荣获|郑州市技术监督局: a name (or a misread verb) before a place-led organisation
            if standalone and previous_tag not in ("ns", "b") and previous_word not in _GENERIC_ORG_HEADS:
                break  # 国务院 is whole already; only a place may stand in front: 北京市|人民政府
            if head is not None and (previous_tag not in _PROPER_TAGS or facility):
                break  # 温家宝|会见|芬兰农林部; 上海|虹口体育馆: a venue keeps its own name only
            if previous_tag == "v" or (previous_tag == "vn" and facility):
                # 中国|文化|扶贫|委员会: a verb inside the body, never before a found head
                if i - j > 1 or facility:
                    break
                verbs += 1
            elif previous_tag not in _ORG_BODY_TAGS:
                break
            j -= 1
            if previous_word in _GENERIC_ORG_HEADS or previous_tag in _PROPER_TAGS and len(previous_word) > 1:
                head = j
        if head is None and len(name) > 2:
            # the head inside the token itself: 智利队, 郑州蝶阀厂
            inner = name[: -len(_org_suffix(name) or name[-1:])]
            if len(inner) >= 2 and (_lookup(inner) is not None or _retag(inner) is not None):
                head = i
            elif (
                len(inner) >= 2
                and name[-1] in _MINISTRY_FINALS
                and name not in _org_stopwords()
                and segmentation.is_dictionary_word(name)
                and not segmentation.is_dictionary_word(tokens[i - 1][0] + name if i else name + "的")
            ):
                head = i  # 外交部(长), 财政部: a ministry the dictionary knows whole
        if head is None:
            continue
        if verbs and head < i and tokens[head][1] not in ("ns", "nt", "nz"):
            continue  # 国家|设立|办事处: a clause, not a name
        if head == i - 1 and name in _PLACE_COMMON_NOUNS and tokens[head][1] == "ns":
            continue  # 美国|军队, 陕西|工厂: a place and a common noun
        if (
            name.endswith(_BUSINESS_SUFFIXES)
            and all(t[0] in _BUSINESS_DESCRIPTORS for t in tokens[head + 1 : i])
            and (tokens[head][1] == "ns" or tokens[head][0] in _BUSINESS_DESCRIPTORS)
            and (
                head == i
                or name in _BUSINESS_SUFFIXES
                or name in _BUSINESS_DESCRIPTORS
                or name[: -len(_org_suffix(name) or "")] in _BUSINESS_DESCRIPTORS
            )
        ):
            continue  # 美国|初创|公司, 中国|公司: a kind of company, not a company's name
        if (
            name in _WEAK_CENTRE_SUFFIXES
            and all(t[0] in _FIELD_WORDS for t in tokens[head + 1 : i])
            and head < i
        ):
            continue  # 中国|经济|中心: a centre of the economy, not an organisation
        head = _nearest_place(tokens, head, i)
        start = tokens[head][2]
        if end - start > 20:
            continue
        entity_type = "LOCATION" if word[:org_end].endswith(_FACILITY_SUFFIXES) else "ORG"
        found.append(_Candidate(start, end, entity_type, "suffix", 0.75))
    return found


_ADMINISTRATIVE_FINALS = frozenset("省市县区镇乡")


def _nearest_place(tokens: list[tuple[str, str, int, int]], head: int, i: int) -> int:
    """An organisation belongs to the last of a run of administrative places (news convention):
    长沙市|芙蓉区人民法院, 黑龙江省|阿城市委, 吉林|东丰县第五中学; the places before stand on their own."""
    while head + 1 < i and tokens[head][1] == "ns" and _place_ok(tokens[head][0]):
        word, tag = tokens[head + 1][:2]
        if len(word) < 2 or not _is_cjk(word):
            break
        if word[-1] in _ADMINISTRATIVE_FINALS:
            if tag != "ns" and (len(word) < 3 or tag not in ("nr", "nz")):
                break  # 平度市, 崔马镇 (jieba: a name)
        elif tag != "ns" or tokens[head + 2][0][:1] not in _ADMINISTRATIVE_FINALS:
            break  # 阿城|市委
        head += 1
    return head


_PARTY_COMMITTEES = ("党委", "党组", "党支部", "党总支", "团支部", "团委")
# one-character units and regions a party committee can belong to: 厅|党组, 站|党委, 自治区|党委
_COMMITTEE_UNITS = frozenset("厅局站处院所校厂部司矿场行社") | frozenset(("自治区", "兵团"))


def _party_committee_candidates(tokens: list[tuple[str, str, int, int]]) -> list[_Candidate]:
    """A party committee behind the bare unit it belongs to: 厅|党组, 车站的 站|党委, 自治区|党委(常委)."""
    found = []
    for i in range(1, len(tokens)):
        word = tokens[i][0]
        if not word.startswith(_PARTY_COMMITTEES):
            continue
        committee = next(c for c in _PARTY_COMMITTEES if word.startswith(c))
        if len(word) > len(committee) and word[len(committee) :] not in _ORG_TITLE_TAILS:
            continue  # 党委会议 is a meeting; 党委书记 and 党委常委 name the committee
        unit, _, start, _ = tokens[i - 1]
        if unit not in _COMMITTEE_UNITS:
            continue
        if i > 1 and _is_cjk(tokens[i - 2][0]) and tokens[i - 2][1] not in _FUNCTION_TAGS | {"x", "v"}:
            continue  # 车站|站|党委 is rare; 海关|总署|党组 belongs to the longer name the suffix rule finds
        found.append(_Candidate(start, tokens[i][2] + len(committee), "ORG", "suffix", 0.72))
    return found


def _prefixed_org_candidates(tokens: list[tuple[str, str, int, int]]) -> list[_Candidate]:
    """An organisation jieba knows whole, behind the place or organisation it belongs to:
    联合国|安理会, 中共|河北省委, 中央军委|法制局, 广元|铁路医院, 国际|奥委会."""
    found = []
    institutions = _institutions()
    for i in [k for k, token in enumerate(tokens) if k and (token[1] == "nt" or token[0] in institutions)]:
        word, tag, _, end = tokens[i]
        if not ((tag == "nt" and word not in _org_stopwords()) or word in institutions):
            continue
        if not _is_cjk(word) or len(word) < 2:
            continue
        j = i
        body = 0
        while j > 0 and i - j < 3:
            previous_word, previous_tag, _, _ = tokens[j - 1]
            if not _is_cjk(previous_word) or len(previous_word) < 2 or previous_word in _NOT_IN_ORG_BODY:
                break
            if not (
                (previous_tag in ("ns", "nt", "j") and previous_word not in _place_stopwords())
                or previous_word in _GENERIC_ORG_HEADS
                or previous_word in _ORG_PREFIX_WORDS
            ):
                # one field word may stand between: 国际|游泳|联合会, 瑞士|人文|社会科学院
                if (
                    j == i
                    and previous_tag in ("n", "vn")
                    and previous_word not in _TITLES
                    and previous_word not in _BUSINESS_DESCRIPTORS
                    and _org_suffix(previous_word) is None
                ):
                    body = 1
                    j -= 1
                    continue
                break
            j -= 1
        if body and j == i - 1:
            j = i  # the field word alone is not a name's head: 游泳|联合会
        j = _nearest_place(tokens, j, i)
        if j < i:
            found.append(_Candidate(tokens[j][2], end, "ORG", "suffix", 0.7))
    return found


def _appositive_org_candidates(tokens: list[tuple[str, str, int, int]]) -> list[_Candidate]:
    """A name right after the kind of organisation it is: 本地企业|吉利, 调研机构|沙利文, 车企|比亚迪."""
    found = []
    kinds = _ORG_KIND_WORDS
    n = len(tokens)
    chosen = []
    for k, token in enumerate(tokens[:-1]):
        tail = token[0][-2:]
        if tail in kinds or token[0] in kinds:
            chosen.append(k + 1)
        elif tail in _INDUSTRY_WORDS and len(token[0]) >= 3 and tokens[k + 1][0] == "的" and k + 2 < n:
            chosen.append(k + 2)  # the industry a company is in: 家电行业|的|科沃斯, 游戏行业|的|网易
    for i in chosen:
        word, tag, start, end = tokens[i]
        if tag not in ("ns", "nr", "nrt", "nz", "j", "nt") or len(word) < 2 or not _is_cjk(word):
            continue
        if _is_transliteration(word):
            k = i + 1
            while k < n and _is_transliteration(tokens[k][0]) and tokens[k][1] in _NAME_TAGS and k - i < 3:
                k += 1  # 科沃|斯: a foreign name in pieces
            word, end = "".join(t[0] for t in tokens[i:k]), tokens[k - 1][3]
        known = _lookup(word)
        if (known is not None and known.entity_type != "ORG") or word in _org_stopwords():
            continue
        if word[-1] in "午天年月日":
            continue
        if i + 1 < len(tokens) and tokens[i + 1][0] in _org_suffixes():
            continue  # 企业|青岛|公司: the suffix rule names it whole
        found.append(_Candidate(start, end, "ORG", "appositive", 0.72))
    return found


def _place_candidates(tokens: list[tuple[str, str, int, int]]) -> list[_Candidate]:
    """A place name followed by an administrative suffix jieba left apart: 余杭|区."""
    found = []
    for i in [i for i, token in enumerate(tokens[1:]) if token[0] in _PLACE_SUFFIXES]:
        word, tag, start, _ = tokens[i]
        end = tokens[i + 1][3]
        if tag == "ns":
            found.append(_Candidate(start, end, "LOCATION", "suffix", 0.75))
        elif (
            tag in _PLACE_HEAD_TAGS
            and 2 <= len(word) <= 5
            and _is_cjk(word)
            and word not in _place_stopwords()
            and word + tokens[i + 1][0] not in _place_stopwords()
        ):
            # 塔科马|市, 龙泉|乡: a name jieba did not know as a place, made one by its suffix
            found.append(_Candidate(start, end, "LOCATION", "suffix", 0.6))
    return found


def _facility_head(tokens: list[tuple[str, str, int, int]], i: int) -> tuple[int, str] | None:
    """The first token of a place or facility head ending at token i, and the text of that token before the
    head: 小镇 -> (i, ""), 科技园区 -> (i, "科技"), 戏剧|场 -> (i - 1, "戏")."""
    word = tokens[i][0]
    for size in range(min(len(word), 4), 1, -1):
        if word[-size:] in _FACILITY_HEAD_SET:
            return i, word[:-size]
    for head in _FACILITY_HEAD_ENDINGS.get(word, ()):
        previous = tokens[i - 1][0]
        if previous.endswith(head[: -len(word)]):
            return i - 1, previous[: len(previous) + len(word) - len(head)]
    return None


def _facility_at(tokens: list[tuple[str, str, int, int]], i: int) -> _Candidate | None:
    """A proper name, a few describing words and a place or facility head ending at token i make one place:
    云栖|小镇, 张江|科技园区, 松阳|抽水|蓄能|电站, 义乌|国际博览|中心, 国家大剧院|戏剧|场.
    The name is the nearest proper noun (杭州|云栖小镇); with none (特色|小镇, 该|电站) there is no place."""
    located = _facility_head(tokens, i)
    if located is None:
        return None
    first, inside = located
    if inside and (tokens[first][1] in _FACILITY_NAME_TAGS or inside in _GENERIC_FACILITY_WORDS):
        return None  # 雄安新区, 未来科技城: the token is a name already, or a kind of place (智慧园区)
    j = first
    while j > 0 and first - j < 3:
        word, tag, start, _ = tokens[j - 1]
        if len(word) < 2 or not _is_cjk(word) or word in _GENERIC_FACILITY_WORDS or word in _TITLES:
            return None
        if tag in _FACILITY_NAME_TAGS and word not in _place_stopwords() and word not in _person_stopwords():
            known = _lookup(word)
            kind = known.entity_type if known is not None else {"ns": "LOCATION", "nt": "ORG"}.get(tag)
            if tag in ("nz", "j") and kind != "LOCATION":
                if tag == "nz" and known is None:
                    j -= 1
                    continue  # 光伏|电站, 风电|园区: a field's term, not a name; 义乌 is a known place
                return None
            if kind == "ORG" and not word.endswith(_FACILITY_SUFFIXES):
                return None  # 阿里云|园区: a company's site is not a named place
            if kind == "LOCATION" and j == first and tokens[i][0] in _TOWN_WORDS:
                return None  # 杭州|小镇, 江南|小镇: the towns of a region, not one town
            return _Candidate(start, tokens[i][3], "LOCATION", "facility", 0.8)
        if tag not in _FACILITY_BODY_TAGS or _COUNTER.search(word) or len(word) > 4:
            return None
        j -= 1
    return None


def _facility_candidates(tokens: list[tuple[str, str, int, int]]) -> list[_Candidate]:
    """Named places and facilities (see _facility_at); only called on texts that hold a head."""
    found = []
    finals = _FACILITY_HEAD_FINALS
    for i in [k for k, token in enumerate(tokens) if k and token[0][-1] in finals]:
        if _is_cjk(tokens[i][0]):
            candidate = _facility_at(tokens, i)
            if candidate is not None:
                found.append(candidate)
    return found


def _person_merge_candidates(tokens: list[tuple[str, str, int, int]]) -> list[_Candidate]:
    """Names jieba cut in pieces: 袁|步兵 (surname + a word), 斯特罗|耶夫 (a foreign name in parts)."""
    found = []
    n = len(tokens)
    foreign = [word[0] in _TRANSLITERATION and _is_transliteration(word) for word, _, _, _ in tokens]
    single_surnames = _surnames()[0]
    chosen = [
        i
        for i, (word, tag, _, _) in enumerate(tokens[:-1])
        if foreign[i] or len(word) == 1 and (tag == "nr" or word in single_surnames)
    ]
    for i in chosen:
        word, tag, start, _ = tokens[i]
        # a lone family name tagged as a name part, then a one- or two-character given name
        if tag == "nr" and len(word) == 1 and _surname_length(word) == 1 and word not in _FUNCTION_SURNAMES:
            following, following_tag, _, following_end = tokens[i + 1]
            if (
                following_tag in _GIVEN_NAME_TAGS
                and 1 <= len(following) <= 2
                and _is_cjk(following)
                and not any(ch in _NOT_IN_NAMES for ch in following)
                and following not in _TITLES
                and following not in _HONORIFICS
            ):
                found.append(_Candidate(start, following_end, "PERSON", "surname", 0.55))
                continue
            if (
                following_tag in ("ns", "nr", "nz")
                and 1 <= len(following) <= 2
                and _is_cjk(following)
                and i
                and (tokens[i - 1][0] in _TITLES or _is_role(tokens[i - 1][0]))
                and i + 2 < len(tokens)
                and tokens[i + 2][0] in _PERSON_VERBS
            ):
                # 研究员|陈|德里|说: between a title and a speech verb the given name may look like a place
                found.append(_Candidate(start, following_end, "PERSON", "title_context", 0.75))
                continue
            if following in _TITLES or following in _HONORIFICS:
                # 唐|外长, 陈|教授: a family name alone before a title names the person
                found.append(_Candidate(start, start + 1, "PERSON", "surname", 0.5))
                continue
        if (
            tag not in ("nr", "p", "c", "u", "uj", "d", "r")
            and len(word) == 1
            and word not in _FUNCTION_SURNAMES
            and _surname_length(word) == 1
            and _given_name_ok(tokens[i + 1][0])
            and tokens[i + 1][1] not in ("nr", "ns", "nt", "v", "p", "c", "u", "uj", "d", "r", "m", "q", "f")
            and (_speaks_like_a_person(tokens, i) or _speaks_like_a_person(tokens, i + 1))
        ):
            # 的|张|明远|说: jieba read the family name as a measure word; the given name and the
            # context still say person
            found.append(_Candidate(start, tokens[i + 1][3], "PERSON", "surname", 0.5))
            continue
        # consecutive tokens written only with transliteration characters
        if not foreign[i] or not foreign[i + 1] or (i and foreign[i - 1]):
            continue
        j = i
        tags = set()
        while j < n and foreign[j]:
            tags.add(tokens[j][1])
            j += 1
        end = tokens[j - 1][3]
        if tags & _FUNCTION_TAGS or any(_lookup(tokens[k][0]) is not None for k in range(i, j)):
            continue  # 因|阿里: a preposition and a known name, not one foreign name
        if end - start >= 3 and tags & {"nr", "nrt", "nrfg"}:
            found.append(_Candidate(start, end, "PERSON", "transliteration", 0.55))
    return found


# tags of words that close a name: verbs, adverbs, prepositions, times, numbers (主任|刘名启|参加, 今天)
_AFTER_NAME_TAGS = _words("v vd vn p c d t f m q u uj ul uz ug uv ud r y")
# tags of the pieces a name after a title comes in: 宋朝/t|弟, 赵国/nr|钧/q, 刘名/nr|启/v, 许立群/m
_NAME_PIECE_TAGS = _words("nr nrt nrfg n ns nz ng j t m q v a b zg")


# forms of address that follow a full name
_ADDRESS_TERMS = _words("先生 女士 夫人 小姐")
_ADDRESS_TERM = re.compile("|".join(_ADDRESS_TERMS))


def _closes_a_name(word: str) -> bool:
    """A speech verb, a title or rank, or a form of address: no name goes on through it."""
    return word in _PERSON_VERBS or word in _RANKS or _is_title_word(word) or word in _HONORIFICS


def _closing_character(word: str) -> bool:
    return len(word) == 1 and (word in _NOT_IN_NAMES or word in _NAME_TRAILERS)


def _name_ends_before(tokens: list[tuple[str, str, int, int]], k: int) -> bool:
    """Token k cannot continue a person's name: punctuation, a speech verb, a title or rank, a function word,
    a verb or a time word of two or more characters (…|在, …|表示, …|少将, …|今天, …|参加)."""
    if k >= len(tokens) or not _is_cjk(tokens[k][0]):
        return True
    word, tag = tokens[k][0], tokens[k][1]
    if _closes_a_name(word):
        return True
    if len(word) == 1:
        return _closing_character(word)
    return tag in _AFTER_NAME_TAGS


def _bare_name_ends_before(tokens: list[tuple[str, str, int, int]], k: int) -> bool:
    """A family name standing alone is a name only before punctuation, a speech verb, a title or rank, or a
    one-character function word, a time word in between allowed (桥本|首相, 安倍|则, 佐藤|今天|表示): before
    a verb it is more often a word (井上|操控)."""
    if k >= len(tokens) or not _is_cjk(tokens[k][0]):
        return True
    if _closes_a_name(tokens[k][0]):
        return True
    if tokens[k][1] == "t":  # 佐藤|今天|表示
        return _bare_name_ends_before(tokens, k + 1) and k + 1 < len(tokens)
    return _closing_character(tokens[k][0])


def _glued_trailer(tokens: list[tuple[str, str, int, int]], k: int) -> bool:
    """Token k is a name's last character glued to the word after it: 高云|江说, 宋朝|弟等, 卡巴|杰说."""
    if k >= len(tokens):
        return False
    word = tokens[k][0]
    return (
        len(word) == 2
        and word[1] in _NAME_TRAILERS
        and word[0] not in _NOT_IN_NAMES
        and _is_cjk(word)
        and not segmentation.is_dictionary_word(word)
    )


# characters before a Japanese family name that make it part of something else
_JAPANESE_SURNAME_JOINS = frozenset("的之")
# tags of the pieces of a Japanese given name: 谷口|清/t|太郎/n
_JAPANESE_GIVEN_TAGS = _words("n nr nrt nz ng t j a m ns")


def _japanese_name_candidates(tokens: list[tuple[str, str, int, int]]) -> list[_Candidate]:
    """Japanese names by their family name: 桥本龙太郎, 谷口|清|太郎|表示, 桥本|首相, 安倍|则 (jieba tags
    them as common nouns or times). A family name alone needs a title, a speech verb or a function word
    after it."""
    found = []
    japanese = _japanese_surnames()
    n = len(tokens)
    prefixes = _japanese_surname_prefixes()
    for i in [k for k, token in enumerate(tokens) if token[0][:2] in prefixes]:
        word, tag, start, end = tokens[i]
        surname = word[:3] if word[:3] in japanese else word[:2]
        if surname not in japanese or tag in _FUNCTION_TAGS or tag in ("v", "vn") or len(word) > 6:
            continue
        if i and tokens[i - 1][0][-1:] in _JAPANESE_SURNAME_JOINS:
            continue  # 小林|..., a longer word, or a place before: 大阪|中村
        k = i + 1
        if word == surname:
            # a given name after it, in up to two pieces of at most three characters
            size = 0
            while (
                k < n
                and k - i <= 2
                and _is_cjk(tokens[k][0])
                and tokens[k][1] in _JAPANESE_GIVEN_TAGS
                and size + len(tokens[k][0]) <= 3
                and not _name_ends_before(tokens, k)
                and not any(ch in _NOT_IN_NAMES for ch in tokens[k][0])
                and tokens[k][0][-1] != "地"
                and tokens[k][0] not in _institutions()
                and _org_suffix(tokens[k][0]) is None
            ):
                size += len(tokens[k][0])
                k += 1
            if not _name_ends_before(tokens, k):
                k = i + 1
                if not (i and _title_before(tokens, i)) or not _name_ends_before(tokens, k):
                    continue
            elif (
                k == i + 1 and not (i and _title_before(tokens, i)) and not _bare_name_ends_before(tokens, k)
            ):
                continue  # a family name alone
            end = tokens[k - 1][3]
        elif not _name_ends_before(tokens, k):
            continue
        found.append(_Candidate(start, end, "PERSON", "surname", 0.7))
    return found


def _titled_name_candidates(text: str, tokens: list[tuple[str, str, int, int]]) -> list[_Candidate]:
    """A name right after a title, read up to where the name must end, whatever pieces jieba cut it into:
    总裁|宋朝|弟等 -> 宋朝弟, 政委|高云|江说 -> 高云江, 副参谋长|赵国|钧|少将 -> 赵国钧, 副院长|严义埙|、,
    总书记|贾|亚拉|莉达, 行长|卡巴|杰说 -> 卡巴杰, 财政部|长|鲁宾."""
    found = []
    n = len(tokens)
    addressed = _ADDRESS_TERM.search(text) is not None
    for i in (
        [k - 1 for k, token in enumerate(tokens) if k and token[0] in _ADDRESS_TERMS] if addressed else ()
    ):
        # a name right before 先生, 女士: 拉埃|女士 (jieba: two country abbreviations), 罗干|先生
        word, tag, start, end = tokens[i]
        if len(word) < 2 or not _is_cjk(word) or tag not in _NAME_TAGS or word in _person_stopwords():
            continue
        known = _lookup(word)
        if known is not None and known.entity_type != "PERSON":
            continue
        surname = _surname_length(word)
        if _is_transliteration(word) or (
            surname and len(word) <= surname + 2 and word[0] not in _FUNCTION_SURNAMES
        ):
            found.append(_Candidate(start, end, "PERSON", "title_context", 0.75))
    finals = _TITLE_FINALS
    titled = [
        k + 1 for k, token in enumerate(tokens[:-1]) if token[0][-1] in finals and _introduces_name(token[0])
    ]
    for i in [k for k in titled if _title_before(tokens, k)]:
        word, tag, start, _ = tokens[i]
        if not _is_cjk(word) or tag not in _NAME_PIECE_TAGS or word in _TITLES or word in _RANKS:
            continue
        # a foreign name: transliteration pieces up to the name's end
        if _is_transliteration(word) and tag not in ("v", "m", "q", "a"):
            k, end = i, start
            while (
                k < n and k - i < 4 and _is_transliteration(tokens[k][0]) and tokens[k][1] in _NAME_PIECE_TAGS
            ):
                if tokens[k][1] in ("v", "a", "m", "q") or _lookup(tokens[k][0]) is not None:
                    break
                end = tokens[k][3]
                k += 1
            if k < n and _glued_trailer(tokens, k) and tokens[k][0][0] in _TRANSLITERATION:
                end = tokens[k][2] + 1  # 卡巴|杰说
            elif not _name_ends_before(tokens, k):
                end = start
            if end - start >= 2:
                found.append(_Candidate(start, end, "PERSON", "title_context", 0.75))
                continue
        # a name jieba found whole, without a family name we know: 教练|冈田武史|说
        if (
            tag in ("nr", "nrt", "nrfg")
            and 2 <= len(word) <= 4
            and word not in _person_stopwords()
            and word[-1] not in _OBJECT_FINALS
            and not any(ch in _NOT_IN_NAMES for ch in word)
            and not _surname_length(word)
            and _name_ends_before(tokens, i + 1)
            and not _glued_trailer(tokens, i + 1)
        ):
            found.append(_Candidate(start, tokens[i][3], "PERSON", "title_context", 0.75))
            continue
        # a Chinese name: a family name and one or two more characters
        surname = _surname_length(word)
        if not surname or word[0] in _FUNCTION_SURNAMES or word in _person_stopwords():
            continue
        if len(word) > surname + 2:
            continue
        k, end, size = i + 1, tokens[i][3], len(word)
        if size < surname + 2 and k < n:
            following, following_tag = tokens[k][0], tokens[k][1]
            if _glued_trailer(tokens, k) and size + 1 <= surname + 2:
                end, size = tokens[k][2] + 1, size + 1
                k = n  # what follows is the glued function word: the name ends here
            elif (
                size + len(following) <= surname + 2
                and _is_cjk(following)
                and following_tag in _NAME_PIECE_TAGS
                and following not in _NOT_IN_NAMES
                and following not in _TITLES
                and following not in _PERSON_VERBS
                and not (len(following) > 1 and following_tag in _AFTER_NAME_TAGS)
                and _name_ends_before(tokens, k + 1)
            ):
                end, size = tokens[k][3], size + len(following)
                k += 1
        if size <= surname or (k < n and not _name_ends_before(tokens, k)):
            continue
        if (
            end == tokens[i][3]
            and tag not in ("nr", "nrt", "nrfg")
            and segmentation.is_dictionary_word(word)
            and (len(word) < 3 or tag not in ("n", "nz", "m"))
        ):
            continue  # 代表|严肃, 教练|高兴: a word, not a name
        name = "".join(t[0] for t in tokens[i:k])[: end - start]
        if any(ch in _NOT_IN_NAMES for ch in name[surname:]):
            continue
        found.append(_Candidate(start, end, "PERSON", "title_context", 0.75))
    return found


@lru_cache(maxsize=200_000)
def _is_transliteration(word: str) -> bool:
    return bool(word) and all(ch in _TRANSLITERATION for ch in word)


def _transliterated_candidates(text: str, tokens: list[tuple[str, str, int, int]]) -> list[_Candidate]:
    """Foreign names with a middle dot: 杰弗里·辛顿, 埃里克·雷蒙德, 科菲·安南."""
    starts = [start for _, _, start, _ in tokens]
    found = []
    for match in _NAME_DOTS.finditer(text):
        dot = match.start()
        start = dot
        while start > 0 and dot - start < 6 and text[start - 1] in _TRANSLITERATION:
            start -= 1
        end = dot + 1
        while end < len(text) and end - dot <= 6 and text[end] in _TRANSLITERATION:
            end += 1
        # further dotted parts: 约翰·菲茨杰拉德·肯尼迪
        while end + 1 < len(text) and text[end] in _NAME_DOT and text[end + 1] in _TRANSLITERATION:
            end += 1
            while end < len(text) and text[end] in _TRANSLITERATION:
                end += 1
        start, end = _snap_to_words(tokens, starts, start, end, dot)
        if start < dot and end > dot + 1 and not _place_pair(text[start:dot], text[dot + 1 : end]):
            found.append(_Candidate(start, end, "PERSON", "transliteration", 0.8))
    return found


def _place_pair(left: str, right: str) -> bool:
    """中国·杭州, 联盟·松阳: a dot between places or organisations is a separator, not a foreign name."""
    readings = []
    for part in (left, right):
        known = _lookup(part)
        if known is not None and known.entity_type != "PERSON":
            return True
        readings.append(_not_a_name_part(part))
    return all(readings)


@lru_cache(maxsize=200_000)
def _not_a_name_part(word: str) -> bool:
    """A word jieba reads as one non-person word: a place (松阳), an organisation, a common word (联盟)."""
    pairs = segmentation.tagger().tag(word, False)
    return (
        len(pairs) == 1 and pairs[0][1] not in ("nr", "nrt", "nrfg") and segmentation.is_dictionary_word(word)
    )


def _snap_to_words(
    tokens: list[tuple[str, str, int, int]], starts: list[int], start: int, end: int, dot: int
) -> tuple[int, int]:
    """Name ends on word boundaries: 科菲·安南|希望 loses 希, 尼古拉斯·英博|登 keeps 登 (英博登 is one word);
    a part in characters the transliteration set lacks is taken whole when jieba tags it a name (约翰·...)."""
    index = bisect_right(starts, dot) - 1
    if start == dot and index > 0:
        word, tag, word_start, _ = tokens[index - 1]
        if (tag in _NAME_TAGS or tag == "nz") and len(word) <= 5 and _is_cjk(word):
            start = word_start
    if end == dot + 1 and index + 1 < len(tokens):
        word, tag, _, word_end = tokens[index + 1]
        if (tag in _NAME_TAGS or tag == "nz") and len(word) <= 5 and _is_cjk(word):
            end = word_end
    if start == dot or end == dot + 1:
        return start, end
    word, tag, word_start, word_end = tokens[bisect_right(starts, end - 1) - 1]
    if word_end > end:
        named = tag in _NAME_TAGS or tag == "nz"
        end = word_end if named and word_start > dot and len(word) <= 5 else max(word_start, dot + 1)
    word, tag, word_start, word_end = tokens[bisect_right(starts, start) - 1]
    if word_start < start:
        named = tag in _NAME_TAGS or tag == "nz"
        start = word_start if named and word_end <= dot and len(word) <= 5 else min(word_end, dot)
    return start, end


def _latin_candidates(text: str) -> list[_Candidate]:
    found = []
    for match in _LATIN_NAME.finditer(text):
        word = match.group()
        if len(word) < 2 or word.casefold() in _latin_stopwords():
            continue
        start, end = match.span()
        version = _VERSION_AFTER.match(text, end)
        if version and not word.islower():
            known = _lookup(word)
            if known is not None and known.entity_type == "PRODUCT":
                # Llama 3, iPhone 15: a known product with a version number is that version
                found.append(_Candidate(start, version.end(), "PRODUCT", "latin", 0.75))
                continue
        if _MODEL_NAME.fullmatch(word) and any(ch.isupper() for ch in word):
            found.append(_Candidate(start, end, "PRODUCT", "latin", 0.7))
            continue
        # a capitalised Latin word inside Chinese text is almost always a name (Datawhale, Kimi)
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        in_chinese = bool(_CJK.match(before) or _CJK.match(after))
        mixed_case = any(ch.isupper() for ch in word[1:]) and any(ch.islower() for ch in word)
        if in_chinese and word[0].isupper() and (len(word) >= 3 or mixed_case) and not word.isupper():
            if text.endswith(_LATIN_ORG_BEFORE, 0, start) or text.startswith(_LATIN_ORG_AFTER, end):
                found.append(_Candidate(start, end, "ORG", "latin", 0.7))
            else:
                found.append(_Candidate(start, end, "OTHER", "latin", 0.5))
    return found


# a Latin name is a company's when a company word stands right before it (初创公司Rokid, 自己的公司Zeabur)
# or a company's people or parts right after it (Rokid的创始人, Zeabur公司, Mindverse旗下)
_LATIN_ORG_BEFORE = ("公司", "企业", "集团", "厂商", "车企", "药企", "券商", "机构")
_LATIN_ORG_AFTER = (
    "公司",
    "集团",
    "创始人",
    "的创始人",
    "联合创始人",
    "的联合创始人",
    "首席执行官",
    "的首席执行官",
    "董事长",
    "的董事长",
    "总裁",
    "的总裁",
    "旗下",
)
_LATIN_ORG_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def _same_name_elsewhere(text: str, mentions: list[Mention]) -> list[Mention]:
    """A Latin name found as a company by its context is that company at its other mentions in the same
    text too, in Chinese and English passages alike (公司Rokid ... Rokid's earliest investors)."""
    names = {m.text for m in mentions if m.method == "latin" and m.entity_type == "ORG"}
    if not names:
        return mentions
    by_span = {(m.start, m.end): m for m in mentions}
    taken = bytearray(len(text))
    for m in mentions:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    result = []
    for match in _LATIN_ORG_WORD.finditer(text):
        if match.group() not in names:
            continue
        start, end = match.span()
        existing = by_span.get((start, end))
        if existing is not None and existing.entity_type == "OTHER":
            by_span[(start, end)] = Mention(start, end, existing.text, "ORG", "latin", 0.6)
        elif existing is None and not any(taken[start:end]):
            result.append(Mention(start, end, match.group(), "ORG", "latin", 0.6))
    return sorted([*by_span.values(), *result], key=lambda m: m.start)


# English passages of bilingual pages: runs of capitalised words, typed only by what surrounds them
_ENGLISH_WORD = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*"
_ENGLISH_RUN = re.compile(
    rf"(?<![A-Za-z0-9]){_ENGLISH_WORD}(?:(?: | of (?:the )?){_ENGLISH_WORD}){{0,5}}(?![A-Za-z0-9])"
)
_ENGLISH_HONORIFIC = re.compile(r"(?:Mr|Mrs|Ms|Dr|Prof)\.? $")
_ENGLISH_SAID_BEFORE = re.compile(r"(?:said|says|according to|founder|chief executive|director) $")
_ENGLISH_PERSON_AFTER = re.compile(r", (?:\d{1,3}|who|a|an|the)\b| (?:said|says|told|added)\b")
_ENGLISH_PLACE_BEFORE = re.compile(r"(?:city|province|town|village|suburb|capital|state|county|region) of $")
_ENGLISH_ORG_HEADS = _words(
    "Inc Corp Corporation Company Co Group Holdings University Institute Academy College School Laboratory"
    " Lab Labs Bank Association Foundation Agency Ministry Department Council Committee Commission Bureau"
    " Party Times Post Journal News Ventures Capital Partners Technologies Technology Robotics Motors Fund"
)
_ENGLISH_PLACE_HEADS = _words(
    "Province City County District Valley River Mountains Mountain Lake Island Islands Bay Street Road Avenue"
)
# words that start sentences or name times, never the first word of a name
_ENGLISH_NOT_FIRST = _words(
    "The A An As In On At By For From With But And Or If When While After Before Since Now Then Lately Yet"
    " It He She They We You I His Her Their Its Our This That These Those There Here What Who How Why So"
    " Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July"
    " August September October November December Many Some Most All Each Every Virtually Almost Still Also"
)
# family names written in pinyin: with a pinyin given name they make a Chinese person's name (Wang Jian)
_PINYIN_SURNAMES = _words(
    "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie"
    " Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Yu Jiang Cai Du Ye Cheng Su Wei Lu Ding"
    " Ren Shen Yao Cui Zhong Tan Fan Jin Shi Jia Xia Fu Fang Bai Zou Meng Xiong Qin Qiu Yin Xue Yan Duan Lei"
    " Hou Long Shi Tao Mao Hao Gong Shao Wan Qian Yan Kong Qi Gu Lai Ge Mo Qiao Niu Kang"
)
_PINYIN_SYLLABLES = re.compile(
    "(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    "(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u))"
    "{1,3}"
)


def _pinyin_name(words: list[str]) -> bool:
    """Wang Jian, Liang Wenfeng, Qilai Shen: a pinyin family name and a pinyin given name."""
    if len(words) != 2 or not any(w in _PINYIN_SURNAMES for w in words):
        return False
    return all(_PINYIN_SYLLABLES.fullmatch(w.lower().replace("-", "")) for w in words)


def _english_candidates(text: str) -> list[_Candidate]:
    """Names in English passages, typed by a title (Mr. Tao), a speech verb, an age, a head word (Zhejiang
    University, Hangzhou City) or a pinyin spelling; untyped capitalised words are left alone."""
    found = []
    for match in _ENGLISH_RUN.finditer(text):
        start, end = match.span()
        words = match.group().split(" ")
        while words and words[0] in _ENGLISH_NOT_FIRST:
            start += len(words.pop(0)) + 1
        while words and words[-1] in ("of", "and", "for", "the"):
            end -= len(words.pop()) + 1
        if not words or _CJK.match(text[start - 1 : start]) or _CJK.match(text[end : end + 1]):
            continue  # a Latin word inside Chinese text is the other rule's business
        before, after = text[max(0, start - 30) : start], text[end : end + 12]
        last = words[-1].rstrip(".")
        if last in _ENGLISH_ORG_HEADS and len(words) > 1:
            found.append(_Candidate(start, end, "ORG", "english", 0.6))
        elif last in _ENGLISH_PLACE_HEADS and len(words) > 1:
            found.append(_Candidate(start, end, "LOCATION", "english", 0.6))
        elif len(words) > 3 or any(w in ("of", "and", "for", "the") for w in words):
            continue
        elif _ENGLISH_HONORIFIC.search(before):
            found.append(_Candidate(start, end, "PERSON", "english", 0.6))
        elif _ENGLISH_PLACE_BEFORE.search(before):
            found.append(_Candidate(start, end, "LOCATION", "english", 0.5))
        elif len(words) >= 2 and (
            _ENGLISH_SAID_BEFORE.search(before) or _ENGLISH_PERSON_AFTER.match(after) or _pinyin_name(words)
        ):
            found.append(_Candidate(start, end, "PERSON", "english", 0.5))
    return found


def _book_title_candidates(text: str) -> list[_Candidate]:
    found = []
    for match in _BOOK_TITLE.finditer(text):
        # 《费加罗报》, 《时代》周刊: a newspaper or magazine is an organisation
        entity_type = "ORG" if match.group(1).endswith(_PERIODICAL_SUFFIXES) else "WORK"
        found.append(_Candidate(match.start(1), match.end(1), entity_type, "book_title", 0.9))
    return found


def _drop_titles_holding_names(candidates: list[_Candidate]) -> list[_Candidate]:
    """《毛泽东、邓小平论新闻》, 《李白》: the people, places and organisations a title names are the
    mentions (news convention); a title is kept when nothing trusted stands inside it."""
    names = [
        c
        for c in candidates
        if c.entity_type in ("PERSON", "LOCATION", "ORG") and c.method != "book_title" and c.confidence >= 0.6
    ]
    return [
        c
        for c in candidates
        if c.method != "book_title"
        or c.entity_type != "WORK"
        or not any(
            c.start <= n.start
            and n.end <= c.end
            and (n.end - n.start < c.end - c.start or n.entity_type == "PERSON")
            for n in names
        )
    ]


def _abbreviation_pair_candidates(tokens: list[tuple[str, str, int, int]]) -> list[_Candidate]:
    """Two one-character country names side by side, as jieba leaves them: 中|美, 日|俄, 中|、|阿, 奥中."""
    found = []
    abbreviations = _COUNTRY_ABBREVIATIONS
    n = len(tokens)
    single = _COUNTRY_ABBREVIATION_SET
    for i in [k for k, token in enumerate(tokens) if token[0] in single or token[1] == "f"]:
        word, tag, start, end = tokens[i]
        if len(word) == 2 and tag == "f" and word[0] in abbreviations and word[1] in abbreviations:
            if word[0] != word[1]:
                found.extend(_abbreviations(start, word))  # 奥中|关系, 韩中|经济
            continue
        if len(word) != 1 or word not in abbreviations or i + 1 >= n:
            continue
        k = i + 2 if tokens[i + 1][0] == "、" and i + 2 < n else i + 1
        other, other_tag, other_start, other_end = tokens[k]
        if (
            len(other) == 1
            and other in abbreviations
            and other != word
            and (tag in ("ns", "j") or other_tag in ("ns", "j"))
        ):
            found.append(_Candidate(start, end, "LOCATION", "abbreviation", 0.55))
            found.append(_Candidate(other_start, other_end, "LOCATION", "abbreviation", 0.55))
    return found


@lru_cache(maxsize=50_000)
def _has_place_form(word: str) -> bool:
    """`word` is a place's bare name: the dictionary knows it with an administrative suffix as a place
    (黄岩 -> 黄岩区, 阿拉尔 -> 阿拉尔市), so jieba's person reading of the bare name is wrong."""
    for suffix in _PLACE_FORM_SUFFIXES:
        form = word + suffix
        if segmentation.is_dictionary_word(form) and _retag(form) == ("LOCATION", "ns"):
            return True
    return False


def _abbreviation_candidates(text: str) -> list[_Candidate]:
    found = []
    for match in _CITY_SHORTHAND.finditer(text):
        found.extend(_abbreviations(match.start(), match.group()))
    for match in _COUNTRY_PAIR.finditer(text):
        for position in range(match.start(), match.end()):
            found.append(_Candidate(position, position + 1, "LOCATION", "abbreviation", 0.6))
    return found


# the party congress by its number: 十五大, 十四大, 二十大 (not 十大, the "top ten")
_PARTY_CONGRESS = re.compile("(?:中共)?(?:十[一二三四五六七八九]|二十[一二三四五六七八九]?)大")
# a term number in front of an assembly or a committee: 第二届|全国人民代表大会, 六届|人大常委会, 首届
_TERM = re.compile("(?:第[〇零一二三四五六七八九十百0-9]+|[一二三四五六七八九十]+|首)届")
# a periodical behind the place it comes from, or with its kind after the title: 美国《时代》周刊
_PERIODICAL_KINDS = ("周刊", "杂志", "月刊", "画报", "日报", "晚报", "周报", "报")
# suffixes of the departments of an organisation, named after it: 科学技术部|农村科技司, 国务院|港澳办,
# 福州市国税局|党组, 中央电视台|心连心艺术团 (not 联合国|专门机构, 音乐学院|研究生班: not departments)
_SUBUNIT_SUFFIXES = _words(
    "部 司 局 处 室 科 系 所 院 厅 办 委 署 党组 党委 支部 总支 中心 研究室 研究所 研究院 办公室 办公厅"
    " 分院 分局 分公司 分行 支行 分社 艺术团 话剧团 歌舞团 剧团 乐团 编辑部 委员会 工作组 领导小组 代表团"
)
# a name in quotation marks before the kind of organisation it names: “小天使”艺术团, 『花儿』队
_QUOTE_OPENERS = re.compile("[“『「]")
_QUOTED_NAME = re.compile("[“『「][^“”『』「」\n]{1,10}[”』」]")
_SUBUNIT_BODY_TAGS = _words("n vn nz j b i l m")


def _subunit_end(word: str, tag: str) -> int | None:
    """Where a department's name ends inside a token: 科技司 -> 3, 党组书记 -> 2, 部 -> 1 (not 建团, 总部)."""
    org_end = _org_end(word, tag)
    if org_end is None:
        # departments the general suffix list leaves out: 科技司, 港澳办, 宣教科
        if len(word) >= 3 and word[-1] in "司办科" and tag in ("n", "j", "nt", "nz"):
            return len(word)
        if len(word) >= 3 and word[-3:] in _SUBUNIT_SUFFIXES and tag in ("n", "j", "nt", "nz"):
            return len(word)  # 研究室, 研究所: a department whose ending the suffix list lacks
        return None
    name = word[:org_end]
    if len(name) == 1 and len(word) > 1:
        return None  # 署|长, 部|长: the head of the organisation before, not a department
    for size in range(min(len(name), 5), 0, -1):
        if name[-size:] in _SUBUNIT_SUFFIXES:
            if size == 1 and len(name) == 2:
                return None  # 建团, 该所: a one-character suffix in a two-character word
            return org_end
    return None


def _place_token(word: str, tag: str) -> bool:
    known = _lookup(word) if len(word) >= 2 else None
    if known is not None:
        return known.entity_type == "LOCATION"
    return tag == "ns" and _place_ok(word)


def _extended_org_candidates(
    text: str, tokens: list[tuple[str, str, int, int]], candidates: list[_Candidate]
) -> list[_Candidate]:
    """Organisations that take in their neighbours: a term number before them (第二届|全国人大), a department
    after them (科学技术部|农村科技司), and periodicals with their place (美国《时代》周刊); the party
    congress by its number (十五大)."""
    found = [
        _Candidate(start, end, "ORG", "suffix", 0.75)
        for word, _, start, end in tokens
        if word[-1] == "大" and len(word) >= 3 and _PARTY_CONGRESS.fullmatch(word)
    ]
    organisations = [c for c in (*candidates, *found) if c.entity_type == "ORG" and c.confidence >= 0.6]
    starts = {start: k for k, (_, _, start, _) in enumerate(tokens)}
    for c in candidates:
        # a term number before an institution known by its common name: 六届|人大常委会
        if c.method == "dictionary" and c.entity_type == "ORG" and c.confidence < 0.6:
            first = starts.get(c.start)
            if first and _TERM.fullmatch(tokens[first - 1][0]):
                found.append(_Candidate(tokens[first - 1][2], c.end, "ORG", "suffix", 0.7))
    quoted = _QUOTE_OPENERS.search(text) is not None
    if not organisations and not quoted and "《" not in text:
        return found
    ends = {end: k for k, (_, _, _, end) in enumerate(tokens)}
    n = len(tokens)
    for c in organisations:
        first, last = starts.get(c.start), ends.get(c.end)
        if first is not None and first and _TERM.fullmatch(tokens[first - 1][0]):
            found.append(_Candidate(tokens[first - 1][2], c.end, "ORG", "suffix", c.confidence))
        if last is None:
            continue
        k = last + 1
        while k < n and k - last <= 3:
            word, tag, start, _ = tokens[k]
            if not _is_cjk(word) or word in _TITLES:
                break
            sub_end = _subunit_end(word, tag)
            if sub_end is not None and (len(word) > 1 or k > last + 1):
                if start + sub_end - c.end <= 10:
                    found.append(_Candidate(c.start, start + sub_end, "ORG", "suffix", c.confidence))
                break
            if tag not in _SUBUNIT_BODY_TAGS or _org_suffix(word) is not None:
                break
            k += 1
    for match in _QUOTED_NAME.finditer(text) if quoted else ():
        k = starts.get(match.end())
        if k is None or match.start() not in ends and match.start() not in starts:
            continue
        word, tag, _, end = tokens[k]
        if _is_cjk(word) and word not in _org_stopwords() and _org_end(word, tag) == len(word):
            start = match.start()
            place = ends.get(start)
            if place is not None and _place_token(*tokens[place][:2]):
                start = tokens[place][2]  # 韩国“小天使”艺术团
            found.append(_Candidate(start, end, "ORG", "suffix", 0.75))
    if "《" in text:
        for match in _BOOK_TITLE.finditer(text):
            title = match.group(1)
            kind = next(
                (
                    kind
                    for kind in _PERIODICAL_KINDS
                    if text.startswith(kind, match.end()) and match.end() + len(kind) in ends
                ),
                "",
            )
            if not kind and not title.endswith(_PERIODICAL_SUFFIXES):
                continue
            start, end = match.start(), match.end() + len(kind)
            place = ends.get(start)
            if place is not None and _place_token(*tokens[place][:2]):
                start = tokens[place][2]
            elif not kind:
                continue
            found.append(_Candidate(start, end, "ORG", "book_title", 0.85))
    return found


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest first, then most confident; a candidate overlapping a kept one is dropped."""
    ordered = sorted(candidates, key=lambda c: (-(c.end - c.start), -c.confidence, c.start))
    taken = bytearray(max((c.end for c in candidates), default=0))
    kept = []
    for candidate in ordered:
        if any(taken[candidate.start : candidate.end]):
            continue
        taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
        kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)


@lru_cache(maxsize=4096)
def _maker_of(surface: str) -> gazetteer.Entity | None:
    """The company a product's brand also names, when the gazetteer knows both (DeepSeek, DeepSeek公司)."""
    for suffix in ("公司", "集团"):
        maker = _lookup(surface + suffix)
        if maker is not None and maker.entity_type == "ORG":
            return maker
    return None


# what follows a brand in its clause when it names the product: DeepSeek、千问等开源大模型, DeepSeek App
_PRODUCT_AFTER = re.compile(r"[^，。；！？,;!?\n]{0,12}?(?:模型|App|APP|app|应用|助手|手机)")


def _company_or_product(text: str, mention: Mention) -> Mention:
    """A brand shared by a company and its product is the company unless its clause speaks of a model or
    an app: DeepSeek发布了 / DeepSeek创始人 / systems made by DeepSeek name the company."""
    if mention.entity_type != "PRODUCT" or mention.method != "gazetteer":
        return mention
    maker = _maker_of(mention.text)
    if maker is None or _PRODUCT_AFTER.match(text, mention.end):
        return mention
    return Mention(
        mention.start, mention.end, mention.text, "ORG", mention.method, mention.confidence, maker.entity_key
    )


@lru_cache(maxsize=200_000)
def _lookup(surface: str) -> gazetteer.Entity | None:
    entity = _exact_aliases().get(surface.lower())
    if entity is not None or surface.isascii():
        return entity
    if gazetteer.traditional_characters().isdisjoint(surface) and not _WIDE_OR_SPACE.search(surface):
        return None  # already in the form the exact table holds
    return gazetteer.lookup(surface)  # Traditional variants, full-width forms: the full normalisation


@cache
def _exact_aliases() -> dict[str, gazetteer.Entity]:
    index = gazetteer.alias_index()
    return {alias.alias.lower(): index[alias.alias_normalised] for alias in gazetteer.aliases()}


def recognise(text: str) -> list[Mention]:
    """All named-entity mentions in `text`, sorted by start and non-overlapping."""
    if not text or not text.strip():
        return []
    # Traditional input is analysed in Simplified (jieba's dictionary is Simplified); offsets stay valid
    # because OpenCC's t2s maps character for character whenever the lengths agree
    analysed = text
    if not gazetteer.traditional_characters().isdisjoint(analysed):
        simplified = gazetteer.to_simplified(analysed)
        if len(simplified) == len(analysed):
            analysed = simplified
    tokens = segmentation.tag(analysed)
    candidates = [
        *_gazetteer_candidates(analysed, tokens),
        *_pos_candidates(tokens),
        *_suffix_candidates(tokens),
        *_prefixed_org_candidates(tokens),
        *_party_committee_candidates(tokens),
        *_appositive_org_candidates(tokens),
        *_place_candidates(tokens),
        *(_facility_candidates(tokens) if _FACILITY_HEAD_PATTERN.search(analysed) else ()),
        *_person_merge_candidates(tokens),
        *_cut_name_candidates(tokens),
        *_brand_candidates(tokens),
        *_titled_name_candidates(analysed, tokens),
        *(_japanese_name_candidates(tokens) if _japanese_surname_pattern().search(analysed) else ()),
        *(_transliterated_candidates(analysed, tokens) if _NAME_DOTS.search(analysed) else ()),
        *_latin_candidates(analysed),
        *(_english_candidates(analysed) if _ENGLISH_TEXT.search(analysed) else ()),
        *(_book_title_candidates(analysed) if "《" in analysed else ()),
        *_abbreviation_candidates(analysed),
        *_abbreviation_pair_candidates(tokens),
    ]
    if "《" in analysed:
        candidates = _drop_titles_holding_names(candidates)
    candidates.extend(_extended_org_candidates(analysed, tokens, candidates))
    mentions = []
    for candidate in _select(candidates):
        surface = text[candidate.start : candidate.end]
        entity = _lookup(surface)
        if (
            entity is not None
            and entity.entity_type != "LOCATION"
            and candidate.start
            and _straddles_a_word(analysed, candidate.start, candidate.end)
            and not _after_a_whole_word(tokens, candidate.start)
        ):
            continue  # 白云深处 is not 白|云深处: the alias only won because it is a forced word
        entity_type = candidate.entity_type
        method = candidate.method
        confidence = candidate.confidence
        key = None
        if (
            entity_type == "PERSON"
            and 2 <= len(surface) <= 3
            and analysed[candidate.end : candidate.end + 1] not in _SPOKE
            and _has_place_form(surface)
        ):
            entity_type = "LOCATION"  # 黄岩, 阿拉尔: a place jieba reads as a name (but 黄岩说 is a person)
        if entity is not None:
            key, entity_type = entity.entity_key, entity.entity_type
            if method != "gazetteer":
                method, confidence = "gazetteer", max(confidence, 0.9)
        mentions.append(
            Mention(candidate.start, candidate.end, surface, entity_type, method, confidence, key)
        )
    return _same_name_elsewhere(text, [_company_or_product(analysed, m) for m in mentions])
