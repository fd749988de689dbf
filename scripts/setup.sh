# Sourced by build.sh and test.sh: creates .venv/ and installs the project when pyproject.toml changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
export DAGSTER_DISABLE_TELEMETRY=1 DBT_SEND_ANONYMOUS_USAGE_STATS=false DO_NOT_TRACK=1
export PIP_DISABLE_PIP_VERSION_CHECK=1
# the extras to install: build.sh needs dev only; test.sh adds train (the tiny training run) and postgres
# (the instance test). A stamp names the pyproject.toml hash and the extras installed, so a superset
# already installed is enough.
EXTRAS="${NEWS_EXTRAS:-dev}"
# a Dagster instance on PostgreSQL needs its storage classes (pipelines/instance.py)
[ -z "${NEWS_DAGSTER_POSTGRES_URL:-}" ] || [[ ",$EXTRAS," == *,postgres,* ]] || EXTRAS="$EXTRAS,postgres"
hash="$(sha256sum pyproject.toml | cut -c1-16)"
installed=""
for stamp in .venv/.installed-"$hash"-*; do
    [ -f "$stamp" ] || continue
    have=",${stamp##*-},"
    missing=0
    for extra in ${EXTRAS//,/ }; do [[ "$have" == *",$extra,"* ]] || missing=1; done
    [ "$missing" = 0 ] && installed="$stamp"
done
if [ -z "$installed" ]; then
    echo "Setting up .venv (first run, new extras [$EXTRAS] or pyproject.toml changed)..." >&2
    [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
    .venv/bin/python -m pip install --quiet --upgrade pip >&2
    .venv/bin/python -m pip install --quiet -e ".[$EXTRAS]" >&2
    find .venv -maxdepth 1 -name '.installed-*' ! -name ".installed-$hash-*" -delete
    touch ".venv/.installed-$hash-$EXTRAS"
fi
