"""The curated gazetteer: known entities, their aliases, and how a surface form resolves to an entity.

The source of truth is `data/gazetteer.tsv` (hand-written). The dbt seeds
`dbt_project/seeds/gazetteer_entities.csv` and `gazetteer_aliases.csv` are generated from it with
`python -m pipelines.text.gazetteer`, so SQL joins on exactly the `normalise_surface` keys used here.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import opencc

DATA_FILE = Path(__file__).parent / "data" / "gazetteer.tsv"
REPO_ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = REPO_ROOT / "dbt_project" / "seeds"
ENTITY_TYPES = ("PERSON", "ORG", "LOCATION", "PRODUCT", "EVENT", "WORK", "OTHER")

_WHITESPACE = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")
_T2S = opencc.OpenCC("t2s")
_S2T = opencc.OpenCC("s2t")


@dataclass(frozen=True)
class Entity:
    entity_key: str
    name: str
    entity_type: str
    wikidata_id: str
    description: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Alias:
    entity_key: str
    alias: str
    alias_normalised: str
    script: str  # hans, hant or latin


def to_simplified(text: str) -> str:
    # OpenCC takes UTF-8: a lone surrogate (never valid text) becomes U+FFFD, keeping the length
    return _T2S.convert(_SURROGATE.sub("\ufffd", text))


@cache
def traditional_characters() -> frozenset[str]:
    """Every CJK character OpenCC's t2s changes: a cheap test for text that needs conversion."""
    block = [chr(code) for code in range(0x3400, 0xA000)]
    converted = _T2S.convert("\n".join(block)).split("\n")
    return frozenset(ch for ch, simple in zip(block, converted, strict=True) if ch != simple)


def normalise_surface(surface: str) -> str:
    """The alias-matching key: NFKC, Traditional to Simplified, casefold, single spaces, stripped."""
    text = unicodedata.normalize("NFKC", surface)
    text = to_simplified(text).casefold()
    return _WHITESPACE.sub(" ", text).strip()


def alias_script(alias: str) -> str:
    if not any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in alias):
        return "latin"
    return "hant" if _T2S.convert(alias) != alias else "hans"


def _read_entities(path: Path = DATA_FILE) -> list[Entity]:
    entities = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 6:
            raise ValueError(f"{path.name}:{line_no}: expected 6 tab-separated fields, got {len(fields)}")
        key, entity_type, name, wikidata_id, aliases, description = (f.strip() for f in fields)
        if entity_type not in ENTITY_TYPES:
            raise ValueError(f"{path.name}:{line_no}: unknown entity type {entity_type!r}")
        names = tuple(dict.fromkeys([name, *(a.strip() for a in aliases.split("|") if a.strip())]))
        entities.append(Entity(key, name, entity_type, wikidata_id, description, names))
    return entities


@cache
def entities() -> tuple[Entity, ...]:
    return tuple(_read_entities())


@cache
def aliases() -> tuple[Alias, ...]:
    """Every alias as written, plus the Traditional form of each Chinese alias."""
    return expand_aliases(entities())


def expand_aliases(known: tuple[Entity, ...]) -> tuple[Alias, ...]:
    rows: list[Alias] = []
    seen: set[tuple[str, str]] = set()
    for entity in known:
        for written in entity.aliases:
            forms = [written]
            if alias_script(written) != "latin":
                forms.append(_S2T.convert(written))
            for form in forms:
                if (entity.entity_key, form) in seen:
                    continue
                seen.add((entity.entity_key, form))
                rows.append(Alias(entity.entity_key, form, normalise_surface(form), alias_script(form)))
    return tuple(rows)


@cache
def alias_index() -> dict[str, Entity]:
    """normalised alias -> entity; an alias claimed by two entities is an error in the data file."""
    return index_aliases(entities(), aliases())


def index_aliases(known: tuple[Entity, ...], rows: tuple[Alias, ...]) -> dict[str, Entity]:
    by_key = {e.entity_key: e for e in known}
    index: dict[str, Entity] = {}
    for row in rows:
        other = index.get(row.alias_normalised)
        if other is not None and other.entity_key != row.entity_key:
            raise ValueError(f"alias {row.alias!r} is claimed by {other.entity_key} and {row.entity_key}")
        index[row.alias_normalised] = by_key[row.entity_key]
    return index


def lookup(surface: str) -> Entity | None:
    return alias_index().get(normalise_surface(surface))


def hashed_entity_id(surface: str, entity_type: str) -> str:
    """The id of an entity outside the gazetteer; dbt computes the same md5 in SQL."""
    key = entity_type + ":" + normalise_surface(surface)
    return "e_" + hashlib.md5(key.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=1 << 16)
def resolve(surface: str, entity_type: str) -> tuple[str, str, str]:
    """(entity_id, canonical name, entity_type) of a mention's surface form. Cached: news repeats its
    names, and each miss costs two NFKC and OpenCC passes."""
    entity = lookup(surface)
    if entity is not None:
        return entity.entity_key, entity.name, entity.entity_type
    return hashed_entity_id(surface, entity_type), to_simplified(surface), entity_type


def write_seeds(seed_dir: Path = SEED_DIR) -> tuple[Path, Path]:
    """Write the two dbt seed CSVs from the data file."""
    alias_index()  # fail on conflicting aliases before writing anything
    seed_dir.mkdir(parents=True, exist_ok=True)
    entities_path = seed_dir / "gazetteer_entities.csv"
    aliases_path = seed_dir / "gazetteer_aliases.csv"
    with entities_path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["entity_key", "name", "entity_type", "wikidata_id", "description"])
        for e in entities():
            writer.writerow([e.entity_key, e.name, e.entity_type, e.wikidata_id, e.description])
    with aliases_path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["entity_key", "alias", "alias_normalised", "script"])
        for a in aliases():
            writer.writerow([a.entity_key, a.alias, a.alias_normalised, a.script])
    return entities_path, aliases_path


if __name__ == "__main__":
    for written in write_seeds(Path(sys.argv[1]) if len(sys.argv) > 1 else SEED_DIR):
        print(f"wrote {written}")
