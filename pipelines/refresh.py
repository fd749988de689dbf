"""What a refresh must process: plain functions behind the folder sensor and the main command."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.seed_folder import list_seed_files, seed_path


def file_signature(path: Path) -> str:
    """Size and modification time: cheap, and changes whenever the file is rewritten."""
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def observe_folder(seeds_dir: Path) -> dict[str, str]:
    observed = {}
    for name in list_seed_files(seeds_dir):
        try:
            observed[name] = file_signature(seed_path(seeds_dir, name))
        except OSError:  # vanished between listing and stat, or a dangling symlink
            observed[name] = "unreadable"
    return observed


@dataclass
class FolderState:
    """The sensor cursor: files already handed to a run, and files seen once and not yet stable."""

    seen: dict[str, str] = field(default_factory=dict)
    pending: dict[str, str] = field(default_factory=dict)

    def to_cursor(self) -> str:
        return json.dumps({"seen": self.seen, "pending": self.pending}, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_cursor(cls, cursor: str | None) -> FolderState:
        if not cursor:
            return cls()
        data = json.loads(cursor)
        return cls(seen=dict(data.get("seen", {})), pending=dict(data.get("pending", {})))


@dataclass(frozen=True)
class RefreshPlan:
    state: FolderState
    changed: list[str]  # new or rewritten files whose size and mtime held still for one tick
    deleted: list[str]
    waiting: list[str]  # seen changing; looked at again next tick

    @property
    def to_process(self) -> list[str]:
        return sorted(self.changed + self.deleted)

    def run_key(self) -> str:
        items = [(name, self.state.seen.get(name, "deleted")) for name in self.to_process]
        return hashlib.sha256(json.dumps(items, ensure_ascii=False).encode()).hexdigest()[:20]


# A file untouched for this long is complete (a copy in progress keeps touching it).
SETTLED_SECONDS = 5.0


def is_settled(signature: str, now: float) -> bool:
    """The file's modification time (in its signature) lies SETTLED_SECONDS or more in the past."""
    try:
        mtime_ns = int(signature.rsplit(":", 1)[1])
    except (IndexError, ValueError):
        return False
    return now - mtime_ns / 1e9 >= SETTLED_SECONDS


def plan_refresh(state: FolderState, observed: dict[str, str], now: float | None = None) -> RefreshPlan:
    """A file is processed once it is settled: untouched for SETTLED_SECONDS, or the same on two looks in a
    row, so a file still being written is never read half-way. A deleted file is processed so its rows
    leave the warehouse. `now` is a Unix time (default: the clock)."""
    now = time.time() if now is None else now
    seen = dict(state.seen)
    pending = {}
    changed, waiting = [], []
    for name, signature in observed.items():
        if seen.get(name) == signature:
            continue
        if state.pending.get(name) == signature or is_settled(signature, now):
            changed.append(name)
            seen[name] = signature
        else:
            pending[name] = signature
            waiting.append(name)
    deleted = sorted(name for name in state.seen if name not in observed)
    for name in deleted:
        del seen[name]
    return RefreshPlan(FolderState(seen, pending), sorted(changed), deleted, sorted(waiting))


def contiguous_ranges(keys: list[str], partition_order: list[str]) -> list[tuple[str, str]]:
    """Group keys into runs of neighbours in the partition order: one run per range, not per file."""
    position = {key: i for i, key in enumerate(partition_order)}
    ordered = sorted((position[k], k) for k in set(keys) if k in position)
    ranges: list[tuple[str, str]] = []
    start = previous = None
    for index, key in ordered:
        if start is None:
            start = previous = (index, key)
        elif index == previous[0] + 1:
            previous = (index, key)
        else:
            ranges.append((start[1], previous[1]))
            start = previous = (index, key)
    if start is not None:
        ranges.append((start[1], previous[1]))
    return ranges
