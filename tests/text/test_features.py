"""The tagger's character features: columns, word positions, dictionary classes."""

import re

import numpy as np
import pytest

from pipelines.text import features as F
from pipelines.text.tagger import MODELS_DIR, Tagger

VOCABULARY = F.Vocabulary(characters=tuple("北京大学的王坚在"), bigrams=("北京", "大学"))
WORDS = [("王坚", 0, 2), ("在", 2, 3), ("北京", 3, 5), ("说", 5, 6), ("呃呃呃", 6, 9)]
TEXT = "王坚在北京说呃呃呃"


def test_every_column_by_default():
    rows = F.Featuriser(VOCABULARY).features(TEXT, WORDS)
    assert rows.shape == (len(TEXT), len(F.FEATURE_NAMES))


def test_word_class_from_jiebas_dictionary():
    """北京 is a place name (ns) in jieba's dictionary; 在 an ordinary word; 呃呃呃 is not in it."""
    rows = F.Featuriser(VOCABULARY).features(TEXT, WORDS)
    word_class = rows[:, F.FEATURE_NAMES.index("word_class")]
    assert list(word_class[3:5]) == [F.WORD_CLASSES["ns"]] * 2
    assert word_class[2] == F.OTHER_WORD
    assert list(word_class[6:9]) == [0, 0, 0]


def test_chosen_columns_in_order():
    every = F.Featuriser(VOCABULARY).features(TEXT, WORDS)
    first = F.Featuriser(VOCABULARY, F.FIRST_FEATURES).features(TEXT, WORDS)
    assert first.shape == (len(TEXT), 6)
    assert np.array_equal(first, every[:, :6])


def test_word_positions():
    rows = F.Featuriser(VOCABULARY).features(TEXT, WORDS)
    position = rows[:, F.FEATURE_NAMES.index("word_position")]
    bmes = F.BMES
    assert list(position) == [bmes[p] for p in "BESBESBME"]


def test_shipped_models_read_the_columns_they_were_trained_on():
    """A model lists its columns in tagger.json (one without the list predates `word_class`): both run."""
    from pipelines.text.event_model import EventTagger

    ner = Tagger(MODELS_DIR / "ner")
    assert set(ner.tag([ner.featuriser.features(TEXT)])[0]) == {h.name for h in ner.heads}
    events = EventTagger()
    assert len(events.triggers([events.base_features(TEXT, [])])) == 1


def _in_title(ending: str, example: str) -> bool:
    """A 《》 title whose text ends with the ending: 日报 -> 《人民日报》."""
    return example.startswith("《") and example.endswith("》") and example[1:-1].endswith(ending)


# How each word list's example shows its word; a new list in data/ must say how (test below).
EXAMPLE_SHOWS_WORD = {
    "org_suffixes.tsv": lambda word, example: example.endswith(word),
    "place_suffixes.tsv": lambda word, example: example.endswith(word),
    "named_event_heads.tsv": lambda word, example: example.endswith(word),
    "periodical_suffixes.tsv": _in_title,
    "policy_title_endings.tsv": _in_title,
    "surnames.tsv": lambda word, example: example.startswith(word),
    "given_name_characters.tsv": lambda word, example: word in example[1:],  # after the family name
    "titles.tsv": lambda word, example: word in example,
    "ambiguous_brands.tsv": lambda word, example: example.startswith(word),
    "brand_context_words.tsv": lambda word, example: word in example,
    "brand_other_senses.tsv": lambda word, example: word in example,
    # right before the Latin name it types
    "product_categories.tsv": lambda word, example: re.search(re.escape(word) + "[A-Za-z]", example),
    # right after the known name it ends
    "descriptive_words.tsv": lambda word, example: re.search("[\u4e00-\u9fff]{2}" + word, example),
    # after a model name and a space
    "model_tiers.tsv": lambda word, example: re.search(f"[A-Za-z0-9] {re.escape(word)}(?![A-Za-z])", example),
    # closing a 、 list after its 等; opening one
    "list_heads.tsv": lambda word, example: re.search(f"、[^、，。]+等[^、，。]{{0,12}}{word}", example),
    "list_openers.tsv": lambda word, example: re.search(f"{word}[^、，。]+、", example),
    "domain_words.tsv": lambda word, example: word in example,
}
# the entity table, checked by test_gazetteer.py; the runs of place abbreviations, by test_entities.py
NOT_WORD_LISTS = {"gazetteer.tsv", "place_runs.tsv"}


def _word_list_rows(name: str) -> list[list[str]]:
    lines = (F.DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def test_every_word_list_says_how_its_examples_show_the_word():
    assert {p.name for p in F.DATA_DIR.glob("*.tsv")} - NOT_WORD_LISTS == set(EXAMPLE_SHOWS_WORD)


@pytest.mark.parametrize("name", sorted(EXAMPLE_SHOWS_WORD))
def test_word_list_rows_are_a_word_and_an_example_using_it(name):
    """Every row is `word<TAB>example` and the example uses the word (王 -> 王坚, 大学 -> 浙江大学)."""
    rows = _word_list_rows(name)
    shows = EXAMPLE_SHOWS_WORD[name]
    bad = [r for r in rows if len(r) != 2 or not r[0] or len(r[1]) <= len(r[0]) or not shows(*r)]
    assert rows and bad == []
    words = [r[0] for r in rows]
    assert sorted({w for w in words if words.count(w) > 1}) == []
    assert set(words) == F.read_word_list(name)


def test_every_word_of_jiebas_dictionary_is_a_word_rjieba_knows():
    """The dictionary class asks rjieba whether a word is in the dictionary: it holds jieba's dict.txt."""
    import importlib.util
    from pathlib import Path

    import rjieba

    folder = importlib.util.find_spec("jieba").submodule_search_locations[0]
    words = (Path(folder) / "dict.txt").read_text(encoding="utf-8").split()[0::3]
    assert all(map(rjieba.has_word, words))
    assert F.dictionary_class("呃呃呃") == 0 and F.dictionary_class("北京") == F.WORD_CLASSES["ns"]
