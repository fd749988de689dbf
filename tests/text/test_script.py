from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.text.script import detect_script, paragraph_language, to_simplified


def test_traditional_becomes_simplified_with_identity_map():
    simplified, offsets = to_simplified("阿里雲創始人王堅")
    assert simplified == "阿里云创始人王坚"
    assert offsets == list(range(len(simplified) + 1))


def test_phrase_conversion_that_changes_length_keeps_offsets_exact_around_it():
    # tw2sp rewrites the Taiwanese word 記憶體 (3 characters) as 内存 (2 characters).
    original = "他的記憶體。很大"
    simplified, offsets = to_simplified(original, config="tw2sp")
    assert simplified == "他的内存。很大"
    assert len(offsets) == len(simplified) + 1
    assert offsets[:2] == [0, 1]
    assert original[offsets[simplified.index("。")]] == "。"
    assert original[offsets[simplified.index("很")]] == "很"
    assert offsets[-1] == len(original)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("記憶體計程車軟體滑鼠阿里雲后發abc ，。\n")), max_size=40))
def test_offset_map_is_monotonic_and_complete(text):
    simplified, offsets = to_simplified(text, config="tw2sp")
    assert len(offsets) == len(simplified) + 1
    assert offsets == sorted(offsets)
    assert offsets[-1] == len(text)
    assert all(0 <= o <= len(text) for o in offsets)


def test_detect_script():
    assert detect_script("阿里云创始人王坚在杭州发布了新的模型。") == "hans"
    assert detect_script("阿里雲創始人王堅在杭州發布了新的模型。") == "hant"
    assert detect_script("阿里雲創始人王堅说，这个模型很强。") == "mixed"
    assert detect_script("English only text.") == "hans"


def test_detect_script_ignores_simplified_forms_common_in_traditional_text():
    # 后 and 云 are also Traditional characters; a Traditional text using them stays hant.
    assert detect_script("後來阿里云一再強調打造了全棧AI體系，隨后發布了多個開源模型。") == "hant"


def test_paragraph_language():
    assert paragraph_language("It was a sunny Saturday afternoon in Hangzhou.") == "en"
    assert paragraph_language("那是一个阳光明媚的周六下午。") == "zh"
    assert paragraph_language("DeepSeek与其他五家来自杭州的AI初创企业一起") == "zh"
    assert paragraph_language("2025 — 100%") == "und"
