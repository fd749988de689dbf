#!/usr/bin/env bash
# A PostgreSQL server of the project's own for the Dagster instance (run history, event log, schedules):
#   bash scripts/postgres.sh start    install Debian's postgresql if missing (as root), initdb, start,
#                                     create the database; prints the URL for NEWS_DAGSTER_POSTGRES_URL
#   bash scripts/postgres.sh stop     stop the server (its data stays)
#   bash scripts/postgres.sh status   exit 0 if it runs, 1 if not
#   bash scripts/postgres.sh url      the URL, without starting anything
# The cluster lives in .postgres/ (gitignored; NEWS_POSTGRES_DIR moves it) and listens on a unix socket in
# that folder only, no TCP port: nothing to clash with another server on the machine. Every command can be
# repeated. Exit status 3: PostgreSQL cannot be installed or started here (the message says why).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${NEWS_POSTGRES_DIR:-$ROOT/.postgres}"
DB="${NEWS_POSTGRES_DB:-dagster}"
PGUSER_NAME=news
DATA="$DIR/data"
SOCKET="$DIR/socket"

unavailable() {
    echo "postgres.sh: PostgreSQL unavailable: $*" >&2
    exit 3
}

# the URL carries the socket folder in its query string: only characters that need no escaping there
[[ "$DIR" =~ ^[A-Za-z0-9/._-]+$ ]] || {
    echo "postgres.sh: the folder $DIR has characters a URL would need escaped; set NEWS_POSTGRES_DIR" >&2
    exit 2
}
# a unix socket path is at most 107 bytes (sun_path)
((${#SOCKET} + 17 <= 107)) || {
    echo "postgres.sh: $SOCKET is too long for a unix socket; set NEWS_POSTGRES_DIR to a shorter folder" >&2
    exit 2
}
# the driver named: SQLAlchemy 2.1 takes a bare postgresql:// for psycopg 3; dagster-postgres brings psycopg2
url() { echo "postgresql+psycopg2://$PGUSER_NAME@/$DB?host=$SOCKET"; }

find_bin() {
    # NEWS_POSTGRES_BIN, else Debian's newest /usr/lib/postgresql/N/bin, else initdb on the PATH
    if [ -n "${NEWS_POSTGRES_BIN:-}" ]; then
        echo "$NEWS_POSTGRES_BIN"
        return
    fi
    local found
    found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    if [ -n "$found" ] && [ -x "$found/initdb" ]; then
        echo "$found"
    elif command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
    fi
}

install_postgres() {
    [ "$(id -u)" = 0 ] ||
        unavailable "not installed, and only root can install it: apt-get install postgresql"
    command -v apt-get >/dev/null 2>&1 || unavailable "not installed, and there is no apt-get to install it"
    echo "postgres.sh: installing Debian's postgresql with apt-get..." >&2
    local started=$SECONDS
    # the package lists of a fresh container are empty: update once if the first attempt fails
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql >&2; then
        apt-get update -q >&2 || unavailable "apt-get update failed"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql >&2 ||
            unavailable "apt-get install postgresql failed"
    fi
    echo "postgres.sh: installed in $((SECONDS - started)) s" >&2
}

# The server refuses to run as root: as root, every server command runs as the postgres system user
# (made by Debian's package), which then owns the folder.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

prepare_folder() {
    mkdir -p "$DIR"
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || unavailable "running as root needs the postgres system user"
        chown postgres: "$DIR"
        runuser -u postgres -- test -w "$DIR" ||
            unavailable "the postgres user cannot reach $DIR (a parent folder closed?); set NEWS_POSTGRES_DIR"
    fi
    as_owner mkdir -p -m 700 "$SOCKET"
}

init_cluster() {
    [ -f "$DATA/PG_VERSION" ] && return
    as_owner rm -rf "$DATA" # an initdb that stopped half-way leaves a folder initdb will not reuse
    echo "postgres.sh: initdb $DATA" >&2
    as_owner "$BIN/initdb" -D "$DATA" -U "$PGUSER_NAME" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    # only the socket in the folder, open to its owner only (trust authentication relies on that)
    as_owner tee -a "$DATA/postgresql.conf" >/dev/null <<EOF
# scripts/postgres.sh
listen_addresses = ''
unix_socket_directories = '$SOCKET'
unix_socket_permissions = 0700
EOF
}

running() {
    [ -n "$BIN" ] && [ -f "$DATA/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

# waits up to 10 s for the server to accept connections; false at once if it stops running
answering() {
    local _
    for _ in $(seq 100); do
        "$BIN/pg_isready" -q -h "$SOCKET" && return 0
        running || return 1
        sleep 0.1
    done
    return 1
}

psql_() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCKET" -U "$PGUSER_NAME" -d postgres "$@"; }

start() {
    [ -n "$BIN" ] || install_postgres
    BIN="$(find_bin)"
    [ -n "$BIN" ] || unavailable "installed, but no initdb found under /usr/lib/postgresql"
    prepare_folder
    exec 9>"$DIR/.lock" # two starts at once: the second waits, then finds the server running
    flock 9
    init_cluster
    # a server killed a moment ago stays "running" until its process is reaped
    if running; then answering || true; fi
    if ! running; then # (9>&-: the server must not inherit the lock, or it would hold it for ever)
        as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 start >/dev/null 9>&- ||
            unavailable "the server did not start; $DIR/server.log ends with:
$(tail -n 5 "$DIR/server.log" 2>/dev/null)"
    fi
    answering || unavailable "the server of $DATA does not answer on $SOCKET"
    if [ "$(psql_ -tAc "select 1 from pg_database where datname = '$DB'")" != 1 ]; then
        psql_ -c "create database \"$DB\""
        echo "postgres.sh: created database $DB" >&2
    fi
    echo "postgres.sh: running, socket in $SOCKET" >&2
    url
}

BIN="$(find_bin)"
case "${1:-}" in
start) start ;;
stop)
    if running; then
        as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
        echo "postgres.sh: stopped" >&2
    else
        echo "postgres.sh: not running" >&2
    fi
    ;;
status)
    if running; then echo "running: $(url)"; else
        echo "not running"
        exit 1
    fi
    ;;
url) url ;;
*)
    echo "usage: bash scripts/postgres.sh start|stop|status|url" >&2
    exit 2
    ;;
esac
