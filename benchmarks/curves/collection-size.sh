#!/usr/bin/env bash
# Query cost against collection size (issue 19 item 5): runs CollectionSizeCurve (builds, or reuses, on-disk Lucene
# indexes of synthetic one-chunk documents with hashed 384-dimension unit vectors; wall and thread-CPU p50/p99 of
# BM25, dense and hybrid queries, index size, build time) and plots query CPU p50/p99 per mode against the number of
# chunks as a PNG with gnuplot (Debian: apt-get install -y gnuplot-nox). Not part of the build or of CI.
#
#   benchmarks/curves/collection-size.sh [--out DIR] [--sizes 10000,100000,300000] [--index-dir DIR] [--cp CLASSPATH]
#                                        [--from RESULTS.tsv]
#
# The indexes (about 2.5 KB per chunk: 0.25 GB at 100k, 2.5 GB at 1M) stay in --index-dir (default
# /tmp/confidant-size-curve) so that a re-run only measures queries. --from plots a TSV an earlier run wrote.
set -euo pipefail
sizes=10000,100000,300000 index_dir=/tmp/confidant-size-curve args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --index-dir) index_dir=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
set -- "${args[@]+"${args[@]}"}"
source "$(dirname "$0")/common.sh"
tsv="$out/collection-size.tsv"
run() {
  "$java" -Xmx6g --add-modules jdk.incubator.vector -cp "$cp" dev.confidant.benchmarks.CollectionSizeCurve \
    "$index_dir" "$sizes" 1000 2>/dev/null | grep -E '^(chunks|[0-9])'
}
measure_or_copy collection-size run
for mode in bm25 dense hybrid; do
  awk -F'\t' -v m="$mode" '$2 == m { print $1 "\t" $7 "\t" $8 "\t" $5 "\t" $6 }' "$tsv" | sort -n > "$out/$mode.dat"
done
gnuplot <<GP
set terminal pngcairo size 640,400 font ",10"
set output "$out/collection-size.png"
set title "Query CPU time vs. collection size (top 10, one query at a time)"
set xlabel "chunks in the collection"
set ylabel "ms of CPU per query"
set logscale xy
set format x "%.0s%c"
set key bottom right
set grid
plot "$out/bm25.dat" using 1:2 with linespoints lc 1 title "BM25 p50", \
     "$out/bm25.dat" using 1:3 with linespoints lc 1 dt 2 title "BM25 p99", \
     "$out/dense.dat" using 1:2 with linespoints lc 2 title "dense p50", \
     "$out/dense.dat" using 1:3 with linespoints lc 2 dt 2 title "dense p99", \
     "$out/hybrid.dat" using 1:2 with linespoints lc 3 title "hybrid p50", \
     "$out/hybrid.dat" using 1:3 with linespoints lc 3 dt 2 title "hybrid p99"
GP
cat "$tsv"
echo "plot: $out/collection-size.png" >&2
