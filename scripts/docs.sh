#!/usr/bin/env bash
# The dbt docs (models, columns, tests, lineage) as one HTML file that opens offline:
#   bash scripts/docs.sh      then open dbt_project/target/docs/static_index.html in a browser
# The catalog is read from a copy of the built warehouse, so a running refresh is never disturbed.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
warehouse="${NEWS_WAREHOUSE:-$ROOT/warehouse/news.duckdb}"
if [ ! -f "$warehouse" ]; then
    echo "No warehouse at $warehouse yet: run bash scripts/build.sh first." >&2
    exit 1
fi
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp "$warehouse" "$scratch/docs.duckdb"
out="$ROOT/dbt_project/target/docs"
NEWS_WORKING_WAREHOUSE="$scratch/docs.duckdb" .venv/bin/dbt docs generate --static --quiet \
    --project-dir dbt_project --profiles-dir dbt_project --target-path "$out"
echo "dbt docs: $out/static_index.html (one file, no server needed; or: .venv/bin/dbt docs serve" \
    "--project-dir dbt_project --profiles-dir dbt_project --target-path $out)" >&2
