"""Bytes of a dropped file into text: encoding detection, binary rejection, newline normalisation.

The decoded text keeps every character as written (full-width forms included) so that offsets
stay stable; only line endings are normalised (CRLF and CR become LF).
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from pipelines.text.records import DecodedText, RejectedInput

# A news article is a few tens of kilobytes; anything above this is not a text article.
MAX_FILE_BYTES = 20 * 1024 * 1024

# Magic numbers of common binary formats that can land in a drop folder by mistake.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or a docx/xlsx office file)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
)

# Names charset-normalizer (or Python) gives, mapped to the names the warehouse reports.
_FAMILY = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "hz": "hz",
    "big5": "big5",
    "big5hkscs": "big5",
    "cp950": "big5",
    "utf_8": "utf-8",
    "utf_16": "utf-16",
    "utf_16_le": "utf-16",
    "utf_16_be": "utf-16",
    "utf_32": "utf-32",
    "utf_32_le": "utf-32",
    "utf_32_be": "utf-32",
}
_CHINESE_CODECS = ["gb18030", "big5", "big5hkscs"]


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _plausible_share(text: str) -> float:
    """The share of characters a Chinese news text is made of: Han, CJK and full-width punctuation, ASCII."""
    if not text:
        return 0.0
    good = sum(
        1
        for ch in text
        if ch in "\t\n\r"
        or " " <= ch <= "~"
        or "\u4e00" <= ch <= "\u9fff"
        or "\u3400" <= ch <= "\u4dbf"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
        or "\u2000" <= ch <= "\u206f"
    )
    return good / len(text)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: the byte order whose text is plausible Chinese or ASCII. Read the wrong way
    round, Han characters land all over the code space (and ASCII on NUL-led code points)."""
    if len(data) < 4 or len(data) % 2:
        return None
    shares = {}
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            shares[codec] = _plausible_share(data.decode(codec))
        except UnicodeDecodeError:
            shares[codec] = 0.0
    best = max(shares, key=shares.get)
    return best if shares[best] >= 0.9 and min(shares.values()) < 0.7 else None


def _utf8_error(data: bytes) -> UnicodeDecodeError | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error
    return None


def _line_parts(line: bytes) -> list[bytes]:
    """A line whose encoding changes inside it (text appended to a file that does not end with a line
    break) as its two parts: a UTF-8 head before a Chinese-codec rest, or a Chinese-codec head before a
    UTF-8 rest. Other lines whole."""
    error = _utf8_error(line)
    if error is None or line.isascii():
        return [line]
    cuts = [error.start]  # UTF-8 up to the first bad byte
    end = error.end
    while (error := _utf8_error(line[end:])) is not None:
        end += error.end
    # UTF-8 after the last bad byte; a codec's character can end in an ASCII byte, so a few bytes later too
    cuts += range(end, min(end + 3, len(line)))
    for cut in cuts:
        head, rest = line[:cut], line[cut:]
        if _is_utf8_text(head) and any(_decodes(rest, name) for name in _CHINESE_CODECS):
            return [head, rest]
        if _is_utf8_text(rest) and any(_decodes(head, name) for name in _CHINESE_CODECS):
            return [head, rest]
    return [line]


# Bytes of a GB18030 or Big5 line can happen to be valid UTF-8 for a character or two, never for this many.
MIN_UTF8_PART = 6


def _is_utf8_text(part: bytes) -> bool:
    """Valid UTF-8 with enough non-ASCII characters not to be an accident of another codec's bytes."""
    return _utf8_error(part) is None and sum(b >= 0xC0 for b in part) >= MIN_UTF8_PART


def _segments(data: bytes) -> list[tuple[bool, bytes]]:
    """The bytes as runs of lines (a line whose encoding changes inside it in two parts), each run valid
    UTF-8 with non-ASCII text (True) or not (False); ASCII-only lines join the run before them."""
    runs: list[tuple[bool, bytes]] = []
    for line in (part for whole in data.splitlines(keepends=True) for part in _line_parts(whole)):
        if line.isascii() and runs:
            runs[-1] = (runs[-1][0], runs[-1][1] + line)
            continue
        kind = _decodes(line, "utf-8")
        if runs and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1] + line)
        else:
            runs.append((kind, line))
    return runs


def _by_segments(data: bytes) -> DecodedText | None:
    """A file whose encoding changes part-way (UTF-8 appended to a GB18030 file, say): each run of lines in
    its own encoding, the non-UTF-8 runs in the Chinese codec they all decode in. None when the file does
    not mix UTF-8 text with other bytes."""
    runs = _segments(data)
    utf8_chars = sum(sum(ord(ch) > 127 for ch in b.decode("utf-8")) for ok, b in runs if ok)
    others = b"".join(b for ok, b in runs if not ok)
    if utf8_chars < 6 or not others:
        return None
    codec = next((name for name in _CHINESE_CODECS if _decodes(others, name)), None)
    if codec is None:
        return None
    parts, spans, offset = [], [], 0
    for ok, chunk in runs:
        name = "utf-8" if ok else _FAMILY.get(codec, codec)
        parts.append(chunk.decode("utf-8" if ok else codec))
        spans.append(f"{offset}-{offset + len(chunk)} {name}")
        offset += len(chunk)
    first = _FAMILY.get(codec, codec)
    encoding = f"{first}+utf-8" if not runs[0][0] else f"utf-8+{first}"
    decoded = _finish("".join(parts), encoding)
    return DecodedText(decoded.text, encoding, "decoded by segments: bytes " + ", ".join(spans))


def _binary_head(data: bytes) -> bool:
    """Whether the first kilobyte is not clean UTF-8 text. Some magic numbers are plain letters ('MZ', 'ID3',
    'RIFF', '%PDF-'): a text that starts with them is still text, the real formats have binary bytes next."""
    head = data[:1024]
    if any(b < 32 and b not in b"\t\n\r\f" for b in head):
        return True
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return True
    return False


def _looks_binary(text: str) -> bool:
    """Control characters other than tab/newline/form feed are a sign of a mis-decoded binary file."""
    if not text:
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls / len(text) > 0.01


def _finish(text: str, encoding: str) -> DecodedText:
    text = _normalise_newlines(text.lstrip("\ufeff"))
    if not text.strip():
        raise RejectedInput("empty file: only whitespace after decoding")
    if _looks_binary(text):
        raise RejectedInput(f"binary content: control characters in text decoded as {encoding}")
    return DecodedText(text=text, encoding=encoding)


def _detect(data: bytes) -> tuple[str, str]:
    """Decode bytes that are not UTF-8: charset-normalizer, kept to Chinese codecs when they fit."""
    strict = [name for name in _CHINESE_CODECS if _decodes(data, name)]
    if strict:
        # Restricting the detector to the Chinese codecs that decode cleanly avoids its guesses of
        # Western code pages on short Chinese text.
        best = from_bytes(data, cp_isolation=strict).best()
        name = best.encoding if best is not None else strict[0]
        return data.decode(name), _FAMILY.get(name, name)
    best = from_bytes(data).best()
    if best is None:
        error = _utf8_error(data)
        where = f" from byte {error.start}" if error else ""
        raise RejectedInput(
            f"undecodable bytes: not UTF-8{where}, GB18030, Big5 or any encoding the detector knows"
        )
    name = best.encoding
    return str(best), _FAMILY.get(name, name.replace("_", "-"))


def _decodes(data: bytes, name: str) -> bool:
    try:
        data.decode(name)
    except UnicodeDecodeError:
        return False
    return True


def decode_bytes(data: bytes) -> DecodedText:
    """Detect the encoding of a file's bytes and decode them, or raise RejectedInput with the reason."""
    if len(data) > MAX_FILE_BYTES:
        raise RejectedInput(f"file too large: {len(data)} bytes, the limit is {MAX_FILE_BYTES} bytes")
    if not data.strip():
        raise RejectedInput("empty file" if not data else "empty file: only whitespace")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return _finish(data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError as error:
            raise RejectedInput(f"undecodable bytes: UTF-8 BOM but invalid UTF-8 ({error.reason})") from None
    for bom, codec, name in (
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _finish(data[len(bom) :].decode(codec), name)
            except UnicodeDecodeError as error:
                raise RejectedInput(
                    f"undecodable bytes: {name} BOM but invalid {name} ({error.reason})"
                ) from None
    for magic, kind in _MAGIC:
        if data.startswith(magic) and (not magic.isascii() or _binary_head(data)):
            raise RejectedInput(f"binary file: {kind}")
    if b"\x00" in data:
        codec = _bomless_utf16(data)
        if codec is not None and _decodes(data, codec):
            return _finish(data.decode(codec), "utf-16")
        raise RejectedInput("binary file: NUL bytes in data that is not UTF-16")
    try:
        # Strict UTF-8 first: on short Chinese text it is right far more often than any detector.
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mixed = _by_segments(data)
    if mixed is not None:
        return mixed
    text, encoding = _detect(data)
    return _finish(text, encoding)
