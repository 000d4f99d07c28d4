#!/usr/bin/env bash
# The testbed's Docker engine: Debian's docker.io 20.10 daemon, started by hand
# (nothing on these machines starts it), answering on /var/run/docker.sock.
#   engine.sh ensure   install docker.io if needed, start dockerd unless the socket answers
#   engine.sh start    start dockerd and wait until it answers
#   engine.sh stop     stop it and wait until the socket is silent (the outage test uses this)
#   engine.sh status   print the state; exit 0 when answering, 3 when not
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SOCK=/var/run/docker.sock
DOCKER_PIDFILE=/var/run/docker.pid      # dockerd's own, written by any dockerd
OUR_PIDFILE="$BERTH_TESTBED/dockerd.pid" # the one we launched, for `status`
CONTAINERD_PIDFILE=/var/run/docker/containerd/containerd.pid
LOG="$BERTH_TESTBED/dockerd.log"
TIMEOUT="${BERTH_ENGINE_TIMEOUT:-60}"

answers() {
  [ -S "$SOCK" ] && [ "$(curl -s --max-time 2 --unix-socket "$SOCK" http://localhost/_ping 2>/dev/null)" = OK ]
}

# The pid of a live dockerd from either pid file, or nothing. Checking the
# command name guards against a stale file whose pid was reused.
dockerd_pid() {
  local f pid
  for f in "$DOCKER_PIDFILE" "$OUR_PIDFILE"; do
    [ -s "$f" ] || continue
    pid="$(cat "$f" 2>/dev/null || true)"
    if [ -n "$pid" ] && alive "$pid" && [ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" = dockerd ]; then
      echo "$pid"; return 0
    fi
  done
  return 0
}

# Alive and not a zombie: PID 1 on some machines reaps late, and a zombie
# dockerd must not make us wait for it.
alive() {
  local state
  state="$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null || true)"
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

fail_with_log() {
  printf '[testbed] error: %s\n' "$1" >&2
  if [ -s "$LOG" ]; then
    printf '[testbed] last lines of %s:\n' "$LOG" >&2
    tail -n 25 "$LOG" | sed 's/^/    /' >&2
  fi
  exit 1
}

ensure_installed() {
  # Debian's docker.io, unless a dockerd is already installed (Docker CE on a developer's machine).
  ensure_cmd dockerd docker.io
  ensure_cmd curl curl
}

start() {
  if answers; then log "engine already answers on $SOCK"; return 0; fi
  local pid deadline
  pid="$(dockerd_pid)"
  if [ -n "$pid" ]; then
    # A dockerd that is still starting or still shutting down: let it finish
    # rather than race it for the pid file.
    log "dockerd $pid exists but does not answer yet; waiting"
    deadline=$(( $(now_s) + TIMEOUT ))
    while [ "$(now_s)" -lt "$deadline" ]; do
      answers && { log "engine answers (pid $pid)"; return 0; }
      alive "$pid" || break
      sleep 0.2
    done
    if alive "$pid"; then fail_with_log "dockerd $pid is running but $SOCK did not answer within ${TIMEOUT}s"; fi
  fi
  rm -f "$OUR_PIDFILE"
  # A dockerd killed hard leaves its pid file; dockerd refuses to start while
  # the file names a live process, and the pid may have been reused.
  [ -n "$(dockerd_pid)" ] || rm -f "$DOCKER_PIDFILE"
  # The same for dockerd's own containerd: after a hard kill its pid file can
  # name a dead (or zombie) process, and dockerd then waits 15 s for a
  # containerd that never answers and gives up.
  local cpid
  cpid="$(cat "$CONTAINERD_PIDFILE" 2>/dev/null || true)"
  if [ -n "$cpid" ] && ! alive "$cpid"; then
    log "removing stale containerd pid file ($cpid is gone)"
    rm -f "$CONTAINERD_PIDFILE" /var/run/docker/containerd/containerd.sock
  fi
  command -v dockerd >/dev/null || die "dockerd is not installed: run 'bash scripts/testbed/engine.sh ensure' as root"
  [ "$(id -u)" = 0 ] || die "starting dockerd needs root: run 'sudo bash scripts/testbed/engine.sh start', or start Docker the usual way (sudo systemctl start docker)"
  printf '\n==== %s dockerd start\n' "$(date -Is)" >>"$LOG"
  # setsid: its own session, so killing a test's process group or Ctrl-C in
  # the terminal that ran `npm test` leaves the daemon alone. No TMPDIR: the
  # outage test calls this from a VS Code whose TMPDIR is a run folder that
  # is deleted later, and the daemon outlives it.
  # Closes every inherited descriptor above 2 first: the daemon outlives its caller, and a lock
  # file or pipe the caller held open would otherwise stay held for the daemon's whole life.
  (
    for fd in /proc/self/fd/*; do fd="${fd##*/}"; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done 2>/dev/null
    exec env -u TMPDIR setsid dockerd --pidfile "$DOCKER_PIDFILE" >>"$LOG" 2>&1 </dev/null
  ) &
  pid=$!
  echo "$pid" >"$OUR_PIDFILE"
  deadline=$(( $(now_s) + TIMEOUT ))
  while ! answers; do
    alive "$pid" || fail_with_log "dockerd exited during start-up"
    [ "$(now_s)" -lt "$deadline" ] || fail_with_log "dockerd did not answer on $SOCK within ${TIMEOUT}s"
    sleep 0.2
  done
  log "engine answers on $SOCK (dockerd pid $pid, log $LOG)"
}

stop() {
  local pid deadline
  pid="$(dockerd_pid)"
  if [ -z "$pid" ]; then
    if answers; then die "something answers on $SOCK but no dockerd pid file names it; stop it the way it was started (e.g. systemctl stop docker)"; fi
    log "engine already stopped"; rm -f "$OUR_PIDFILE"; return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  # dockerd closes the API first, then stops containers (up to their stop
  # timeout) and its containerd; wait for the process too, so a following
  # `start` does not trip over the pid file.
  deadline=$(( $(now_s) + TIMEOUT ))
  while alive "$pid" && [ "$(now_s)" -lt "$deadline" ]; do sleep 0.2; done
  if alive "$pid"; then
    log "dockerd $pid ignored SIGTERM for ${TIMEOUT}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    deadline=$(( $(now_s) + 10 ))
    while alive "$pid" && [ "$(now_s)" -lt "$deadline" ]; do sleep 0.2; done
  fi
  if alive "$pid"; then fail_with_log "dockerd $pid did not exit"; fi
  if answers; then fail_with_log "$SOCK still answers after dockerd $pid exited"; fi
  rm -f "$OUR_PIDFILE"
  log "engine stopped"
}

status() {
  local pid; pid="$(dockerd_pid)"
  if answers; then echo "running${pid:+ (dockerd pid $pid)}, socket $SOCK"; return 0; fi
  if [ -n "$pid" ]; then echo "not answering (dockerd pid $pid is alive)"; else echo "stopped"; fi
  return 3
}

# A socket we may not use looks exactly like a stopped engine to curl: say which it is.
if [ -S "$SOCK" ] && [ ! -w "$SOCK" ]; then
  die "no permission on $SOCK: run as root, or add yourself to the docker group (sudo usermod -aG docker \$USER, then log in again)"
fi

# The daemon's default bridge: a dockerd whose docker0 link was removed under it (seen when several
# daemons started and stopped on one host) answers pings but fails every container start with
# "could not find bridge docker0". A restart recreates the link.
bridge_ok() {
  [ "$(id -u)" = 0 ] || return 0
  command -v ip >/dev/null 2>&1 || return 0
  ip link show docker0 >/dev/null 2>&1
}

case "${1:-}" in
  ensure)
    answers || { ensure_installed; start; }
    bridge_ok || { log "docker0 is missing under the running dockerd: restarting it"; stop; start; }
    ;;
  start) ensure_installed; start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 {ensure|start|stop|status}" >&2; exit 2 ;;
esac
