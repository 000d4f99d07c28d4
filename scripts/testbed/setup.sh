#!/usr/bin/env bash
# Brings up everything the tests need, from nothing or from a previous run:
# the Docker engine, the local base image, code-server and Chromium. The three-node swarm is
# started and stopped by the swarm tests themselves (swarm.sh).
# `npm run testbed` runs this; `npm test` runs it first. A second run takes
# seconds. Prints the paths as KEY=value lines (also written to
# .testbed/testbed.env) so a shell can `eval` them.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
here="$(dirname "${BASH_SOURCE[0]}")"

started="$(now_s)"
step() {
  local name="$1"; shift
  local t0; t0="$(now_s)"
  "$@"
  log "$name ready ($(( $(now_s) - t0 ))s)"
}

step engine bash "$here/engine.sh" ensure
step image bash "$here/image.sh"
# Two registries on loopback (one needs a login) for the image pull, push and tag tests.
step registries bash "$here/registry.sh" ensure
step browser ensure_cmd chromium chromium
# Compose v1 and openssl: the engine tests bring up compose projects and make
# certificates for a TLS engine.
compose_and_openssl() { ensure_cmd docker-compose docker-compose; ensure_cmd openssl openssl; }
step "compose + openssl" compose_and_openssl
# sshd for the ssh:// engine test, which starts its own on a loopback port. The package must not
# start a system sshd of its own: policy-rc.d says no to service starts during the install.
openssh() {
  [ -x /usr/sbin/sshd ] && return 0
  local policy=/usr/sbin/policy-rc.d created=""
  if [ "$(id -u)" = 0 ] && [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; created=1; fi
  ensure_pkgs openssh-server openssh-client
  [ -n "$created" ] && rm -f "$policy"
  return 0
}
step sshd openssh
# iproute2 and util-linux for the three-node swarm the swarm tests start and stop themselves
# (swarm.sh): network namespaces, nsenter and unshare.
swarm_tools() { ensure_cmd ip iproute2; ensure_cmd nsenter util-linux; }
step "swarm tools" swarm_tools
t0="$(now_s)"
tools="$(bash "$here/codeServer.sh")"
log "code-server ready ($(( $(now_s) - t0 ))s)"

export BERTH_CODE_SERVER_DIR="$tools"
export BERTH_CHROMIUM="${BERTH_CHROMIUM:-/usr/bin/chromium}"
{
  echo "BERTH_REPO=$BERTH_REPO"
  echo "BERTH_TESTBED=$BERTH_TESTBED"
  echo "BERTH_CODE_SERVER_DIR=$BERTH_CODE_SERVER_DIR"
  echo "BERTH_CHROMIUM=$BERTH_CHROMIUM"
  echo "DOCKER_SOCKET=/var/run/docker.sock"
} | tee "$BERTH_TESTBED/testbed.env"
log "testbed ready in $(( $(now_s) - started ))s"
