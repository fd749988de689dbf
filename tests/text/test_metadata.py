from datetime import datetime

import pytest

from pipelines.text.metadata import (
    clean_title,
    looks_like_site_name,
    parse_byline,
    parse_date,
    parse_iso_datetime,
    parse_opening,
    photo_credit,
    split_names,
)


@pytest.mark.parametrize(
    "line,authors,outlet",
    [
        ("文 | 财经无忌,作者 | kiki", ["kiki"], "财经无忌"),
        ("文 | 张三", ["张三"], None),
        ("作者：李四", ["李四"], None),
        ("作者:王五 编辑:赵六", ["王五"], None),
        ("作者 | 山竹", ["山竹"], None),
        ("出品 | 鋅產業", [], "锌产业"),
        ("■ 本报记者 施力维 祝梅", ["施力维", "祝梅"], None),
        ("本报记者 王芳、李强", ["王芳", "李强"], None),
        ("MEAGHAN TOBIN", ["Meaghan Tobin"], None),
        ("By Meaghan Tobin and Li Yuan", ["Meaghan Tobin", "Li Yuan"], None),
    ],
)
def test_bylines(line, authors, outlet):
    byline = parse_byline(line)
    assert byline is not None
    assert byline.authors == authors
    assert byline.outlet == outlet


@pytest.mark.parametrize(
    "line,expected,precision,outlet",
    [
        ("来源:物流产品网 | 2025-07-31 11:24", datetime(2025, 7, 31, 11, 24), "minute", "物流产品网"),
        ("2025年7月8日", datetime(2025, 7, 8), "day", None),
        ("２０２５年７月８日　星期二", datetime(2025, 7, 8), "day", None),
        ("来源：新华网　２０２５－０７－３１　１１：２４", datetime(2025, 7, 31, 11, 24), "minute", "新华网"),
        ("2014年03月19日 12:17:48 来源： 宁夏日报", datetime(2014, 3, 19, 12, 17, 48), "minute", "宁夏日报"),
        (
            "包头新闻网 发布时间： 2013年12月30日 10:24",
            datetime(2013, 12, 30, 10, 24),
            "minute",
            "包头新闻网",
        ),
        ("July 8, 2025", datetime(2025, 7, 8), "day", None),
    ],
)
def test_date_and_source_lines(line, expected, precision, outlet):
    byline = parse_byline(line)
    assert byline is not None
    assert (byline.published_at, byline.precision, byline.outlet) == (expected, precision, outlet)


@pytest.mark.parametrize(
    "line",
    [
        "杭州,中国人工智能热潮的中心",
        "阿里云由此形成了三线并进的动作——",
        "一位杭州本地房产销售告诉记者，云栖小镇是之江的发展中枢。",
        "通讯员 谭云俸 摄",
        "2025年7月8日杭州发布人工智能新政",
    ],
)
def test_article_text_is_not_a_byline(line):
    assert parse_byline(line) is None


def test_dates_without_a_year_are_not_completed():
    assert parse_date("5月11日晚，话剧在国家大剧院上演") is None
    assert parse_date("2025年7月")[1] == "month"


def test_iso_meta_dates_are_converted_to_shanghai_time():
    assert parse_iso_datetime("2025-07-31T03:24:00Z") == (datetime(2025, 7, 31, 11, 24), "minute")
    assert parse_iso_datetime("2025-07-31T11:24:00+08:00") == (datetime(2025, 7, 31, 11, 24), "minute")
    assert parse_iso_datetime("2025-07-31") == (datetime(2025, 7, 31), "day")


def test_openings():
    opening = parse_opening("本报北京5月11日电（记者 刘晨苗 赵静 通讯员 许子懿）千年青瓷文脉")
    assert opening is not None
    assert opening.authors == ["刘晨苗", "赵静", "许子懿"]
    assert opening.month_day == (5, 11)
    assert opening.outlet_is_unnamed
    assert "本报北京5月11日电（记者 刘晨苗 赵静 通讯员 许子懿）千年"[opening.end :] == "千年"
    brief = parse_opening("本报讯(记者 黄彦 共享联盟·松阳周敏)近日,继1号竖井")
    assert brief is not None and brief.authors == ["黄彦", "周敏"] and brief.month_day is None
    agency = parse_opening("新华社北京7月1日电 记者从国家统计局获悉")
    assert agency is not None and not agency.outlet_is_unnamed
    assert parse_opening("今天本报讯记者发现") is None
    assert parse_opening("记者从国家统计局获悉，") is None


def test_photo_credits():
    assert photo_credit("搭建起平台。本报记者 金思成 通讯员 陈业 吴峰宇 摄") == (
        6,
        ["金思成", "陈业", "吴峰宇"],
    )
    assert photo_credit("通讯员 谭云俸 摄") == (0, ["谭云俸"])
    assert photo_credit("（新华社记者 李四 摄）")[1] == ["李四"]
    assert photo_credit("他说要去拍摄") is None


def test_names_and_titles():
    assert split_names("记者 李洁薇 吴丽燕 通讯员 市闻") == ["李洁薇", "吴丽燕", "市闻"]
    assert clean_title("## 【原创】人工智能第一城的辨证法则") == "人工智能第一城的辨证法则"
    assert looks_like_site_name("茉莉花新闻网")
    assert not looks_like_site_name("杭州,中国人工智能热潮的中心")
