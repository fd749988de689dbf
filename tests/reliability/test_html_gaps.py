"""Text after </html> is part of the document: it reaches an article (or a removed span), never nothing."""

from pipelines.text import documents

PAGE = """<html><head><title>阿里巴巴发布新模型</title></head><body><nav>首页 | 科技</nav>
<article><h1>阿里巴巴发布新模型</h1><p>2025年7月23日，阿里巴巴发布了编程模型Qwen3-Coder。该模型在多项评测中表现领先。</p>
</article></body></html>
补充说明：腾讯随后宣布跟进，计划在下月推出同类产品。
"""


def test_text_after_the_closing_html_tag_is_not_dropped():
    articles, loose = documents.parse_document(PAGE)
    kept = (
        [a.body for a in articles] + [s.text for s in loose] + [s.text for a in articles for s in a.removed]
    )
    assert any("腾讯随后宣布跟进" in text for text in kept), kept
    assert "Qwen3-Coder" in articles[0].body


MARKED = """<html><head><title>杭州发布新政 - 示例网</title><style>p { color: red }</style></head><body>
<nav>首页 | 科技 | 财经</nav>
<div>编者按：本文由示例网独家整理。</div>
<article><h1>杭州发布新政</h1><p>7月30日，杭州市发布了人工智能产业新政，涉及算力券。</p>
<div class="share">分享到：微信 微博</div></article>
<div>网友留言：这项政策很好。</div>
<script>var tracker = "page view";</script>
<footer>版权所有 © 2025 示例网</footer></body></html>"""


def accounted(page: str) -> str:
    """Every piece of text the page's parse kept or recorded as removed, with its reason."""
    articles, loose = documents.parse_document(page)
    spans = loose + [s for a in articles for s in a.removed]
    return "\n".join([a.body for a in articles] + [f"{s.reason}: {s.text}" for s in spans])


def test_every_text_dropped_from_an_html_page_is_a_removed_span():
    kept = accounted(MARKED)
    for dropped in ("编者按：本文由示例网独家整理。", "网友留言：这项政策很好。"):
        assert f"html_outside_article: {dropped}" in kept, kept
    assert "html_nav: 首页 | 科技 | 财经" in kept
    assert "html_page_class: 分享到：微信 微博" in kept
    assert "html_footer: 版权所有 © 2025 示例网" in kept
    assert 'html_script: var tracker = "page view";' in kept
    assert "html_head: 杭州发布新政 - 示例网" in kept


def test_a_removed_html_span_points_at_its_text_in_the_markup():
    articles, loose = documents.parse_document(MARKED)
    [outside] = [s for s in loose if s.text == "网友留言：这项政策很好。"]
    assert MARKED[outside.start : outside.end] == outside.text
    assert all(0 <= s.start < s.end <= len(MARKED) for s in loose)
