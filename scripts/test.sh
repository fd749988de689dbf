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
.venv/bin/python -m pytest "$@"
