import csv
import hashlib

import pytest

from pipelines.text import gazetteer
from pipelines.text.gazetteer import SEED_DIR, normalise_surface, resolve


def _seed_rows(name: str) -> list[dict[str, str]]:
    with (SEED_DIR / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize(
    ("surface", "key"),
    [
        ("ＡＢＣ  Group", "abc group"),  # full-width letters, runs of spaces
        ("  Alibaba\tCloud ", "alibaba cloud"),
        ("之江實驗室", "之江实验室"),
        ("QWen", "qwen"),
        ("", ""),
        ("\ud800阿里", "\ufffd阿里"),  # a lone surrogate cannot be encoded: replaced, never an error
    ],
)
def test_normalise_surface(surface, key):
    assert normalise_surface(surface) == key


@pytest.mark.parametrize(
    ("aliases", "key"),
    [
        (["阿里", "阿里巴巴", "阿里巴巴集团", "Alibaba", "阿里巴巴集團"], "org_alibaba_group"),
        (["阿里云", "阿里云智能", "Alibaba Cloud", "阿里雲"], "org_alibaba_cloud"),
        (["王堅", "王坚", "Wang Jian"], "per_wang_jian"),
        (["吴妈", "吴泳铭", "Eddie Wu"], "per_eddie_wu"),
        (["千问", "通义千问", "Qwen", "QWen"], "prd_qwen"),
        (["深度求索", "深度求索公司"], "org_deepseek"),
        (["浙大", "浙江大学", "Zhejiang University"], "org_zju"),
        (["之江实验室", "之江實驗室", "Zhejiang Lab"], "org_zhejiang_lab"),
        (["杰弗里·辛顿", "辛顿", "Geoffrey Hinton"], "per_geoffrey_hinton"),
        (["楊立昆", "杨立昆", "Yann LeCun"], "per_yann_lecun"),
        (["杭州", "Hangzhou"], "loc_hangzhou"),
        (["硅谷", "Silicon Valley"], "loc_silicon_valley"),
    ],
)
def test_required_merges(aliases, key):
    assert {resolve(alias, "ORG")[0] for alias in aliases} == {key}


def test_resolve_known_alias_uses_gazetteer_name_and_type():
    assert resolve("阿里巴巴集團", "PERSON") == ("org_alibaba_group", "阿里巴巴", "ORG")


def test_resolve_unknown_surface_hashes_type_and_normalised_surface():
    expected = "e_" + hashlib.md5("ORG:某某科技公司".encode()).hexdigest()[:16]
    assert resolve("某某科技公司", "ORG") == (expected, "某某科技公司", "ORG")
    # the same entity written in Traditional script gets the same id and a Simplified name
    assert resolve("某某科技公司", "ORG")[0] == resolve("某某科技公司 ", "ORG")[0]
    assert resolve("測試實驗室", "ORG")[1] == "测试实验室"
    assert resolve("QWen-7B", "PRODUCT")[0] != resolve("QWen-7B", "ORG")[0]


def test_model_versions_are_separate_from_their_family():
    assert resolve("Qwen3-Coder", "PRODUCT")[0] == "prd_qwen3_coder"
    assert resolve("DeepSeek-R1", "PRODUCT")[0] == "prd_deepseek_r1"
    assert resolve("Qwen", "PRODUCT")[0] == "prd_qwen"


def test_seed_csvs_match_the_data_file():
    entities = _seed_rows("gazetteer_entities.csv")
    aliases = _seed_rows("gazetteer_aliases.csv")
    assert [row["entity_key"] for row in entities] == [e.entity_key for e in gazetteer.entities()]
    assert [(row["entity_key"], row["alias"]) for row in aliases] == [
        (a.entity_key, a.alias) for a in gazetteer.aliases()
    ]


def test_seed_alias_normalised_column_is_normalise_surface():
    for row in _seed_rows("gazetteer_aliases.csv"):
        assert row["alias_normalised"] == normalise_surface(row["alias"]), row
        assert row["script"] in {"hans", "hant", "latin"}


def test_seed_keys_are_unique_and_aliases_unambiguous():
    entities = _seed_rows("gazetteer_entities.csv")
    keys = [row["entity_key"] for row in entities]
    assert len(keys) == len(set(keys))
    owner: dict[str, str] = {}
    for row in _seed_rows("gazetteer_aliases.csv"):
        assert row["entity_key"] in set(keys)
        assert owner.setdefault(row["alias_normalised"], row["entity_key"]) == row["entity_key"]
    assert {row["entity_type"] for row in entities} <= set(gazetteer.ENTITY_TYPES)


def test_seed_has_traditional_and_english_aliases():
    scripts = {(row["entity_key"], row["script"]) for row in _seed_rows("gazetteer_aliases.csv")}
    assert ("org_zhejiang_lab", "hant") in scripts
    assert ("org_zhejiang_lab", "latin") in scripts


def test_write_seeds_round_trips(tmp_path):
    entities_path, aliases_path = gazetteer.write_seeds(tmp_path)
    assert entities_path.read_text(encoding="utf-8") == (SEED_DIR / entities_path.name).read_text(
        encoding="utf-8"
    )
    assert aliases_path.read_text(encoding="utf-8") == (SEED_DIR / aliases_path.name).read_text(
        encoding="utf-8"
    )


def test_conflicting_alias_is_rejected(tmp_path):
    data = tmp_path / "g.tsv"
    data.write_text("# comment\na\tORG\tA\t\tX|Y\t\nb\tORG\tB\t\tx\t\n", encoding="utf-8")
    entities = tuple(gazetteer._read_entities(data))
    assert [e.aliases for e in entities] == [("A", "X", "Y"), ("B", "x")]
    with pytest.raises(ValueError, match="claimed by a and b"):
        gazetteer.index_aliases(entities, gazetteer.expand_aliases(entities))


def test_bad_data_line_is_reported(tmp_path):
    data = tmp_path / "g.tsv"
    data.write_text("a\tORG\tA\n", encoding="utf-8")
    with pytest.raises(ValueError, match="6 tab-separated"):
        gazetteer._read_entities(data)
