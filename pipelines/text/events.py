"""Event mentions in a Chinese news article: triggers, types, arguments, dates, amounts and modality.

`find_events` reads each sentence, finds triggers from the lexicon in `data/events/triggers.tsv`
(one line per event type of `dbt_project/seeds/event_types.csv`), keeps the triggers whose context
fits the type, and fills the type's roles: the agent from the nearest suitable entity before the
trigger, the patient after it, 时间 from the sentence's time expression, 地点 from place mentions,
money, counts and other figures from their own patterns. Both steps are lists of small named rules, each
with a rule id, a docstring saying why and a test of its own (`tests/text/test_event_components.py`):
`TYPE_RULES` (type.*) choose the type, `ROLE_RULES` (roles.*) say which role is the agent and which the
patient (from each role's kind in `data/events/roles.csv`, with its entity types), and `ARGUMENT_RULES`
(args.*, with `AGENT_FALLBACKS`, `PATIENT_FALLBACKS` and the slot fillers of `SLOT_FILLERS`) fill the roles,
in order. Rules worth knowing:
- a trigger inside a 《》 title, inside a longer non-event word (新闻发布会, 上市公司: BLOCK in the
  lexicon) or in a sidebar heading (相关阅读 ...) states no event; nor does a topic (关于降价);
- news repeats a trigger for one event: a second trigger of a type in the same sentence is a new
  event only in another clause and with participants of its own;
- a death without a named person in a sentence that reports a disaster (车祸造成6人死亡) is that
  disaster's 死亡人数, not an event of its own;
- the date is that of the time expression nearest the trigger in the sentence (the one before it
  first), never a dateline (新华网昆明8月20日电); a sentence without one gets no date (近日/日前
  resolve to the anchor's month in `timex`);
- modality: negated (未, 没有, 并未, 不会, ...未果), planned (计划, 将, 拟, 预计, 希望), hypothetical
  (如果, 若, 一旦) from the words before the trigger in its clause;
- clauses end at punctuation outside 《》 titles; a title is one name (mentions inside it are its parts);
- participants: 被/遭/由 mark the agent after them and the patient before; an earlier clause lends its
  subject, never the object of its own verb; in a series of verbs (离职创办了X) the object belongs to the
  last one unless they are coordinated (发布并开源了X); a name typed PRODUCT in subject position before a
  verb with an object is the actor (DeepSeek发布了一款系统); an organisation noun before a name makes it
  an org (自己的公司Zeabur), a person noun after an org makes a person (OpenAI前员工);
- a time before the trigger scopes over later clauses only when it opens its clause or its clause has no
  predicate, and one inside a title or modifying a name (2018年图灵奖) is a last resort; a time after the
  trigger counts only in its clause (or as 时间为X);
- route ends (从X开往Y) and datelines are no event place; casualties go to the disaster told last before
  them, and a death that follows a disaster leaves it the time and place outside its own clause;
- a name followed by a speech verb (X称, 安理会谴责) reports a disaster and is none of its parties, and a time
  followed by one (昨日称, 2日发表声明) dates the report; a place comes from an explicit cue
  (震中位于X, 发生在X, X的袭击) or else from the trigger's own clause, never over a function word
  (驻伊拉克的美军);
- a trigger inside a recognised name (美国国家地震勘探局) or modifying a noun (地震专家, 举办城市) states
  no event; a repeated disaster trigger in a clause of its own is a mention of its own (see `_repeats`).
"""

from __future__ import annotations

import bisect
import csv
import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path

from pipelines.text import amounts as amounts_module
from pipelines.text import sentences, timex
from pipelines.text.event_roles import RoleInfo, role_info
from pipelines.text.modality import modality
from pipelines.text.records import Argument, EventMention, Mention, Sentence

TAXONOMY_FILE = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "event_types.csv"
LEXICON_FILE = Path(__file__).resolve().parent / "data" / "events" / "triggers.tsv"
CLASSES_FILE = Path(__file__).resolve().parent / "data" / "events" / "trigger_classes.tsv"
BLOCK = "BLOCK"


@lru_cache(maxsize=1)
def event_roles() -> dict[str, tuple[str, ...]]:
    """event_type -> its roles, from the taxonomy seed."""
    with TAXONOMY_FILE.open(encoding="utf-8") as f:
        return {row["event_type"]: tuple(row["roles"].split("|")) for row in csv.DictReader(f)}


@lru_cache(maxsize=1)
def trigger_lexicon() -> dict[str, tuple[tuple[str, float], ...]]:
    """trigger -> ((event_type, weight), ...); event_type BLOCK marks words that state no event."""
    lexicon: dict[str, list[tuple[str, float]]] = {}
    for line in LEXICON_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        event_type, weight, words = line.split("\t")
        for word in words.split():
            lexicon.setdefault(word, []).append((event_type, float(weight)))
    return {word: tuple(types) for word, types in lexicon.items()}


@lru_cache(maxsize=1)
def trigger_classes() -> dict[str, frozenset[str]]:
    """class -> its trigger words, from `data/events/trigger_classes.tsv` (`class<TAB>word<TAB>example`)."""
    classes: dict[str, set[str]] = {}
    for line in CLASSES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, word, _example = line.split("\t")
            classes.setdefault(kind, set()).add(word)
    return {kind: frozenset(words) for kind, words in classes.items()}


@lru_cache(maxsize=1)
def _trigger_pattern() -> re.Pattern[str]:
    """The longest trigger word at each place, leftmost first (as an alternation of the words, longest
    first, would match), written as a trie: 云栖 and 云计算 share 云, so the regex engine tries far fewer
    alternatives at each character (twice as fast over an article). Latin letters match either case
    without the IGNORECASE flag, which folded every character of the text: five times slower."""
    return re.compile(_trie_regex(trigger_lexicon()))


def _trie_regex(words) -> str:
    """A regex of the words' trie: at each branch the longer continuations are tried before the word that
    ends there. The words must not differ by case alone (the lexicon's Latin words are IPO and 打call).
    A Latin first letter is a branch of its own in each case (IPO, iPO) and later letters a class ([Pp]):
    the engine skips ahead by the set of first characters only while every branch starts with a literal."""
    trie: dict = {}
    for word in words:
        for first in dict.fromkeys((word[0].lower(), word[0].upper()) if word[0].isascii() else word[0]):
            node = trie.setdefault(first, {})
            for ch in word[1:]:
                node = node.setdefault(ch, {})
            node[""] = {}

    def branch(node: dict, first: bool) -> str:
        tails = [_letter(ch, first) + branch(child, False) for ch, child in sorted(node.items()) if ch]
        if not tails:
            return ""
        body = tails[0] if len(tails) == 1 else "(?:" + "|".join(tails) + ")"
        return f"(?:{body})?" if "" in node else body

    return branch(trie, True)


def _letter(ch: str, first: bool) -> str:
    """One character of a trigger word: an ASCII letter after the first in either case, else itself."""
    return f"[{ch.lower()}{ch.upper()}]" if not first and ch.isascii() and ch.isalpha() else re.escape(ch)


# ---------------------------------------------------------------- context words

_CLAUSE_END = sentences.CLAUSE_END
_SIDEBAR = re.compile(
    r"^\W{0,3}(相关阅读|延伸阅读|推荐阅读|相关新闻|相关链接|热门推荐|猜你喜欢|点击查看|责任编辑|原标题)"
)
_POLICY_WORD = re.compile(
    r"(规划|方案|办法|计划|政策|意见|通知|条例|纲要|规定|措施|举措|指南|决定|细则|法案|法规|标准|战略|清单)"
)
_GOV_WORD = re.compile(
    r"(政府|国务院|中央|部委|委员会|办公厅|办公室|总局|央行|人民银行|省委|市委|[省市县区]政府|[部委厅局]|我省|我市|我区|我县|全省|全市|国家|各地)"
)
_NOT_PRODUCT = re.compile(
    r"^.{0,6}(财报|业绩|公告|声明|数据|消息|预警|通报|名单|成绩|指数|报告|榜单|信息|文章|视频|微博|动态|照片|通告|提示|倡议)"
)
_ORG_WORD = re.compile(
    r"(公司|集团|企业|实验室|研究院|研究所|中心|基金|协会|联盟|委员会|小组|团队|部门|工作室|学院|大学|银行|俱乐部|工厂|机构|组织|社区|平台|分公司|子公司|办公室|政府|战队|乐队)"
)
_FINANCE_WORD = re.compile(
    r"(港股|A股|美股|纳斯达克|纽交所|交易所|科创板|创业板|主板|北交所|IPO|招股|募资|股票|港交所|上交所|深交所|股价|发行价|市值|挂牌)"
)
_LAUNCH_WORD = re.compile(r"(新车|车型|手机|新品|产品|系列|机型|版本|新款|款)")
_PRODUCT_WORD = re.compile(
    r"(模型|产品|新品|手机|芯片|系统|平台|版本|应用|App|APP|服务|功能|游戏|专辑|单曲|新歌|电影|剧|车型|新车|系列|工具|框架|软件|"
    r"硬件|设备|终端|机器人|眼镜|耳机|电脑|笔记本|平板|手表|套餐|节目|小程序|处理器|显卡|引擎|助手|智能体|Agent)"
)
_VEHICLE_WORD = re.compile(
    r"(车|机动车|司机|驾驶|驾车|公路|国道|省道|高速|路段|路口|大巴|摩托|公交|轿车|货车|客车|卡车|三轮|电动车|火车|列车|船)"
)
_SPORT_WORD = re.compile(r"(比赛|赛|决赛|半决赛|联赛|杯|冠军|球队|队|选手|球员|战|比分|局|盘|轮|奥运)")
_FALLING_PRICE = re.compile(r"(价|资费)")
_PRICE_WORD = re.compile(r"(价|售价|价格|费|票价|油价|房价|资费)")
# 以防起火, 防止裁员: the clause guards against the event
_PREVENTED = re.compile(r"(以防|防止|避免|预防|谨防|防范|以免|严防|杜绝|免遭)")
# 加强交流与合作, 深化两国合作: cooperation as the object of a verb of furthering is a programme, not an event
_FURTHER_COOPERATION = re.compile(
    r"(加强|深化|扩大|促进|推动|推进|拓展|拓宽|密切|增进|加深|发展|重视|巩固|愿意|希望)[^，。；]{0,14}$"
)
_TITLED_ACTIVITY = re.compile(
    r"》(图片展|画展|书画展|摄影展|展览会|展览|演唱会|音乐会|晚会|研讨会|座谈会|首映式|首发式|专场演出|演出|展)"
)
# 投资近亿元, 投资3000多万元: an amount the amount finder may miss (近亿元 has no digits)
_MONEY_AFTER = re.compile(
    r"^[了\s]*(?:近|约|逾|超过|超|达|共|总计)?(?=[\d０-９零〇一二三四五六七八九十百千万亿两几数])"
    r"[\d０-９.．零〇一二三四五六七八九十百千两几数]*(?:多|余)?[万亿]*(?:美|港)?元"
)
_DETERMINER = re.compile(r"(这次|此次|本次|这场|那次|该|这个|这一|这)")
_BARE_OBJECT = re.compile(r"[了\s]*([\u4e00-\u9fff]{2,8})")
_WORK_WORD = re.compile(r"(作品|著作|专著|新书|图书|小说|诗集|画册|影片|歌曲|舞剧|戏剧|剧目|话剧|唱片|节目)")
_STAGE = (
    r"(?:总?决赛|半决赛|复赛|[0-9０-９一二三四五六七八十]+强|淘汰赛|正赛|下一轮|次轮|第.轮|决赛圈|季后赛)"
)
_TICKETS = re.compile(r"^[了\s]*[^，。；]{0,14}?(门票|机票|车票|球票|入场券|[0-9０-９]+张)")


def _exhibition_opens(before: str, after: str, rest: str) -> bool:
    # 展览自12日开展以来: an exhibition opens; 开展工作, 开展活动: carrying something out
    return bool(re.search(r"(展览|展出|画展|影展|展会|博览会|[^发]展)", before)) and bool(
        re.match(r"^(以来|后|了|当天|首日|至今|$)", after)
    )


def _reaches_a_stage(before: str, after: str, rest: str) -> bool:
    return bool(re.match(rf"^[了\s]*[^，。；]{{0,8}}?{_STAGE}", after))  # 打入四强, not 打入市场


def _not_tickets(before: str, after: str, rest: str) -> bool:
    return not _TICKETS.match(after)  # 售出门票 is no company deal


def _holds_an_activity(before: str, after: str, rest: str) -> bool:
    # 组织了七期培训班, 开办工匠培训班: organising an activity; 组织群众, 组织开展: not one
    return bool(_HELD_ACTIVITY.match(after))


def _price_moves_to_a_level(before: str, after: str, rest: str) -> bool:
    # 价格从50美分降到/降至...: a price falls (or rises) to a level; 降到最低 needs the price before it
    return bool(re.match(r"^(到|至)", after)) and bool(_PRICE_WORD.search(before))


# triggers that state their event only in a context; the guard gets the clause before and after the
# trigger and the rest of the sentence
_GUARDED = {
    "开展": _exhibition_opens,
    "打入": _reaches_a_stage,
    "跻身": _reaches_a_stage,
    "授予": lambda before, after, rest: bool(re.search(r"(奖|称号|勋章|奖章|荣誉)", rest[:25])),
    "免去": lambda before, after, rest: bool(re.search(r"职", rest[:30])),
    "售出": _not_tickets,
    "出售": _not_tickets,
    "组织": _holds_an_activity,
    "开办": _holds_an_activity,
    "降": _price_moves_to_a_level,
    "涨": _price_moves_to_a_level,
    # 被控涉嫌参与政变, 被控犯有谋杀罪: a charge, not 被控制
    "被控": lambda before, after, rest: bool(
        re.match(r"^[^，。；]{0,12}?(涉嫌|犯有|犯下|罪|违反|参与|贪污|受贿|谋杀)", after)
    ),
    # 被选为大会共同主席: elected to a post
    "选为": lambda before, after, rest: bool(re.match(r"^[^，。；]{0,12}?" + _POSITION.pattern, after)),
}
_HELD_ACTIVITY = re.compile(
    r"^[了\s]*[^，。；]{0,20}?(培训班|研修班|训练班|学习班|讲习班|研讨会|座谈会|报告会|展览会|展览|展销会|博览会|晚会|音乐会|"
    r"演唱会|联欢会|运动会|比赛|大赛|竞赛|论坛|讲座|夏令营|义演|义诊|招聘会|交易会|洽谈会)"
)
# a nominal trigger as the subject of a general claim states no event: 合作有利于…, 金融机构的并购…将使…
_GENERIC_CLAIM = re.compile(r"(有利于|有助于|将使|会使|可以使|能够使|能使|必将|意味着|不利于)")
_OPEN_SOURCE_OK_BEFORE = re.compile(
    r"(宣布|正式|全面|全部|陆续|已|率先|不仅|免费|选择|决定|坚持|首次|再次|已经|全球|将|相继|进一步|同步|共计|"
    r"模型|代码|权重|系统|平台|框架|源码)$"
)
_DISASTER_TYPES = {
    "灾害/意外-地震",
    "灾害/意外-坍/垮塌",
    "灾害/意外-坠机",
    "灾害/意外-洪灾",
    "灾害/意外-爆炸",
    "灾害/意外-袭击",
    "灾害/意外-起火",
    "灾害/意外-车祸",
}

_CN_NUM = "零〇一二三四五六七八九十百千万两几数"
_NUM = rf"(?:\d+(?:\.\d+)?|[{_CN_NUM}]+)"
_NOUN = rf"(?:(?![{_CN_NUM}共约等和与及])[\u4e00-\u9fff])"  # a noun character, not a numeral
_DEAD = re.compile(
    rf"({_NUM}(?:多|余)?(?:名|位|个)?{_NOUN}{{0,3}}?(?:人)?)(?:[（(][^（()）]{{1,12}}[）)])?(?:当场|不幸|已经|已|先后|相继|经?抢救\s?无效|不治)?\s?(?:死亡|遇难|丧生|身亡|罹难|死|亡|殒命|丧命)"
)
_INJURED = re.compile(
    rf"({_NUM}(?:多|余)?(?:名|位|个)?{_NOUN}{{0,3}}?(?:人)?)(?:不同程度)?(?:受)?(?:受伤|伤|重伤|轻伤|轻微伤)"
)
_PEOPLE = re.compile(rf"({_NUM}(?:多|余)?(?:万|千)?(?:名|人|位|人次)|\d+(?:\.\d+)?%)")
_AGE = re.compile(rf"({_NUM}岁)")
# 里氏5.9级: the scale is not part of the magnitude
_MAGNITUDE = re.compile(r"(?:里氏|M)?(\d+(?:[.．]\d+)?级)")
# 震源深度约10公里: a depth is a distance stated as one (日惹市以南约37公里 is no depth)
_DEPTH = re.compile(r"深(?:度)?\s?(?:为|约|是|达|：|:)?\s?约?\s?(\d+(?:[.．]\d+)?(?:千米|公里|km))")
# 震中位于X: the epicentre is stated (not 震中位于北纬25.1度: coordinates name no place)
_EPICENTRE = re.compile(r"震中(?:位于|在|为|是|：|:)\s?(?![北南]纬|[东西]经|\d)([^，。；,;（()“”]{2,30})")
# 昨日称, 3日披露, 2日发表声明: a speech verb after a name or a time marks the reporter and the report's date
_REPORT_VERB = re.compile(
    r"(称|说|表示|指出|透露|披露|证实|宣称|声称|发表|通报|报道|介绍|谴责|告诉|认为|强调|确认|获悉|得知|警告|呼吁)"
)
# a time, not a place, after 发生在 (此次地震发生在当地时间早5时53分)
_TIME_START = re.compile(
    r"(当地时间|北京时间|[0-9０-９一二三四五六七八九十〇零]+\s?[年月日时点号]|凌晨|清晨|早晨|上午|中午|下午|傍晚|晚上|深夜|"
    r"今天|昨天|前天|当天|当日|今日|昨日|早[0-9０-９])"
)
# vague times the time tagger leaves alone (不久前举办): the event's time all the same
_VAGUE_TIME = re.compile(r"(不久前|前不久|前些时候|早些时候|日前|近日|近期|近来|上周|上星期)")
# money the amount tagger leaves alone: 斥资100多万, 以50多万元, 投资近亿元
_LOOSE_MONEY = re.compile(
    r"((?:近|约|逾|超过)?(?:\d+(?:[.．]\d+)?|[一二三四五六七八九十两几数百千]+)?(?:多|余)?(?:万|亿)+(?:多|余)?"
    r"(?:美元|港元|日元|英镑|欧元|法郎|马克|卢布|元)?)"
)
_MONEY_CUE = re.compile(r"(斥资|耗资|出资|投资|投入|以|花|用|价|值|达|金额|资金|共)\s?$")
# the subject of a clause before 被: 因这名黑人婴儿是上周被..., 一位教授在银行取钱后，被...
_VICTIM = re.compile(
    r"(?:因为?|由于|而|据说)?(?:这名|这位|那名|那位|该名|该|这个)?([\u4e00-\u9fff·]{2,12}?)(?=是|在|于|曾|已|遭|被|$)"
)
# 日惹市以南约37公里: a bearing and distance from a place is part of the place
_DISTANCE_TAIL = re.compile(r"以?[东南西北]{1,2}(?:方向)?约?\s?[\d０-９.．]+(?:公里|千米|米)处?")
_DURATION = re.compile(
    rf"((?:有期徒刑|无期徒刑|死刑|拘役|管制)?{_NUM}(?:年|个月|场|周|天|日)(?:有期徒刑)?|无期徒刑|死刑)"
)
_ROUND = re.compile(r"((?:天使|种子|Pre-?[A-Z]\+?|[A-G]\+*|战略|新一|首)轮)")
_POSITION = re.compile(
    r"((?:首席[^\s，。；、]{1,5}官|董事长|总裁|副总裁|CEO|CTO|COO|CFO|总经理|"
    r"总监|主教练|教练|董事|负责人|首席科学家|合伙人|主帅|队长|社长|会长|理事长|"
    r"(?:常务)?副?(?:乡长|镇长|县长|区长|州长|村长|厅长|局长|处长|科长|司令员|司令|政委|大使|总督|首相|议长|常委|主编|经理|"
    r"团长|军长|师长|参谋长|检察长|庭长|审判长|外长|部长|省长|市长|主席|总统|总理|书记|院长|校长|主任|行长|秘书长)))"
)
_COUNT_START = re.compile(_NUM)
# 这起袭击, 这起连环袭击: a determiner (a short modifier may follow it) takes up an event told before
_ANAPHORA = re.compile(
    r"(?:(这场|此次|这次|该|这起|那次|那场|本次|上述|这一)|(这起|这场|此次|这次|本次|上述)[\u4e00-\u9fff]{1,2})$"
)
_DATELINE = re.compile(r"\s?(电|讯|综合|消息|报道|报导)")
_GROUP = re.compile(
    rf"({_NUM}(?:多|余)?(?:名|位)[\u4e00-\u9fff]{{1,4}}?)(?=[，。、；和与及\s]|被|在|因|暂时|当场|不治|已|死亡|受伤)"
)
_PLACE_AFTER_VERB = re.compile(
    r"(?:发生于|发生在|位于|地处)([^，。；、\s“”]{2,20})"
    # 在三二三国道九百四十八公里处， / 在八大处公园附近的实兴北街和八大处街交叉口，
    r"|(?:^|[，。；\s）)])在([^，。；、\s“”]{2,30}?(?:附近|处|路口|门口|路段|交叉口|一带|境内|[东西南北]侧))(?=[，。；\s]|发生)"
    # 武黄高速公路武黄向57公里处发生: an address opening its clause, right before 发生
    r"|(?:^|[，。；\s）)])([^，。；、\s“”在]{2,30}?(?:公里处|米处|路口|门口|路段|交叉口|[号楼层]))(?=发生)"
)
# a trigger right before one of these nouns modifies it (地震专家, 举办城市, 爆炸物) and states no event
_ATTRIBUTIVE_HEAD = re.compile(
    r"(局|台|站|所|中心|部门|机构|专家|学会|研究|监测|勘探|预警|预报|城市|场馆|物|装置|品|演练|预案|知识|常识|保险|带|"
    r"时间|实施者|策划者|组织者|灾区|项目)"
)
# names a trigger inside which is only a part (an organisation, a place, a person)
_NAME_TYPES = ("ORG", "LOCATION", "PERSON")
_TITLE = re.compile(r"《[^《》]{1,40}》")
_QUOTED = re.compile(r"[“「][^“”「」]{1,30}[”」]")
# Latin product names, with their capitalised or numbered parts: Qwen2.5 Max, Llama 3.1 405B, MacBook Pro
_LATIN = re.compile(
    r"[A-Za-z][A-Za-z0-9]*(?:[\-\.][A-Za-z0-9]+)*(?:\s?(?:[A-Z0-9][A-Za-z0-9]*(?:[\-\.][A-Za-z0-9]+)*))*"
)
_POLICY_NAME = re.compile(
    r"([^\s，。；、：:（）()的了在是和与及将于]{2,25}?(?:规划|方案|计划|办法|政策|条例|意见|通知|纲要|规定|措施|指南|决定|细则|法案))"
)
_ACTIVITY = re.compile(
    r"([^\s，。；、：:（）()“”的了在是和与及将于]{2,20}?(?:大会|会议|峰会|论坛|博览会|展览会|运动会|艺术节|电影节|音乐节|文化节|"
    r"交易会|展会|锦标赛|联赛|世界杯|奥运会|比赛|庆典|仪式|研讨会|发布会|年会|两会|宴会|晚会|招待会|酒会|座谈会|报告会|"
    r"音乐会|演唱会|联欢会|纪念会|庆祝会|展览|图片展|画展|书画展|摄影展|培训班|研修班))(?![堂厅场馆址])"
)
_CONTEST = re.compile(
    r"([^\s，。；、：:（）()“”的了在是和与及将于]{2,20}?(?:锦标赛|公开赛|联赛|奥运会|世界杯|大奖赛|冠军赛|大赛|比赛|杯|赛))"
)
_AWARD = re.compile(r"([^\s，。；、：:（）()“”的了在是和与及将于]{1,20}?奖)(?!励|金)")
_ORG_SUFFIX = re.compile(
    r"([\u4e00-\u9fff]{2,10}?(?:公司|集团|银行|大学|研究院|实验室|委员会|政府|法院|检察院|公安局|派出所|交警大队|协会|医院|俱乐部|"
    r"证监会|银保监会|市场监管局|监管局))"
)
_FUNCTION_CHARS = re.compile(r"[的了是和与及也能其他这那些个在从到对把被为将就都还又而或但即]")
_PLACE_SUFFIX = re.compile(
    r"([\u4e00-\u9fff]{1,8}?(?:省|市|县|镇|乡|村|国道|省道|高速|路段|路口|街|路|大道|大厦))"
)
# the rest of an address after a place name: 泰生大厦第30层, 武黄向57公里处, 王彬街752和753号
_ADDRESS_TAIL = re.compile(
    r"[\u4e00-\u9fff0-9０-９]{0,14}?(?:路|街|大道|大厦|国道|高速公路|公里处|号|层|村|镇|乡|小区|广场|大桥|隧道|路段|路口|门口|县|区"
    r"|北部|南部|东部|西部|郊区|附近|东侧|西侧|南侧|北侧|一带|境内|市区)"
)


# which roles a trigger's type takes, and what fills each, is data: `data/events/roles.csv` (`role_info`)
_PERSON_ORG = ("PERSON", "ORG")
# spans that may name a thing (a product, a work, a Latin name...)
_THING = ("PRODUCT", "WORK", "LATIN", "OTHER", "EVENT")
_NO_ROLE = RoleInfo("", False, ())


def _role(event_type: str, role: str | None) -> RoleInfo:
    """The row of `roles.csv` for `role` of `event_type` (an empty one for a role the type does not have)."""
    return role_info().get((event_type, role), _NO_ROLE)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    text: str
    entity_type: str


# ---------------------------------------------------------------- helpers


def _clause_bounds(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause around [start, end): up to the nearest punctuation that is not inside a 《》 title."""
    left = start
    while left > lo and (text[left - 1] not in _CLAUSE_END or _inside_title(text, lo, left - 1, hi)):
        left -= 1
    right = end
    while right < hi and (text[right] not in _CLAUSE_END or _inside_title(text, lo, right, hi)):
        right += 1
    return left, right


def _inside_title(text: str, lo: int, pos: int, hi: int | None = None) -> bool:
    opened = text.rfind("《", lo, pos)
    if opened == -1 or text.rfind("》", opened, pos) != -1:
        return False
    return "》" in text[pos : pos + 60 if hi is None else min(hi, pos + 60)]


def _candidates(text: str, lo: int, hi: int, mentions: list[Mention]) -> list[_Span]:
    """Entity mentions in the sentence, plus titles, Latin names and suffix-named orgs/places they miss."""
    spans = [_Span(m.start, m.end, m.text, m.entity_type) for m in mentions if lo <= m.start and m.end <= hi]
    spans = _named_spans(text, lo, hi, spans)
    spans = _group_spans(text, lo, hi, spans)
    spans = _address_spans(text, lo, hi, spans)
    spans = _suffix_spans(text, lo, hi, spans)
    spans = _appositions(text, lo, hi, spans)
    return sorted(spans, key=lambda s: s.start)


def _free(spans: list[_Span], s: int, e: int) -> bool:
    """Whether [s, e) overlaps none of the spans."""
    return not any(c.start < e and s < c.end for c in spans)


def _named_spans(text: str, lo: int, hi: int, spans: list[_Span]) -> list[_Span]:
    """Titles (《》, WORK), quoted names (OTHER) and Latin names the mentions miss."""
    extra: list[_Span] = []
    for pattern, kind in ((_TITLE, "WORK"), (_QUOTED, "OTHER"), (_LATIN, "LATIN")):
        for m in pattern.finditer(text, lo, hi):
            start, end = m.start(), m.end()
            if kind == "LATIN" and (len(m.group()) < 2 or (len(m.group()) <= 3 and m.group().isupper())):
                continue  # AI, CEO, IPO: abbreviations, not names
            if kind != "LATIN":
                start, end = start + 1, end - 1  # the name inside the 《》 or quotes
            if kind == "WORK" and all(
                c.end <= start or c.start >= end or start <= c.start and c.end <= end for c in spans
            ):
                # a title is one name: 杭州市 inside 《杭州市...实施方案》 is a part of it, not a mention
                spans = [c for c in spans if not (start <= c.start and c.end <= end)]
            if kind == "LATIN":
                inner = [c for c in spans if start <= c.start and c.end <= end]
                if inner and (start, end) != (inner[0].start, inner[-1].end) and len(inner) == 1:
                    # the recogniser kept part of a product name (Llama of Llama 3.1 405B)
                    spans = [c for c in spans if c not in inner]
                    kind_of = inner[0].entity_type if inner[0].entity_type in ("PRODUCT", "OTHER") else kind
                    spans.append(_Span(start, end, text[start:end], kind_of))
                    continue
            if _free(spans, start, end):
                extra.append(_Span(start, end, text[start:end], kind))
    return spans + extra


def _group_spans(text: str, lo: int, hi: int, spans: list[_Span]) -> list[_Span]:
    """8名政府官员, 4名警察: people without names, as one PERSON each."""
    for m in _GROUP.finditer(text, lo, hi):
        start, end = m.start(1), m.end(1)
        spans = [c for c in spans if not (start <= c.start and c.end <= end)]
        if _free(spans, start, end):
            spans.append(_Span(start, end, m.group(1), "PERSON"))
    return spans


def _address_spans(text: str, lo: int, hi: int, spans: list[_Span]) -> list[_Span]:
    """Addresses after 发生在/位于 or ending in 处/路口/...: one place each, the names inside it its
    parts."""
    for m in _PLACE_AFTER_VERB.finditer(text, lo, hi):
        group = next(g for g in (1, 2, 3) if m.group(g))
        start, end = m.start(group), m.end(group)
        if _TIME_START.match(text, start):
            continue  # 发生在当地时间早5时53分: a time, not a place
        if group == 1:
            # 发生在某广场的袭击造成...: the place ends before the trigger it modifies
            inner = next(
                (t for t in _trigger_pattern().finditer(text, start, end) if _has_predicate(text, *t.span())),
                None,
            )
            if inner:
                end = inner.start()
                while end > start and text[end - 1] in "的之 ":
                    end -= 1
                if end - start < 2:
                    continue
        # the address is one place; names inside it (王彬街 taken for a person) are its parts
        if not any(
            c.start < end
            and start < c.end
            and c.entity_type != "LOCATION"
            and not (start <= c.start and c.end <= end)
            for c in spans
        ):
            spans = [c for c in spans if not (c.start < end and start < c.end)]
            spans.append(_Span(start, end, text[start:end], "LOCATION"))
    return spans


def _suffix_spans(text: str, lo: int, hi: int, spans: list[_Span]) -> list[_Span]:
    """Organisations and places named by their suffix (某某公司, 某某县) that the mentions miss."""
    for pattern, kind in ((_ORG_SUFFIX, "ORG"), (_PLACE_SUFFIX, "LOCATION")):
        for m in pattern.finditer(text, lo, hi):
            start, end = m.start(1), m.end(1)
            while start < end and text[start] in "在于从到自由对向把被将":
                start += 1  # a preposition is not part of the name
            inner = list(re.finditer(r"[个家所座的了是]", text[start:end]))
            if inner and kind == "ORG":
                begin = start
                start += inner[-1].end()  # 一个人工智能研究实验室: the name follows the classifier
                region = [
                    c
                    for c in spans
                    if c.entity_type == "LOCATION"
                    and c.start >= begin
                    and c.end == start - 2
                    and text[c.end : start] in ("一家", "某家", "一所", "一个")
                ]
                if region and end - start >= 3:
                    start = region[0].start  # 成都一家著名电脑公司: the region and the firm are one mention
                    spans = [c for c in spans if c is not region[0]]
            name = text[start:end].replace("智能", "")  # 人工智能研究院: 能 is no function word there
            if end - start < 3 or _FUNCTION_CHARS.search(name) or not _free(spans, start, end):
                continue
            spans.append(_Span(start, end, text[start:end], kind))
    return spans


# 自己的公司Zeabur, 初创企业Manus: a name right after an organisation noun is that organisation
_ORG_HEAD_BEFORE = re.compile(
    r"(公司|企业|集团|初创|创业公司|团队|实验室|机构|平台方|厂商|开发商|创企|独角兽)\s?$"
)
# OpenAI前员工, 阿里巴巴的工程师: people named by their organisation
_PERSON_HEAD_AFTER = re.compile(
    r"(?:前|原|现任|资深)?(员工|雇员|工程师|研究员|科学家|高管|创始人|联合创始人|团队成员|成员|校友|老员工)"
)


def _appositions(text: str, lo: int, hi: int, spans: list[_Span]) -> list[_Span]:
    """Retype names by the noun next to them: an org noun before a name, a person noun after an org."""
    out = []
    for s in spans:
        if s.entity_type in ("LATIN", "OTHER", "PRODUCT") and _ORG_HEAD_BEFORE.search(
            text, max(lo, s.start - 6), s.start
        ):
            s = _Span(s.start, s.end, s.text, "ORG")
        elif s.entity_type == "ORG":
            head = _PERSON_HEAD_AFTER.match(text, s.end, hi)
            if head and not any(
                c.start < head.end() + 1 and s.end < c.end for c in spans if c is not s
            ):  # not 阿里巴巴创始人马云: there the person is named
                s = _Span(s.start, head.end(), text[s.start : head.end()], "PERSON")
        out.append(s)
    return out


_PLACE_GAP = re.compile(r"(?:[东西南北中]部|东北部|西北部|东南部|西南部|境内|地区|市区)")


def _place_phrases(text: str, places: list[_Span]) -> list[tuple[int, int]]:
    """Adjacent place names joined (广西 柳州市 鹿寨县 -> one place), with the address that follows them."""
    phrases: list[list[int]] = []
    for p in sorted(places, key=lambda s: s.start):
        gap = text[phrases[-1][1] : p.start] if phrases else ""
        # a space, a region word or one letter of a name (丰台区旧中路) joins names; a function word or verb
        # does not: 伊拉克的美(军), 亚东县受波及 are no place
        joins = not gap.strip() or _PLACE_GAP.fullmatch(gap)
        joins = joins or (len(gap) == 1 and not _FUNCTION_CHARS.match(gap) and gap not in "受遭驻、")
        if phrases and p.start >= phrases[-1][1] and joins:
            phrases[-1][1] = max(phrases[-1][1], p.end)
        elif not phrases or p.start >= phrases[-1][1]:
            phrases.append([p.start, p.end])
    out = []
    for start, end in phrases:
        for _ in range(2):
            tail = _ADDRESS_TAIL.match(text, end)
            if not tail or tail.end() == end or _FUNCTION_CHARS.search(tail.group()):
                break
            end = tail.end()
        distance = _DISTANCE_TAIL.match(text, end)
        if distance:
            end = distance.end()
        out.append((start, end))
    return out


def _in_brackets(text: str, lo: int, pos: int) -> bool:
    """Inside an open （） before `pos`: bylines and glosses, not actors."""
    opened = max(text.rfind("（", lo, pos), text.rfind("(", lo, pos))
    closed = max(text.rfind("）", lo, pos), text.rfind(")", lo, pos))
    return opened > closed


# ---------------------------------------------------------------- type choice
# `_choose_type` runs the rules of `TYPE_RULES` in order on a trigger in its context: the first that
# decides wins. A rule returns NO_EVENT (the trigger states no event here), a (type, weight) pair, or None
# (no opinion: the next rule is asked). When none decides, the trigger's heaviest type in the lexicon wins.

NO_EVENT = ("", 0.0)


@dataclass(frozen=True)
class _TriggerContext:
    """A trigger in its sentence: its word, its types in the lexicon, its clause and the names nearby."""

    word: str
    options: tuple[tuple[str, float], ...]
    text: str
    t_start: int
    t_end: int
    c_lo: int
    c_hi: int
    s_lo: int
    s_hi: int
    spans: list[_Span]

    @cached_property
    def types(self) -> dict[str, float]:
        return dict(self.options)

    @property
    def before(self) -> str:
        """The trigger's clause before it."""
        return self.text[self.c_lo : self.t_start]

    @property
    def after(self) -> str:
        """The trigger's clause after it."""
        return self.text[self.t_end : self.c_hi]

    @property
    def sentence(self) -> str:
        return self.text[self.s_lo : self.s_hi]

    @property
    def after_sentence(self) -> str:
        """The rest of the sentence after the trigger."""
        return self.text[self.t_end : self.s_hi]

    @property
    def clause(self) -> str:
        return self.text[self.c_lo : self.c_hi]

    @cached_property
    def money_near(self) -> bool:
        """Whether the trigger's clause states a sum of money."""
        return any(a.kind == "money" for a in amounts_module.find_amounts(self.clause))

    def decide(self, event_type: str) -> tuple[str, float]:
        """The type with its weight in the lexicon."""
        return event_type, self.types[event_type]

    def spans_after(self, kinds: tuple[str, ...], within: int = 12) -> bool:
        """Whether a name of one of `kinds` starts within `within` characters after the trigger."""
        return any(
            self.t_end <= s.start <= self.t_end + within and s.entity_type in kinds and s.end <= self.c_hi
            for s in self.spans
        )

    def spans_in_clause(self, kinds: tuple[str, ...], end: int | None = None) -> bool:
        """Whether a name of one of `kinds` starts in the clause (before `end` when given)."""
        hi = self.c_hi if end is None else end
        return any(s.entity_type in kinds and self.c_lo <= s.start < hi for s in self.spans)


def _type_topic(c: _TriggerContext):
    """type.topic: 关于降价 names the topic of the sentence, not an occurrence."""
    return NO_EVENT if re.search(r"(关于|对于|有关)$", c.before) else None


def _type_prevented(c: _TriggerContext):
    """type.prevented: 以防起火, 防止裁员: what is guarded against has not happened."""
    return NO_EVENT if _PREVENTED.search(c.before) else None


def _type_generic_claim(c: _TriggerContext):
    """type.generic_claim: 同中国进行合作有利于…, 金融机构的并购…将使…: a nominal trigger as the subject of
    a general claim states no event."""
    if c.word in trigger_classes()["nominal"] and (
        _GENERIC_CLAIM.match(c.after)
        or (re.search(r"(的|通过|进行)$", c.before) and _GENERIC_CLAIM.search(c.after_sentence[:30]))
    ):
        return NO_EVENT
    return None


def _type_guarded(c: _TriggerContext):
    """type.guarded: a trigger of `_GUARDED` (开展, 打入, 授予 ...) states its event only where its guard
    finds the context it needs (开展 after an exhibition, 打入 before a stage)."""
    guard = _GUARDED.get(c.word)
    return NO_EVENT if guard is not None and not guard(c.before, c.after, c.after_sentence) else None


_POLICY_ENDINGS = r"(规划|方案|办法|计划|政策|意见|通知|条例|纲要|规定|措施|指南)"


def _type_policy_release(c: _TriggerContext):
    """type.policy_release: 发布《实施方案》, 出台新政策 (with a government in the sentence): a release
    whose object is a policy or official document is 政策行为-发布; a policy-only trigger without one
    states no event, one shared with 产品行为-发布 is left to the product rule."""
    types = c.types
    if "政策行为-发布" not in types or not ("产品行为-发布" in types or len(types) == 1):
        return None
    after = c.after
    title_before = re.search(rf"《[^》]*{_POLICY_ENDINGS}[^》]*》[^，。；《》]{{0,6}}$", c.before)
    title_after = re.match(rf"^[了\s]*(?:关于)?[^，。；]{{0,30}}《[^》]*{_POLICY_ENDINGS}", after)
    quoted_policy = re.match(
        r"^[了\s]*[“「][^”」]{0,30}(规划|方案|办法|计划|政策|措施|清单|纲要|条例)[^”」]{0,10}[”」]", after
    )
    policy_after = _POLICY_WORD.search(after) and (_GOV_WORD.search(c.sentence) or "《" in after)
    if title_after or title_before or quoted_policy or policy_after:
        return c.decide("政策行为-发布")
    return NO_EVENT if "产品行为-发布" not in types else None


def _type_product_release(c: _TriggerContext):
    """type.product_release: 发布 states a product release only with a product near it (a name, a product
    noun, or before 问世 a work told before it); 发布财报, 发布会, 亮相 without a product state none."""
    if "产品行为-发布" not in c.types:
        return None
    after = c.after
    if _NOT_PRODUCT.search(after) or re.match(r"^(会|厅|时|日期)", after):
        return NO_EVENT
    text, s_lo, t_start = c.text, c.s_lo, c.t_start
    appears = c.word in trigger_classes()["appear"] and (
        any(s.entity_type in _THING and s_lo <= s.start < t_start for s in c.spans)
        or _TITLE.search(text, s_lo, t_start)
        or _PRODUCT_WORD.search(text, s_lo, t_start)
        or _WORK_WORD.search(text, s_lo, t_start)
    )
    if not (c.spans_in_clause(_THING) or appears or _PRODUCT_WORD.search(after[:15])):
        return NO_EVENT
    if (
        c.word in ("亮相", "首秀")
        and not c.spans_after(_THING, 0)
        and not any(
            s.entity_type in ("PRODUCT", "LATIN") and s.end <= t_start and s.start >= c.c_lo for s in c.spans
        )
    ):
        return NO_EVENT  # 亮相 of a person or a place: an appearance, not a product
    return c.decide("产品行为-发布")


def _type_open_source(c: _TriggerContext):
    """type.open_source: 开源 as a verb (宣布开源, 开源了, 其开源。, 开源Qwen3) opens a product; 开源节流,
    开源的模型, 开源与闭源 do not."""
    if "产品行为-开源" not in c.types:
        return None
    nxt = c.text[c.t_end : c.t_end + 1]
    owner_near = c.spans_in_clause(("PRODUCT", "LATIN", "ORG", "PERSON"))
    if (
        _OPEN_SOURCE_OK_BEFORE.search(c.before)
        or nxt == "了"
        or (owner_near and (nxt == "" or nxt in _CLAUSE_END or nxt in "其旗自新最"))
        or c.spans_after(("PRODUCT", "LATIN", "WORK"), 3)
    ) and not re.match(r"^(节流|的|之|与|和|、|是|，即)", c.after):
        return c.decide("产品行为-开源")
    return NO_EVENT


def _type_listing(c: _TriggerContext):
    """type.listing: 上市 of a product (银河 M9 上市, 新车上市) is a product going on sale, not a listing;
    登陆, 挂牌, 敲钟 ... list a company only where the sentence speaks of a market or its shares."""
    if "财经/交易-上市" not in c.types:
        return None
    before_span = [s for s in c.spans if c.c_lo <= s.start and s.end <= c.t_start]
    product_before = bool(before_span) and before_span[-1].entity_type in ("PRODUCT", "LATIN")
    finance = _FINANCE_WORD.search(c.sentence)
    if c.word == "上市" and (product_before or _LAUNCH_WORD.search(c.sentence)) and not finance:
        return "产品行为-发布", 0.6
    if c.word in ("登陆", "挂牌", "敲钟", "过会", "递表", "招股") and not finance:
        return NO_EVENT
    return c.decide("财经/交易-上市")


def _type_founding(c: _TriggerContext):
    """type.founding: 能否成立, 成立的前提: a question or a condition, no founding; 成立/设立 found an
    organisation only with one (a name or an org noun) in the clause (案件成立 is not)."""
    if "组织关系-成立" not in c.types:
        return None
    if re.search(r"(是否|能否|不能|难以|无法|不|均|都)$", c.before) or re.match(
        r"^(与否|的前提|的条件)", c.after
    ):
        return NO_EVENT
    if c.word in ("成立", "成立了", "设立", "组建", "筹建") and not (
        _ORG_WORD.search(c.clause) or c.spans_in_clause(("ORG",))
    ):
        return NO_EVENT
    return c.decide("组织关系-成立")


def _type_financing(c: _TriggerContext):
    """type.financing: a bare 融资 is a round only with money, a round name, a verb of getting one
    (完成融资, 获得融资, 本轮融资) or its lead and follow-on investors in the sentence (由红杉中国领投);
    融资难 is no event."""
    if "财经/交易-融资" not in c.types:
        return None
    if c.word == "融资" and not (
        c.money_near
        or _ROUND.search(c.clause)
        or re.search(r"(完成|获得|获|宣布|启动|进行|拿到|新一轮|本轮|此轮|这轮)", c.before)
        or re.search(r"(领投|跟投|参投)", c.sentence)  # 本轮融资由红杉中国领投: a round with its investors
    ):
        return NO_EVENT
    return c.decide("财经/交易-融资")


_RECEIVES = re.compile(r"(获得|获|得到|接受|迎来)了?$")
_INVESTMENT_KIND = re.compile(r"的?(战略|独家|联合|天使|种子)?")


def _received_from(text: str, spans: list[_Span], lo: int, t_start: int) -> int | None:
    """获得腾讯投资, 获阿里巴巴的战略投资: where the verb of receiving starts when a named investor
    stands between it and the trigger at `t_start` (in the clause from `lo`), else None."""
    for s in spans:
        if s.entity_type in ("ORG", "PERSON", "LATIN") and lo <= s.start and s.end <= t_start:
            verb = _RECEIVES.search(text, lo, s.start)
            if verb and _INVESTMENT_KIND.fullmatch(text, s.end, t_start):
                return verb.start()
    return None


def _type_investment(c: _TriggerContext):
    """type.investment: 投入, 斥资 ... invest only with money in the clause (投入使用 does not); 投资 needs
    money, the invested firm or product right after it, or an investor received (获得腾讯投资)."""
    if "财经/交易-投资" not in c.types:
        return None
    if c.word in trigger_classes()["money_only_invest"] and not c.money_near:
        return NO_EVENT
    if c.word == "投资" and not (
        c.money_near
        or _MONEY_AFTER.match(c.after)
        or c.spans_after(("ORG", "PRODUCT", "LATIN"), 4)
        or _received_from(c.text, c.spans, c.c_lo, c.t_start) is not None  # 获得腾讯投资
    ):
        return NO_EVENT
    return c.decide("财经/交易-投资")


def _type_price_rise(c: _TriggerContext):
    """type.price_rise: 上涨, 调价 raise a price only with a price word before (油价上涨, not 气温上涨)."""
    if "财经/交易-涨价" not in c.types:
        return None
    if c.word in ("上涨", "调价") and not _PRICE_WORD.search(c.before + c.word):
        return NO_EVENT
    return c.decide("财经/交易-涨价")


def _type_price_fall(c: _TriggerContext):
    """type.price_fall: 油价下跌, not 产量下降: a bare verb of falling needs the price itself before it
    (油价, 票价, 资费; 经费下降 is spending), 下调, 跳水 ... a price word in the clause."""
    if "财经/交易-降价" not in c.types:
        return None
    if c.word in ("下跌", "下降", "回落") and not _FALLING_PRICE.search(c.before):
        return NO_EVENT
    if c.word in ("下调", "调降", "跳水", "暴跌", "打折") and not _PRICE_WORD.search(c.clause):
        return NO_EVENT
    return c.decide("财经/交易-降价")


def _type_market_value(c: _TriggerContext):
    """type.market_value: 市值 states a valuation only with the sum in its clause."""
    if "财经/交易-市值" not in c.types:
        return None
    return c.decide("财经/交易-市值") if c.money_near else NO_EVENT


def _type_car_crash(c: _TriggerContext):
    """type.car_crash: 相撞, 侧翻 ... are a traffic accident only in a sentence about vehicles or roads
    (车祸, 交通事故, 撞车, 翻车 are one by themselves)."""
    if "灾害/意外-车祸" not in c.types:
        return None
    if c.word not in ("车祸", "交通事故", "撞车", "翻车") and not _VEHICLE_WORD.search(c.sentence):
        return NO_EVENT
    return c.decide("灾害/意外-车祸")


def _type_signing(c: _TriggerContext):
    """type.signing: 签约 of a person (球员签约俱乐部) is joining, of organisations a cooperation."""
    if "组织关系-加盟" not in c.types or "组织关系-合作" not in c.types:
        return None
    if c.spans_in_clause(("PERSON",), end=c.t_start):
        return c.decide("组织关系-加盟")
    return c.decide("组织关系-合作")


def _type_joining(c: _TriggerContext):
    """type.joining: 加入 joins only an organisation (a name or an org noun after it), not 加入调料."""
    if "组织关系-加盟" not in c.types:
        return None
    if c.word == "加入" and not (
        c.spans_after(("ORG",), 6)
        or re.search(r"(公司|集团|俱乐部|球队|战队|联盟|协会|阵营|董事会|实验室|党)", c.after[:12])
    ):
        return NO_EVENT
    return c.decide("组织关系-加盟")


def _type_leaving(c: _TriggerContext):
    """type.leaving: 退出 leaves an organisation or an agreement (退出欧盟, 退出群聊), not 退出舞台."""
    if "组织关系-退出" not in c.types:
        return None
    if not (
        c.spans_after(("ORG",), 6)
        or re.match(r"^.{0,8}(群|联盟|组织|协定|协议|欧盟|条约|公约|俱乐部)", c.after)
    ):
        return NO_EVENT
    return c.decide("组织关系-退出")


def _type_championship(c: _TriggerContext):
    """type.championship: 冠军 is a title won only after a verb of winning (获得冠军), not 他是上届冠军."""
    if "竞赛行为-夺冠" not in c.types:
        return None
    if c.word == "冠军" and not re.search(
        r"(获得|夺得|拿下|获|摘得|斩获|赢得|问鼎|勇夺|荣膺|捧得|获取|拿到|夺取)$", c.before
    ):
        return NO_EVENT
    return c.decide("竞赛行为-夺冠")


def _type_win_loss(c: _TriggerContext):
    """type.win_loss: 淘汰, 逆转, 横扫, 击溃 decide a game only in a sentence about sport."""
    if "竞赛行为-胜负" not in c.types:
        return None
    if c.word in ("淘汰", "逆转", "横扫", "击溃") and not _SPORT_WORD.search(c.sentence):
        return NO_EVENT
    return c.decide("竞赛行为-胜负")


def _type_birthday(c: _TriggerContext):
    """type.birthday: 生日 is a celebration only with one in the sentence (庆祝, 派对, 蛋糕 ...)."""
    if "人生-庆生" not in c.types:
        return None
    if c.word in ("生日",) and not re.search(r"(庆祝|过|祝|派对|蛋糕|庆生|寿)", c.sentence):
        return NO_EVENT
    return c.decide("人生-庆生")


def _type_fine(c: _TriggerContext):
    """type.fine: 处罚, 处以 fine only with money in the clause or 罚 right after."""
    if "司法行为-罚款" not in c.types:
        return None
    if c.word in ("处罚", "处以") and not (c.money_near or "罚" in c.after_sentence[:10]):
        return NO_EVENT
    return c.decide("司法行为-罚款")


def _type_award(c: _TriggerContext):
    """type.award: 提名, 入选, 入围, 获评 win an award only with a prize, list or title after them."""
    if "产品行为-获奖" not in c.types:
        return None
    if c.word in ("提名", "入选", "入围", "获评") and not re.search(
        r"(奖|榜|名单|称号|最佳|十大|年度|优秀|剧目|作品|案例|典型|示范)", c.after_sentence[:30]
    ):
        return NO_EVENT
    return c.decide("产品行为-获奖")


def _type_cooperation(c: _TriggerContext):
    """type.cooperation: a cooperation needs parties (names, or 与/和/双方 before it); 签署, 共建 an
    agreement after them; and 加强交流与合作, 深化合作 are a wish or a programme, not one that took place."""
    if "组织关系-合作" not in c.types:
        return None
    if not (c.spans_in_clause(_PERSON_ORG) or re.search(r"(与|和|同|跟|双方|多方)", c.before)):
        return NO_EVENT
    if c.word in ("签署", "共建") and not re.search(r"(协议|合同|备忘录|框架|合作)", c.after_sentence[:20]):
        return NO_EVENT
    if c.word == "合作" and _FURTHER_COOPERATION.search(c.before):
        return NO_EVENT
    return c.decide("组织关系-合作")


def _type_elected(c: _TriggerContext):
    """type.elected: 当选 takes up a post only with the post after it (当选主席, not 当选年度人物)."""
    if "组织关系-任职" in c.types and c.word in ("当选",) and not _POSITION.search(c.after):
        return NO_EVENT
    return None


def _type_not_held(c: _TriggerContext):
    """type.not_held: 举行婚礼 is the wedding, the event itself; 召开发布会 is how news is told, not the
    news: neither is 组织行为-举办."""
    if "组织行为-举办" not in c.types:
        return None
    if re.match(r"^[了\s]*(婚礼|葬礼|追悼会|生日)", c.after):
        return NO_EVENT
    if re.match(r"^[了\s]*(新闻发布会|发布会|记者会|新闻通气会|电话会)", c.after):
        return NO_EVENT
    return None


# the type-choice rules in the order they are asked (the first to decide wins)
TYPE_RULES = (
    ("type.topic", _type_topic),
    ("type.prevented", _type_prevented),
    ("type.generic_claim", _type_generic_claim),
    ("type.guarded", _type_guarded),
    ("type.policy_release", _type_policy_release),
    ("type.product_release", _type_product_release),
    ("type.open_source", _type_open_source),
    ("type.listing", _type_listing),
    ("type.founding", _type_founding),
    ("type.financing", _type_financing),
    ("type.investment", _type_investment),
    ("type.price_rise", _type_price_rise),
    ("type.price_fall", _type_price_fall),
    ("type.market_value", _type_market_value),
    ("type.car_crash", _type_car_crash),
    ("type.signing", _type_signing),
    ("type.joining", _type_joining),
    ("type.leaving", _type_leaving),
    ("type.championship", _type_championship),
    ("type.win_loss", _type_win_loss),
    ("type.birthday", _type_birthday),
    ("type.fine", _type_fine),
    ("type.award", _type_award),
    ("type.cooperation", _type_cooperation),
    ("type.elected", _type_elected),
    ("type.not_held", _type_not_held),
)


def type_decision(context: _TriggerContext) -> tuple[str, tuple[str, float]]:
    """(rule id, decision) of the first rule that decides; `type.heaviest` (the lexicon's heaviest type)
    when none does."""
    for rule_id, rule in TYPE_RULES:
        decision = rule(context)
        if decision is not None:
            return rule_id, decision
    return "type.heaviest", max(context.options, key=lambda tw: tw[1])


def _choose_type(context: _TriggerContext) -> tuple[str, float] | None:
    """The event type this trigger states here, or None when its context says it states none."""
    decision = type_decision(context)[1]
    return None if decision == NO_EVENT else decision


def _event_times(
    text: str, expressions: list[timex.TimeExpression], s_lo: int, s_hi: int
) -> list[timex.TimeExpression]:
    """The sentence's time expressions that may date an event: not a dateline (新华网昆明8月20日电 dates
    the report), not inside a 《》 title, not the date of a statement (昨日称, 2日在纽约发表声明), not 次日
    misread across 此次 + 日俄 (此次日俄首脑会晤)."""
    return [
        e
        for e in expressions
        if s_lo <= e.start
        and e.end <= s_hi
        and not _DATELINE.match(text, e.end)
        and not _inside_title(text, s_lo, e.start, s_hi)
        and not _REPORT_VERB.match(text, _after_place(text, e.end, s_hi))
        and not (
            e.text.startswith("次") and text[e.start - 1 : e.start] in ("此", "这", "本", "该", "每", "首")
        )
    ]


def _nearest_time(
    text: str,
    expressions: list[timex.TimeExpression],
    s_lo: int,
    s_hi: int,
    t_start: int,
    t_end: int | None = None,
    spans: list[_Span] = (),
    predicates: list[tuple[int, int]] = (),
) -> timex.TimeExpression | None:
    """The time expression that dates the trigger at `t_start`.

    A time before the trigger in its clause, or a time that scopes over the clauses after it (one that
    opens its clause or stands in a clause without a predicate of its own); else one after the trigger in
    its clause. A time inside a 《》 title names the title (2025年版), and one that modifies a name
    (2018年图灵奖) is taken only when no adverbial time is there. `predicates` are the (start, end) of the
    trigger words of the sentence.
    """
    t_end = t_start if t_end is None else t_end
    c_lo, c_hi = _clause_bounds(text, t_start, t_end, s_lo, s_hi)
    inside = _event_times(text, expressions, s_lo, s_hi)

    def attributive(e: timex.TimeExpression) -> bool:
        at = e.end + (1 if text[e.end : e.end + 1] == " " else 0)
        return text[at : at + 1] == "的" or any(
            sp.start == at and sp.entity_type not in ("PERSON", "LOCATION") for sp in spans
        )

    def scopes_here(e: timex.TimeExpression) -> bool:
        if e.start >= c_lo:
            return True
        e_lo, e_hi = _clause_bounds(text, e.start, e.end, s_lo, s_hi)
        own = any(e_lo <= p_start and p_end <= e_hi and p_start != t_start for p_start, p_end in predicates)
        opens = re.fullmatch(r"[\s在于自从至截到据（(]*", text[e_lo : e.start]) is not None
        return not own or (opens and not attributive(e))

    before = [e for e in inside if e.end <= t_start and scopes_here(e)]
    if before:
        adverbial = [e for e in before if not attributive(e)]
        return (adverbial or before)[-1]
    after = [
        e
        for e in inside
        if e.start >= t_end
        # 起火时间为晚上11点: a time stated as the time of the event, in a clause of its own
        and (e.end <= c_hi or re.search(r"时间[为是约在：:\s]{0,3}$", text[max(s_lo, e.start - 8) : e.start]))
    ]
    return after[0] if after else None


def _after_place(text: str, pos: int, hi: int) -> int:
    """`pos` moved past a space and a short 在X (2日在纽约发表): where the verb of a dated clause starts."""
    m = re.compile(r"\s?(?:在[^，。；,;\s]{1,8}?(?=" + _REPORT_VERB.pattern + r"))?\s?").match(text, pos, hi)
    return m.end() if m else pos


def _regex_arg(
    pattern: re.Pattern[str], text: str, lo: int, hi: int, t_start: int, prefer: str
) -> tuple[int, int] | None:
    hits: list[tuple[int, int]] = []
    for m in pattern.finditer(text, lo, hi):
        if hits and hits[-1][1] == m.start(1):
            hits[-1] = (hits[-1][0], m.end(1))  # 全国人民代表大会 + 第一次会议: one name
        else:
            hits.append((m.start(1), m.end(1)))
    if not hits:
        return None
    if prefer == "after":
        after = [h for h in hits if h[0] >= t_start]
        pool = after or hits
    else:
        before = [h for h in hits if h[1] <= t_start]
        pool = before or hits
    return min(pool, key=lambda h: abs(h[0] - t_start))


def _has_predicate(text: str, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] holds a trigger word (a predicate of its own), BLOCK words aside."""
    lexicon = trigger_lexicon()
    for m in _trigger_pattern().finditer(text, lo, hi):
        options = lexicon.get(m.group()) or lexicon.get(m.group().upper()) or ()
        if options and options[0][0] != BLOCK:
            return True
    return False


# adverbs and auxiliaries between a subject and its verb: Qwen3-Coder不仅开源, 通义在凌晨共计开源了
_ADVERBS = (
    r"(?:不仅|也|还|均|都|已|已经|正式|宣布|将|将于|于|刚刚|在|同时|率先|全面|首次|再次|即将|共计|陆续|相继|今天|今日|"
    r"昨天|昨日|凌晨|近日|日前|此前|随后|再度|又|并|就|则|更|正在|\d{1,4}\s?[年月日号](?:底|初|中|末)?)*"
)
# the verb has its object right after it: 发布了, 开源其, 推出一款, 发布新
_TAKES_OBJECT = re.compile(
    rf"\s?(?:了|过|其|旗下|自家|新|最新|首款|[{_CN_NUM}\d]+\s?(?:款|个|项|种|套|部|台|辆|批|系列|大))"
)
_SUBJECT_GAP = re.compile(rf"\s?{_ADVERBS}\s?")


# ---------------------------------------------------------------- arguments
# `_arguments` builds a `_Frame` for the trigger (its clause, 被-passive, the roles its type takes and which
# of them is the agent before the trigger and the patient after it: `ROLE_RULES`), then runs the
# role-filling components of `ARGUMENT_RULES` in order. The order matters where two components could take
# the same span: a span goes to the first role that takes it.


@dataclass
class _Frame:
    """The arguments of one trigger as they are filled: the trigger in its sentence, its type's roles, and
    the arguments (and the money) taken so far."""

    event_type: str
    word: str
    text: str
    t_start: int
    t_end: int
    s_lo: int
    s_hi: int
    spans: list[_Span]
    time_expr: timex.TimeExpression | None
    amounts: list[amounts_module.Amount]
    c_lo: int = 0
    c_hi: int = 0
    roles: tuple[str, ...] = ()
    passive_at: int = -1  # where 被/遭/由 stands before the trigger in its clause, or -1
    object_limit: int = 0  # where the trigger's objects end: before the next verb of a series
    agent_role: str | None = None
    patient_role: str | None = None
    other_agents: list[str] = field(default_factory=list)
    args: list[Argument] = field(default_factory=list)
    used: set[tuple[int, int]] = field(default_factory=set)
    money: amounts_module.Amount | None = None

    def role(self, name: str | None) -> RoleInfo:
        """The row of `roles.csv` for the role `name` of this trigger's type."""
        return _role(self.event_type, name)

    def add(self, role: str, start: int, end: int) -> None:
        """Take text[start:end] for `role`, unless it is taken, outside the sentence or over the trigger."""
        if (start, end) in self.used or start < self.s_lo or end > self.s_hi or end <= start:
            return
        if start < self.t_end and self.t_start < end:
            return
        self.used.add((start, end))
        self.args.append(Argument(role, self.text[start:end], start, end))

    @property
    def reported(self) -> bool:
        # 某人称这次爆炸..., 安理会谴责...袭击: a name that speaks of a disaster is its reporter, not a party
        return self.event_type in _DISASTER_TYPES or self.event_type in ("人生-死亡", "人生-失联")

    @property
    def nominal(self) -> bool:
        """Whether the trigger is used as a noun (发布后, 发布时, X的发布, the clause ends right after it,
        距离X发布还有9个月)."""
        text = self.text
        return (
            bool(
                re.match(
                    r"(后|时|的|前|之|以来|当天|当日|$|[，。；、,;])",
                    text[self.t_end : self.c_hi].lstrip(" 了"),
                )
            )
            or text[self.t_start - 1 : self.t_start] in ("的", "之")
            or counting_down(text, self.c_lo, self.t_start, self.t_end, self.c_hi)
        )

    def nearest_before(self, kinds: tuple[str, ...], limit: int) -> _Span | None:
        """The last name of `kinds` before `limit` that may be the doer: not in brackets, not a reporter
        of a disaster, not after a preposition (在纽交所, 对某公司), not the object of an earlier clause's
        verb."""
        text, s_lo, s_hi = self.text, self.s_lo, self.s_hi
        pool = [
            s
            for s in self.spans
            if s.end <= limit
            and s.start >= s_lo
            and s.entity_type in kinds
            and not _in_brackets(text, s_lo, s.start)
            and not (self.reported and _REPORT_VERB.search(text, s.end, limit))
            and text[s.start - 1 : s.start] not in ("在", "于", "从", "向", "对", "给", "被")
            # 他创建了一个实验室,之后离职: an earlier clause lends its subject, not the object of its verb
            and (
                s.end > self.c_lo
                or not _has_predicate(text, _clause_bounds(text, s.start, s.end, s_lo, s_hi)[0], s.start)
            )
        ]
        return pool[-1] if pool else None

    def nearest_after(self, kinds: tuple[str, ...]) -> _Span | None:
        """The first name of `kinds` after the trigger, before the next verb of a series."""
        pool = [
            s
            for s in self.spans
            if s.start >= self.t_end and s.end <= self.object_limit and s.entity_type in kinds
        ]
        return pool[0] if pool else None

    def add_with_coordinated(self, role: str, span: _Span) -> None:
        """The span and those joined to it by 和/与/、/及 (之江实验室、浙江大学等)."""
        self.add(role, span.start, span.end)
        same = [c for c in self.spans if c.entity_type == span.entity_type]
        for direction in (-1, 1):
            current = span
            while True:
                if direction == 1:
                    nxt = [c for c in same if c.start > current.end and c.end <= self.s_hi][:1]
                    gap = self.text[current.end : nxt[0].start] if nxt else ""
                else:
                    nxt = [c for c in same if c.end < current.start and c.start >= self.s_lo][-1:]
                    gap = self.text[nxt[0].end : current.start] if nxt else ""
                if not nxt or not re.fullmatch(r"[》”]?\s?(和|与|、|及|以及|跟)\s?[《“]?", gap):
                    break
                current = nxt[0]
                if current.start < self.t_end and self.t_start < current.end:
                    break
                self.add(role, current.start, current.end)


def _types_of(f: _Frame, role: str | None) -> tuple[str, ...]:
    """The entity types that may fill `role` (people and organisations when the role lists none)."""
    if role is None:
        return ()
    return f.role(role).entity_types or _PERSON_ORG


def _passive_marker(text: str, c_lo: int, t_start: int) -> int:
    """Where 被/遭/受到 (or the agent marker 由: X由Y创立; not 由于, 由此, 理由, 自由) stands before the
    trigger in its clause, or -1: it turns the roles around."""
    m = re.search(r"(被|遭到|遭|受到|(?<![理自缘经])由(?![于此来衷]))[^，。；]{0,20}$", text[c_lo:t_start])
    return c_lo + m.start() if m else -1


def _object_limit(text: str, t_end: int, c_hi: int) -> int:
    """离职创办了心识宇宙: in a series of verbs the object belongs to the last one; 发布并开源了X: to both."""
    for m in _trigger_pattern().finditer(text, t_end, c_hi):
        if _has_predicate(text, m.start(), m.end()) and not re.fullmatch(
            r"[了\s]*(并|和|与|及|、|并且|且|或|同时)\s*", text[t_end : m.start()]
        ):
            return m.start()
    return c_hi


# ---- which role is the agent and which the patient


def _roles_frame(f: _Frame) -> None:
    """roles.frame: the type's first role of kind agent and first of kind patient (`roles.csv`), in the
    taxonomy's order; its other agent roles are second slots before the trigger."""
    for role in f.roles:
        if f.role(role).kind == "agent" and f.agent_role is None:
            f.agent_role = role
        elif f.role(role).kind == "patient" and f.patient_role is None:
            f.patient_role = role
    f.other_agents = [r for r in f.roles if f.role(r).kind == "agent" and r != f.agent_role]


def _roles_person_first(f: _Frame) -> None:
    """roles.person_first: 停职人员 and 所属组织 both stand before 停职: the person is the one it happens
    to (the agent slot), the organisation a second slot."""
    people_first = [r for r in f.other_agents if _types_of(f, r) == ("PERSON",)]
    if people_first and f.agent_role and "PERSON" not in _types_of(f, f.agent_role):
        f.other_agents = [f.agent_role] + [r for r in f.other_agents if r != people_first[0]]
        f.agent_role = people_first[0]


def _roles_sale_direction(f: _Frame) -> None:
    """roles.sale_direction: 出售X the seller acts, 收购X the buyer; 卖给Y, 竞拍给了谷歌: the buyer
    follows 给."""
    if f.event_type != "财经/交易-出售/收购":
        return
    if f.word == "卖给" or f.text[f.t_end : f.t_end + 1] == "给":
        f.agent_role, f.patient_role = "出售方", "收购方"
    else:
        f.agent_role, f.patient_role = (
            ("出售方", "交易物") if f.word in trigger_classes()["sale"] else ("收购方", "交易物")
        )


def _roles_passive_death(f: _Frame) -> None:
    """roles.passive_death: X被Y杀害: X, before 被, is the dead; no killer is sought before the trigger."""
    if f.event_type == "人生-死亡" and f.passive_at >= 0:
        f.agent_role, f.patient_role = None, f.agent_role


def _roles_win_loss(f: _Frame) -> None:
    """roles.win_loss: X击败Y: X won; X负于Y, X不敌Y: X lost."""
    if f.event_type == "竞赛行为-胜负":
        f.agent_role, f.patient_role = (
            ("败者", "胜者") if f.word in trigger_classes()["loss"] else ("胜者", "败者")
        )


def _roles_founded_org(f: _Frame) -> None:
    """roles.founded_org: X成立 (no org after the trigger): the org before it is what was founded, not its
    founder."""
    if (
        f.event_type == "组织关系-成立"
        and f.passive_at < 0
        and not any(s.start >= f.t_end and s.end <= f.c_hi and s.entity_type == "ORG" for s in f.spans)
    ):
        f.agent_role = None


ROLE_RULES = (
    ("roles.frame", _roles_frame),
    ("roles.person_first", _roles_person_first),
    ("roles.sale_direction", _roles_sale_direction),
    ("roles.passive_death", _roles_passive_death),
    ("roles.win_loss", _roles_win_loss),
    ("roles.founded_org", _roles_founded_org),
)


# ---- participants


def _args_passive(f: _Frame) -> None:
    """args.passive: X被Y拘捕: X, before 被, is the patient; Y (if any) between 被 and the trigger the
    agent."""
    if f.passive_at < 0:
        return
    if f.patient_role:
        p = f.nearest_before(_types_of(f, f.patient_role), f.passive_at)
        if p:
            f.add(f.patient_role, p.start, p.end)
    if f.agent_role:
        kinds = _types_of(f, f.agent_role)
        a = [s for s in f.spans if f.passive_at < s.start and s.end <= f.t_start and s.entity_type in kinds]
        if a:
            f.add(f.agent_role, a[0].start, a[0].end)


def _agent_after_de(f: _Frame, kinds: tuple[str, ...]) -> _Span | None:
    """agent.after_de: 担任CTO的周靖人: the agent follows the clause, right after 的 (not 新成立的数据集团:
    right after V的 stands the object)."""
    later = [
        s
        for s in f.spans
        if f.t_end <= s.start < f.c_hi
        and s.entity_type in kinds
        and f.text[s.start - 1] == "的"
        and f.text[f.t_end : s.start].strip(" 了") != "的"
    ]
    return later[0] if later else None


def _agent_product_subject(f: _Frame, kinds: tuple[str, ...]) -> _Span | None:
    """agent.product_subject: DeepSeek发布了一款系统: a name recognised as a product, in subject position
    before a verb that has its object, is the actor."""
    if "ORG" not in kinds or f.nominal or not _TAKES_OBJECT.match(f.text, f.t_end):
        return None
    subject = [
        s
        for s in f.spans
        if f.c_lo <= s.start
        and s.end <= f.t_start
        and s.entity_type in ("PRODUCT", "LATIN")
        and _SUBJECT_GAP.fullmatch(f.text[s.end : f.t_start])
    ]
    return subject[-1] if subject else None


def _agent_region_subject(f: _Frame, kinds: tuple[str, ...]) -> _Span | None:
    """agent.region_subject: 浙江把节目送上卫星后，又投资近亿元: a region as the subject, of this clause or
    (when this one has none) of the sentence, invests, buys, sells or cooperates."""
    if "agent.region_subject" not in f.role(f.agent_role).rules:
        return None
    text, gap = f.text, f.text[f.c_lo : f.t_start]
    regions = [
        s
        for s in f.spans
        if s.entity_type == "LOCATION"
        and s.end - s.start > 1
        and s.end <= f.t_start
        and text[s.end : s.end + 1] not in ("的", "、", "和", "与", "及", "省", "市", "县")
        and (
            (s.start == f.c_lo and _SUBJECT_GAP.fullmatch(text[s.end : f.t_start]))
            or (s.start == f.s_lo and s.end < f.c_lo and _SUBJECT_GAP.fullmatch(gap))
        )
    ]
    return regions[-1] if regions else None


# where the nearest name before the trigger is missing or outside its clause, these are asked in turn
AGENT_FALLBACKS = (
    ("agent.after_de", _agent_after_de),
    ("agent.product_subject", _agent_product_subject),
    ("agent.region_subject", _agent_region_subject),
)


def _args_agent(f: _Frame) -> None:
    """args.agent: the doer is the nearest suitable name before the trigger (an earlier clause lends its
    subject), else one of `AGENT_FALLBACKS`; names coordinated with it (X和Y) are agents too."""
    if f.passive_at >= 0 or not f.agent_role:
        return
    kinds = _types_of(f, f.agent_role)
    a = f.nearest_before(kinds, f.t_start)
    for _rule_id, fallback in AGENT_FALLBACKS:
        if a is None or a.end <= f.c_lo:
            a = fallback(f, kinds) or a
    if a:
        f.add_with_coordinated(f.agent_role, a)


def _patient_marked_before(f: _Frame, kinds: tuple[str, ...]) -> _Span | None:
    """patient.marked_before: 对某公司罚款, 向公众道歉: the patient is marked by a preposition before the
    trigger."""
    marked = [
        q
        for q in f.spans
        if f.c_lo <= q.start
        and q.end <= f.t_start
        and q.entity_type in kinds
        and f.text[q.start - 1 : q.start] in ("对", "向", "给", "与", "和")
    ]
    return marked[-1] if marked else None


def _patient_before_nominal(f: _Frame, kinds: tuple[str, ...]) -> _Span | None:
    """patient.before_nominal: X的发布 / X成立于 / X上映: with a nominal trigger, the thing of a role of
    a role that takes this rule (`roles.csv`) stands right before it."""
    if "patient.before_nominal" not in f.role(f.patient_role).rules or not f.nominal:
        return None
    q = f.nearest_before(kinds, f.t_start)
    if q and re.fullmatch(rf"[的之\s（）()A-Za-z]{{0,12}}?{_ADVERBS}", f.text[q.end : f.t_start]):
        return q
    return None


# where no name follows the trigger before the next verb, these are asked in turn
PATIENT_FALLBACKS = (
    ("patient.marked_before", _patient_marked_before),
    ("patient.before_nominal", _patient_before_nominal),
)


def _args_patient(f: _Frame) -> None:
    """args.patient: the one it happens to is the first suitable name after the trigger (before the next
    verb of a series), else one of `PATIENT_FALLBACKS`; names coordinated with it are patients too."""
    if f.passive_at >= 0 or not f.patient_role:
        return
    kinds = _types_of(f, f.patient_role)
    p = f.nearest_after(kinds)
    for _rule_id, fallback in PATIENT_FALLBACKS:
        if p is None:
            p = fallback(f, kinds)
    if p:
        f.add_with_coordinated(f.patient_role, p)


def _args_second_agents(f: _Frame) -> None:
    """args.second_agents: a second slot before the trigger (所属组织 of 停职) takes the nearest suitable
    name before it, in the trigger's clause."""
    for role in f.other_agents:
        second = f.nearest_before(_types_of(f, role), f.t_start)
        if second and second.end > f.c_lo:
            f.add(role, second.start, second.end)


# ---- slots: roles filled from the time, places, figures and names of the sentence


def _slot_time(f: _Frame, role: str, slot: str) -> None:
    """slot.time: the time expression that dates the trigger (`_nearest_time`); without one, a vague time
    before it in its clause (不久前举办, 日前)."""
    if f.time_expr is not None:
        f.add(role, f.time_expr.start, f.time_expr.end)
        return
    vague = list(_VAGUE_TIME.finditer(f.text, f.c_lo, f.t_start))
    if vague:
        f.add(role, vague[-1].start(), vague[-1].end())


def _place_at_verb(f: _Frame) -> tuple[int, int] | None:
    """place.at_verb: 在京会见, 已在地震灾区组织了: the place the clause states with 在 right before its verb
    (not 在会议期间, nor 在云栖大会举办前: there the trigger names a moment)."""
    at = re.search(
        rf"在((?:(?!{_FUNCTION_CHARS.pattern})[\u4e00-\u9fff·]){{1,10}}?)\s?(?:隆重|正式|成功|首次|再次|共同|联合|顺利|分别|发生|突发)?$",
        f.text[f.c_lo : f.t_start],
    )
    if (
        at
        and not re.search(r"(上|中|下|里|期间|之际|时|前|后|方面|基础|过程|同时)$", at.group(1))
        and not re.match(r"\s?(前|后|时|之前|之后|期间)", f.text[f.t_end : f.t_end + 3])
    ):
        return f.c_lo + at.start(1), f.c_lo + at.end(1)
    return None


def _place_epicentre(f: _Frame, role: str) -> tuple[int, int] | None:
    """place.epicentre: 震中位于X: the epicentre as stated, before any place the quake was felt in."""
    stated = list(_EPICENTRE.finditer(f.text, f.s_lo, f.s_hi)) if role == "震中" else []
    if not stated:
        return None
    m = min(stated, key=lambda m: (m.start() < f.t_start, abs(m.start() - f.t_start)))
    return m.start(1), m.start(1) + len(m.group(1).rstrip())


def _event_places(f: _Frame) -> list[tuple[int, int]]:
    """The place phrases of the sentence that may be where the event happened: not a one-letter name (美军,
    俄方), not the end of a route (从贵州开往广东), not where troops are stationed (驻伊拉克), not a dateline
    (中新社南宁三月二十七日电: where the report was filed)."""
    text, s_lo = f.text, f.s_lo
    locations = [s for s in f.spans if s.entity_type == "LOCATION" and s_lo <= s.start and s.end <= f.s_hi]
    return [
        p
        for p in _place_phrases(text, locations)
        if p[1] - p[0] > 1
        and not re.search(r"(从|自|开往|驶往|前往|飞往|发往|途经|经由|驻)$", text[max(s_lo, p[0] - 2) : p[0]])
        and not re.match(
            r"\s?[\d０-９〇零一二三四五六七八九十月日号]{2,10}\s?(电|讯)", text[p[1] : p[1] + 14]
        )
    ]


def _located(f: _Frame, places: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The places with a locative cue: 在X, 位于X, X发生, X境内, X20日早晨发生 (a time between the place
    and 发生), 索契的恐怖袭击 (a place modifying the trigger); 爆炸发生在X (stated right after the trigger)
    first."""
    text, s_lo = f.text, f.s_lo
    times = [f.time_expr] if f.time_expr else []
    located = [
        p
        for p in places
        if re.search(r"(在|于|位于|发生在|抵达|赴)$", text[max(s_lo, p[0] - 3) : p[0]])
        or re.match(r"\s?(?:[（(][^）)]{0,30}[）)])?\s?(发生|突发|境内|附近)", text[p[1] : p[1] + 40])
        or any(e.start == p[1] and re.match(r"\s?(发生|突发)", text[e.end : e.end + 3]) for e in times)
        or re.fullmatch(r"\s?的\s?[\u4e00-\u9fff]{0,3}", text[p[1] : f.t_start])
    ]
    stated_after = [
        p
        for p in located
        if re.fullmatch(r"\s?(?:事件|事故)?\s?(?:发生在|发生于|位于|在)\s?", text[f.t_end : p[0]])
    ]
    return stated_after + located


def _place_named(f: _Frame) -> tuple[int, int] | None:
    """place.named: a place name with a locative cue (`_located`); without one, only a place in the
    trigger's own clause, the nearest (伊拉克战争后，...爆炸: not 伊拉克)."""
    places = _event_places(f)
    if not places:
        return None
    located = _located(f, places)
    places = [p for p in places if f.c_lo <= p[0] and p[1] <= f.c_hi]
    if located:
        return located[0]
    return min(places, key=lambda p: abs(p[0] - f.t_start)) if places else None


def _slot_place(f: _Frame, role: str, slot: str) -> None:
    """slot.place: 地点 and 震中 from `place.at_verb`, then `place.epicentre`, then `place.named`."""
    hit = _place_at_verb(f) or _place_epicentre(f, role) or _place_named(f)
    if hit:
        f.add(role, *hit)


def _slot_casualties(f: _Frame, role: str, slot: str) -> None:
    """slot.casualties: 死亡人数 and 受伤人数: the count of dead (6人死亡) or injured (3人受伤) in the
    sentence, after the trigger first."""
    hit = _regex_arg(_DEAD if slot == "dead" else _INJURED, f.text, f.s_lo, f.s_hi, f.t_start, "after")
    if hit:
        f.add(role, *hit)


def _slot_people(f: _Frame, role: str, slot: str) -> None:
    """slot.people: 裁员人数, 游行人数: a count of people (500名, 10%), after the trigger first."""
    hit = _regex_arg(_PEOPLE, f.text, f.t_start, f.s_hi, f.t_start, "after") or _regex_arg(
        _PEOPLE, f.text, f.s_lo, f.s_hi, f.t_start, "before"
    )
    if hit:
        f.add(role, *hit)


_SLOT_PATTERNS = {
    "age": _AGE,
    "magnitude": _MAGNITUDE,
    "depth": _DEPTH,
    "duration": _DURATION,
    "round": _ROUND,
    "position": _POSITION,
    "policy": _POLICY_NAME,
    "activity": _ACTIVITY,
    "contest": _CONTEST,
    "award": _AWARD,
}
_TITLED_SLOTS = ("policy", "activity", "contest", "award")  # a recognised title fills them first
_CLAUSE_SLOTS = ("position", "policy", "award", "duration")  # found in the trigger's clause only


def _titled(f: _Frame, slot: str, prefer: str) -> tuple[int, int] | None:
    """slot.titled: a policy, activity, contest or award named by a title or a recognised name (on the side
    of the trigger the slot prefers; a policy also before it); 《中国在发展》图片展: with its head."""
    kinds = ("WORK", "EVENT", "OTHER") if slot == "policy" else ("WORK", "EVENT")
    titles = [s for s in f.spans if s.entity_type in kinds and s.start >= f.s_lo and s.end <= f.s_hi]
    if slot == "policy":
        titles = [s for s in titles if s.entity_type != "OTHER" or _POLICY_WORD.search(s.text)]
    hits = [s for s in titles if (s.start >= f.t_end) == (prefer == "after")] or [
        s for s in titles if slot == "policy" and s.end <= f.t_start
    ]
    if not hits:
        return None
    pick = min(hits, key=lambda s: abs(s.start - f.t_start))
    head = _TITLED_ACTIVITY.match(f.text, pick.end) if slot == "activity" else None
    if head and f.text[pick.start - 1 : pick.start] == "《" and head.end() <= f.s_hi:
        return pick.start - 1, head.end()
    return pick.start, pick.end


def _slot_pattern(f: _Frame, role: str, slot: str) -> None:
    """slot.pattern: ages, magnitudes, depths, terms, rounds, posts, and the names of policies, activities,
    contests and awards from their patterns (`_SLOT_PATTERNS`), nearest the trigger on the side the slot
    prefers (an activity of anything but 举办, and a round, stand before it)."""
    prefer = (
        "before" if (slot == "activity" and f.event_type != "组织行为-举办") or slot == "round" else "after"
    )
    hit = _titled(f, slot, prefer) if slot in _TITLED_SLOTS else None
    if hit is None:
        lo, hi = (f.c_lo, f.c_hi) if slot in _CLAUSE_SLOTS else (f.s_lo, f.s_hi)
        hit = _regex_arg(_SLOT_PATTERNS[slot], f.text, lo, hi, f.t_start, prefer)
        if slot == "activity" and prefer == "after" and hit and hit[0] < f.t_end < hit[1]:
            # 协会举行欢迎宴会: a match running over the trigger; the name is what follows it
            hit = _regex_arg(_SLOT_PATTERNS[slot], f.text, f.t_end, hi, f.t_end, prefer) or hit
        if hit and slot == "activity":
            determiner = _DETERMINER.match(f.text, hit[0], hit[1])  # 这次展览: the name without 这次
            hit = (determiner.end(), hit[1]) if determiner and hit[1] - determiner.end() >= 2 else hit
    if hit:
        f.add(role, *hit)


def _loose_money(f: _Frame, lo: int, hi: int) -> tuple[int, int] | None:
    """money.loose: 斥资100多万, 以50多万元, 投资近亿元: money the amount tagger leaves alone, with a digit
    or an approximation, ending in 元 or after a cue of spending (not 100多万人)."""
    text = f.text
    loose = [
        m
        for m in _LOOSE_MONEY.finditer(text, lo, hi)
        if re.search(r"\d|[近约逾]|超过", m.group(1))
        and not re.match(r"[人名吨公里亩头户台辆件个平方米次位家所股册份斤]", text[m.end(1) : m.end(1) + 1])
        and (m.group(1).endswith("元") or _MONEY_CUE.search(text[max(f.s_lo, m.start() - 3) : m.start()]))
    ]
    if not loose:
        return None
    pick = min(loose, key=lambda m: (not (f.c_lo <= m.start() < f.c_hi), abs(m.start() - f.t_start)))
    return pick.start(1), pick.end(1)


# a word that names the sum right before it: 融资金额达5亿元, 交易总额为3亿美元
_NAMED_MONEY = re.compile(
    r"(?:金额|总额|融资额|投资额|交易额|交易价格|作价)(?:达到|达|为|约|超过|高达|共计|逾)?\s?$"
)


def _named_money(f: _Frame, role: str) -> bool:
    """money.named: a clause of the sentence that names the sum (融资金额达5亿元) gives the money role
    wherever it stands: in 本轮融资由腾讯领投，阿里巴巴跟投，融资金额达5亿元 the amount comes two clauses
    after the trigger, out of reach of `slot.money`'s neighbouring clauses."""
    named = [
        a
        for a in f.amounts
        if a.kind == "money"
        and f.s_lo <= a.start
        and a.end <= f.s_hi
        and _NAMED_MONEY.search(f.text, max(f.s_lo, a.start - 8), a.start)
    ]
    if not named:
        return False
    f.money = min(named, key=lambda a: abs(a.start - f.t_start))
    f.add(role, f.money.start, f.money.end)
    return True


def _slot_money(f: _Frame, role: str, slot: str) -> None:
    """slot.money: the money of the trigger's clause or a neighbouring one (斥资X，买下Y: the price), the
    nearest in the clause, else the first after the trigger (a market value: the nearest); it is also the
    event's amount. Without one there, a sum the sentence names (`money.named`), else `money.loose`."""
    s_lo, s_hi, text = f.s_lo, f.s_hi, f.text
    near_lo = _clause_bounds(text, max(s_lo, f.c_lo - 2), max(s_lo, f.c_lo - 1), s_lo, s_hi)[0]
    near_hi = _clause_bounds(text, min(s_hi - 1, f.c_hi + 1), min(s_hi, f.c_hi + 2), s_lo, s_hi)[1]
    pool = [
        a
        for a in f.amounts
        if a.kind == "money" and s_lo <= a.start and a.end <= s_hi and near_lo <= a.start and a.end <= near_hi
    ]
    if not pool:
        if _named_money(f, role):
            return
        loose = _loose_money(f, near_lo, near_hi)
        if loose:
            f.add(role, *loose)
        return
    in_clause = [a for a in pool if f.c_lo <= a.start and a.end <= f.c_hi]
    after = [a for a in pool if a.start >= f.t_start]
    if in_clause:
        f.money = min(in_clause, key=lambda a: abs(a.start - f.t_start))
    elif after and f.event_type != "财经/交易-市值":
        f.money = after[0]
    else:
        f.money = min(pool, key=lambda a: abs(a.start - f.t_start))
    f.add(role, f.money.start, f.money.end)


def _slot_change(f: _Frame, role: str, slot: str) -> None:
    """slot.change: 涨价幅度, 降息幅度: the first percentage or sum after the trigger in its clause."""
    pool = [
        a for a in f.amounts if a.kind in ("percent", "money") and f.t_start <= a.start and a.end <= f.c_hi
    ]
    if pool:
        f.add(role, pool[0].start, pool[0].end)


def _slot_pair(f: _Frame, role: str, slot: str) -> None:
    """slot.pair: 结婚双方, 离婚双方: the last two people before the trigger in its clause."""
    people = [s for s in f.spans if s.entity_type == "PERSON" and f.c_lo <= s.start and s.end <= f.t_start]
    for p in people[-2:]:
        f.add(role, p.start, p.end)


# a role's kind in `roles.csv` -> the filler of its slot
SLOT_FILLERS = {
    "time": _slot_time,
    "place": _slot_place,
    "dead": _slot_casualties,
    "injured": _slot_casualties,
    "people": _slot_people,
    **dict.fromkeys(_SLOT_PATTERNS, _slot_pattern),
    "money": _slot_money,
    "change": _slot_change,
    "pair": _slot_pair,
}


def _args_slots(f: _Frame) -> None:
    """args.slots: each role of the type whose kind (`roles.csv`) is a slot, in the taxonomy's order, by the
    slot's filler (`SLOT_FILLERS`)."""
    for role in f.roles:
        kind = f.role(role).kind
        filler = SLOT_FILLERS.get(kind)
        if filler is not None:
            filler(f, role, kind)


# ---- per-type frames: roles of one type filled from cues of their own


def _args_bare_object(f: _Frame) -> None:
    """args.bare_object: 买下了冠名权: what is bought may be a short bare object, when no name was
    recognised there."""
    if f.event_type != "财经/交易-出售/收购" or f.patient_role != "交易物":
        return
    if "交易物" in {a.role for a in f.args}:
        return
    m = _BARE_OBJECT.match(f.text, f.t_end, f.object_limit)
    if m and m.end() == f.object_limit and not _FUNCTION_CHARS.search(m.group(1)):
        f.add("交易物", m.start(1), m.end(1))


def _args_post_holder(f: _Frame) -> None:
    """args.post_holder: 担任云南省梁河县河西乡副乡长: the places or bodies right before the post are where
    it is held (任职机构)."""
    if f.event_type != "组织关系-任职" or "任职机构" in {a.role for a in f.args}:
        return
    post = next((a for a in f.args if a.role == "职位"), None)
    chain_end, chain_start = (post.start, None) if post else (None, None)
    while chain_end is not None:
        prev = [s for s in f.spans if s.end == chain_end and s.entity_type in ("ORG", "LOCATION")]
        if not prev:
            break
        chain_start = chain_end = min(s.start for s in prev)
    if chain_start is not None and post is not None and chain_start >= f.t_end:
        f.add("任职机构", chain_start, post.start)


def _args_lead_investors(f: _Frame) -> None:
    """args.lead_investors: X领投, Y跟投: the name right before 领投 leads the round, before 跟投 follows,
    and so do the names joined to it (腾讯和阿里巴巴跟投: both follow)."""
    if f.event_type != "财经/交易-融资":
        return
    for role, verb in (("领投方", "领投"), ("跟投方", "跟投")):
        for m in re.finditer(verb, f.text[f.s_lo : f.s_hi]):
            at = f.s_lo + m.start()
            investor = f.nearest_before(_types_of(f, role), at)
            if investor and investor.end >= at - 4:
                for joined in _joined_names(f, investor, _types_of(f, role)):
                    f.add(role, joined.start, joined.end)


_JOINED_BY = re.compile(r"(和|与|及|以及|、)")


def _joined_names(f: _Frame, last: _Span, kinds: tuple[str, ...]) -> list[_Span]:
    """`last` and the names of `kinds` joined to it before it by 和, 与, 、 (A、B和C), in text order."""
    chain = [last]
    while True:
        before = [
            s for s in f.spans if s.end <= chain[0].start and s.start >= f.s_lo and s.entity_type in kinds
        ]
        if not before:
            return sorted(chain, key=lambda s: s.start)
        nearest = max(before, key=lambda s: s.end)
        if not _JOINED_BY.fullmatch(f.text[nearest.end : chain[0].start].strip()):
            return sorted(chain, key=lambda s: s.start)
        chain.insert(0, nearest)


def _args_investment_received(f: _Frame) -> None:
    """args.investment_received: 月之暗面获得腾讯投资: with a named investor received right before the
    trigger, the one who receives it (before 获得) is what is invested in."""
    if f.event_type != "财经/交易-投资" or any(a.role == "投资对象" for a in f.args):
        return
    received = _received_from(f.text, f.spans, f.c_lo, f.t_start)
    if received is None:
        return
    target = f.nearest_before(_types_of(f, "投资对象"), received)
    if target is not None:
        f.add("投资对象", target.start, target.end)


def _args_counted_dead(f: _Frame) -> None:
    """args.counted_dead: 昨天两人死亡: without a named dead in the trigger's clause, the counted people
    before the trigger are the dead (a name from another clause is dropped)."""
    if f.event_type != "人生-死亡" or any(a.role == "死者" and f.c_lo <= a.start for a in f.args):
        return
    f.args = [a for a in f.args if a.role != "死者"]
    dead = _regex_arg(_DEAD, f.text, f.c_lo, f.t_end, f.t_start, "before")
    if dead and dead[1] <= f.t_start:
        f.used.discard(dead)
        f.add("死者", *dead)


def _args_passive_victim(f: _Frame) -> None:
    """args.passive_victim: 这名婴儿是上周被枪杀的: the one before 被 is the dead, named or not; a clause
    that opens with 被 takes the subject of the sentence's first clause."""
    if f.event_type != "人生-死亡" or f.passive_at < 0 or any(a.role == "死者" for a in f.args):
        return
    text, seg_lo, seg_hi = f.text, f.c_lo, f.passive_at
    if not text[f.c_lo : f.passive_at].strip(" 并又也还却就竟"):
        seg_lo, seg_hi = f.s_lo, _clause_bounds(text, f.s_lo, f.s_lo + 1, f.s_lo, f.s_hi)[1]
    if f.time_expr is not None and seg_lo <= f.time_expr.start < seg_hi:
        seg_hi = f.time_expr.start
    victim = _VICTIM.match(text[seg_lo:seg_hi])
    if victim and victim.group(1) and not _FUNCTION_CHARS.search(victim.group(1).replace("的", "")):
        f.used.discard((seg_lo + victim.start(1), seg_lo + victim.end(1)))
        f.add("死者", seg_lo + victim.start(1), seg_lo + victim.end(1))


def _args_priced_thing(f: _Frame) -> None:
    """args.priced_thing: 期货价格从…降到…, 梨价一路上扬: the thing whose price moves stands before 价/价格
    (not 物价: prices in general)."""
    thing_role = {"财经/交易-降价": "降价物", "财经/交易-涨价": "涨价物"}.get(f.event_type)
    if not thing_role or any(a.role == thing_role for a in f.args):
        return
    text, c_lo = f.text, f.c_lo
    prices = list(re.finditer(r"(价格|售价|价)", text[c_lo : f.t_start]))
    if not prices:
        return
    price_at = c_lo + prices[-1].start()
    lo = c_lo
    if f.time_expr is not None and c_lo <= f.time_expr.end <= price_at:
        lo = f.time_expr.end
    head = text[lo:price_at].rstrip("的")
    chunk = re.sub(r"^(以来|以后|至今|来)", "", re.split(r"[的是在和与及、，\s]", head)[-1])
    thing = re.search(r"([\u4e00-\u9fff]{1,10})$", chunk)
    if thing and not re.fullmatch(r"(物|涨|降|调|市场|平均|总|单|售|标)", thing.group(1)):
        start = price_at - len(text[lo:price_at]) + len(head) - len(thing.group(1))
        f.add(thing_role, start, start + len(thing.group(1)))


def _args_clause_money(f: _Frame) -> None:
    """args.clause_money: a trade (财经/交易) with no money role filled still states the money of its clause
    as its amount, the nearest to the trigger."""
    if f.money is not None or not f.event_type.startswith("财经/交易"):
        return
    pool = [a for a in f.amounts if a.kind == "money" and f.c_lo <= a.start and a.end <= f.c_hi]
    if pool:
        f.money = min(pool, key=lambda a: abs(a.start - f.t_start))


# the role-filling components in the order they run
ARGUMENT_RULES = (
    ("args.passive", _args_passive),
    ("args.agent", _args_agent),
    ("args.patient", _args_patient),
    ("args.second_agents", _args_second_agents),
    ("args.slots", _args_slots),
    ("args.bare_object", _args_bare_object),
    ("args.post_holder", _args_post_holder),
    ("args.lead_investors", _args_lead_investors),
    ("args.investment_received", _args_investment_received),
    ("args.counted_dead", _args_counted_dead),
    ("args.passive_victim", _args_passive_victim),
    ("args.priced_thing", _args_priced_thing),
    ("args.clause_money", _args_clause_money),
)


def _frame(
    event_type: str,
    word: str,
    text: str,
    t_start: int,
    t_end: int,
    s_lo: int,
    s_hi: int,
    spans: list[_Span],
    time_expr: timex.TimeExpression | None,
    amounts: list[amounts_module.Amount],
) -> _Frame:
    """The trigger's frame before any argument is taken: its clause, 被, its objects' limit and roles."""
    f = _Frame(event_type, word, text, t_start, t_end, s_lo, s_hi, spans, time_expr, amounts)
    f.c_lo, f.c_hi = _clause_bounds(text, t_start, t_end, s_lo, s_hi)
    f.roles = event_roles().get(event_type, ())
    f.used = {(t_start, t_end)}
    f.passive_at = _passive_marker(text, f.c_lo, t_start)
    f.object_limit = _object_limit(text, t_end, f.c_hi)
    for _rule_id, rule in ROLE_RULES:
        rule(f)
    return f


def _arguments(f: _Frame) -> tuple[list[Argument], amounts_module.Amount | None]:
    """The arguments of a trigger's frame (`_frame`), in text order, and the money it states."""
    for _rule_id, rule in ARGUMENT_RULES:
        rule(f)
    f.args.sort(key=lambda a: a.start)
    return f.args, f.money


# ---------------------------------------------------------------- main entry


def _repeats(event: EventMention, earlier: list[EventMention], text: str, s_lo: int, s_hi: int) -> bool:
    """Whether `event` restates one already found in the sentence: news repeats a trigger for one event.

    A second trigger of the same type is a new event only in another clause and with participants of its own.
    """
    if not earlier:
        return False
    clause = _clause_bounds(text, event.trigger_start, event.trigger_end, s_lo, s_hi)

    def participants(e: EventMention) -> set[tuple[str, str]]:
        # 组织了培训班，并开办工匠培训班: an activity of its own is a participant of its own
        return {
            (a.role, a.text)
            for a in e.arguments
            if _role(e.event_type, a.role).kind in ("agent", "patient") or a.role == "活动名称"
        }

    if _ANAPHORA.search(text[max(s_lo, event.trigger_start - 6) : event.trigger_start]):
        return True  # 参与这场竞拍的: the event already told
    same_clause = any(
        _clause_bounds(text, e.trigger_start, e.trigger_end, s_lo, s_hi) == clause for e in earlier
    )
    if event.event_type in _DISASTER_TYPES:
        # disasters seldom have an agent or a patient. In a clause of its own (and not 这起袭击), the same
        # word again is a mention of its own (爆炸发生后..., 爆炸事件的幕后指使), and so is another word with
        # circumstances of its own (8.3级地震..., 继3日发生7.6级余震); another word without them tells the
        # course of the one event (突然起火...厨房基本烧毁; 发生侧翻，撞上四辆轿车)
        if same_clause:
            return True
        if any(e.trigger == event.trigger for e in earlier):
            return False
        told = {(a.role, a.text) for e in earlier for a in e.arguments}
        return not {(a.role, a.text) for a in event.arguments} - told
    own = participants(event)
    seen = set().union(*(participants(e) for e in earlier))
    if not own - seen:
        return True
    return same_clause


def find_events(
    text: str, sentences: list[Sentence], mentions: list[Mention], anchor: date | None
) -> list[EventMention]:
    """Event mentions of every sentence of `text` (the Simplified article body), in text order."""
    try:
        return _find_events(text or "", sentences or [], mentions or [], anchor)
    except Exception:  # noqa: BLE001 - an odd text must never stop the pipeline; it only loses its events
        return []


class _ByStart:
    """Mentions, amounts or times indexed by start offset. Each sentence takes its own by bisection: a scan
    of the whole article's per sentence made a long article quadratic (a 2 MB one-line file, issue 14)."""

    def __init__(self, items: list) -> None:
        self.items = items
        self.order = sorted(range(len(items)), key=lambda k: items[k].start)
        self.starts = [items[k].start for k in self.order]

    def starting_in(self, lo: int, hi: int) -> list:
        """The items with lo <= start < hi, in their order in the list."""
        first, last = bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi)
        return [self.items[k] for k in sorted(self.order[first:last])]


def _find_events(
    text: str, sentences: list[Sentence], mentions: list[Mention], anchor: date | None
) -> list[EventMention]:
    expressions = _ByStart(timex.find_time_expressions(text, anchor))
    all_amounts = _ByStart(amounts_module.find_amounts(text))
    mentions_at = _ByStart(mentions)
    found: list[EventMention] = []
    for index, sentence in enumerate(sentences):
        s_lo, s_hi = max(0, sentence.start), min(len(text), sentence.end)
        if s_hi <= s_lo or _SIDEBAR.match(text[s_lo:s_hi]):
            continue
        in_sentence = mentions_at.starting_in(s_lo, s_hi)
        scope = _SentenceScope(
            text,
            index,
            s_lo,
            s_hi,
            spans=_candidates(text, s_lo, s_hi, in_sentence),
            names=[(m.start, m.end) for m in in_sentence if m.entity_type in _NAME_TYPES],
            times=expressions.starting_in(s_lo, s_hi),
            amounts=[a for a in all_amounts.starting_in(s_lo, s_hi) if a.end <= s_hi],
            triggers=list(_trigger_pattern().finditer(text, s_lo, s_hi)),  # one scan for both uses
        )
        found.extend(_sentence_events(scope))
    return found


def _options(word: str) -> tuple[tuple[str, float], ...]:
    """The word's (type, weight) pairs in the lexicon (Latin words in any case); () for none."""
    lexicon = trigger_lexicon()
    return lexicon.get(word) or lexicon.get(word.upper()) or ()


@dataclass(frozen=True)
class _SentenceScope:
    """One sentence of the text with what the event search looks at in it."""

    text: str
    index: int
    s_lo: int
    s_hi: int
    spans: list[_Span]
    names: list[tuple[int, int]]  # recognised names a trigger inside which is only a part
    times: list[timex.TimeExpression]
    amounts: list[amounts_module.Amount]
    triggers: list[re.Match[str]]

    @cached_property
    def predicates(self) -> list[tuple[int, int]]:
        """(start, end) of the sentence's trigger words that state an event (BLOCK words aside)."""
        return [m.span() for m in self.triggers if (_options(m.group()) or ((BLOCK, 0.0),))[0][0] != BLOCK]


def _sentence_events(scope: _SentenceScope) -> list[EventMention]:
    """The events of one sentence in text order: one per trigger unless it restates an earlier one."""
    chosen: dict[str, list[EventMention]] = {}
    for m in scope.triggers:
        event = _event_at(scope, m)
        if event is None or _repeats(
            event, chosen.get(event.event_type, []), scope.text, scope.s_lo, scope.s_hi
        ):
            continue
        chosen.setdefault(event.event_type, []).append(event)
    text, s_lo = scope.text, scope.s_lo
    if any(t in _DISASTER_TYPES for t in chosen) and "人生-死亡" in chosen:
        # deaths without a named person are the disaster's casualty count, not events of their own
        chosen["人生-死亡"] = [
            e
            for e in chosen["人生-死亡"]
            if any(a.role == "死者" and not _COUNT_START.match(a.text) for a in e.arguments)
            or not _DEAD.search(text[max(s_lo, e.trigger_start - 12) : e.trigger_end])
        ]
    in_order = sorted((e for group in chosen.values() for e in group), key=lambda e: e.trigger_start)
    return _share_circumstances(in_order, text, s_lo, scope.s_hi)


def _no_event_here(scope: _SentenceScope, t_start: int, t_end: int) -> bool:
    """A trigger inside a 《》 title, naming the doer (袭击者, 获奖者), inside a longer recognised name
    (国家地震勘探局) or modifying a noun (举办城市, 爆炸装置) states no event."""
    text = scope.text
    if _inside_title(text, scope.s_lo, t_start) or text[t_end : t_end + 1] == "者":
        return True
    return bool(_ATTRIBUTIVE_HEAD.match(text, t_end)) or any(
        start <= t_start and t_end <= end and end - start > t_end - t_start for start, end in scope.names
    )


_COUNT_DOWN_OPENING = re.compile(r"\s*(?:距离|距)")
_COUNT_DOWN_REST = re.compile(r"(?:还|尚|仅|只|已经?|不到|不足)(?:有|剩|过去|过)?")


def counting_down(text: str, c_lo: int, t_start: int, t_end: int, c_hi: int) -> bool:
    """`time.count_down`: 距离Chat-GPT发布还有9个月 counts the time until the event. The trigger heads a noun
    phrase there (X's release), and a date elsewhere in the sentence (时间回到2022年2月) is the moment counted
    from, not the event's."""
    return bool(_COUNT_DOWN_OPENING.match(text, c_lo, t_start)) and bool(
        _COUNT_DOWN_REST.match(text, t_end, c_hi)
    )


def _event_at(scope: _SentenceScope, m: re.Match[str]) -> EventMention | None:
    """The event the trigger word at `m` states in its sentence, or None."""
    word, options = m.group(), _options(m.group())
    text, s_lo, s_hi = scope.text, scope.s_lo, scope.s_hi
    t_start, t_end = m.start(), m.end()
    if not options or options[0][0] == BLOCK or _no_event_here(scope, t_start, t_end):
        return None
    c_lo, c_hi = _clause_bounds(text, t_start, t_end, s_lo, s_hi)
    picked = _choose_type(
        _TriggerContext(word, options, text, t_start, t_end, c_lo, c_hi, s_lo, s_hi, scope.spans)
    )
    if picked is None or picked[0] not in event_roles():
        return None
    event_type, weight = picked
    time_expr = _nearest_time(text, scope.times, s_lo, s_hi, t_start, t_end, scope.spans, scope.predicates)
    if time_expr and time_expr.start < c_lo and counting_down(text, c_lo, t_start, t_end, c_hi):
        time_expr = None
    args, money = _arguments(
        _frame(event_type, word, text, t_start, t_end, s_lo, s_hi, scope.spans, time_expr, scope.amounts)
    )
    args = _tidy_arguments(text, args)
    filled = sum(1 for a in args if a.role != "时间")
    return EventMention(
        event_type=event_type,
        trigger=word,
        trigger_start=t_start,
        trigger_end=t_end,
        sentence_index=scope.index,
        arguments=tuple(args),
        date=time_expr.date if time_expr else None,
        date_precision=time_expr.precision if time_expr else None,
        date_text=time_expr.text if time_expr else None,
        amount_value=money.value if money else None,
        amount_currency=money.currency if money else None,
        modality=modality(text, s_lo, t_start, t_end, clause=c_lo),
        confidence=round(min(0.95, weight * (0.75 + 0.1 * min(filled, 3))), 3),
    )


# a place name right before one of these modifies a noun (日俄首脑, 法中委员会): not the event's place
_NOT_PLACE_HEAD = re.compile(r"(首脑|领导人|元首|两国|双方|政府|总统|总理|外长|委员会|协会|关系|议会)")
# 七期培训班, 三场演出: a count before the activity is not part of its name
_ACTIVITY_COUNT = re.compile(r"^[0-9０-９一二三四五六七八九十两几数]+[期届次场个项]")


def _tidy_arguments(text: str, args: list[Argument]) -> list[Argument]:
    out = []
    for a in args:
        if a.role == "地点" and _NOT_PLACE_HEAD.match(text, a.end):
            continue
        if a.role == "活动名称" and (m := _ACTIVITY_COUNT.match(a.text)) and len(a.text) - m.end() >= 2:
            a = Argument(a.role, a.text[m.end() :], a.start + m.end(), a.end)
        out.append(a)
    return out


def _share_circumstances(events: list[EventMention], text: str, s_lo: int, s_hi: int) -> list[EventMention]:
    """Casualties and circumstances of a sentence that tells of several disasters.

    因天然气罐爆炸而起火，导致7人死亡: a casualty count belongs to the disaster told last before it (the
    first after it when none is before); a death that follows a disaster in its sentence is that disaster's
    result, so the time and place outside the death's own clause are the disaster's, not the death's.
    """
    disasters = [e for e in events if e.event_type in _DISASTER_TYPES]
    if not disasters:
        return events
    out = []
    for e in events:
        keep = list(e.arguments)
        if e.event_type in _DISASTER_TYPES and len(disasters) > 1:
            keep = []
            for a in e.arguments:
                if _role(e.event_type, a.role).kind in ("dead", "injured"):  # casualty counts
                    holders = [
                        d
                        for d in disasters
                        if any((b.role, b.start) == (a.role, a.start) for b in d.arguments)
                    ]
                    before = [d for d in holders if d.trigger_end <= a.start]
                    owner = before[-1] if before else holders[0]
                    # 爆炸袭击: adjacent triggers name one disaster twice, and share its casualties
                    if (
                        owner is not e
                        and e.trigger_end != owner.trigger_start
                        and owner.trigger_end != e.trigger_start
                    ):
                        continue
                keep.append(a)
        elif e.event_type == "人生-死亡" and any(d.trigger_end <= e.trigger_start for d in disasters):
            c_lo, c_hi = _clause_bounds(text, e.trigger_start, e.trigger_end, s_lo, s_hi)
            keep = [a for a in e.arguments if a.role not in ("时间", "地点") or c_lo <= a.start < c_hi]
        if len(keep) != len(e.arguments):
            e = replace(e, arguments=tuple(keep))
            if not any(a.role == "时间" for a in keep):
                e = replace(e, date=None, date_precision=None, date_text=None)
        out.append(e)
    return out
