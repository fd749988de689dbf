"""Character features for the trained taggers, shared by training and run time.

Per character: its id, the ids of the bigrams it closes and opens, its position in its rjieba word
(B/M/E/S), and one code per word that joins a gazetteer match (by type) with a lexical signal (a title,
an organisation suffix, a place suffix), plus whether a family name starts there with a plausible given
name after it, and its word's class in jieba's dictionary (a person, place or organisation name, another
proper noun, an abbreviation, another dictionary word, or a word the dictionary lacks). The signals are
inputs the model weighs, never decisions.

Everything is vectorised with numpy over code points, so features cost little next to the network.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain
from pathlib import Path

import numpy as np

from pipelines.text import gazetteer, segmentation

DATA_DIR = Path(__file__).parent / "data"
PAD, UNKNOWN, BOUNDARY = 0, 1, 2  # reserved ids of characters and bigrams
CODE_POINTS = 0x30000  # the table covers the BMP and CJK extension planes; rarer code points are unknown
GAZETTEER_TYPES = ("", *gazetteer.ENTITY_TYPES)
LEXICAL_CLASSES = ("", "title", "org_suffix", "place_suffix")
WORD_CODES = len(GAZETTEER_TYPES) * len(LEXICAL_CLASSES)
BMES = {"pad": 0, "B": 1, "M": 2, "E": 3, "S": 4}
FEATURE_NAMES = (
    "chars",
    "bigrams_left",
    "bigrams_right",
    "word_position",
    "word_code",
    "name_start",
    "word_class",
)
FIRST_FEATURES = FEATURE_NAMES[:6]  # the columns of models trained before `word_class` existed
# jieba's part-of-speech tags of proper nouns, folded to classes; 0 = not in the dictionary, 6 = other word
WORD_CLASSES = {"nr": 1, "nrt": 1, "nrfg": 1, "ns": 2, "nt": 3, "nz": 4, "j": 5}
OTHER_WORD, WORD_CLASS_COUNT = 6, 7


def data_rows(path: Path) -> Iterator[list[str]]:
    """The tab-separated fields of each row of a data file; blank lines and `#` comments skipped."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@cache
def first_column(name: str) -> tuple[str, ...]:
    """The entries of `data/NAME` (`entry<TAB>example` rows), in file order."""
    return tuple(row[0] for row in data_rows(DATA_DIR / name))


@cache
def read_word_list(name: str) -> frozenset[str]:
    """A word list from `data/`: `word<TAB>example` rows (.tsv) or words split by whitespace; `#` comments.
    Read once: rule components ask for their lists once per word or item."""
    if name.endswith(".tsv"):
        return frozenset(first_column(name))
    return frozenset(w for row in data_rows(DATA_DIR / name) for field in row for w in field.split())


def normalise_character(ch: str) -> str:
    """The form a character is looked up in: half-width ASCII, lower case, every digit as 0."""
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        ch = chr(code - 0xFEE0)
    if ch.isdigit():
        return "0"
    return ch.lower() if ch.isascii() else ch


@dataclass(frozen=True)
class Vocabulary:
    """Character and bigram ids of one trained model (saved next to its weights)."""

    characters: tuple[str, ...]  # id = position + 3
    bigrams: tuple[str, ...]  # two normalised characters each; id = position + 3

    @classmethod
    def from_json(cls, data: dict) -> Vocabulary:
        return cls(tuple(data["characters"]), tuple(data["bigrams"]))

    def to_json(self) -> dict:
        return {"characters": list(self.characters), "bigrams": list(self.bigrams)}

    @property
    def sizes(self) -> tuple[int, int]:
        return len(self.characters) + 3, len(self.bigrams) + 3


class Featuriser:
    """Text -> integer feature arrays, one row per character: the `columns` of FEATURE_NAMES a model reads."""

    def __init__(self, vocabulary: Vocabulary, columns: tuple[str, ...] = FEATURE_NAMES):
        self.vocabulary = vocabulary
        self.columns = [FEATURE_NAMES.index(c) for c in columns]
        self.char_table = _character_table(vocabulary.characters)
        width = len(vocabulary.characters) + 3
        ids = {c: i + 3 for i, c in enumerate(vocabulary.characters)}
        keys = [ids.get(b[0], UNKNOWN) * width + ids.get(b[1], UNKNOWN) for b in vocabulary.bigrams]
        order = np.argsort(np.asarray(keys, dtype=np.int64), kind="stable")
        self.bigram_keys = np.asarray(keys, dtype=np.int64)[order]
        self.bigram_ids = (order + 3).astype(np.int64)
        self.width = width
        self.name_tables = _name_tables(self.char_table)

    def character_ids(self, text: str) -> np.ndarray:
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
        return np.where(codes < CODE_POINTS, self.char_table[np.minimum(codes, CODE_POINTS - 1)], UNKNOWN)

    def bigram_ids_of(self, chars: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        padded = np.concatenate([[BOUNDARY], chars, [BOUNDARY]])
        keys = padded[:-1] * self.width + padded[1:]  # bigram k joins padded[k] and padded[k + 1]
        where = np.minimum(np.searchsorted(self.bigram_keys, keys), len(self.bigram_keys) - 1)
        ids = np.where(self.bigram_keys[where] == keys, self.bigram_ids[where], UNKNOWN)
        return ids[:-1], ids[1:]  # the bigram ending at each character, the one starting there

    def features(self, text: str, words: list[tuple[str, int, int]] | None = None) -> np.ndarray:
        """(len(text), len(columns)) int64: the chosen FEATURE_NAMES columns."""
        words = segmentation.segment(text) if words is None else words
        return self.joined_features([text], [words])

    def joined_features(self, texts: list[str], words: list[list[tuple[str, int, int]]]) -> np.ndarray:
        """`features` of the texts joined by newlines, each text's words given with offsets into it."""
        text = "\n".join(texts)
        chars = self.character_ids(text)
        left, right = self.bigram_ids_of(chars)
        position, code, word_class = word_features(len(text), words, joined_starts(texts))
        surname, given = self.name_tables
        name_start = surname[chars] & np.concatenate([given[chars[1:]], [False]])
        every = np.stack(
            [chars, left, right, position, code, name_start.astype(np.int64), word_class], axis=1
        )
        return every if len(self.columns) == len(FEATURE_NAMES) else every[:, self.columns]


def joined_starts(texts: list[str]) -> list[int]:
    """Where each text starts in the texts joined by newlines."""
    return np.cumsum([0, *(len(t) + 1 for t in texts)])[: len(texts)].tolist()


def _character_table(characters: tuple[str, ...]) -> np.ndarray:
    table = np.full(CODE_POINTS, UNKNOWN, dtype=np.int64)
    ids = {c: i + 3 for i, c in enumerate(characters)}
    for ch, i in ids.items():
        table[ord(ch)] = i
    # the forms normalise_character folds: full-width ASCII, upper case, other digits
    for code in range(0xFF01, 0xFF5F):
        table[code] = ids.get(normalise_character(chr(code)), UNKNOWN)
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = ids.get(chr(code).lower(), UNKNOWN)
    for code in (*range(ord("0"), ord("9") + 1), *range(0x0660, 0x066A), *range(0x2460, 0x2474)):
        table[code] = ids.get("0", UNKNOWN)
    return table


def _name_tables(char_table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Boolean lookups by character id: a family name, a character common in given names."""
    size = int(char_table.max()) + 1
    surname = np.zeros(size, dtype=bool)
    given = np.zeros(size, dtype=bool)
    for ch in (w for w in read_word_list("surnames.tsv") if len(w) == 1):
        surname[char_table[ord(ch)]] = True
    for ch in read_word_list("given_name_characters.tsv"):
        given[char_table[ord(ch)]] = True
    surname[[PAD, UNKNOWN, BOUNDARY]] = False
    given[[PAD, UNKNOWN, BOUNDARY]] = False
    return surname, given


def word_features(
    length: int, words: list[list[tuple[str, int, int]]], offsets: Sequence[int]
) -> tuple[np.ndarray, ...]:
    """Each character's B/M/E/S position in its word, its word's code and its word's dictionary class;
    `words[k]` has offsets into the text that starts at `offsets[k]`. Columns of per-word tuples are taken
    apart with zip (C speed): a Python step per word cost more than the network on short texts."""
    position = np.zeros(length, dtype=np.int64)
    code = np.zeros(length, dtype=np.int64)
    word_class = np.zeros(length, dtype=np.int64)
    names, starts, ends = [], [], []
    for text_words, offset in zip(words, offsets, strict=True):
        if text_words:
            name, start, end = zip(*text_words, strict=True)
            names.append(name)
            starts.append(np.asarray(start, dtype=np.int64) + offset)
            ends.append(np.asarray(end, dtype=np.int64) + offset)
    if not names:
        return position, code, word_class
    starts, lengths = np.concatenate(starts), np.concatenate(ends) - np.concatenate(starts)
    table = _word_table()
    kinds = np.fromiter(map(table.__getitem__, chain.from_iterable(names)), np.int64, len(starts))
    first = np.repeat(np.cumsum(lengths) - lengths, lengths)
    within = np.arange(int(lengths.sum())) - first  # offset of each character inside its word
    size = np.repeat(lengths, lengths)
    index = np.repeat(starts, lengths) + within
    inner = np.where(within == size - 1, BMES["E"], BMES["M"])
    position[index] = np.where(size == 1, BMES["S"], np.where(within == 0, BMES["B"], inner))
    code[index] = np.repeat(kinds // WORD_CLASS_COUNT, lengths)
    word_class[index] = np.repeat(kinds % WORD_CLASS_COUNT, lengths)
    return position, code, word_class


class _WordTable(dict):
    """word -> word_code * WORD_CLASS_COUNT + dictionary class, filled as words are first seen: news
    repeats its words, so most lookups are one dict access."""

    LIMIT = 500_000  # distinct words kept before the table starts again (a long run meets many)

    def __missing__(self, word: str) -> int:
        if len(self) >= self.LIMIT:
            self.clear()
        value = self[word] = word_code(word) * WORD_CLASS_COUNT + dictionary_class(word)
        return value


@cache
def _word_table() -> _WordTable:
    return _WordTable()


def dictionary_class(word: str) -> int:
    """The word's class in jieba's dictionary: WORD_CLASSES for proper nouns, OTHER_WORD for any other
    dictionary word, 0 for a word the dictionary lacks."""
    known = _proper_noun_classes().get(word)
    if known:
        return known
    try:
        return OTHER_WORD if segmentation.is_dictionary_word(word) else 0
    except UnicodeEncodeError:  # a lone surrogate cannot cross into jieba's Rust code, nor is it a word
        return 0


@cache
def _proper_noun_classes() -> dict[str, int]:
    """Word -> class of jieba's proper nouns (`word frequency tag` rows of its dict.txt, the dictionary rjieba
    segments with and `is_dictionary_word` asks): only the 114k proper nouns are kept, and the file is found
    without importing jieba (whose import costs a sixth of a second)."""
    folder = importlib.util.find_spec("jieba").submodule_search_locations[0]
    fields = (Path(folder) / "dict.txt").read_text(encoding="utf-8").split()
    words, tags = fields[0::3], fields[2::3]
    return {w: WORD_CLASSES[t] for w, t in zip(words, tags, strict=True) if t in WORD_CLASSES}


_LATIN = re.compile(r"[A-Za-z]")


@cache
def _lexicon() -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    titles = read_word_list("titles.tsv")
    org_suffixes = tuple(sorted(read_word_list("org_suffixes.tsv"), key=len, reverse=True))
    place_suffixes = tuple(sorted(read_word_list("place_suffixes.tsv"), key=len, reverse=True))
    return titles, org_suffixes, place_suffixes


@cache
def _gazetteer_types() -> dict[str, int]:
    return {key: GAZETTEER_TYPES.index(e.entity_type) for key, e in gazetteer.alias_index().items()}


def word_code(word: str) -> int:
    """gazetteer type index * 4 + lexical class index (0 when neither applies)."""
    return _word_code(word)


@lru_cache(maxsize=200_000)
def _word_code(word: str) -> int:
    titles, org_suffixes, place_suffixes = _lexicon()
    known = _gazetteer_types().get(gazetteer.normalise_surface(word) if _LATIN.search(word) else word, 0)
    if word in titles:
        lexical = 1
    elif word.endswith(org_suffixes):
        lexical = 2
    elif word.endswith(place_suffixes):
        lexical = 3
    else:
        lexical = 0
    return known * len(LEXICAL_CLASSES) + lexical
