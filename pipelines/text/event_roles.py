"""The role table of the event taxonomy, `data/events/roles.csv`: for each event type and role, what fills it
(kind), whether it names an actor, the entity types that fit it and the rules it takes part in.

One file for both extractors (the rules of `events.py`, the trained tagger of `event_extractor.py`) and for
dbt's `events.actors`, so a role's actor flag or entity types are changed in one place; its comment header
describes the columns. A dbt seed cannot carry that header: `python -m pipelines.text.event_roles` writes the
seed `dbt_project/seeds/event_roles.csv` (event_type, role, is_actor, entity_types) from it."""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROLES_FILE = Path(__file__).resolve().parent / "data" / "events" / "roles.csv"
SEED_DIR = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"


@dataclass(frozen=True)
class RoleInfo:
    kind: str  # agent, patient, party, pair, or the slot filler: time, place, money, people, ...
    actor: bool  # a person or organisation filling it is one of the event's actors
    entity_types: tuple[str, ...]  # the mention types that fit it
    rules: tuple[str, ...] = ()  # rule ids only the rows naming them take (patient.before_nominal, ...)
    example: str = ""  # a sentence with the role's filler in 【】


def read_roles(path: Path) -> dict[tuple[str, str], RoleInfo]:
    """(event_type, role) -> RoleInfo from a role table in the format of `roles.csv` (`#` lines skipped)."""
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return {
            (row["event_type"], row["role"]): RoleInfo(
                row["kind"],
                row["actor"] == "yes",
                tuple(t for t in row["entity_types"].split("|") if t),
                tuple(r for r in row["rules"].split("|") if r),
                row["example"],
            )
            for row in rows
        }


@cache
def role_info() -> dict[tuple[str, str], RoleInfo]:
    """(event_type, role) -> RoleInfo, from `data/events/roles.csv`."""
    return read_roles(ROLES_FILE)


def write_seed(seed_dir: Path = SEED_DIR) -> Path:
    """Write the dbt seed `event_roles.csv`: per event type and role, its actor flag and entity types."""
    seed_dir.mkdir(parents=True, exist_ok=True)
    path = seed_dir / "event_roles.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["event_type", "role", "is_actor", "entity_types"])
        for (event_type, role), info in read_roles(ROLES_FILE).items():
            writer.writerow([event_type, role, str(info.actor).lower(), "|".join(info.entity_types)])
    return path


if __name__ == "__main__":
    print(f"wrote {write_seed(Path(sys.argv[1]) if len(sys.argv) > 1 else SEED_DIR)}")
