#!/usr/bin/env bash
# Builds berth-test/busybox:latest, the only base image the tests use: no
# registry is reachable, so it is imported from Debian's static busybox.
# Does nothing when the image is already there. Needs a running engine
# (engine.sh ensure).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

IMAGE=berth-test/busybox:latest
APPLETS="sh ash ls cat echo sleep httpd top ps wget env id touch mkdir rm rmdir true false hostname
  printf test grep sed head tail wc kill date uname pwd cp mv ln chmod find xargs nc vi tee seq expr
  basename dirname whoami stat df du free uptime dd tr cut sort uniq ping ip ifconfig netstat nslookup"

if docker_cli image inspect "$IMAGE" >/dev/null 2>&1; then
  log "$IMAGE is present"
  exit 0
fi
docker_cli version >/dev/null 2>&1 || die "the Docker engine does not answer: run 'bash scripts/testbed/engine.sh ensure' first"
ensure_pkgs busybox-static

root="$(mktemp -d "$BERTH_TESTBED/busybox-root.XXXXXX")"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,etc,tmp,root,proc,sys,dev,var/www}
cp /bin/busybox "$root/bin/busybox"
for a in $APPLETS; do ln -sf busybox "$root/bin/$a"; done
chmod 1777 "$root/tmp"
# `id`, `whoami` and `ps` show names instead of bare numbers.
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
printf '<h1>berth-test</h1>\n' >"$root/var/www/index.html"

tar -C "$root" -c . | docker_cli import \
  --change 'ENV PATH=/bin' \
  --change 'CMD ["sh"]' \
  --message 'berth testbed: busybox-static' \
  - "$IMAGE" >/dev/null
log "built $IMAGE ($(docker_cli image inspect -f '{{.Size}}' "$IMAGE") bytes)"
