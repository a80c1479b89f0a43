#!/usr/bin/env bash
# Starts or stops llama.cpp's llama-server with the stories260K model, for the openai backend's integration tests.
#
#   .ci/llama-server.sh start   installs llama-server if missing (Debian packages, into a cache folder outside the
#                               repo), starts it on a free loopback port, waits until /health answers, prints the
#                               OpenAI base URL (http://127.0.0.1:PORT/v1) and writes it to $STATE_DIR/url
#   .ci/llama-server.sh stop    stops the server this script started
#
# Environment (all optional):
#   LLAMA_SERVER_HOME   install folder       (default: ${XDG_CACHE_HOME:-$HOME/.cache}/confidant/llama-sid)
#   LLAMA_SERVER_STATE  pid, url and log     (default: ${TMPDIR:-/tmp}/confidant-llama-server)
#   LLAMA_SERVER_MODEL  the GGUF file        (default: ../shared/models/stories260K.gguf beside the repo)
#   SHARED_DIR          the shared folder    (default: ../shared beside the repo)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DIR:-$repo/../shared}
home=${LLAMA_SERVER_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/confidant/llama-sid}
state=${LLAMA_SERVER_STATE:-${TMPDIR:-/tmp}/confidant-llama-server}
model=${LLAMA_SERVER_MODEL:-$shared/models/stories260K.gguf}

# shellcheck source=lib.sh
. "$repo/.ci/lib.sh"

log() { echo "llama-server.sh: $*" >&2; }

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
  else
    # No python: probe random high ports until one refuses connections.
    for _ in $(seq 1 50); do
      p=$(( (RANDOM % 20000) + 30000 ))
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
    done
    log "no free port found"; exit 1
  fi
}

start() {
  if [ -f "$state/pid" ] && kill -0 "$(cat "$state/pid")" 2>/dev/null; then
    cat "$state/url"; return
  fi
  [ -f "$model" ] || { log "model not found: $model"; exit 1; }
  if [ ! -x "$home/llama-server" ]; then
    log "installing llama-server into $home"
    mkdir -p "$(dirname "$home")"
    sh "$shared/tools/install-llama-server.sh" "$home" >&2
  fi
  mkdir -p "$state"
  port=$(free_port)
  # One thread and a small context: the model has 260K parameters; the tests send short prompts.
  nohup "$home/llama-server" -m "$model" --host 127.0.0.1 --port "$port" -t 1 -c 512 --parallel 2 \
    > "$state/log" 2>&1 < /dev/null &
  echo $! > "$state/pid"
  url="http://127.0.0.1:$port/v1"
  healthy=0
  wait_healthy 120 0.5 "$state/pid" curl -fsS "http://127.0.0.1:$port/health" || healthy=$?
  case $healthy in
    0) echo "$url" > "$state/url"
       log "serving $model at $url (pid $(cat "$state/pid"))"
       echo "$url"
       return ;;
    2) log "llama-server exited; its log:"; cat "$state/log" >&2; exit 1 ;;
  esac
  log "llama-server did not become healthy in 60 s; its log:"; cat "$state/log" >&2
  stop; exit 1
}

stop() {
  if [ -f "$state/pid" ]; then
    stop_pid "$state/pid" 20
    rm -f "$state/pid" "$state/url"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
