#!/usr/bin/env bash
# Side-by-side gateway benchmark (issue 19): the same canned OpenAI-compatible upstream behind Confidant
# (pseudonymization off and on) and behind the peer, npm @portkey-ai/gateway 1.15.2, driven by wrk for JSON and
# SSE, plus SSE time to first chunk. Prints one Markdown table with ratios; see README.md next to this file.
#
#   benchmarks/gateway/run.sh [--connections 64] [--duration 10] [--warmup 10] [--rounds 3] [--ttfc 300]
#                             [--modes json,sse] [--targets upstream,peer,confidant-off,confidant-on,confidant-on-new]
#                             [--max-load 2.5] [--out DIR]
#
# Needs node + npm (the upstream, the peer, the TTFC client), wrk (Debian: apt-get install -y wrk) and a JDK >= 21
# (bin/confidant finds one and builds Confidant on first use). Not part of the build or of CI.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${CONFIDANT_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/confidant-gateway-bench}
connections=64 duration=10 warmup=10 rounds=3 ttfc_count=300 max_load="" out=""
modes=json,sse targets=upstream,peer,confidant-off,confidant-on,confidant-on-new
while [ $# -gt 0 ]; do
  case "$1" in
    --connections) connections=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --ttfc) ttfc_count=$2; shift 2 ;;
    --modes) modes=$2; shift 2 ;;
    --targets) targets=$2; shift 2 ;;
    --max-load) max_load=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
for tool in node npm wrk curl; do
  command -v "$tool" >/dev/null || { echo "run.sh: '$tool' is missing (wrk: apt-get install -y wrk)" >&2; exit 2; }
done
out=${out:-$(mktemp -d /tmp/confidant-gateway-bench.XXXXXX)}
mkdir -p "$out"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

load1() { cut -d' ' -f1 /proc/loadavg; }
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
# CPU time (user + system, in clock ticks) of a process and its threads.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
wait_http() { # URL SECONDS
  for _ in $(seq 1 "$2"); do curl -sf -o /dev/null "$1" && return 0; sleep 1; done
  echo "run.sh: nothing answers at $1 after $2 s" >&2; return 1
}

if [ -n "$max_load" ]; then
  echo "waiting for the 1-minute load average to drop below $max_load (now $(load1))..." >&2
  while awk -v l="$(load1)" -v m="$max_load" 'BEGIN{exit !(l >= m)}'; do sleep 15; done
fi

# --- the peer, from npm, into the cache ------------------------------------------------------------------------
peer_dir="$cache/peer"
if [ ! -f "$peer_dir/node_modules/@portkey-ai/gateway/build/start-server.js" ]; then
  mkdir -p "$peer_dir"
  # @hono/node-server above 1.13 hands Portkey fetch's immutable response headers, and every SSE request fails with
  # "TypeError: immutable" (Portkey-AI/gateway#1389, #1550): pin the last version that works.
  cat > "$peer_dir/package.json" <<'EOF'
{
  "private": true,
  "dependencies": { "@portkey-ai/gateway": "1.15.2" },
  "overrides": { "@hono/node-server": "1.13.8" }
}
EOF
  (cd "$peer_dir" && npm install --no-audit --no-fund --silent) >&2
fi

up_port=$(free_port) peer_port=$(free_port) cf_port=$(free_port)
token="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
token_sha=$(printf %s "$token" | sha256sum | cut -d' ' -f1)

# --- processes --------------------------------------------------------------------------------------------------
node "$here/upstream.mjs" "$up_port" > "$out/upstream.log" 2>&1 & pids+=($!); up_pid=$!
(cd "$peer_dir" && NODE_ENV=production exec node node_modules/@portkey-ai/gateway/build/start-server.js \
  --port="$peer_port" --headless) > "$out/peer.log" 2>&1 & pids+=($!); peer_pid=$!
source "$here/confidant-yaml.sh"
confidant_yaml "$cf_port" "$up_port" "$token_sha" > "$out/confidant.yaml"
"$root/bin/confidant" serve --config "$out/confidant.yaml" > "$out/confidant.log" 2>&1 & pids+=($!); cf_pid=$!
wait_http "http://127.0.0.1:$up_port/stats" 30
wait_http "http://127.0.0.1:$cf_port/health" 900   # the first run builds Confidant
for _ in $(seq 1 30); do (echo > "/dev/tcp/127.0.0.1/$peer_port") 2>/dev/null && break; sleep 1; done
# bin/confidant execs java; the peer's subshell execs node: these pids are the servers themselves.

# --- requests ---------------------------------------------------------------------------------------------------
messages='"messages":[{"role":"system","content":"You are a helpful support assistant."},{"role":"user","content":"My name is John Doe and I need help with my account."}]'
printf '{"model":"canned",%s}' "$messages" > "$out/json.json"
printf '{"model":"canned","stream":true,%s}' "$messages" > "$out/sse.json"
printf '{"model":"canned-paced","stream":true,%s}' "$messages" > "$out/paced.json"
# The same request with a user message that differs per request (post-new.lua fills in NEW): every turn new text.
new_messages=${messages/my account./my account, note NEW.}
printf '{"model":"canned",%s}' "$new_messages" > "$out/json-new.json"
printf '{"model":"canned","stream":true,%s}' "$new_messages" > "$out/sse-new.json"

url_of() {
  case "$1" in
    upstream) echo "http://127.0.0.1:$up_port/v1/chat/completions" ;;
    peer) echo "http://127.0.0.1:$peer_port/v1/chat/completions" ;;
    confidant-*) echo "http://127.0.0.1:$cf_port/v1/chat/completions" ;;
  esac
}
headers_of() { # one header per line
  case "$1" in
    peer) printf '%s\n' 'x-portkey-provider: openai' "x-portkey-custom-host: http://127.0.0.1:$up_port/v1" \
      'Authorization: Bearer sk-bench' ;;
    confidant-off) printf '%s\n' "Authorization: Bearer $token" 'X-Apply-Pii-Pseudonymization: false' ;;
    confidant-on|confidant-on-new) printf '%s\n' "Authorization: Bearer $token" 'X-Apply-Pii-Pseudonymization: true' ;;
  esac
}
pid_of() { case "$1" in upstream) echo "$up_pid" ;; peer) echo "$peer_pid" ;; *) echo "$cf_pid" ;; esac; }
raw_names() { curl -s "http://127.0.0.1:$up_port/stats" | sed 's/.*"raw_names":\([0-9]*\).*/\1/'; }

# Each target answers correctly before it is measured: the reply text, [DONE], and with pseudonymization on the
# upstream sees a placeholder instead of the name while the caller reads the name again.
check() { # TARGET
  local t=$1 hdr=() line json sse before
  while IFS= read -r line; do [ -n "$line" ] && hdr+=(-H "$line"); done < <(headers_of "$t")
  before=$(raw_names)
  json=$(curl -s "${hdr[@]}" -H 'Content-Type: application/json' --data-binary @"$out/json.json" "$(url_of "$t")")
  sse=$(curl -s -N "${hdr[@]}" -H 'Content-Type: application/json' --data-binary @"$out/sse.json" "$(url_of "$t")")
  case "$json" in *'"content":"Hello '*) ;; *) echo "run.sh: $t answered JSON: $json" >&2; exit 1 ;; esac
  case "$sse" in *'data: [DONE]'*) ;; *) echo "run.sh: $t answered SSE: ${sse:0:300}" >&2; exit 1 ;; esac
  if [ "${t#confidant-on}" != "$t" ]; then
    [ "$(raw_names)" = "$before" ] || { echo "run.sh: the upstream saw the raw name through $t" >&2; exit 1; }
    case "$json" in *'Hello John Doe,'*) ;; *) echo "run.sh: $t did not restore the name: $json" >&2; exit 1 ;; esac
  fi
}
IFS=, read -r -a target_list <<< "$targets"
IFS=, read -r -a mode_list <<< "$modes"
for t in "${target_list[@]}"; do check "$t"; done

# --- load -------------------------------------------------------------------------------------------------------
results="$out/results.tsv"
printf 'mode\ttarget\tround\trps\tp50_us\tp99_us\terrors\tcpu_us_per_req\tload_before\tload_after\n' > "$results"
run_wrk() { # TARGET MODE SECONDS -> RESULT line + cpu
  local t=$1 m=$2 s=$3 args=() line c0 c1 res
  while IFS= read -r line; do [ -n "$line" ] && args+=("$line"); done < <(headers_of "$t")
  c0=$(cpu_ticks "$(pid_of "$t")")
  local script=post.lua body="$out/$m.json"
  [ "$t" = confidant-on-new ] && script=post-new.lua body="$out/$m-new.json"
  res=$(wrk -t2 -c"$connections" -d"${s}s" --timeout 10s -s "$here/$script" "$(url_of "$t")" -- \
    "$body" "${args[@]}" | grep '^RESULT')
  c1=$(cpu_ticks "$(pid_of "$t")")
  echo "$res cpu_ticks=$((c1 - c0))"
}
field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<< " $2"; }
tick_us=$((1000000 / $(getconf CLK_TCK)))

for m in "${mode_list[@]}"; do
  for t in "${target_list[@]}"; do
    echo "warm-up: $m $t (${warmup} s)" >&2
    run_wrk "$t" "$m" "$warmup" > /dev/null
  done
  for r in $(seq 1 "$rounds"); do
    # Rotate the order each round, so that no target always runs first or last while the load drifts.
    n=${#target_list[@]}
    for i in $(seq 0 $((n - 1))); do
      t=${target_list[$(((i + r - 1) % n))]}
      lb=$(load1); before=$(raw_names)
      res=$(run_wrk "$t" "$m" "$duration")
      la=$(load1)
      reqs=$(field requests "$res"); dur=$(field duration_us "$res")
      errs=$(( $(field connect_err "$res") + $(field read_err "$res") + $(field write_err "$res") \
        + $(field status_err "$res") + $(field timeout_err "$res") ))
      rps=$(awk -v r="$reqs" -v d="$dur" 'BEGIN{printf "%.0f", r * 1e6 / d}')
      cpu=$(awk -v c="$(field cpu_ticks "$res")" -v u="$tick_us" -v r="$reqs" 'BEGIN{printf "%.0f", r ? c * u / r : 0}')
      if [ "${t#confidant-on}" != "$t" ] && [ "$(raw_names)" != "$before" ]; then
        echo "run.sh: the upstream saw the raw name during $m $t" >&2; errs=$((errs + 1000000))
      fi
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$m" "$t" "$r" "$rps" "$(field p50_us "$res")" \
        "$(field p99_us "$res")" "$errs" "$cpu" "$lb" "$la" >> "$results"
      echo "$m $t round $r: $rps requests/s, p50 $(field p50_us "$res") us, p99 $(field p99_us "$res") us, errors $errs, load $lb -> $la" >&2
    done
  done
done

# --- SSE time to first chunk (paced upstream: first chunk at once, then one every 10 ms) -------------------------
ttfc="$out/ttfc.tsv"
printf 'target\tttfc_p50_us\tttfc_p90_us\tttfc_p99_us\ttotal_p50_us\terrors\tload\n' > "$ttfc"
for t in "${target_list[@]}"; do
  [ "$t" = confidant-on-new ] && continue # one request at a time: the same as confidant-on
  args=()
  while IFS= read -r line; do [ -n "$line" ] && args+=("$line"); done < <(headers_of "$t")
  lb=$(load1)
  res=$(node "$here/ttfc.mjs" "$(url_of "$t")" "$out/paced.json" 50 "$ttfc_count" "${args[@]}")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$(field ttfc_p50_us "$res")" "$(field ttfc_p90_us "$res")" \
    "$(field ttfc_p99_us "$res")" "$(field total_p50_us "$res")" "$(field errors "$res")" "$lb" >> "$ttfc"
  echo "ttfc $t: $res" >&2
done

# --- the table --------------------------------------------------------------------------------------------------
{
  echo "Gateway benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, wrk -t2 -c$connections, ${rounds} x ${duration} s per cell (median of rounds)"
  echo
  awk -F'\t' -f "$here/table.awk" "$results"
  echo
  awk -F'\t' -f "$here/ttfc.awk" "$ttfc"
} | tee "$out/table.md"
echo "raw results: $out" >&2
