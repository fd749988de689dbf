"""`python -m pipelines extract`: JSON Lines in, JSON Lines out, one line per input line, in order."""

import json
import subprocess
import sys

from tests.paths import REPO_ROOT


def run_extract(lines: list[str]) -> list[dict]:
    completed = subprocess.run(
        [sys.executable, "-m", "pipelines", "extract"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
        check=True,
    )
    return [json.loads(line) for line in completed.stdout.splitlines()]


def test_extract_returns_entities_and_events_with_offsets_into_the_input():
    simplified = "2025年7月23日，阿里巴巴发布了编程模型Qwen3-Coder。"
    traditional = "今年7月，彭博社對阿里雲創始人王堅進行了一次訪談。"
    out = run_extract(
        [
            json.dumps({"id": "s", "text": simplified, "published_at": "2025-07-31"}, ensure_ascii=False),
            json.dumps({"id": "t", "text": traditional, "published_at": "2025-09-01"}, ensure_ascii=False),
            "{not json",
            json.dumps({"id": "n", "text": 42}),
        ]
    )
    assert [o.get("id") for o in out] == ["s", "t", None, "n"]
    first = out[0]
    for entity in first["entities"]:
        assert simplified[entity["start"] : entity["end"]] == entity["text"]
    alibaba = [e for e in first["entities"] if e["text"] == "阿里巴巴"]
    assert alibaba and alibaba[0]["type"] == "ORG" and alibaba[0]["name"] == "阿里巴巴"
    release = [e for e in first["events"] if e["event_type"] == "产品行为-发布"]
    assert release and release[0]["trigger"] == "发布"
    assert simplified[release[0]["trigger_start"] : release[0]["trigger_end"]] == "发布"
    assert release[0]["date"] == "2025-07-23" and release[0]["date_precision"] == "day"

    second = out[1]
    wang = [e for e in second["entities"] if e["text"] == "王堅"]  # offsets and text of the input as given
    assert wang and wang[0]["name"] == "王坚"
    for entity in second["entities"]:
        assert traditional[entity["start"] : entity["end"]] == entity["text"]

    assert "error" in out[2] and "error" in out[3]
