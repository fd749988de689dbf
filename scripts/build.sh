#!/usr/bin/env bash
# The main job: builds warehouse/news.duckdb from seeds/ (ingest, parse, extract, dbt build, checks).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
exec .venv/bin/python -m pipelines build "$@"
