from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.text.documents import parse_document
from pipelines.text.html import looks_like_html

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(prefix: str) -> str:
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} not in {SEEDS}")
    return matches[0].read_text(encoding="utf-8")


def check_invariants(text, articles, page_spans):
    """Offsets exact everywhere: bodies, maps, paragraphs, sentences and removed spans."""
    for k, article in enumerate(articles):
        assert article.index == k
        assert article.body.strip() == article.body
        assert len(article.original_offsets) == len(article.body) + 1
        assert article.original_offsets == sorted(article.original_offsets)
        assert article.original_offsets[-1] == len(article.body_original)
        for paragraph in article.paragraphs:
            assert 0 <= paragraph.start < paragraph.end <= len(article.body)
        for sentence in article.sentences:
            piece = article.body[sentence.start : sentence.end]
            assert piece and piece == piece.strip()
    # For HTML the removed text is the markup's text content, not a slice of the markup.
    spans = page_spans + [span for article in articles for span in article.removed]
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
        if not looks_like_html(text):
            assert text[span.start : span.end] == span.text


def test_web_article_with_source_line_and_footer_prompts():
    text = seed("000")
    articles, page_spans = parse_document(text)
    check_invariants(text, articles, page_spans)
    assert len(articles) == 1
    article = articles[0]
    assert article.title == "人工智能第一城的辨证法则"
    assert (article.outlet, article.authors) == ("物流产品网", [])
    assert (article.published_at, article.published_precision) == (datetime(2025, 7, 31, 11, 24), "minute")
    assert article.body.startswith("阿里这家曾以电商闻名的企业")
    assert article.body.endswith("而是能在真实业务系统中完成具体任务的智能体。")
    assert "三、虚与实的协同" in article.body  # a subheading is article text
    assert "快速发布需求" not in article.body and "来源" not in article.body[:20]
    assert {s.reason for s in page_spans} >= {"promo", "site_footer"}


def test_byline_without_date_and_platform_footer():
    text = seed("001")
    articles, page_spans = parse_document(text)
    check_invariants(text, articles, page_spans)
    [article] = articles
    assert (article.title, article.outlet, article.authors) == (None, "财经无忌", ["kiki"])
    assert article.published_at is None and article.published_precision is None
    assert article.body.startswith("关于杭州这座城市")
    assert "钛媒体微信号" not in article.body
    # Numbered headings keep their own paragraph: no false column-break join.
    assert "1、“ 更接地气” 的阿里云\n极少公开场合" in article.body


def test_newspaper_page_splits_into_feature_briefs_and_photo_items():
    text = seed("002")
    articles, page_spans = parse_document(text)
    check_invariants(text, articles, page_spans)
    assert len(articles) == 7
    feature, first_brief = articles[0], articles[1]
    assert feature.title == "AI 开源如何改变创新浙江"
    assert feature.authors == ["施力维", "祝梅"] and feature.outlet is None
    # Subheadings stay in the feature, the 问题/调查/思考 box does not, and the words cut by the
    # column layout are joined again.
    assert "开源生态怎么建" in feature.body and "开源战略未来怎么走" in feature.body
    assert "## " not in feature.body and "开源大账怎么算:技术理想" not in feature.body
    assert "中国人智能学会教育工委主任" in feature.body
    assert "首先是创造线下空间,让更多" in feature.body
    assert first_brief.title.startswith("我省发布新消费品牌塑造计划")
    assert first_brief.authors == ["李洁薇", "吴丽燕", "市闻"]
    assert first_brief.body.startswith("5月10日,在2026世界品牌莫干山大会上")
    dated = articles[5]
    assert dated.published_at is None  # 本报北京5月11日电 has no year
    assert "no year" in dated.metadata_sources["published_at"]
    photo = articles[6]
    assert (photo.title, photo.authors) == ("青梅飞下山", ["谭云俸"])
    assert "摄" not in photo.body
    assert articles[3].title is None and articles[3].authors == ["金思成", "陈业", "吴峰宇"]


def test_traditional_article_is_simplified_with_offsets_to_the_original():
    text = seed("003")
    articles, page_spans = parse_document(text)
    check_invariants(text, articles, page_spans)
    [article] = articles
    assert article.script == "hant"
    assert (article.outlet, article.authors) == ("锌产业", ["山竹"])
    assert "阿里云创始人王坚" in article.body and "阿里云創始人王堅" in article.body_original
    assert "![]()" not in article.body_original
    assert "声明" not in article.body and "NetEase" not in article.body
    start = article.body.index("王坚")
    original = article.body_original[article.original_offsets[start] : article.original_offsets[start + 2]]
    assert original == "王堅"


def test_bilingual_page_inside_site_header_and_footer():
    text = seed("004")
    articles, page_spans = parse_document(text)
    check_invariants(text, articles, page_spans)
    [article] = articles
    assert article.title == "杭州,中国人工智能热潮的中心"
    assert article.outlet == "茉莉花新闻网"
    assert article.authors == ["Meaghan Tobin"]
    assert (article.published_at, article.published_precision) == (datetime(2025, 7, 8), "day")
    assert article.languages == ["en", "zh"]
    assert article.body.startswith("It was a sunny Saturday afternoon")
    for junk in (
        "master1050",
        "for The New York Times",
        "同类信息",
        "邮件订阅",
        "是时报科技记者",
        "linkedin",
    ):
        assert junk not in article.body
    first, second = article.paragraphs[0], article.paragraphs[1]
    assert (first.language, second.language, second.translation_of) == ("en", "zh", 0)
    assert any(s.reason == "site_header" for s in page_spans)


def test_english_only_article():
    text = (
        "Hangzhou Becomes a Hub for A.I. Start-ups\n\nBy Jane Doe\n\nJuly 8, 2025\n\n"
        "It was a sunny Saturday afternoon. Mr. Tao hosted the event.\n\n"
        "The city offers subsidies.\n\nHe agreed.\n"
    )
    [article], _ = parse_document(text)
    assert article.title == "Hangzhou Becomes a Hub for A.I. Start-ups"
    assert article.authors == ["Jane Doe"]
    assert (article.published_at, article.published_precision) == (datetime(2025, 7, 8), "day")
    assert article.languages == ["en"]
    assert [article.body[s.start : s.end] for s in article.sentences] == [
        "It was a sunny Saturday afternoon.",
        "Mr. Tao hosted the event.",
        "The city offers subsidies.",
        "He agreed.",
    ]


def test_full_width_colon_byline_and_full_width_date():
    text = (
        "杭州发布人工智能新政\n作者：张三\n２０２５年７月３１日　１１：２４\n\n"
        "７月３０日，杭州市发布了新政。\n"
    )
    [article], _ = parse_document(text)
    assert article.title == "杭州发布人工智能新政"
    assert article.authors == ["张三"]
    assert (article.published_at, article.published_precision) == (datetime(2025, 7, 31, 11, 24), "minute")
    assert article.body == "７月３０日，杭州市发布了新政。"


def test_no_date_is_invented():
    [article], _ = parse_document("标题\n\n本报讯 5月11日，某地举办活动，吸引大批游客。")
    assert article.published_at is None


def test_html_page_takes_the_article_and_meta_date():
    html = """<!DOCTYPE html><html><head><title>杭州发布人工智能新政 - 示例新闻网</title>
<meta property="og:site_name" content="示例新闻网">
<meta property="article:published_time" content="2025-07-31T03:24:00Z"></head>
<body><nav><a href="/">首页</a> <a href="/tech">科技频道</a></nav>
<article><h1>杭州发布人工智能新政</h1><p>作者：张三</p>
<p>7月30日，杭州市发布了人工智能产业新政&nbsp;，涉及算力券。</p><p>业内人士表示欢迎。</p>
<div class="share">分享到：微信 微博</div></article>
<aside class="related"><h3>相关阅读</h3><ul><li>别的新闻</li></ul></aside>
<footer>版权所有 © 2025 示例新闻网</footer></body></html>"""
    articles, _ = parse_document(html)
    [article] = articles
    assert article.title == "杭州发布人工智能新政"
    assert article.outlet == "示例新闻网"
    assert article.authors == ["张三"]
    assert (article.published_at, article.published_precision) == (datetime(2025, 7, 31, 11, 24), "minute")
    assert article.body == "7月30日，杭州市发布了人工智能产业新政 ，涉及算力券。\n业内人士表示欢迎。"
    for junk in ("首页", "分享到", "相关阅读", "版权所有", "<p>"):
        assert junk not in article.body
    for span in article.removed:
        assert 0 <= span.start < span.end <= len(html)


def test_empty_or_boilerplate_only_documents_give_no_articles():
    assert parse_document("")[0] == []
    assert parse_document("\n\n  \n")[0] == []
    assert parse_document("![]()\n\n![]()")[0] == []


@settings(max_examples=80, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("## 本报讯记者摄作者：|来源2025年7月8日，。！\n ![]()<p>abc")),
        max_size=120,
    )
)
def test_arbitrary_text_never_raises(text):
    articles, page_spans = parse_document(text)
    check_invariants(text, articles, page_spans)


def test_site_name_above_headline_without_byline():
    [article], page_spans = parse_document(
        "示例新闻网\n杭州发布人工智能新政\n\n7月30日，杭州市发布了新政，涉及算力券。\n"
    )
    assert article.title == "杭州发布人工智能新政"
    assert article.outlet == "示例新闻网"
    assert [s.reason for s in page_spans] == ["site_header"]


def test_all_capitals_headline_is_not_taken_for_a_byline():
    [article], _ = parse_document(
        "HANGZHOU RISES\n\nBY JANE DOE\n\nThe city offers subsidies to start-ups.\n"
    )
    assert article.title == "HANGZHOU RISES"
    assert article.authors == ["Jane Doe"]


def test_portal_page_with_date_and_source_line_and_editor_credit():
    text = (
        "新浪财经\n\n阿里巴巴发布季度财报 云业务增长26%\n\n2025年07月31日 11:24 新浪财经\n\n"
        "　　新浪财经讯 7月31日，阿里巴巴发布季度财报。\n\n　　分析人士认为，AI需求带动了增长。\n\n"
        "责任编辑：张三\n\n相关新闻\n\n阿里云降价\n"
    )
    [article], page_spans = parse_document(text)
    assert article.title == "阿里巴巴发布季度财报 云业务增长26%"
    assert (article.outlet, article.authors) == ("新浪财经", [])
    assert (article.published_at, article.published_precision) == (datetime(2025, 7, 31, 11, 24), "minute")
    assert article.body == "7月31日，阿里巴巴发布季度财报。\n分析人士认为，AI需求带动了增长。"
    assert {s.reason for s in page_spans} == {"site_header", "site_footer"}


def test_labelled_title_and_big5_bytes_end_to_end():
    from pipelines.text.decoding import decode_bytes

    data = "標題：臺北舉辦人工智慧大會\n來源：中央社\n\n7月31日，人工智慧大會在臺北開幕。\n".encode("big5")
    decoded = decode_bytes(data)
    assert decoded.encoding == "big5"
    [article], _ = parse_document(decoded.text)
    assert article.title == "台北举办人工智慧大会"
    assert article.outlet == "中央社"
    assert article.script == "hant"
    assert article.body == "7月31日，人工智慧大会在台北开幕。"
    assert article.body_original == "7月31日，人工智慧大會在臺北開幕。"


def test_fingerprint_ignores_spacing_punctuation_and_case():
    """Reprints with other punctuation, spacing, quotes or letter case are one story; other text is not."""
    first = parse_document("深度求索发布新模型。\n\nDeepSeek 发布 V3，性能提升。")[0][0]
    reprint = parse_document("深度求索发布新模型\n\ndeepseek发布“V3”, 性能提升!")[0][0]
    other = parse_document("深度求索发布新模型。\n\nDeepSeek 发布 V4，性能提升。")[0][0]
    assert first.fingerprint == reprint.fingerprint
    assert first.fingerprint != other.fingerprint
    assert len(first.fingerprint) == 32
