#!/usr/bin/env bash
# Two (or more) builds of Confidant side by side behind one canned upstream, measured alternately with wrk, so that
# a change is compared with its baseline in the same minutes of a shared machine's load (README.md, "Before and
# after"). Each build is a directory holding classes/ and lib/, copied from engine-server/target after
#   ./mvnw -q -pl engine-server -am package -DskipTests
#
#   benchmarks/gateway/ab.sh ROUNDS SECONDS MODES PSEUDO BUILD_DIR...
#     e.g. C=16 WARM=15 benchmarks/gateway/ab.sh 4 8 json,sse false,true /tmp/base /tmp/change
# Env: C connections (64), WARM seconds of warm-up per build, mode and pseudonymization setting (8). Prints one
# TSV line per cell: requests/s, p50/p99 and the gateway's CPU per request (user + system of its process), with
# the load average. Needs node, wrk and a JDK >= 21 (JAVA, default the one bin/find-jdk picks).
set -euo pipefail
[ $# -ge 5 ] || { sed -n '2,12p' "$0"; exit 2; }
rounds=$1 secs=$2 modes=$3 pseudos=$4; shift 4
here=$(cd "$(dirname "$0")" && pwd)
java=${JAVA:-$("$here/../../bin/find-jdk")/bin/java}
out=$(mktemp -d /tmp/confidant-gateway-ab.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
up_port=$(free_port)
node "$here/upstream.mjs" "$up_port" > "$out/upstream.log" 2>&1 & pids+=($!)
token="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
token_sha=$(printf %s "$token" | sha256sum | cut -d' ' -f1)
source "$here/confidant-yaml.sh"
declare -A port pid
for v in "$@"; do
  p=$(free_port); port[$v]=$p
  name=$(basename "$v")
  confidant_yaml "$p" "$up_port" "$token_sha" > "$out/$name.yaml"
  "$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED ${JOPTS:-} -cp "$v/classes:$v/lib/*" \
    dev.confidant.server.cli.ConfidantCli serve --config "$out/$name.yaml" > "$out/$name.log" 2>&1 & pids+=($!)
  pid[$v]=$!
done
for v in "$@"; do
  for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:${port[$v]}/health" && break; sleep 1; done
done
messages='"messages":[{"role":"system","content":"You are a helpful support assistant."},{"role":"user","content":"My name is John Doe and I need help with my account."}]'
printf '{"model":"canned",%s}' "$messages" > "$out/json.json"
printf '{"model":"canned","stream":true,%s}' "$messages" > "$out/sse.json"
IFS=, read -r -a mode_list <<< "$modes"; IFS=, read -r -a pseudo_list <<< "$pseudos"
cell() { # BUILD MODE PSEUDO SECONDS
  local c0 c1 res n
  c0=$(awk '{print $14 + $15}' "/proc/${pid[$1]}/stat")
  res=$(wrk -t2 -c"${C:-64}" -d"$4s" --timeout 10s -s "$here/post.lua" "http://127.0.0.1:${port[$1]}/v1/chat/completions" -- \
    "$out/$2.json" "Authorization: Bearer $token" "X-Apply-Pii-Pseudonymization: $3" | grep '^RESULT')
  c1=$(awk '{print $14 + $15}' "/proc/${pid[$1]}/stat")
  n=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<< "$res")
  awk -v b="$(basename "$1")" -v m="$2" -v ps="$3" -v n="$n" -v s="$4" -v t="$((c1 - c0))" -v r="$res" \
    -v hz="$(getconf CLK_TCK)" -v load="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
      match(r, /p50_us=[0-9]+/); p50 = substr(r, RSTART + 7, RLENGTH - 7)
      match(r, /p99_us=[0-9]+/); p99 = substr(r, RSTART + 7, RLENGTH - 7)
      match(r, /status_err=[0-9]+/); errs = substr(r, RSTART + 11, RLENGTH - 11)
      printf "%s\t%s\t%s\t%d\t%.0f\t%.1f\t%.1f\t%.0f\t%s\t%s\n", b, m, ps, n, n / s, p50 / 1000, p99 / 1000,
        t * 1e6 / hz / n, errs, load }'
}
for m in "${mode_list[@]}"; do for ps in "${pseudo_list[@]}"; do for v in "$@"; do
  cell "$v" "$m" "$ps" "${WARM:-8}" > /dev/null
done; done; done
printf 'build\tmode\tpseudonymization\trequests\trequests_per_s\tp50_ms\tp99_ms\tcpu_us_per_request\tnon_2xx\tload\n'
for r in $(seq 1 "$rounds"); do
  for m in "${mode_list[@]}"; do for ps in "${pseudo_list[@]}"; do
    # Odd rounds in the given order, even rounds reversed: no build is always measured first.
    if [ $((r % 2)) = 1 ]; then order=("$@"); else order=(); for ((i = $#; i > 0; i--)); do order+=("${!i}"); done; fi
    for v in "${order[@]}"; do cell "$v" "$m" "$ps" "$secs"; done
  done; done
done
