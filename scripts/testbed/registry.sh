#!/usr/bin/env bash
# Two image registries on loopback for the pull/push/tag tests (Debian's docker-registry 2.8):
# an open one, and one that asks for a login (htpasswd). The engine trusts 127.0.0.0/8 as an
# insecure registry by default, so both work over plain HTTP without a daemon change.
#   registry.sh ensure   install if needed, start whichever does not answer
#   registry.sh stop     stop both (by the pids this script wrote)
# Writes $BERTH_TESTBED/registry/registry.env: BERTH_REGISTRY, BERTH_AUTH_REGISTRY, BERTH_AUTH_USER,
# BERTH_AUTH_PASSWORD (the login is made here, once, at random).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIR="$BERTH_TESTBED/registry"
OPEN_PORT="${BERTH_REGISTRY_PORT:-45111}"
AUTH_PORT="${BERTH_AUTH_REGISTRY_PORT:-45112}"
mkdir -p "$DIR"

answers() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/v2/" 2>/dev/null)" = "$2" ]; }

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null && [ "$(cat "/proc/$1/comm" 2>/dev/null || true)" = docker-registry ]; }

write_config() { # name port [auth]
  local name="$1" port="$2" auth="${3:-}"
  mkdir -p "$DIR/$name/data"
  {
    echo "version: 0.1"
    echo "log: { level: error }"
    echo "storage:"
    echo "  filesystem: { rootdirectory: $DIR/$name/data }"
    echo "  delete: { enabled: true }"
    echo "http: { addr: 127.0.0.1:$port }"
    if [ -n "$auth" ]; then
      echo "auth:"
      echo "  htpasswd: { realm: berth-test, path: $DIR/htpasswd }"
    fi
  } >"$DIR/$name/config.yml"
}

# Any HTTP answer at all: the port is someone's.
taken() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/" 2>/dev/null)" != 000 ]; }

# Starts the registry NAME on PORT, or on the next free port when another checkout's registry (with
# other credentials) holds it; sets STARTED_PORT. Ours, still running, is kept.
start_one() { # name port expected-status [auth]
  local name="$1" port="$2" status="$3" auth="${4:-}" pid deadline
  pid="$(cat "$DIR/$name.pid" 2>/dev/null || true)"
  if alive "$pid" && [ "$(cat "$DIR/$name.port" 2>/dev/null || true)" = "$port" ] && answers "$port" "$status"; then
    STARTED_PORT="$port"
    return 0
  fi
  alive "$pid" && kill "$pid" 2>/dev/null || true
  while taken "$port"; do port=$((port + 10)); done
  write_config "$name" "$port" "$auth"
  # setsid and no inherited descriptors: it outlives this script, as the engine does.
  (
    for fd in /proc/self/fd/*; do fd="${fd##*/}"; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done 2>/dev/null
    exec setsid docker-registry serve "$DIR/$name/config.yml" >>"$DIR/$name.log" 2>&1 </dev/null
  ) &
  echo $! >"$DIR/$name.pid"
  echo "$port" >"$DIR/$name.port"
  deadline=$(( $(now_s) + 20 ))
  until answers "$port" "$status"; do
    [ "$(now_s)" -lt "$deadline" ] || { tail -n 20 "$DIR/$name.log" >&2; die "the $name registry did not answer on 127.0.0.1:$port"; }
    sleep 0.1
  done
  log "$name registry answers on 127.0.0.1:$port"
  STARTED_PORT="$port"
}

ensure() {
  ensure_cmd docker-registry docker-registry
  ensure_cmd htpasswd apache2-utils
  ensure_cmd curl curl
  if [ ! -s "$DIR/credentials" ]; then
    printf 'berth\n%s\n' "$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$DIR/credentials"
  fi
  local user password
  user="$(sed -n 1p "$DIR/credentials")"
  password="$(sed -n 2p "$DIR/credentials")"
  [ -s "$DIR/htpasswd" ] || htpasswd -Bbn "$user" "$password" >"$DIR/htpasswd"
  local open_port auth_port
  start_one open "$(cat "$DIR/open.port" 2>/dev/null || echo "$OPEN_PORT")" 200
  open_port="$STARTED_PORT"
  start_one auth "$(cat "$DIR/auth.port" 2>/dev/null || echo "$AUTH_PORT")" 401 auth
  auth_port="$STARTED_PORT"
  {
    echo "BERTH_REGISTRY=127.0.0.1:$open_port"
    echo "BERTH_AUTH_REGISTRY=127.0.0.1:$auth_port"
    echo "BERTH_AUTH_USER=$user"
    echo "BERTH_AUTH_PASSWORD=$password"
  } >"$DIR/registry.env"
}

stop() {
  local name pid
  for name in open auth; do
    pid="$(cat "$DIR/$name.pid" 2>/dev/null || true)"
    if alive "$pid"; then kill "$pid"; log "stopped the $name registry ($pid)"; fi
    rm -f "$DIR/$name.pid" "$DIR/$name.port"
  done
}

case "${1:-}" in
  ensure) ensure ;;
  stop) stop ;;
  *) echo "usage: $0 {ensure|stop}" >&2; exit 2 ;;
esac
