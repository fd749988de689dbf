"""`python -m pipelines build` for the reliability tests, as a normal user would run it.

chmod 000 does not stop root from reading a file, and the tests may run as root: then reading a file that
has no read permission for anyone raises PermissionError here, as the kernel does for any other user.
Otherwise this is exactly the main command. Run: python -m tests.reliability.main_command [--force]
"""

import os
import pathlib
import sys


def deny_unreadable_files_to_root() -> None:
    original = pathlib.Path.read_bytes

    def read_bytes(self: pathlib.Path) -> bytes:
        if not os.stat(self).st_mode & 0o444:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    pathlib.Path.read_bytes = read_bytes


# at import, not under __main__: the text stage's spawned workers import this module again (as __mp_main__)
if os.geteuid() == 0:
    deny_unreadable_files_to_root()

if __name__ == "__main__":
    from pipelines.cli import main

    sys.exit(main(["build", *sys.argv[1:]]))
