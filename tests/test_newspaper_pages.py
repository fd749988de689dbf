"""Newspaper pages: the masthead line (人民日报 2012年06月05日 第03版) dates every article on its page."""

from datetime import datetime

import pytest

from pipelines.text.documents import parse_document
from pipelines.text.metadata import parse_masthead

PAGE = """人民日报 2012年06月05日 第03版

经济发展稳中有进

本报北京6月4日电 （记者张三）国家统计局今天发布数据，经济运行总体平稳。

各地积极推进重点项目建设，投资增长保持较快速度。


农村电网改造全面完成

本报讯 （记者李四）国家电网公司日前宣布，农村电网改造升级工程全面完成。

工程覆盖全国所有县市，惠及数亿农村居民。


高铁新线开通运营

来源：新华社 2012年06月01日

新建高铁线路今日开通运营，沿线城市迎来高铁时代。
"""


def test_every_article_on_the_page_gets_the_outlet_and_date_of_its_masthead():
    articles, removed = parse_document(PAGE)
    assert [a.title for a in articles] == ["经济发展稳中有进", "农村电网改造全面完成", "高铁新线开通运营"]
    for article in articles[:2]:
        assert article.outlet == "人民日报"
        assert (article.published_at, article.published_precision) == (datetime(2012, 6, 5), "day")
        assert article.metadata_sources["published_at"] == "masthead: 人民日报 2012年06月05日 第03版"
        assert article.metadata_sources["outlet"].startswith("masthead")
        assert article.metadata_sources["page"] == "03"
        assert "人民日报" not in article.body
    # a report that states its own date and outlet keeps them
    wire = articles[2]
    assert (wire.outlet, wire.published_at) == ("新华社", datetime(2012, 6, 1))
    assert not wire.metadata_sources["published_at"].startswith("masthead")
    assert [(s.reason, s.text) for s in removed] == [("masthead", "人民日报 2012年06月05日 第03版")]


def test_each_page_of_a_file_dates_its_own_articles():
    second = (
        "光明日报 2012年06月06日 第05版\n\n科技创新取得新突破\n\n"
        "本报讯 （记者赵六）我国科学家在量子通信领域取得重要进展。\n"
    )
    articles, _ = parse_document(PAGE + "\n\n" + second)
    assert [(a.outlet, a.published_at.date().isoformat()) for a in articles][-2:] == [
        ("新华社", "2012-06-01"),
        ("光明日报", "2012-06-06"),
    ]
    assert articles[-1].title == "科技创新取得新突破"


def test_a_masthead_under_a_section_label_still_dates_the_first_article():
    text = "## 国内新闻\n\n" + PAGE
    articles, _ = parse_document(text)
    assert articles[0].title == "经济发展稳中有进"
    assert (articles[0].outlet, articles[0].published_at) == ("人民日报", datetime(2012, 6, 5))


@pytest.mark.parametrize(
    "line, outlet, page",
    [
        ("人民日报 2012年06月05日 第03版", "人民日报", "03"),
        ("人民日报2012年6月5日第3版", "人民日报", "3"),
        ("《人民日报》（2012年06月05日 第03版）", "人民日报", "03"),
        ("人民日报 2012年06月05日 星期二 第03版：要闻", "人民日报", "03"),
        ("浙江日报 ２０１２年６月５日", "浙江日报", None),
    ],
)
def test_masthead_lines(line, outlet, page):
    masthead = parse_masthead(line)
    assert masthead is not None
    assert (masthead.outlet, masthead.published_at, masthead.page) == (outlet, datetime(2012, 6, 5), page)


@pytest.mark.parametrize(
    "line",
    [
        "阿里巴巴发布新模型 2025年7月23日",
        "2012年06月05日 第03版",
        "新华社 2012年06月05日",
        "据人民日报2012年6月5日报道，",
    ],
)
def test_a_headline_or_sentence_with_a_date_is_no_masthead(line):
    assert parse_masthead(line) is None
