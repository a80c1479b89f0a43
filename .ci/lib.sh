# Functions the .ci scripts share; sourced by them, never run on its own.

# wait_healthy TRIES PAUSE PIDFILE COMMAND...: runs COMMAND (its output discarded) until it succeeds, at most TRIES
# times PAUSE seconds apart. Returns 0 once it succeeded, 2 as soon as the process whose id PIDFILE holds has
# exited, 1 when the tries ran out.
wait_healthy() {
  local tries=$1 pause=$2 pidfile=$3
  shift 3
  for _ in $(seq 1 "$tries"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    if [ -f "$pidfile" ] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then return 2; fi
    sleep "$pause"
  done
  return 1
}

# stop_pid PIDFILE TRIES: stops the process whose id PIDFILE holds, if it runs: TERM, then up to TRIES quarter
# seconds for it to exit, then KILL.
stop_pid() {
  local pidfile=$1 tries=$2 pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 "$tries"); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  fi
}
