#!/usr/bin/env bash
# A real three-node swarm on this one machine, for the swarm tests only: node 1 and node 2 are
# managers, node 3 a worker; node 4 is a spare engine in no swarm, for initialize and leave. Each node is its own dockerd (own data root, exec root, pid file,
# socket, containerd and iptables) inside its own network namespace and UTS namespace (so each has
# its own hostname). The nodes reach each other through veth pairs on a bridge that lives in a
# namespace of its own, on a subnet that exists only in these namespaces. The testbed's engine,
# its docker0 and its swarm state are never touched.
#   swarm.sh up     tear down any leftover, start the nodes, load the test image, form the swarm;
#                   prints KEY=value lines (also written to $BERTH_TESTBED/swarm.env)
#   swarm.sh down   leave the swarm, stop every node, delete the namespaces and folders
#   swarm.sh status exit 0 when all four engines answer, 3 when not
# Needs root, iproute2 and util-linux (nsenter, unshare); setup.sh installs them.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Short: containerd's socket lives under each exec root, and unix socket paths end at 107 bytes.
DIR="${BERTH_SWARM_DIR:-/tmp/berth-swarm}"
PREFIX=berthsw
HUB="$PREFIX-hub"
SUBNET=10.123.0
NODES=(1 2 3 4)
IMAGE=berth-test/busybox:latest
# A second tag of the same image, for rolling-update tests.
IMAGE_V2=berth-test/busybox:v2
ENV_FILE="$BERTH_TESTBED/swarm.env"
TIMEOUT="${BERTH_SWARM_TIMEOUT:-60}"

ns() { echo "$PREFIX-n$1"; }
addr() { echo "$SUBNET.1$1"; }
sock() { echo "$DIR/n$1/docker.sock"; }
node_docker() { local n="$1"; shift; docker_cli -H "unix://$(sock "$n")" "$@"; }

answers() {
  [ -S "$(sock "$1")" ] && [ "$(curl -s --max-time 2 --unix-socket "$(sock "$1")" http://localhost/_ping 2>/dev/null)" = OK ]
}

alive() {
  local state
  state="$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null || true)"
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

# The pid a pid file names, if that process is alive and has the expected name.
live_pid() {
  local file="$1" comm="$2" pid
  pid="$(cat "$file" 2>/dev/null || true)"
  [ -n "$pid" ] && alive "$pid" && [ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" = "$comm" ] && echo "$pid"
  return 0
}

fail_with_log() {
  printf '[testbed] error: %s\n' "$1" >&2
  local n
  for n in "${NODES[@]}"; do
    [ -s "$DIR/n$n/dockerd.log" ] || continue
    printf '[testbed] last lines of node %s dockerd.log:\n' "$n" >&2
    tail -n 15 "$DIR/n$n/dockerd.log" | sed 's/^/    /' >&2
  done
  exit 1
}

network_up() {
  ip netns add "$HUB"
  ip -n "$HUB" link add br0 type bridge
  ip -n "$HUB" link set br0 up
  local n
  for n in "${NODES[@]}"; do
    ip netns add "$(ns "$n")"
    ip -n "$HUB" link add "v$n" type veth peer name eth0 netns "$(ns "$n")"
    ip -n "$HUB" link set "v$n" master br0 up
    ip -n "$(ns "$n")" addr add "$(addr "$n")/24" dev eth0
    ip -n "$(ns "$n")" link set eth0 up
    ip -n "$(ns "$n")" link set lo up
  done
}

start_node() {
  local n="$1" d="$DIR/n$1"
  mkdir -p "$d"
  echo '{}' >"$d/daemon.json" # not the machine's /etc/docker/daemon.json
  # nsenter, not `ip netns exec`: that remounts /sys and hides the cgroup mounts from runc.
  # unshare --uts: a hostname per node (else all three are named after the host).
  # setsid and closed descriptors: the daemon must hold no lock or pipe of its caller.
  (
    for fd in /proc/self/fd/*; do fd="${fd##*/}"; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done 2>/dev/null
    exec env -u TMPDIR setsid nsenter --net="/run/netns/$(ns "$n")" unshare --uts \
      sh -c 'hostname "$0"; exec "$@"' "$(ns "$n")" \
      dockerd --config-file "$d/daemon.json" --data-root "$d/data" --exec-root "$d/exec" \
      --pidfile "$d/docker.pid" -H "unix://$d/docker.sock" --cgroup-parent "$PREFIX-n$n" \
      >>"$d/dockerd.log" 2>&1 </dev/null
  ) &
}

wait_nodes() {
  local deadline=$(( $(now_s) + TIMEOUT )) n
  for n in "${NODES[@]}"; do
    until answers "$n"; do
      [ "$(now_s)" -lt "$deadline" ] || fail_with_log "node $n did not answer on $(sock "$n") within ${TIMEOUT}s"
      sleep 0.1
    done
  done
}

load_image() {
  local tar="$DIR/image.tar" n pids=()
  docker_cli image inspect "$IMAGE" >/dev/null 2>&1 || bash "$(dirname "${BASH_SOURCE[0]}")/image.sh"
  docker_cli save -o "$tar" "$IMAGE"
  for n in "${NODES[@]}"; do
    { node_docker "$n" load -q -i "$tar" >/dev/null && node_docker "$n" tag "$IMAGE" "$IMAGE_V2"; } &
    pids+=($!)
  done
  for n in "${pids[@]}"; do wait "$n" || fail_with_log "loading $IMAGE into a node failed"; done
  rm -f "$tar"
}

form_swarm() {
  node_docker 1 swarm init --advertise-addr "$(addr 1)" >/dev/null
  local manager worker
  manager="$(node_docker 1 swarm join-token -q manager)"
  worker="$(node_docker 1 swarm join-token -q worker)"
  node_docker 2 swarm join --advertise-addr "$(addr 2)" --token "$manager" "$(addr 1):2377" >/dev/null
  node_docker 3 swarm join --advertise-addr "$(addr 3)" --token "$worker" "$(addr 1):2377" >/dev/null
  local deadline=$(( $(now_s) + TIMEOUT ))
  until [ "$(node_docker 1 node ls --format '{{.Status}}' 2>/dev/null | grep -c '^Ready$')" = 3 ]; do
    [ "$(now_s)" -lt "$deadline" ] || fail_with_log "the three nodes were not Ready within ${TIMEOUT}s"
    sleep 0.1
  done
}

up() {
  [ "$(id -u)" = 0 ] || die "the swarm testbed needs root (network namespaces and extra daemons)"
  local t0; t0="$(now_s)"
  down >/dev/null 2>&1 || true
  mkdir -p "$DIR"
  network_up
  local n
  for n in "${NODES[@]}"; do start_node "$n"; done
  wait_nodes
  load_image
  form_swarm
  {
    echo "BERTH_SWARM_DIR=$DIR"
    for n in "${NODES[@]}"; do
      echo "BERTH_SWARM_NODE${n}_HOST=unix://$(sock "$n")"
      echo "BERTH_SWARM_NODE${n}_ADDR=$(addr "$n")"
      echo "BERTH_SWARM_NODE${n}_NAME=$(ns "$n")"
    done
    echo "BERTH_SWARM_IMAGE=$IMAGE"
    echo "BERTH_SWARM_IMAGE_V2=$IMAGE_V2"
  } | tee "$ENV_FILE"
  log "swarm of 3 nodes (and a spare engine) ready in $(( $(now_s) - t0 ))s"
}

# Stops one node: SIGTERM, then SIGKILL (and its containerd) if it does not end in time.
stop_node() {
  local n="$1" d="$DIR/n$1" pid deadline
  pid="$(live_pid "$d/docker.pid" dockerd)"
  [ -n "$pid" ] || pid="$(pgrep -f -x "dockerd --config-file $d/daemon.json .*" | head -n 1 || true)"
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$(( $(now_s) + 20 ))
  while alive "$pid" && [ "$(now_s)" -lt "$deadline" ]; do sleep 0.1; done
  if alive "$pid"; then
    log "node $n (dockerd $pid) ignored SIGTERM; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    local cpid; cpid="$(live_pid "$d/exec/containerd/containerd.pid" containerd)"
    [ -n "$cpid" ] && kill -KILL "$cpid" 2>/dev/null || true
    while alive "$pid"; do sleep 0.1; done
  fi
}

down() {
  local n pids=()
  for n in "${NODES[@]}"; do
    if answers "$n"; then { node_docker "$n" swarm leave --force >/dev/null 2>&1 || true; } & pids+=($!); fi
  done
  for n in "${pids[@]}"; do wait "$n" || true; done
  pids=()
  for n in "${NODES[@]}"; do stop_node "$n" & pids+=($!); done
  for n in "${pids[@]}"; do wait "$n" || true; done
  # Container shims that outlived a killed node, then whatever their mounts left under the folder.
  local pid
  for pid in $(pgrep -f "containerd-shim.*$DIR/" || true); do kill -KILL "$pid" 2>/dev/null || true; done
  if [ -d "$DIR" ]; then
    awk -v d="$DIR/" 'index($2, d) == 1 { print $2 }' /proc/self/mounts | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
    rm -rf "$DIR"
  fi
  for n in "${NODES[@]}"; do ip netns del "$(ns "$n")" 2>/dev/null || true; done
  ip netns del "$HUB" 2>/dev/null || true
  # The nodes' container cgroups, made under a parent of their own.
  local cg
  for cg in /sys/fs/cgroup/*/"$PREFIX"-n*; do [ -d "$cg" ] && { find "$cg" -depth -type d -exec rmdir {} + 2>/dev/null || true; }; done
  rm -f "$ENV_FILE"
  log "swarm torn down"
}

status() {
  local n
  for n in "${NODES[@]}"; do answers "$n" || { echo "node $n does not answer"; return 3; }; done
  echo "all four engines answer"
}

case "${1:-}" in
  up) ensure_cmd ip iproute2; ensure_cmd nsenter util-linux; ensure_cmd curl curl; up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 {up|down|status}" >&2; exit 2 ;;
esac
