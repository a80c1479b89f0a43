#!/usr/bin/env bash
# Cost per conversation turn against history length, with the detection cache off and on (issue 19 items 2 and 5):
# runs ConversationTurnCpu (thread CPU time, so that it holds on a busy machine) and plots pseudonymization's CPU
# per turn as a PNG with gnuplot (Debian: apt-get install -y gnuplot-nox). Not part of the build or of CI.
#
#   benchmarks/curves/conversation.sh [--out DIR] [--seconds 6] [--from RESULTS.tsv]
#
# --from plots a TSV an earlier run wrote instead of measuring. Needs benchmarks/target/benchmarks.jar
# (./mvnw -q -pl benchmarks -am package -DskipTests).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
java="$("$root/bin/find-jdk")/bin/java" # a JDK >= 21, as bin/confidant finds it
out=$(mktemp -d /tmp/confidant-curves.XXXXXX) seconds=6 from=
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --from) from=$2; shift 2 ;;
    *) echo "conversation.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
tsv="$out/conversation.tsv"
if [ -n "$from" ]; then
  cp "$from" "$tsv"
else
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  # 160 first as a warm-up: later combinations run on warmer code in the one JVM (the plot takes the last row).
  "$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
    -cp "$root/benchmarks/target/benchmarks.jar" dev.confidant.benchmarks.ConversationTurnCpu \
    on,off 160,1,10,40,160 "$seconds" yes,no 2>/dev/null | grep -E '^(newValue|yes|no)' > "$tsv"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
fi
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
