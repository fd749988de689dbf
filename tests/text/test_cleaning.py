import pytest

from pipelines.text.cleaning import boilerplate_reason, is_column_break, is_footer_marker, is_prompt_line


@pytest.mark.parametrize(
    "line,reason",
    [
        ("![]()", "image_placeholder"),
        ("![图1](https://example.com/a.png)", "image_placeholder"),
        ("特別聲明:以上內容為自媒體平台用戶上傳並發布", "disclaimer"),
        ("Notice: The content above is uploaded and posted by a user", "disclaimer"),
        ("更多精彩内容,关注钛媒体微信号 (ID:taimeiti),或者下载钛媒体 App", "promo"),
        ("10秒快速发布需求", "promo"),
        ("翻译：纽约时报中文网", "credit"),
        ("Siyi Zhao对本文有研究贡献。", "credit"),
        ("00Biz China AI Commune 03 wkcv master1050白天,咖啡馆变成了编程中心。", "photo_caption"),
        ("杭州西湖。这座城市已成为初创企业的聚集地。 Qilai Shen for The New York Times", "photo_caption"),
    ],
)
def test_boilerplate_lines(line, reason):
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "阿里云推出的模型开源,看似牺牲了自身的商业利益,但其实是在为自家的“云”业务引流。",
        "“People come here to explore their own possibilities,” said Felix Tao.",
        "关注产业发展的专家认为，杭州的优势在于人才。" * 3,
        "三、虚与实的协同",
    ],
)
def test_article_text_is_not_boilerplate(line):
    assert boilerplate_reason(line) is None


def test_footer_markers_and_prompts():
    assert is_footer_marker("同类信息")
    assert is_footer_marker("点击查看本文英文版。")
    assert not is_footer_marker("相关部门表示将加强监管。")
    assert is_prompt_line("让物流专家来找您")
    assert not is_prompt_line("这个问题要留给未来，但或许并不重要。")


def test_column_breaks_join_words_cut_by_the_layout():
    assert is_column_break("浙江给出的答案,首先是创造线下", "空间,让更多志同道合的人走到一起")
    assert is_column_break(
        "该套装备的核心是掘进机。“天工号”采用独特的锥形刀", "盘设计,能够自适应复杂岩层条件"
    )


def test_paragraph_ends_and_headings_are_not_column_breaks():
    assert not is_column_break("这反过来也推动了DeepSeek自身的发展。", "目前,魔搭社区已汇聚模型。")
    assert not is_column_break("三、虚与实的协同", "数字经济给人的印象是偏“软”")
    assert not is_column_break("1、“ 更接地气” 的阿里云", "极少公开场合露面的阿里巴巴集团CEO")
    assert not is_column_break("阿里云由此形成了三线并进的动作——", "• 确定公共云优先的战略")
    assert not is_column_break("关于杭州这座城市,曾有两张家喻户晓的名片:", "一是西湖")
