#!/usr/bin/env bash
# The tests: lint (ruff, sqlfluff) and pytest.
NEWS_EXTRAS=dev,train,postgres source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
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
# Three streams side by side: the tests that run the main command or `dg dev` as child processes (markers
# `processes` and `e2e`: Dagster, dbt and waits in children, which leave a core idle part of the time) in
# two of them, beside all the others. Each stream has its own session fixtures and temporary folders; the
# dbt manifest is made once, before them all. Measured on 2 cores: three streams keep both busy where two
# left the children's stream the last to finish by minutes.
.venv/bin/python -c "from pipelines.build import prepare_dbt_manifest; prepare_dbt_manifest()"
CHILDREN="processes or e2e"
# the second children's stream: these files; the first: every other test with those markers
# two groups of about equal length beside the main run (measured on 2 cores: the first group alone took
# 13.6 min with the incremental-marts and actors tests in it, against 10.5 min for the main run)
second=(tests/reliability/test_sigkill_rerun.py tests/reliability/test_bad_input.py tests/reliability/test_dbt_child.py
    tests/properties/test_incremental_marts.py tests/test_event_actors.py)
ignored=()
for path in "${second[@]}"; do ignored+=("--ignore=$path"); done
.venv/bin/python -m pytest -m "$CHILDREN" --durations=5 "${ignored[@]}" >"$lint_dir/children_1.log" 2>&1 &
first=$!
.venv/bin/python -m pytest -m "$CHILDREN" --durations=5 "${second[@]}" >"$lint_dir/children_2.log" 2>&1 &
second_pid=$!
status=0
.venv/bin/python -m pytest -m "not ($CHILDREN)" --durations=10 || status=$?
wait "$first" || status=$?
wait "$second_pid" || status=$?
for log in children_1 children_2; do
    echo "== pytest -m '$CHILDREN' ($log, run beside the above)"
    cat "$lint_dir/$log.log"
done
exit "$status"
