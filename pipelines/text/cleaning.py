"""Boilerplate in news text: what a line is when it is not article text, and column-break artefacts.

Each rule looks at the form of a line (a placeholder, a platform disclaimer, a call to action, a photo
caption with its slug) rather than at any one site's wording, so it carries over to other sources.
"""

from __future__ import annotations

import re

from pipelines.text.metadata import fold

IMAGE_PLACEHOLDER = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|\[(?:图片|图|image|img|photo)\]", re.I)

_DISCLAIMER = re.compile(
    r"^(?:特别声明|免责声明|版权声明|郑重声明|声明\s*[:：]|Notice\s*:|Disclaimer\s*:|Copyright\b|©|"
    r"版权所有|本文(?:为|系).{0,20}(?:原创|作者).{0,30}转载|未经.{0,10}(?:授权|许可).{0,20}转载|转载请注明)",
    re.I,
)
_PROMO = re.compile(
    r"更多精彩|关注.{0,15}(?:微信|公众号|微博|视频号|抖音|头条号)|下载.{0,12}(?:App|APP|客户端)|扫码|扫描.{0,6}二维码|"
    r"长按.{0,6}识别|点击(?:查看|阅读|关注|下方|这里|进入)|阅读原文|欢迎(?:转发|分享|关注)|分享到|点个?(?:赞|在看)|"
    r"一键三连|快速发布需求|立即(?:咨询|订阅|下载|注册)|免费(?:咨询|注册|试用)|订阅(?:我们|本站|邮件)|邮件订阅|"
    r"输入您的邮件|Subscribe|Sign up|Follow us",
    re.I,
)
_CREDIT = re.compile(
    r"^(?:翻译|编译|责任编辑|责编|编辑|校对|审核|审校|监制|统筹|制图|图片来源|图源|视觉|排版|值班编辑|终审)\s*[:：|｜丨]"
    r"|对本文(?:亦)?有(?:研究|采访|报道)?贡献|(?:参与|协助)(?:了)?(?:本文)?(?:报道|采访|研究)"
    r"|Additional reporting by"
    r"|contributed (?:reporting|research)",
    re.I,
)
# Image slugs left by content systems in front of captions: '00Biz China AI Commune 03 wkcv master1050'.
CAPTION_SLUG = re.compile(
    r"[0-9A-Za-z][0-9A-Za-z-]*(?: [0-9A-Za-z-]+){1,12} "
    r"(?:master|superJumbo|articleLarge|jumbo|videoSixteenByNine)\d*"
)
_CAPTION_CREDIT = re.compile(
    r"(?:\bfor The New York Times|Getty Images|\bReuters|Agence France-Presse|\bAFP\b|Associated Press|"
    r"\bEPA\b|via Getty|视觉中国|图虫创意|IC photo|新华社发|供图|图片来源[:：].{0,20}|"
    r"\((?:图|图片)[/／:：].{0,15}\))\s*$"
)
_FOOTER_MARKER = re.compile(
    r"^(?:同类信息|相关阅读|相关新闻|相关文章|相关推荐|推荐阅读|延伸阅读|热门文章|热门推荐|热点新闻|猜你喜欢|往期回顾|往期推荐|"
    r"查看全部|返回搜狐|返回首页|点击查看本文英文版|更多精彩内容|网友评论|发表评论|我要评论|新闻汇总|上一篇|下一篇|"
    r"Related Articles|Read more|More on)"
)
_SENTENCE_END = "。！？!?…；;.」』”’\"'）)】》:：—-"
# Numbered section headings: '1、更接地气的阿里云', '02押注AI,像押注云计算一样', '三、虚与实的协同'.
_NUMBERED_HEADING = re.compile(
    r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3}|第[一二三四五六七八九十\d]{1,3}[章节部分])[、.．)）:：\s]|^0\d"
)
_BULLET = re.compile(r"^(?:[-*•·▪●○◆]\s+|\d+[.、)]\s*)")


def boilerplate_reason(line: str) -> str | None:
    """Why a whole line is not article text (image_placeholder, disclaimer, promo, credit, photo_caption)."""
    text = fold(line).strip()
    if not text:
        return None
    if not IMAGE_PLACEHOLDER.sub("", text).strip():
        return "image_placeholder"
    if _DISCLAIMER.search(text):
        return "disclaimer"
    if len(text) <= 80 and _PROMO.search(text):
        return "promo"
    if len(text) <= 80 and _CREDIT.search(text):
        return "credit"
    if CAPTION_SLUG.search(text) or (len(text) <= 200 and _CAPTION_CREDIT.search(text)):
        return "photo_caption"
    return None


def is_footer_marker(line: str) -> bool:
    """A line that starts a page's footer (related links, comment box, 'read in English')."""
    return bool(_FOOTER_MARKER.match(fold(line).strip()))


def is_prompt_line(line: str) -> bool:
    """A short line with no sentence punctuation: at the end of a page it is a site prompt or link."""
    text = fold(line).strip()
    return 0 < len(text) <= 24 and not re.search(r"[。！？!?；;，,]|\.$", text)


def is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line.strip()))


def ends_mid_sentence(text: str) -> bool:
    """Prose that stops without punctuation: the sentence goes on in the next paragraph."""
    text = text.rstrip()
    if len(text) < 10 or not re.search(r"[，,、。；]", text) or _NUMBERED_HEADING.match(text):
        # Short unpunctuated lines are headings, not cut prose.
        return False
    return text[-1] not in _SENTENCE_END


def is_column_break(before: str, after: str) -> bool:
    """Whether a paragraph break between `before` and `after` cuts one sentence in two.

    Print layouts break columns in mid-word ('首先是创造线下' / '空间，让更多...'); the second part then
    starts with a character that cannot open a paragraph's first sentence in the same flow.
    """
    after = after.lstrip()
    if not after or not ends_mid_sentence(before):
        return False
    first = after[0]
    if is_bullet(after) or first in "“「『《(（【#■●":
        return False
    return bool(re.match(r"[\u4e00-\u9fffa-z0-9，,、。]", first))
