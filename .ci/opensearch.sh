#!/usr/bin/env bash
# Starts or stops a private single-node OpenSearch 2.19.1 with the k-NN (Lucene engine) and neural-search (hybrid
# query, normalization pipeline) plugins, for engine-opensearch and the multi-node test. Everything comes from
# Maven Central.
#
#   .ci/opensearch.sh start   assembles the distribution once into $OPENSEARCH_HOME (the integ-test zip, which lacks
#                             lang-painless that k-NN extends and analysis-common that holds the language analyzers,
#                             plus those modules' jars and the two plugin zips), starts
#                             it on a free loopback port with a fresh data folder and a 512 MB heap, waits until the
#                             cluster is yellow and prints its URL (also written to $STATE/url)
#   .ci/opensearch.sh stop    stops the node this script started and removes its data
#
# OpenSearch refuses to run as root: as root the node runs as the user `opensearch-ci` (created if missing).
# The k-NN zip has no native libraries: every knn_vector mapping must say "engine": "lucene" (faiss kills the node).
# The JDK of `java` on PATH is used unless OPENSEARCH_JAVA_HOME is set (2.19 runs on 17 and 21).
# Environment (optional): OPENSEARCH_HOME (default ${TMPDIR:-/tmp}/confidant-opensearch/2.19.1),
# OPENSEARCH_STATE (default ${TMPDIR:-/tmp}/confidant-opensearch/run-<hash of this checkout's path>, so that two
# checkouts on one machine each get their own node), M2 (default ~/.m2/repository).
set -euo pipefail

V=2.19.1
repo=$(cd "$(dirname "$0")/.." && pwd)
base=${TMPDIR:-/tmp}/confidant-opensearch
home=${OPENSEARCH_HOME:-$base/$V}
state=${OPENSEARCH_STATE:-$base/run-$(printf %s "$repo" | sha256sum | cut -c1-8)}
M2=${M2:-$HOME/.m2/repository}
user=opensearch-ci
# shellcheck source=lib.sh
. "$repo/.ci/lib.sh"

log() { echo "opensearch.sh: $*" >&2; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $(( (RANDOM % 20000) + 30000 ))
}

java_home() {
  if [ -n "${OPENSEARCH_JAVA_HOME:-}" ]; then echo "$OPENSEARCH_JAVA_HOME"; return; fi
  dirname "$(dirname "$(readlink -f "$(command -v java)")")"
}

get() {
  "$repo/mvnw" -q -B -N -ntp dependency:get -Dartifact="$1" -Dtransitive="${2:-false}" >/dev/null
}

assemble() {
  [ -f "$home/.assembled-2" ] && return
  log "assembling OpenSearch $V with k-NN and neural-search into $home (Maven Central)"
  get org.opensearch.distribution.integ-test-zip:opensearch:$V:zip
  get org.opensearch.plugin:opensearch-knn:$V.0:zip
  get org.opensearch.plugin:neural-search:$V.0:zip
  get org.opensearch.plugin:lang-painless:$V true
  get org.opensearch.plugin:analysis-common:$V
  rm -rf "$home"; mkdir -p "$home"
  local tmp; tmp=$(mktemp -d "$home.XXXX")
  (cd "$tmp" && unzip -q "$M2/org/opensearch/distribution/integ-test-zip/opensearch/$V/opensearch-$V.zip")
  local oh=$tmp/opensearch-$V p=$tmp/opensearch-$V/modules/lang-painless
  mkdir -p "$p"
  cp "$M2/org/opensearch/plugin/lang-painless/$V/lang-painless-$V.jar" \
     "$M2/org/opensearch/plugin/opensearch-scripting-painless-spi/$V/opensearch-scripting-painless-spi-$V.jar" \
     "$M2/org/antlr/antlr4-runtime/4.13.1/antlr4-runtime-4.13.1.jar" "$M2"/org/ow2/asm/asm*/9.7/asm*-9.7.jar "$p/"
  printf 'description=painless\nversion=%s\nname=lang-painless\nclassname=org.opensearch.painless.PainlessPlugin\njava.version=11\nopensearch.version=%s\nextended.plugins=\nhas.native.controller=false\n' \
    $V $V > "$p/plugin-descriptor.properties"
  printf 'grant {\n  permission java.lang.RuntimePermission "createClassLoader";\n  permission java.lang.RuntimePermission "getClassLoader";\n};\n' \
    > "$p/plugin-security.policy"
  # analysis-common: the language analyzers (english, german) and most token filters.
  local a=$oh/modules/analysis-common
  mkdir -p "$a"
  cp "$M2/org/opensearch/plugin/analysis-common/$V/analysis-common-$V.jar" "$a/"
  printf 'description=analysis-common\nversion=%s\nname=analysis-common\nclassname=org.opensearch.analysis.common.CommonAnalysisPlugin\njava.version=11\nopensearch.version=%s\nextended.plugins=lang-painless\nhas.native.controller=false\n' \
    $V $V > "$a/plugin-descriptor.properties"
  OPENSEARCH_JAVA_HOME=$(java_home) "$oh/bin/opensearch-plugin" install --batch \
    "file://$M2/org/opensearch/plugin/opensearch-knn/$V.0/opensearch-knn-$V.0.zip" >/dev/null 2>&1
  OPENSEARCH_JAVA_HOME=$(java_home) "$oh/bin/opensearch-plugin" install --batch \
    "file://$M2/org/opensearch/plugin/neural-search/$V.0/neural-search-$V.0.zip" >/dev/null 2>&1
  rmdir "$home"; mv "$oh" "$home"; rm -rf "$tmp"
  touch "$home/.assembled-2"
}

# Runs a command as the node's user: $user when we are root (created if missing), else ourselves.
as_node_user() {
  if [ "$(id -u)" = 0 ]; then su -s /bin/bash "$user" -c "$*"; else bash -c "$*"; fi
}

start() {
  if [ -f "$state/url" ] && [ -f "$state/os.pid" ] && kill -0 "$(cat "$state/os.pid")" 2>/dev/null; then
    cat "$state/url"; return
  fi
  command -v unzip >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq unzip >/dev/null; }
  assemble
  stop 2>/dev/null || true
  mkdir -p "$state/data" "$state/logs" "$state/config"
  # A config folder per run: OpenSearch writes its keystore there, and the install stays read-only.
  cp -r "$home/config/." "$state/config/"
  # jvm.options names its GC log, error file and heap dumps relative to the install, which the node cannot write.
  sed -i -e "s|file=logs/gc.log|file=$state/logs/gc.log|" -e "s|ErrorFile=logs/|ErrorFile=$state/logs/|" \
    -e "s|HeapDumpPath=data|HeapDumpPath=$state/data|" "$state/config/jvm.options"
  if [ "$(id -u)" = 0 ]; then
    id "$user" >/dev/null 2>&1 || useradd -M -s /usr/sbin/nologin "$user"
    chown -R "$user" "$state"
    for dir in "$state" "$home"; do
      p=$dir; while [ "$p" != / ]; do chmod o+rx "$p" 2>/dev/null || true; p=$(dirname "$p"); done
    done
    chmod -R o+rX "$home"
  fi
  port=$(free_port)
  as_node_user "OPENSEARCH_JAVA_HOME='$(java_home)' OPENSEARCH_PATH_CONF='$state/config' \
    OPENSEARCH_JAVA_OPTS='-Xms512m -Xmx512m -XX:-HeapDumpOnOutOfMemoryError' \
    '$home/bin/opensearch' -d -p '$state/os.pid' -Ediscovery.type=single-node -Enetwork.host=127.0.0.1 \
    -Ehttp.port=$port -Etransport.port=$((port + 1)) -Epath.data='$state/data' -Epath.logs='$state/logs' \
    -Ecluster.routing.allocation.disk.threshold_enabled=false >'$state/stdout.log' 2>&1" \
    || { log "OpenSearch did not start:"; tail -20 "$state/stdout.log" >&2; exit 1; }
  url="http://127.0.0.1:$port"
  if wait_healthy 120 1 "$state/os.pid" curl -fsS "$url/_cluster/health?wait_for_status=yellow&timeout=1s"; then
    echo "$url" > "$state/url"
    log "OpenSearch $V at $url (pid $(cat "$state/os.pid"))"
    echo "$url"
    return
  fi
  log "OpenSearch did not become healthy; its log:"; tail -30 "$state/logs/"*.log "$state/stdout.log" >&2 2>/dev/null || true
  stop; exit 1
}

stop() {
  stop_pid "$state/os.pid" 40
  rm -rf "$state"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
