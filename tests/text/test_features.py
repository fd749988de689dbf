"""The tagger's character features: columns, word positions, dictionary classes."""

import numpy as np

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
