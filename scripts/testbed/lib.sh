# Shared helpers for the testbed scripts. Source it; do not run it.
# Paths are computed from this file's location so the scripts work from any cwd
# and in any clone (CI runs in a fresh one).

BERTH_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Per-run state (logs, pid files, run folders) lives inside the repo (gitignored);
# BERTH_TESTBED overrides it, e.g. for a read-only checkout.
BERTH_TESTBED="${BERTH_TESTBED:-$BERTH_REPO/.testbed}"
# Slow, reusable installs live outside the repo so fresh clones reuse them.
BERTH_TESTBED_CACHE="${BERTH_TESTBED_CACHE:-$HOME/.cache/berth-testbed}"
export BERTH_REPO BERTH_TESTBED BERTH_TESTBED_CACHE
mkdir -p "$BERTH_TESTBED"

log() { printf '[testbed] %s\n' "$*" >&2; }
die() { printf '[testbed] error: %s\n' "$*" >&2; exit 1; }

# Is a Debian package installed (and configured)?
have_pkg() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

_apt_updated=""
# ensure_pkgs PKG... — install the Debian packages that are missing, once per
# script run. Without root or apt-get, say exactly what is missing and stop:
# the testbed cannot work around a missing engine or browser.
ensure_pkgs() {
  local missing=() p
  for p in "$@"; do have_pkg "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    printf '[testbed] missing Debian packages: %s\n' "${missing[*]}" >&2
    if command -v apt-get >/dev/null 2>&1; then
      printf '[testbed] install them as root: sudo apt-get update && sudo apt-get install -y %s\n' "${missing[*]}" >&2
    else
      printf '[testbed] this machine has no apt-get: install the equivalents of %s with its package manager, then re-run.\n' "${missing[*]}" >&2
    fi
    exit 1
  fi
  log "installing ${missing[*]} (apt-get)"
  # One `apt-get update` per hour is enough, however many scripts install something.
  local stamp="$BERTH_TESTBED/.apt-updated"
  if [ -z "$_apt_updated" ] && [ -z "$(find "$stamp" -mmin -60 2>/dev/null)" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || die "apt-get update failed"
    touch "$stamp"
  fi
  _apt_updated=1
  # NEEDRESTART_SUSPEND: no service-restart survey after each install.
  DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 apt-get install -y -qq "${missing[@]}" >&2 \
    || die "apt-get install ${missing[*]} failed"
}

# ensure_cmd COMMAND PACKAGE — install PACKAGE only when COMMAND is missing, so a machine that
# has the tool from elsewhere (Docker CE, a newer Chromium) keeps it.
ensure_cmd() {
  command -v "$1" >/dev/null 2>&1 || ensure_pkgs "$2"
}

# The 20.10 CLI from docker.io: the 28.x CLI that may come first on PATH
# refuses BuildKit builds without the buildx plugin.
docker_cli() {
  if [ -x /usr/bin/docker ]; then /usr/bin/docker "$@"; else docker "$@"; fi
}

# now_s — seconds since the epoch, for timings.
now_s() { date +%s; }
