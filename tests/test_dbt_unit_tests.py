"""dbt's unit tests (the event merge rule) run here, in the test command: the refreshes leave them out."""

import re
from pathlib import Path

from pipelines.defs.marts.assets import REFRESH_EXCLUDES
from pipelines.settings import working_copy_of
from tests.conftest import run_dbt


def test_the_refreshes_leave_the_unit_tests_to_the_test_command(built):
    summary, _ = built
    assert dict(zip(REFRESH_EXCLUDES[::2], REFRESH_EXCLUDES[1::2], strict=True)) == {
        "--exclude-resource-type": "unit_test"
    }
    log = summary.log_path.read_text(encoding="utf-8")
    assert "85 data tests" in log and "unit tests" not in log.split("Finished running")[-1]


def test_the_dbt_unit_tests_pass_on_the_built_warehouse(fixture_build, tmp_path):
    """Unit tests read the column types of their inputs from the warehouse: run on the fixture build's
    working copy."""
    _, published, _ = fixture_build
    result = run_dbt(working_copy_of(Path(published)), tmp_path, "test", "--select", "test_type:unit")
    assert result.returncode == 0, result.stdout[-3000:]
    assert "ERROR=0" in result.stdout
    assert len(re.findall(r"PASS \w+::\w+", result.stdout)) == 4  # model::unit test, as dbt names them
