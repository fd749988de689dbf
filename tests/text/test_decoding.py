import codecs

import pytest

from pipelines.text.decoding import MAX_FILE_BYTES, decode_bytes
from pipelines.text.records import RejectedInput

SIMPLIFIED = "本报讯（记者 张三）７月８日，杭州市发布了人工智能产业新政，涉及算力券和人才补贴。\n第二段。"
TRADITIONAL = "本報訊（記者 張三）7月8日，杭州市發布了人工智慧產業新政，涉及算力券與人才補貼。"


def test_utf8_without_bom_is_reported_as_utf8():
    decoded = decode_bytes(SIMPLIFIED.encode("utf-8"))
    assert decoded.encoding == "utf-8"
    assert decoded.text == SIMPLIFIED


def test_utf8_bom_is_dropped_and_reported():
    decoded = decode_bytes(codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"))
    assert decoded.encoding == "utf-8-sig"
    assert decoded.text == SIMPLIFIED


def test_full_width_characters_are_kept():
    assert "７月８日" in decode_bytes(SIMPLIFIED.encode("utf-8")).text


def test_gbk_bytes_decode_as_gb18030():
    decoded = decode_bytes(SIMPLIFIED.encode("gbk"))
    assert decoded.encoding == "gb18030"
    assert decoded.text == SIMPLIFIED


def test_big5_bytes_decode_as_big5():
    decoded = decode_bytes(TRADITIONAL.encode("big5"))
    assert decoded.encoding == "big5"
    assert decoded.text == TRADITIONAL


@pytest.mark.parametrize(
    "bom,codec", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
)
def test_utf16_with_bom(bom, codec):
    decoded = decode_bytes(bom + SIMPLIFIED.encode(codec))
    assert decoded.encoding == "utf-16"
    assert decoded.text == SIMPLIFIED


def test_utf16_without_bom_is_recognised_by_its_nul_bytes():
    text = "Hangzhou news 2025: 杭州发布新政。"
    decoded = decode_bytes(text.encode("utf-16-le"))
    assert decoded.encoding == "utf-16"
    assert decoded.text == text


def test_crlf_and_cr_become_lf():
    decoded = decode_bytes("第一行\r\n第二行\r第三行\n".encode())
    assert decoded.text == "第一行\n第二行\n第三行\n"


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"", "empty"),
        (b"  \n\t \r\n", "empty"),
        ("\u3000\n".encode(), "empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"PK\x03\x04" + b"\x00" * 10, "ZIP"),
        (b"\x1f\x8b\x08\x00" + b"\x00" * 10, "gzip"),
        (b"\x7fELF\x02\x01\x01", "ELF"),
        (b"abc\x00def\x00\x00\x01ghi", "NUL"),
        (b"\x01\x02\x03\x04\x05\x06 text \x07\x08", "control characters"),
    ],
)
def test_rejections_say_why(data, reason):
    with pytest.raises(RejectedInput) as error:
        decode_bytes(data)
    assert reason in error.value.reason


def test_files_over_the_limit_are_rejected():
    with pytest.raises(RejectedInput) as error:
        decode_bytes(b"a" * (MAX_FILE_BYTES + 1))
    assert "too large" in error.value.reason
