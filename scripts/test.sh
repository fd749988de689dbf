#!/usr/bin/env bash
# The tests: lint (ruff, sqlfluff) and pytest.
NEWS_EXTRAS=dev,train source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
echo "== ruff"
# one command a line: under `set -e` a failure inside an && list would not stop the run
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== sqlfluff"
lint_dir="$(mktemp -d)"
trap 'rm -rf "$lint_dir"' EXIT
# The dbt templater compiles the project: point it at a scratch warehouse, never the real one.
NEWS_WORKING_WAREHOUSE="$lint_dir/lint.duckdb" .venv/bin/sqlfluff lint dbt_project/models dbt_project/tests
echo "== pytest"
if [ "$#" -gt 0 ]; then # arguments: one pytest run with them
    exec .venv/bin/python -m pytest "$@"
fi
# Two streams side by side, one a core: the tests that run the main command or `dg dev` as child processes
# (markers `processes` and `e2e`: mostly Dagster, dbt and waits in children) beside all the others. Each
# stream has its own session fixtures and temporary folders; the dbt manifest is made once, before both.
.venv/bin/python -c "from pipelines.build import prepare_dbt_manifest; prepare_dbt_manifest()"
children_log="$lint_dir/child_processes.log"
.venv/bin/python -m pytest -m "processes or e2e" >"$children_log" 2>&1 &
children=$!
status=0
.venv/bin/python -m pytest -m "not (processes or e2e)" || status=$?
wait "$children" || status=$?
echo "== pytest -m 'processes or e2e' (run beside the above)"
cat "$children_log"
exit "$status"
