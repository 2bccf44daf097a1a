#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `start` makes one in a temporary folder (initdb,
# then pg_ctl on a free loopback port, no system service), `url` prints the URL the tests read as
# SAMLA_TEST_POSTGRES_URL, `stop` stops it and removes the folder. The server runs as an ordinary
# user: initdb refuses root, so as root it runs as Debian's `postgres` user.
set -euo pipefail
cd "$(dirname "$0")/.."
# SAMLA_POSTGRES_STATE names another state file, for a second cluster beside the tests' (the benchmark's).
state=${SAMLA_POSTGRES_STATE:-.build/test-postgres.state}

bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] || { echo "test-postgres: no PostgreSQL server found (scripts/install-deps.sh --with-test-tools installs Debian's postgresql)" >&2; exit 1; }
    echo "$dir"
}

as_server_user() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
start)
    if [ -f "$state" ]; then "$0" stop || true; fi
    bin=$(bindir)
    dir=$(mktemp -d "${TMPDIR:-/tmp}/samla-postgres.XXXXXX")
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_server_user "$bin/initdb" -D "$dir/data" -U samla -A trust --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 -c fsync=on" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    mkdir -p .build
    printf 'dir=%s\nport=%s\nbin=%s\n' "$dir" "$port" "$bin" >"$state"
    echo "test-postgres: PostgreSQL on 127.0.0.1:$port (data in $dir)" >&2
    ;;
url)
    [ -f "$state" ] || { echo "test-postgres: not started (scripts/test-postgres.sh start)" >&2; exit 1; }
    port=$(sed -n 's/^port=//p' "$state")
    echo "postgres://samla@127.0.0.1:$port/postgres"
    ;;
stop)
    [ -f "$state" ] || exit 0
    dir=$(sed -n 's/^dir=//p' "$state")
    bin=$(sed -n 's/^bin=//p' "$state")
    as_server_user "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir" "$state"
    ;;
*)
    echo "usage: scripts/test-postgres.sh start|url|stop" >&2
    exit 2
    ;;
esac
