"""The seeds folder: which files are there, which are still being written, and reading one safely."""

from __future__ import annotations

import errno
import os
import re
import time
from pathlib import Path

from pipelines.text.decoding import MAX_FILE_BYTES
from pipelines.text.records import RejectedInput

# Files being written are dropped under a temporary name and renamed when complete:
# names starting with '.' or ending with these suffixes are not read yet.
IN_PROGRESS_SUFFIXES = (".part", ".tmp", ".crdownload", "~")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# A file untouched for this long is complete (a copy in progress keeps touching it). Short, because every
# landing file waits it out; a writer that stalls longer is read again when it next touches the file.
SETTLED_SECONDS = 2.0


def is_in_progress(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return base.startswith(".") or base.endswith(IN_PROGRESS_SUFFIXES)


def is_being_written(path: Path, now: float | None = None) -> bool:
    """Modified less than SETTLED_SECONDS ago: a copy may still be in progress, so it is not read yet. A
    time slightly ahead of the clock counts as now (file systems round times). A symlink counts from when
    it was made (its target may lie outside the folder, where it is not read)."""
    try:
        age = (time.time() if now is None else now) - path.lstat().st_mtime
    except OSError:
        return False  # gone or unreadable: the reader says so
    return -1.0 < age < SETTLED_SECONDS


def recorded_name(rel: str) -> str:
    """The name the warehouse, Dagster and the checks use for a file. Bytes that are not UTF-8 (os.walk
    gives them as surrogate escapes, which neither DuckDB nor Dagster can store) and control characters
    (which break partition keys and logs) are shown as \\xNN; such files are rejected, not read."""
    shown = os.fsencode(rel).decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", shown)


def name_problem(rel: str) -> str | None:
    """Why a file may not be read because of its name, or None."""
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return "file name is not valid UTF-8 (its bytes are shown as \\xNN)"
    if _CONTROL.search(rel):
        return "file name contains control characters (shown as \\xNN)"
    return None


def _walk(seeds_dir: Path) -> list[str]:
    found = []
    for root, dirs, files in os.walk(seeds_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            rel = os.path.relpath(os.path.join(root, name), seeds_dir).replace(os.sep, "/")
            if not is_in_progress(rel):
                found.append(rel)
    return found


def list_seed_files(seeds_dir: Path) -> list[str]:
    """Every file in the seeds folder (recursively), as recorded names relative to it, sorted."""
    return sorted(recorded_name(rel) for rel in _walk(seeds_dir))


def seed_path(seeds_dir: Path, source_file: str) -> Path:
    """The file behind a recorded name (the name itself, unless it was shown with \\xNN escapes)."""
    path = seeds_dir / source_file
    if "\\x" in source_file and not (path.exists() or path.is_symlink()):
        for rel in _walk(seeds_dir):  # rare: only for names that could not be recorded as they are
            if recorded_name(rel) == source_file:
                return seeds_dir / rel
    return path


def read_seed_file(seeds_dir: Path, source_file: str) -> bytes:
    """The file's bytes, or RejectedInput for what must not be read."""
    path = seed_path(seeds_dir, source_file)
    problem = name_problem(str(path.relative_to(seeds_dir)))
    if problem:
        raise RejectedInput(problem)
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop (Python < 3.13)
            loop = isinstance(error, RuntimeError) or getattr(error, "errno", None) == errno.ELOOP
            reason = "a symlink loop" if loop else "its target does not exist"
            raise RejectedInput(f"symlink leads nowhere: {reason}") from None
        if not target.is_relative_to(seeds_dir.resolve()):
            raise RejectedInput(f"symlink leads outside the seeds folder ({target})")
    try:
        if not path.is_file():
            raise RejectedInput("not a regular file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise RejectedInput(f"file is {size} bytes, over the {MAX_FILE_BYTES}-byte limit")
        return path.read_bytes()
    except OSError as error:  # no permission, or removed or replaced while being read
        raise RejectedInput(f"file cannot be read: {error.strerror or error}") from error
