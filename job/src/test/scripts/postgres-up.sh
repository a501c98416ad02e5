#!/usr/bin/env bash
# Starts the machine's PostgreSQL server for the PostgreSQL tests and makes sure the test role and database exist.
# Idempotent: safe to run on every test run. Run as root (it switches to the postgres user) on a Debian-style
# machine (pg_ctlcluster); installs the server with apt-get when it is missing.
#
# Prints, on success, the last line:  jdbc:postgresql://127.0.0.1:<port>/<database>
# Environment: WRITEBACK_TEST_PG_USER (writeback), WRITEBACK_TEST_PG_PASSWORD (writeback-test-Pw-5e8c1d),
#              WRITEBACK_TEST_PG_DATABASE (writeback).
set -euo pipefail

user="${WRITEBACK_TEST_PG_USER:-writeback}"
password="${WRITEBACK_TEST_PG_PASSWORD:-writeback-test-Pw-5e8c1d}"
database="${WRITEBACK_TEST_PG_DATABASE:-writeback}"

log() { echo "postgres-up: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
  log "must run as root (it starts the cluster and switches to the postgres user); running as $(id -un)"
  exit 3
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  log "PostgreSQL server not installed; installing it with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q postgresql >&2; then
    apt-get update -q >&2
    apt-get install -y -q postgresql >&2
  fi
fi

# the first cluster the machine has (Debian: 15/main); create one if the package left none
read -r version cluster port status _ < <(pg_lsclusters -h | head -n 1 || true) || true
if [ -z "${version:-}" ]; then
  version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  cluster=main
  log "no cluster found; creating $version/$cluster"
  pg_createcluster "$version" "$cluster" >&2
  read -r version cluster port status _ < <(pg_lsclusters -h | head -n 1)
fi

if [ "$status" != "online" ]; then
  log "starting cluster $version/$cluster (port $port)"
  # a concurrent start by another test JVM is fine: check again instead of failing
  pg_ctlcluster "$version" "$cluster" start >&2 || pg_lsclusters -h | grep -q "^$version *$cluster .*online" || {
    log "could not start $version/$cluster; see /var/log/postgresql/postgresql-$version-$cluster.log"
    exit 4
  }
fi

psql_admin() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$port" "$@"; }

for _ in $(seq 1 50); do
  psql_admin -d postgres -c 'SELECT 1' >/dev/null 2>&1 && break
  sleep 0.2
done

# role (CREATEDB: each test class makes its own database) and database; concurrent runs may race, so
# "already exists" errors are tolerated and the state is checked afterwards
psql_admin -d postgres >/dev/null 2>&1 <<SQL || true
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$user') THEN
    CREATE ROLE "$user" LOGIN CREATEDB PASSWORD '$password';
  ELSE
    ALTER ROLE "$user" LOGIN CREATEDB PASSWORD '$password';
  END IF;
END
\$\$;
SQL
if [ "$(psql_admin -d postgres -tA -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != "1" ]; then
  psql_admin -d postgres -c "CREATE DATABASE \"$database\" OWNER \"$user\"" >&2 || true
fi
psql_admin -d postgres -tA -c "SELECT 1 FROM pg_roles WHERE rolname = '$user' AND rolcreatedb" | grep -q 1 || {
  log "role $user missing"; exit 5; }
psql_admin -d postgres -tA -c "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1 || {
  log "database $database missing"; exit 5; }

log "PostgreSQL $version/$cluster online on port $port; role $user, database $database"
echo "jdbc:postgresql://127.0.0.1:$port/$database"
