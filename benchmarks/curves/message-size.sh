#!/usr/bin/env bash
# Request cost against message size (issue 19 item 5): runs MessageSizeCpu (thread CPU time of one request through
# the whole engine, pseudonymization on and off, detection cache off) and plots pseudonymization's CPU and the
# pipeline baseline per request against the message's bytes as a PNG with gnuplot (Debian: apt-get install -y
# gnuplot-nox). Not part of the build or of CI.
#
#   benchmarks/curves/message-size.sh [--out DIR] [--seconds 4] [--cp CLASSPATH] [--from RESULTS.tsv]
#
# --cp defaults to benchmarks/target/benchmarks.jar; --from plots a TSV an earlier run wrote instead of measuring.
set -euo pipefail
seconds=4
source "$(dirname "$0")/common.sh"
tsv="$out/message-size.tsv"
run() {
  # 256 first as a warm-up: the plot takes the last row per size.
  "$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "$cp" \
    dev.confidant.benchmarks.MessageSizeCpu 256,256,1024,4096,16384,65536 "$seconds" 2>/dev/null \
    | grep -E '^(bytes|[0-9])'
}
measure_or_copy message-size run
awk -F'\t' 'NR > 1 { p[$1] = $4; b[$1] = $3 } END { for (s in p) print s "\t" p[s] "\t" b[s] }' "$tsv" \
  | sort -n > "$out/message-size.dat"
gnuplot <<GP
set terminal pngcairo size 640,400 font ",10"
set output "$out/message-size.png"
set title "CPU per request vs. message size (whole engine, one user message)"
set xlabel "message bytes"
set ylabel "ms of CPU per request"
set logscale xy
set format x "%.0s%cB"
set key bottom right
set grid
plot "$out/message-size.dat" using 1:2 with linespoints title "pseudonymization (on minus off)", \
     "$out/message-size.dat" using 1:3 with linespoints title "pipeline and scripted backend (pseudonymization off)"
GP
cat "$tsv"
echo "plot: $out/message-size.png" >&2
