#!/usr/bin/env bash
# Requests/s and latency against concurrent connections, Confidant as a gateway (issue 19 item 5): the gateway
# benchmark's canned upstream (../gateway/upstream.mjs) behind bin/confidant serve, driven by wrk with 1, 2, 4, ...
# 128 connections for JSON and SSE with pseudonymization off, the upstream alone at the same connection counts as
# the baseline; plots requests/s and p99 as a PNG with gnuplot (Debian: apt-get install -y wrk gnuplot-nox). Not part
# of the build or of CI.
#
#   benchmarks/curves/concurrency.sh [--out DIR] [--seconds 5] [--from RESULTS.tsv]
#
# Confidant runs with max-concurrent-requests and max-queued-requests at 128, above every connection count (the
# defaults, 32 and 64, answer 429 from the 97th concurrent request on). Each cell runs --seconds after one warm-up of 3x --seconds per mode at 64 connections; the TSV has the gateway's
# CPU per request (user + system of its process, /proc) and the load average after each cell. --from plots a TSV an
# earlier run wrote instead of measuring.
set -euo pipefail
seconds=5
source "$(dirname "$0")/common.sh"
gateway="$root/benchmarks/gateway"
tsv="$out/concurrency.tsv"
connections="1 2 4 8 16 32 64 128"

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
run() {
  local up cf token sha mode c res target
  up=$(free_port) cf=$(free_port)
  token="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  sha=$(printf %s "$token" | sha256sum | cut -d' ' -f1)
  node "$gateway/upstream.mjs" "$up" > "$out/upstream.log" 2>&1 & pids+=($!)
  source "$gateway/confidant-yaml.sh"
  { confidant_yaml "$cf" "$up" "$sha"
    # Above the largest connection count: the curve shows the gateway, not admission control (by default 32
    # requests run and 64 wait, and the 97th concurrent one is answered 429 at once).
    echo 'limits: {max-concurrent-requests: 128, max-queued-requests: 128}'
  } > "$out/confidant.yaml"
  "$root/bin/confidant" serve --config "$out/confidant.yaml" > "$out/confidant.log" 2>&1 & pids+=($!)
  local cf_pid=$!
  for _ in $(seq 1 900); do curl -sf -o /dev/null "http://127.0.0.1:$cf/health" && break; sleep 1; done
  local messages='"messages":[{"role":"system","content":"You are a helpful support assistant."},{"role":"user","content":"My name is John Doe and I need help with my account."}]'
  printf '{"model":"canned",%s}' "$messages" > "$out/json.json"
  printf '{"model":"canned","stream":true,%s}' "$messages" > "$out/sse.json"
  printf 'mode\ttarget\tconnections\trps\tp50_ms\tp99_ms\terrors\tcpu_us_per_req\tload\n'
  for mode in json sse; do
    wrk -t2 -c64 -d$((3 * seconds))s -s "$gateway/post.lua" "http://127.0.0.1:$cf/v1/chat/completions" -- \
      "$out/$mode.json" "Authorization: Bearer $token" 'X-Apply-Pii-Pseudonymization: false' > /dev/null
    for target in upstream confidant; do
      for c in $connections; do
        local url="http://127.0.0.1:$cf/v1/chat/completions" hdr=("Authorization: Bearer $token"
          'X-Apply-Pii-Pseudonymization: false')
        [ "$target" = upstream ] && url="http://127.0.0.1:$up/v1/chat/completions" hdr=()
        local c0 c1
        c0=$(awk '{print $14 + $15}' "/proc/$cf_pid/stat")
        res=$(wrk -t$((c < 2 ? 1 : 2)) -c"$c" -d"${seconds}s" --timeout 10s -s "$gateway/post.lua" "$url" -- \
          "$out/$mode.json" "${hdr[@]}" | grep '^RESULT')
        c1=$(awk '{print $14 + $15}' "/proc/$cf_pid/stat")
        awk -v m="$mode" -v t="$target" -v c="$c" -v ticks=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" \
          -v load="$(cut -d' ' -f1 /proc/loadavg)" -v r="$res" 'BEGIN {
            n = split(r, kv, " "); for (i = 2; i <= n; i++) { split(kv[i], p, "="); f[p[1]] = p[2] }
            err = f["connect_err"] + f["read_err"] + f["write_err"] + f["status_err"] + f["timeout_err"]
            cpu = t == "confidant" && f["requests"] ? ticks * 1e6 / hz / f["requests"] : 0
            printf "%s\t%s\t%d\t%.0f\t%.2f\t%.2f\t%d\t%.0f\t%s\n", m, t, c, f["requests"] * 1e6 / f["duration_us"],
              f["p50_us"] / 1000, f["p99_us"] / 1000, err, cpu, load }'
      done
    done
  done
}
measure_or_copy concurrency run
for mode in json sse; do
  for target in upstream confidant; do
    awk -F'\t' -v m="$mode" -v t="$target" '$1 == m && $2 == t { print $3 "\t" $4 "\t" $6 }' "$tsv" \
      > "$out/$mode-$target.dat"
  done
done
loads=$(awk -F'\t' 'NR > 1 { if (min == "" || $9 < min) min = $9; if ($9 > max) max = $9 } END { print min "-" max }' "$tsv")
gnuplot <<GP
set terminal pngcairo size 900,380 font ",10"
set output "$out/concurrency.png"
set multiplot layout 1,2 title "Confidant as a gateway (pseudonymization off) vs. connections; load average $loads"
set logscale x 2
set xrange [0.8:160]
set xlabel "concurrent connections (wrk)"
set grid
set key top left
set title "requests/s"
set logscale y
plot "$out/json-confidant.dat" using 1:2 with linespoints title "Confidant, JSON", \
     "$out/sse-confidant.dat" using 1:2 with linespoints title "Confidant, SSE", \
     "$out/json-upstream.dat" using 1:2 with linespoints dashtype 2 title "upstream alone, JSON", \
     "$out/sse-upstream.dat" using 1:2 with linespoints dashtype 2 title "upstream alone, SSE"
set title "p99 latency (ms)"
plot "$out/json-confidant.dat" using 1:3 with linespoints title "Confidant, JSON", \
     "$out/sse-confidant.dat" using 1:3 with linespoints title "Confidant, SSE", \
     "$out/json-upstream.dat" using 1:3 with linespoints dashtype 2 title "upstream alone, JSON", \
     "$out/sse-upstream.dat" using 1:3 with linespoints dashtype 2 title "upstream alone, SSE"
unset multiplot
GP
cat "$tsv"
echo "plot: $out/concurrency.png" >&2
