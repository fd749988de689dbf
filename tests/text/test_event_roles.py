"""The role table `data/events/roles.csv`: it covers the taxonomy, its values are ones the code knows, the
rule-based extractor's arguments follow it (a changed row changes what is extracted) and dbt's seed
`event_roles.csv` is generated from its current rows."""

from __future__ import annotations

import csv
import io
import re

import pytest

from pipelines.text import event_roles
from pipelines.text import events as E
from pipelines.text.event_roles import ROLES_FILE, SEED_DIR, read_roles, role_info
from pipelines.text.records import Mention, Sentence

PARTICIPANT_KINDS = {"agent", "patient", "party", "pair"}


def test_every_role_of_the_taxonomy_has_a_row_and_every_row_a_role_of_the_taxonomy():
    taxonomy = [(t, r) for t, roles in E.event_roles().items() for r in roles]
    rows = list(read_roles(ROLES_FILE))
    assert [key for key in taxonomy if key not in rows] == []
    assert [key for key in rows if key not in taxonomy] == []
    assert rows == taxonomy  # one row each, in the taxonomy's order


def test_kinds_rules_and_examples_are_ones_the_code_knows():
    rule_ids = {rule_id for rule_id, _ in E.AGENT_FALLBACKS + E.PATIENT_FALLBACKS}
    for key, row in role_info().items():
        assert row.kind in PARTICIPANT_KINDS | set(E.SLOT_FILLERS), key
        assert set(row.rules) <= rule_ids, key
        if row.kind in ("agent", "patient", "party"):
            assert row.entity_types, key
        # the example marks the role's filler (both parties of a pair role)
        marked = re.findall(r"【([^【】]+)】", row.example)
        assert len(marked) == (2 if row.kind == "pair" else 1), key


def test_the_dbt_seed_is_generated_from_the_current_table(tmp_path):
    written = event_roles.write_seed(tmp_path)
    seed = SEED_DIR / written.name
    assert written.read_text(encoding="utf-8") == seed.read_text(encoding="utf-8"), (
        "dbt_project/seeds/event_roles.csv is stale: run `python -m pipelines.text.event_roles`"
    )
    with seed.open(encoding="utf-8", newline="") as f:
        rows = {(r["event_type"], r["role"]): r for r in csv.DictReader(f)}
    assert rows["组织行为-举办", "地点"]["is_actor"] == "false"
    assert rows["组织行为-举办", "举办方"] == {
        "event_type": "组织行为-举办",
        "role": "举办方",
        "is_actor": "true",
        "entity_types": "ORG",
    }


def test_a_changed_actor_flag_changes_the_seed(tmp_path, roles_file):
    roles_file("组织行为-举办", "地点", "actor", "yes")
    written = event_roles.write_seed(tmp_path)
    assert "组织行为-举办,地点,true," in written.read_text(encoding="utf-8").splitlines()


def _changed_table(event_type: str, role: str, column: str, value: str) -> str:
    """roles.csv with one cell changed (comments kept)."""
    lines = ROLES_FILE.read_text(encoding="utf-8").splitlines(keepends=True)
    comments = [line for line in lines if line.startswith("#")]
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    (row,) = [r for r in rows if (r["event_type"], r["role"]) == (event_type, role)]
    assert row[column] != value
    row[column] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return "".join(comments) + out.getvalue()


@pytest.fixture
def roles_file(tmp_path, monkeypatch):
    """Make the extractor read a changed copy of roles.csv: `roles_file(type, role, column, value)`."""

    def use(event_type: str, role: str, column: str, value: str) -> None:
        path = tmp_path / "roles.csv"
        path.write_text(_changed_table(event_type, role, column, value), encoding="utf-8")
        monkeypatch.setattr(event_roles, "ROLES_FILE", path)
        role_info.cache_clear()

    yield use
    role_info.cache_clear()


def _arguments(text: str, names: tuple[tuple[str, str], ...]) -> set[tuple[str, str]]:
    mentions = []
    for surface, kind in names:
        start = text.index(surface)
        mentions.append(Mention(start, start + len(surface), surface, kind, "test", 1.0))
    found = E._find_events(text, [Sentence(0, len(text))], mentions, None)
    return {(a.role, a.text) for e in found for a in e.arguments}


# (sentence, names, the argument it gives, the row change that takes it away)
CHANGES = {
    "a Latin name fits 发布产品 only through LATIN": (
        "2023年8月，阿里首次对外发布开源大模型Qwen-7B。",
        (("阿里", "ORG"),),
        ("发布产品", "Qwen-7B"),
        ("产品行为-发布", "发布产品", "entity_types", "PRODUCT|WORK|OTHER|EVENT"),
    ),
    "the releaser is sought before the trigger because its kind is agent": (
        "2023年8月，阿里首次对外发布开源大模型Qwen-7B。",
        (("阿里", "ORG"),),
        ("发布方", "阿里"),
        ("产品行为-发布", "发布方", "kind", "party"),
    ),
    "a region invests because 投资方 takes agent.region_subject": (
        "浙江又投资近亿元。",
        (("浙江", "LOCATION"),),
        ("投资方", "浙江"),
        ("财经/交易-投资", "投资方", "rules", ""),
    ),
    "a product before a nominal 发布 because 发布产品 takes patient.before_nominal": (
        "Qwen3-Coder的发布改变了编程的游戏规则。",
        (),
        ("发布产品", "Qwen3-Coder"),
        ("产品行为-发布", "发布产品", "rules", ""),
    ),
    "the time because 时间 is of kind time": (
        "2023年2月，Meta发布了Llama 1。",
        (("Meta", "ORG"), ("Llama 1", "PRODUCT")),
        ("时间", "2023年2月"),
        ("产品行为-发布", "时间", "kind", "party"),
    ),
}


@pytest.mark.parametrize("case", CHANGES)
def test_a_changed_row_changes_the_arguments(case, roles_file):
    text, names, argument, change = CHANGES[case]
    assert argument in _arguments(text, names)
    roles_file(*change)
    assert argument not in _arguments(text, names)
