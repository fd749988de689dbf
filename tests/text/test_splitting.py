from pipelines.text.splitting import article_starts, document_lines

PAGE = """## 要闻

## 城市更新如何改变老街区

■ 本报记者 王芳 李强

老街区的改造正在提速，居民的生活也随之改变。

## 改造账怎么算

改造的资金来自多个渠道，政府与企业共同出资。

## 市区新开三条公交线路 方便市民出行

本报讯（记者 陈明 通讯员 赵亮）5月10日，市区新开三条公交线路，覆盖多个新建小区。

据介绍，新线路将于下周起全面运营。

## 古镇举办非遗展演

本报杭州5月11日电（记者 孙丽）5月11日，古镇举办非遗展演，吸引大批游客。



## 油菜花开

5月11日，某县油菜花盛开，游客在花海中拍照留念。

通讯员 周伟 摄
"""


def test_lines_keep_offsets_and_heading_markers():
    text = "  标题\n\n\n## 小标题\n正文。"
    lines = document_lines(text)
    assert [(line.text, line.blank_before, line.heading) for line in lines] == [
        ("标题", 0, False),
        ("## 小标题", 2, True),
        ("正文。", 0, False),
    ]
    for line in lines:
        assert text[line.start : line.end] == line.text
    assert lines[1].content == "小标题"


def test_newspaper_page_splits_into_reports_and_photo_item():
    lines = document_lines(PAGE)
    starts = article_starts(lines)
    assert [lines[s].content for s in starts] == [
        "要闻",
        "市区新开三条公交线路 方便市民出行",
        "古镇举办非遗展演",
        "油菜花开",
    ]


def test_subheadings_inside_a_feature_do_not_split_it():
    text = "标题\n\n作者：张三\n\n第一段，内容。\n\n## 一、背景\n\n第二段，内容。\n\n## 二、展望\n\n第三段。"
    assert article_starts(document_lines(text)) == [0]


def test_an_opening_after_a_lead_paragraph_stays_in_the_same_article():
    text = "2008年5月13日\n四川发生地震，各界奋力救灾。\n\n新华社成都5月13日电（记者 王五）救援工作正在进行。"
    assert article_starts(document_lines(text)) == [0]


def test_a_column_of_briefs_splits_at_each_opening():
    text = (
        "本报讯（记者 王五）市区新开三条公交线路，方便市民出行。\n\n据介绍，新线路下周运营。\n\n"
        "本报讯（通讯员 赵六）古镇举办非遗展演，吸引大批游客。\n"
    )
    lines = document_lines(text)
    assert [lines[s].content[:3] for s in article_starts(lines)] == ["本报讯", "本报讯"]


def test_articles_with_their_own_headline_and_byline():
    text = "第一篇标题\n作者：张三\n\n第一篇正文，内容。\n\n第二篇标题\n作者：李四\n\n第二篇正文，内容。\n"
    lines = document_lines(text)
    assert [lines[s].content for s in article_starts(lines)] == ["第一篇标题", "第二篇标题"]
