"""The event-extractor timing of `benchmarks.extract_speed` runs either extractor and counts its events."""

import json

import pytest

from benchmarks import extract_speed

LINES = [
    json.dumps({"id": "0", "text": "阿里巴巴昨日宣布投资10亿元成立新公司。"}, ensure_ascii=False),
    json.dumps({"id": "1", "text": "今天天气很好。"}, ensure_ascii=False),
]


@pytest.mark.parametrize("extractor", ["rules", "model"])
def test_one_extractor_is_timed_over_the_corpus(extractor):
    name, figures = extract_speed.events(LINES, extractor).split(": ")
    assert name == extractor and int(figures.split()[0]) >= 1  # the investment or the founding
    assert "CPU s" in figures and figures.endswith("characters/s")
