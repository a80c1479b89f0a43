#!/usr/bin/env bash
# Detokenize throughput against mapping size, one line per message size (issue 19 items 3 and 5): runs
# DetokenizeCpu (thread CPU time, so that it holds on a busy machine) and plots MB of message per CPU second as a PNG
# with gnuplot (Debian: apt-get install -y gnuplot-nox). Not part of the build or of CI.
#
#   benchmarks/curves/detokenize.sh [--out DIR] [--seconds 2] [--cp CLASSPATH] [--from RESULTS.tsv]
#
# --cp defaults to benchmarks/target/benchmarks.jar; --from plots a TSV an earlier run wrote instead of measuring.
set -euo pipefail
seconds=2
source "$(dirname "$0")/common.sh"
tsv="$out/detokenize.tsv"
run() {
  "$java" -cp "$cp" dev.confidant.benchmarks.DetokenizeCpu 256,2048,65536 10,100,1000,10000,100000 "$seconds" 4 \
    2>/dev/null | grep -E '^(message_bytes|[0-9])'
}
measure_or_copy detokenize run
# Per message size and mapping size the median of the measured rounds (the warm-up round left out).
for size in 256 2048 65536; do
  awk -F'\t' -v s="$size" '$1 == s && $3 != "warm-up" { v[$2] = v[$2] " " $4 }
    END { for (e in v) { n = split(v[e], a, " "); for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
      print e "\t" (n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2) } }' "$tsv" | sort -n > "$out/$size.dat"
done
gnuplot <<GP
set terminal pngcairo size 640,400 font ",10"
set output "$out/detokenize.png"
set title "Detokenize: MB of message per CPU second vs. mapping size"
set xlabel "mapping entries"
set ylabel "MB/s per CPU second"
set logscale x
set yrange [0:*]
set key bottom left
set grid
plot "$out/65536.dat" using 1:2 with linespoints title "64 KB message", \
     "$out/2048.dat" using 1:2 with linespoints title "2 KB message", \
     "$out/256.dat" using 1:2 with linespoints title "256 B message", \
     1000 with lines dashtype 2 title "target 1 GB/s"
GP
cat "$tsv"
echo "plot: $out/detokenize.png" >&2
