#!/usr/bin/env bash
# Query cost against concurrency (issue 19 item 5): runs RetrievalConcurrency (1 to 64 threads searching one on-disk
# index of synthetic one-chunk documents with hashed 384-dimension unit vectors, as CollectionSizeCurve builds it;
# closed loop, top 10) and plots queries/s, wall p50/p99 and CPU per query per mode against the number of threads as
# a PNG with gnuplot (Debian: apt-get install -y gnuplot-nox). Not part of the build or of CI.
#
#   benchmarks/curves/retrieval-concurrency.sh [--out DIR] [--seconds 5] [--chunks 100000] [--threads 1,2,...,64]
#                                              [--index-dir DIR] [--cp CLASSPATH] [--from RESULTS.tsv]
#
# The index is DIR/size-CHUNKS (default /tmp/confidant-size-curve, shared with collection-size.sh, which builds it
# when it is missing). --from plots a TSV an earlier run wrote.
set -euo pipefail
seconds=5 chunks=100000 threads=1,2,4,8,16,32,64 index_dir=/tmp/confidant-size-curve args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --chunks) chunks=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --index-dir) index_dir=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
set -- "${args[@]+"${args[@]}"}"
source "$(dirname "$0")/common.sh"
tsv="$out/retrieval-concurrency.tsv"
run() {
  if [ ! -f "$index_dir/size-$chunks/complete" ]; then
    "$java" -Xmx6g --add-modules jdk.incubator.vector -cp "$cp" dev.confidant.benchmarks.CollectionSizeCurve \
      "$index_dir" "$chunks" 200 >/dev/null 2>&1
  fi
  "$java" -Xmx6g --add-modules jdk.incubator.vector -cp "$cp" dev.confidant.benchmarks.RetrievalConcurrency \
    "$index_dir/size-$chunks" "$threads" "$seconds" 2>/dev/null | grep -E '^(mode|[a-z0-9]+	[0-9])'
}
measure_or_copy retrieval-concurrency run
for mode in bm25 dense hybrid; do
  awk -F'\t' -v m="$mode" '$1 == m { print $2 "\t" $3 "\t" $4 "\t" $5 "\t" $6 }' "$tsv" | sort -n > "$out/$mode.dat"
done
gnuplot <<GP
set terminal pngcairo size 1280,400 font ",10"
set output "$out/retrieval-concurrency.png"
set multiplot layout 1,3 title "Queries against concurrent searchers, $chunks chunks (top 10, closed loop)"
set xlabel "concurrent searching threads"
set logscale x 2
set grid
set key top left
set ylabel "queries/s"
plot "$out/bm25.dat" using 1:2 with linespoints lc 1 title "BM25", \
     "$out/dense.dat" using 1:2 with linespoints lc 2 title "dense", \
     "$out/hybrid.dat" using 1:2 with linespoints lc 3 title "hybrid"
set ylabel "ms per query (wall)"
set logscale y
plot "$out/bm25.dat" using 1:3 with linespoints lc 1 title "BM25 p50", \
     "$out/bm25.dat" using 1:4 with linespoints lc 1 dt 2 title "BM25 p99", \
     "$out/dense.dat" using 1:3 with linespoints lc 2 title "dense p50", \
     "$out/dense.dat" using 1:4 with linespoints lc 2 dt 2 title "dense p99", \
     "$out/hybrid.dat" using 1:3 with linespoints lc 3 title "hybrid p50", \
     "$out/hybrid.dat" using 1:4 with linespoints lc 3 dt 2 title "hybrid p99"
set ylabel "ms of CPU per query (searching threads)"
plot "$out/bm25.dat" using 1:5 with linespoints lc 1 title "BM25", \
     "$out/dense.dat" using 1:5 with linespoints lc 2 title "dense", \
     "$out/hybrid.dat" using 1:5 with linespoints lc 3 title "hybrid"
unset multiplot
GP
cat "$tsv"
echo "plot: $out/retrieval-concurrency.png" >&2
