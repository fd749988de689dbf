"""The dbt executable as the pipeline runs it, tied to the process that started it: on Linux it gets the
parent-death signal, so a main command killed with SIGKILL leaves no dbt writing the working copy."""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import sys
from pathlib import Path

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def bind_to_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
        return  # not allowed here: dbt runs as before
    if os.getppid() == 1:  # the parent died before the signal was set: nobody waits for this dbt
        sys.exit("dbt not started: the process that launched it is gone")


def main(argv: list[str]) -> None:
    bind_to_parent()
    beside = Path(sys.executable).parent / "dbt"
    dbt = str(beside) if beside.exists() else shutil.which("dbt") or "dbt"
    os.execv(dbt, [dbt, *argv])  # the signal setting survives exec


if __name__ == "__main__":
    main(sys.argv[1:])
