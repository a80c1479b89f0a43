# Shared by the curve scripts (sourced): reads --out DIR, --seconds N, --cp CLASSPATH and --from TSV, finds a
# JDK >= 21 as bin/confidant does, and defines measure_or_copy NAME COMMAND... : runs COMMAND (its TSV on stdout) into
# $out/NAME.tsv with the load average before and after on stderr, or copies the --from file there instead.
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
java="$("$root/bin/find-jdk")/bin/java"
out=$(mktemp -d /tmp/confidant-curves.XXXXXX) from= cp="$root/benchmarks/target/benchmarks.jar"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --cp) cp=$2; shift 2 ;;
    --from) from=$2; shift 2 ;;
    *) echo "$(basename "$0"): unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
measure_or_copy() { # NAME COMMAND...
  local name=$1; shift
  if [ -n "$from" ]; then
    cp "$from" "$out/$name.tsv"
  else
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    "$@" > "$out/$name.tsv"
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  fi
}
