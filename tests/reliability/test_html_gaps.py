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
