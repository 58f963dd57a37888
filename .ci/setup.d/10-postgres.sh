#!/usr/bin/env bash
# PostgreSQL for the ledger tests: Debian's server, a cluster of our own on 127.0.0.1:$PORT,
# a role and a database the tests may fill and empty. Writes EVENTLEDGER_TEST_PG to .ci/env.
#
# Run as root (CI does). A developer can run it too (sudo bash .ci/setup.d/10-postgres.sh);
# the tests read .ci/env when EVENTLEDGER_TEST_PG is not set. Safe to run again: a running
# cluster is kept. The cluster lives in $DATA (default /var/tmp/eventledger-pg), apart from
# any cluster the machine already has; stop it with
#   runuser -u postgres -- "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl" -D /var/tmp/eventledger-pg stop
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT="${EVENTLEDGER_PG_PORT:-55432}"
DATA="${EVENTLEDGER_PG_DATA:-/var/tmp/eventledger-pg}"
ROLE=eventledger
PASSWORD=eventledger  # a test-only role on loopback
DB=eventledger_test
URL="postgresql+psycopg://${ROLE}:${PASSWORD}@127.0.0.1:${PORT}/${DB}"

pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

if [ -z "$(pgbin)" ] || ! id postgres >/dev/null 2>&1; then
  echo "installing postgresql (Debian)"
  apt-get update -qq
  # policy-rc.d keeps the package from starting (or failing to start) its own cluster.
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  rm -f /usr/sbin/policy-rc.d
fi
BIN="$(pgbin)"
as_pg() { runuser -u postgres -- "$@"; }

if ! as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  if [ ! -s "$DATA/PG_VERSION" ]; then
    rm -rf "$DATA"
    install -d -o postgres -g postgres -m 700 "$DATA"
    as_pg "$BIN/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  fi
  as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p ${PORT} -k ${DATA} -c max_connections=100" >/dev/null
fi

psql_pg() { as_pg "$BIN/psql" -h "$DATA" -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ "$(psql_pg -c "SELECT 1 FROM pg_roles WHERE rolname = '${ROLE}'")" != 1 ]; then
  psql_pg -c "CREATE ROLE ${ROLE} LOGIN CREATEDB PASSWORD '${PASSWORD}'"
fi
if [ "$(psql_pg -c "SELECT 1 FROM pg_database WHERE datname = '${DB}'")" != 1 ]; then
  psql_pg -c "CREATE DATABASE ${DB} OWNER ${ROLE}"
fi

touch .ci/env
grep -v '^EVENTLEDGER_TEST_PG=' .ci/env >.ci/env.new || true
echo "EVENTLEDGER_TEST_PG=${URL}" >>.ci/env.new
mv .ci/env.new .ci/env
echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:${PORT}; EVENTLEDGER_TEST_PG written to .ci/env"
