#!/usr/bin/env bash
# Starts or stops a private PostgreSQL 15 for the cluster-storage tests (engine-postgres, the multi-node test).
#
#   .ci/postgres.sh start   installs Debian's postgresql-15 if missing, creates a fresh cluster in $STATE/data,
#                           starts it on a free loopback port (as the `postgres` user when run as root: PostgreSQL
#                           refuses root), creates the role and database `confidant` and prints the JDBC URL
#                           (also written to $STATE/url)
#   .ci/postgres.sh stop    stops the server this script started and removes its data
#
# The URL carries the user and password: jdbc:postgresql://127.0.0.1:PORT/confidant?user=confidant&password=...
# Environment (optional): POSTGRES_STATE (default ${TMPDIR:-/tmp}/confidant-postgres-<hash of this checkout's path>,
# so that two checkouts on one machine each get their own server).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
state=${POSTGRES_STATE:-${TMPDIR:-/tmp}/confidant-postgres-$(printf %s "$repo" | sha256sum | cut -c1-8)}
log() { echo "postgres.sh: $*" >&2; }

bindir() {
  for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return; }
  return 1
}

install() {
  bindir >/dev/null && return
  [ "$(id -u)" = 0 ] || { log "PostgreSQL is not installed and this user cannot install it (apt-get install postgresql-15)"; exit 1; }
  log "installing postgresql-15 from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends postgresql-15 postgresql-client-15 >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends postgresql-15 postgresql-client-15 >/dev/null; }
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $(( (RANDOM % 20000) + 30000 ))
}

# Runs a command as the user that owns the cluster: `postgres` when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" = 0 ]; then su -s /bin/bash postgres -c "$*"; else bash -c "$*"; fi
}

start() {
  if [ -f "$state/url" ] && [ -f "$state/data/postmaster.pid" ] \
      && kill -0 "$(head -1 "$state/data/postmaster.pid")" 2>/dev/null; then
    cat "$state/url"; return
  fi
  install
  bin=$(bindir)
  stop 2>/dev/null || true
  mkdir -p "$state"
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$state"
    p=$state; while [ "$p" != / ]; do chmod o+x "$p" 2>/dev/null || true; p=$(dirname "$p"); done
  fi
  port=$(free_port)
  as_owner "'$bin/initdb' -D '$state/data' -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null 2>'$state/initdb.log'" \
    || { log "initdb failed:"; cat "$state/initdb.log" >&2; exit 1; }
  # Loopback TCP needs the password (scram); the socket in $state/data stays trust for the owner.
  as_owner "echo 'host all all 127.0.0.1/32 scram-sha-256' > '$state/data/pg_hba.conf' && echo 'local all postgres trust' >> '$state/data/pg_hba.conf'"
  as_owner "'$bin/pg_ctl' -D '$state/data' -l '$state/data/server.log' -w -t 60 \
      -o \"-p $port -k '$state/data' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start >/dev/null" \
    || { log "PostgreSQL did not start:"; tail -20 "$state/data/server.log" >&2; exit 1; }
  as_owner "'$bin/psql' -q -h '$state/data' -p $port -U postgres -d postgres -v ON_ERROR_STOP=1 \
      -c \"CREATE ROLE confidant LOGIN PASSWORD '$password'\" -c 'CREATE DATABASE confidant OWNER confidant'" >/dev/null
  url="jdbc:postgresql://127.0.0.1:$port/confidant?user=confidant&password=$password"
  echo "$url" > "$state/url"
  log "PostgreSQL at 127.0.0.1:$port (data $state/data)"
  echo "$url"
}

stop() {
  bin=$(bindir) || return 0
  if [ -f "$state/data/postmaster.pid" ]; then
    as_owner "'$bin/pg_ctl' -D '$state/data' -m immediate -w stop >/dev/null 2>&1" || true
  fi
  rm -rf "$state"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
