"""Encodings the attack on the pipeline found misread: UTF-16LE Chinese without a BOM, and files whose
bytes change encoding part-way (a GB18030 file with UTF-8 appended, half GBK and half UTF-8)."""

import pytest

from pipelines.text import decoding
from tests.paths import FIXTURE_SEEDS

NEWS = (FIXTURE_SEEDS / "01_release.txt").read_text(encoding="utf-8")
MORE = "腾讯今天宣布在深圳成立新的人工智能研究院，首批研究员共有一百二十人。\n"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_chinese_utf16_without_a_bom_is_read(codec):
    decoded = decoding.decode_bytes(NEWS.encode(codec))
    assert decoded.text == NEWS and decoded.encoding == "utf-16"


def test_mostly_chinese_utf16le_without_a_bom_is_read():
    text = "阿里巴巴发布新一代编程模型通义千问。腾讯宣布成立研究院。" * 20
    assert decoding.decode_bytes(text.encode("utf-16-le")).text == text


def test_random_bytes_with_nul_are_still_binary():
    data = bytes(range(256)) * 8
    with pytest.raises(decoding.RejectedInput, match="binary"):
        decoding.decode_bytes(data)


def test_utf8_appended_to_gb18030_is_decoded_by_segments():
    first = NEWS.encode("gb18030")
    data = first + MORE.encode("utf-8")
    decoded = decoding.decode_bytes(data)
    assert decoded.text == NEWS + MORE
    assert decoded.encoding == "gb18030+utf-8"
    assert (
        decoded.note == f"decoded by segments: bytes 0-{len(first)} gb18030, {len(first)}-{len(data)} utf-8"
    )


def test_half_gbk_half_utf8_is_decoded_by_segments():
    lines = NEWS.splitlines(keepends=True)
    half = len(lines) // 2
    data = "".join(lines[:half]).encode("gbk") + "".join(lines[half:]).encode("utf-8")
    decoded = decoding.decode_bytes(data)
    assert decoded.text == NEWS
    assert decoded.encoding == "gb18030+utf-8"


def test_a_plain_gbk_file_is_not_split():
    decoded = decoding.decode_bytes((NEWS + MORE).encode("gbk"))
    assert decoded.text == NEWS + MORE and decoded.encoding == "gb18030" and decoded.note is None


def test_the_warehouse_says_which_bytes_were_read_how(tmp_path):
    import os

    import duckdb

    from pipelines import ingest

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "mixed.txt").write_bytes(NEWS.encode("gb18030") + MORE.encode("utf-8"))
    os.utime(seeds / "mixed.txt", (1_600_000_000, 1_600_000_000))
    with duckdb.connect(str(tmp_path / "w.duckdb")) as conn:
        ingest.ingest_files(conn, seeds, ["mixed.txt"])
        status, encoding, reason = conn.execute(
            "select status, encoding, reason from raw.source_files"
        ).fetchone()
    assert (status, encoding) == ("ingested", "gb18030+utf-8")
    assert reason.startswith("decoded by segments: bytes 0-")


@pytest.mark.parametrize("first", ["gbk", "utf-8"])
def test_an_encoding_that_changes_inside_a_line_is_decoded_by_segments(first):
    """UTF-8 appended to a GBK file that does not end with a line break (or the other way round): the
    switch falls inside a line."""
    second = "utf-8" if first == "gbk" else "gbk"
    head, tail = NEWS.rstrip("\n"), MORE
    data = head.encode(first) + tail.encode(second)
    decoded = decoding.decode_bytes(data)
    assert decoded.text == head + tail
    split = len(head.encode(first))
    names = {"gbk": "gb18030", "utf-8": "utf-8"}
    assert decoded.note == (
        f"decoded by segments: bytes 0-{split} {names[first]}, {split}-{len(data)} {names[second]}"
    )


def test_a_file_in_no_encoding_says_where_its_bytes_stop_being_text():
    head = NEWS[:100].encode("utf-8")
    data = head + bytes(range(0x80, 0x100)) * 4 + NEWS[100:].encode("utf-8")
    at = len(head)
    with pytest.raises(decoding.RejectedInput, match=f"not UTF-8 from byte {at}"):
        decoding.decode_bytes(data)
