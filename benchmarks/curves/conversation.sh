#!/usr/bin/env bash
# Cost per conversation turn against history length, with the detection cache off and on (issue 19 items 2 and 5):
# runs ConversationTurnCpu (thread CPU time, so that it holds on a busy machine) and plots pseudonymization's CPU
# per turn as a PNG with gnuplot (Debian: apt-get install -y gnuplot-nox). Not part of the build or of CI.
#
#   benchmarks/curves/conversation.sh [--out DIR] [--seconds 6] [--from RESULTS.tsv]
#
# --from plots a TSV an earlier run wrote instead of measuring; --cp defaults to benchmarks/target/benchmarks.jar
# (./mvnw -q -pl benchmarks -am package -DskipTests).
set -euo pipefail
seconds=6
source "$(dirname "$0")/common.sh"
tsv="$out/conversation.tsv"
run() {
  # 160 first as a warm-up: later combinations run on warmer code in the one JVM (the plot takes the last row).
  "$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
    -cp "$cp" dev.confidant.benchmarks.ConversationTurnCpu \
    on,off 160,1,10,40,160 "$seconds" yes,no 2>/dev/null | grep -E '^(newValue|yes|no)'
}
measure_or_copy conversation run
# One series per (newValue, cache): the last row per message count wins (the warm 160).
for nv in yes no; do
  for c in off on; do
    awk -F'\t' -v nv="$nv" -v c="$c" '$1 == nv && $2 == c { ms[$3] = $6 } END { for (m in ms) print m "\t" ms[m] }' \
      "$tsv" | sort -n > "$out/$nv-$c.dat"
  done
done
gnuplot <<GP
set terminal pngcairo size 640,400 font ",10"
set output "$out/conversation.png"
set title "Pseudonymization CPU per turn vs. history length"
set xlabel "messages in the request (about 960 chars each)"
set ylabel "ms of CPU per turn"
set logscale xy
set xtics (1, 10, 40, 160)
set xrange [0.8:220]
set key top left
set grid
plot "$out/yes-off.dat" using 1:2 with linespoints title "cache off, new value each turn", \
     "$out/no-off.dat" using 1:2 with linespoints title "cache off, no new value", \
     "$out/yes-on.dat" using 1:2 with linespoints title "cache on, new value each turn", \
     "$out/no-on.dat" using 1:2 with linespoints title "cache on, no new value"
GP
cat "$tsv"
echo "plot: $out/conversation.png" >&2
