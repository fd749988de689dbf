"""An unusable DAGSTER_HOME stops the main command with a sentence naming the folder, not a traceback."""

import os
import subprocess
import sys

import pytest

from pipelines import instance


def test_a_home_under_a_file_says_which_folder_and_what_to_set(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "file" / "home"))
    with pytest.raises(SystemExit) as stopped:
        instance.dagster_home()
    message = str(stopped.value)
    assert str(tmp_path / "file" / "home") in message and "set DAGSTER_HOME" in message


def test_the_main_command_prints_the_reason_and_fails(tmp_path):
    (tmp_path / "file").write_text("")
    env = os.environ | {
        "DAGSTER_HOME": str(tmp_path / "file" / "home"),
        "NEWS_WAREHOUSE": str(tmp_path / "news.duckdb"),
        "NEWS_SEEDS_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-m", "pipelines", "build"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1
    assert "cannot be used" in done.stderr and "Traceback" not in done.stderr
