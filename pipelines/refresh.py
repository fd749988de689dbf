"""What a refresh must process: plain functions behind the folder sensor and the main command."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipelines import ingest
from pipelines.seed_folder import SETTLED_SECONDS, list_seed_files, seed_path


def file_signature(path: Path) -> str:
    """Size, change time and modification time: cheap, and changes whenever the file is rewritten, even
    under the same size and modification time (cp -p, touch -r set mtime, not the inode's ctime). The
    modification time comes last: the settle rule reads it."""
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_ctime_ns}:{stat.st_mtime_ns}"


def observe_folder(seeds_dir: Path) -> dict[str, str]:
    observed = {}
    for name in list_seed_files(seeds_dir):
        try:
            observed[name] = file_signature(seed_path(seeds_dir, name))
        except OSError:  # vanished between listing and stat, or a dangling symlink
            observed[name] = "unreadable"
    return observed


# A signature no file has: the file is planned again at the next look (changed, or deleted if gone).
NOT_DONE = "not done"
# A failed run is retried this many times for the same file versions; then the file waits until it
# changes or the daily sweep takes it (a failure that repeats is not fixed by repeating it).
MAX_RETRIES = 3


@dataclass
class FolderState:
    """The sensor cursor: files handed to a run (`seen`), files seen once and not yet stable (`pending`),
    the runs requested and not yet finished with their files (`requested`, by run key), and how often the
    run of a file failed (`failures`)."""

    seen: dict[str, str] = field(default_factory=dict)
    pending: dict[str, str] = field(default_factory=dict)
    requested: dict[str, list[str]] = field(default_factory=dict)
    failures: dict[str, int] = field(default_factory=dict)

    def to_cursor(self) -> str:
        fields = {"seen": self.seen, "pending": self.pending}
        fields.update({"requested": self.requested, "failures": self.failures})
        return json.dumps(fields, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_cursor(cls, cursor: str | None) -> FolderState:
        if not cursor:
            return cls()
        data = json.loads(cursor)
        return cls(
            seen=dict(data.get("seen", {})),
            pending=dict(data.get("pending", {})),
            requested={key: list(files) for key, files in data.get("requested", {}).items()},
            failures=dict(data.get("failures", {})),
        )


def state_from_warehouse(conn, seeds_dir: Path, observed: dict[str, str]) -> FolderState:
    """The first look, with no cursor yet (after the main command, or with a reset Dagster instance): the
    files the warehouse holds as they are now count as done, so only the others are processed, and the
    files it holds that the folder lost are planned as deletions."""
    seen = {}
    for name, row in ingest.recorded_files(conn).items():
        if row[3] == "deleted":
            continue
        if name not in observed:
            seen[name] = NOT_DONE
        elif ingest.holds_recorded_bytes(seeds_dir, name, row):
            seen[name] = observed[name]
    return FolderState(seen=seen)


def after_runs(state: FolderState, outcomes: dict[str, str]) -> FolderState:
    """The cursor once the requested runs are looked up (`outcomes`: run key -> success, failure or
    running). A file is done when its run succeeded: the files of a failed run are planned again."""
    seen, failures = dict(state.seen), dict(state.failures)
    requested = {}
    for key, files in state.requested.items():
        outcome = outcomes.get(key, "running")
        if outcome == "running":
            requested[key] = files
            continue
        for name in files:
            if outcome == "success":
                failures.pop(name, None)
            elif failures.get(name, 0) < MAX_RETRIES:
                failures[name] = failures.get(name, 0) + 1
                seen[name] = NOT_DONE
    return FolderState(seen, dict(state.pending), requested, failures)


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
        """One per set of file versions (and retry): the same versions never run twice."""
        seen, failures = self.state.seen, self.state.failures
        items = [(name, seen.get(name, "deleted"), failures.get(name, 0)) for name in self.to_process]
        return hashlib.sha256(json.dumps(items, ensure_ascii=False).encode()).hexdigest()[:20]


def modified_at(signature: str) -> float | None:
    """The modification time (Unix seconds) in a file's signature; None for one without ("unreadable")."""
    try:
        return int(signature.rsplit(":", 1)[1]) / 1e9
    except (IndexError, ValueError):
        return None


def is_settled(signature: str, now: float) -> bool:
    """The file's modification time (in its signature) lies SETTLED_SECONDS or more in the past."""
    mtime = modified_at(signature)
    return mtime is not None and now - mtime >= SETTLED_SECONDS


# Past the settle time, so that a file untouched through the pause is settled when looked at again.
SETTLE_MARGIN_SECONDS = 0.05


def settling_pause(plan: RefreshPlan, observed: dict[str, str], now: float) -> float:
    """How long a look should wait for the files it found still settling: until the last of them has been
    untouched for SETTLED_SECONDS (never longer than that), 0 when none is. Looking again then takes the
    files that stayed still in this tick, not the next one (Dagster's sensor daemon loops every 5 s)."""
    times = [modified_at(observed[name]) for name in plan.waiting]
    remaining = [SETTLED_SECONDS - (now - t) for t in times if t is not None]
    if not remaining:
        return 0.0
    return min(max(max(remaining), 0.0), SETTLED_SECONDS) + SETTLE_MARGIN_SECONDS


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
    following = FolderState(seen, pending, dict(state.requested), dict(state.failures))
    return RefreshPlan(following, sorted(changed), deleted, sorted(waiting))


def files_tags(files: list[str], shown: int = 5) -> dict[str, str]:
    """Which files a run processes, for the Runs list: the count and the first few names."""
    names = ", ".join(files[:shown]) + (f", ... (+{len(files) - shown})" if len(files) > shown else "")
    return {"news/file_count": str(len(files)), "news/files": names[:250]}
