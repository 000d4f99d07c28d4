#!/usr/bin/env bash
# Installs a real VS Code for the tests: code-server 4.100.3 (VS Code 1.100.3,
# the last that runs on Node 20) plus playwright-core, into a cache folder
# reused across clones and runs. Prints the folder.
#
# code-server's own install fails offline (its postinstall downloads ripgrep;
# kerberos needs headers), so this does the postinstall by hand, as
# shared/TESTBED.md §2 lists. A marker is written only after every step
# succeeded, so an interrupted install is redone on the next run.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VERSION=4.100.3
TOOLS="$BERTH_TESTBED_CACHE/code-server-$VERSION"
MARKER="$TOOLS/.berth-testbed-complete"
VSCODE="$TOOLS/node_modules/code-server/lib/vscode"

if [ -f "$MARKER" ] && [ -f "$TOOLS/node_modules/code-server/out/node/entry.js" ]; then
  log "code-server $VERSION is installed"
  echo "$TOOLS"
  exit 0
fi

node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)"
if [ "$node_major" != 20 ]; then
  log "warning: code-server $VERSION runs on Node 20; this machine has Node $node_major"
fi
ensure_pkgs libkrb5-dev
ensure_cmd rg ripgrep
ensure_cmd python3 python3
ensure_cmd make make
ensure_cmd g++ g++

started="$(now_s)"
rm -f "$MARKER"
mkdir -p "$TOOLS"
cd "$TOOLS"
[ -f package.json ] || printf '{ "name": "berth-testbed-tools", "private": true, "version": "0.0.0" }\n' >package.json

# Same playwright-core as the repo pins, so the harness and this folder agree.
pw_spec="$(node -p 'require(process.argv[1]).devDependencies["playwright-core"] || ""' "$BERTH_REPO/package.json" 2>/dev/null || true)"
npmq() { npm --no-audit --no-fund --loglevel=error "$@" >&2; }

log "[1/6] npm install code-server@$VERSION playwright-core${pw_spec:+@$pw_spec} (scripts off)"
npmq install --ignore-scripts "code-server@$VERSION" "playwright-core${pw_spec:+@$pw_spec}"

log "[2/6] VS Code's own dependencies"
cd "$VSCODE"
npmq install --omit=dev --ignore-scripts
# @vscode/ripgrep's postinstall would download rg; Debian's works the same.
mkdir -p node_modules/@vscode/ripgrep/bin
cp -f "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg

log "[3/6] native modules"
# node-pty's build calls `npx node-gyp`, which this machine's npm (yes=false) refuses without this.
npm_config_yes=true npmq rebuild @parcel/watcher @vscode/deviceid @vscode/spdlog kerberos native-watchdog node-pty

log "[4/6] links the server expects"
ln -sfn node_modules node_modules.asar
ln -sfn code-linux.sh bin/remote-cli/code-server
ln -sfn browser-linux.sh bin/helpers/browser.sh

log "[5/6] built-in extensions' dependencies"
(cd extensions && npmq install --omit=dev)

log "[6/6] argon2 (its prebuilt download fails; builds from source)"
cd "$TOOLS"
npmq rebuild argon2

node -e 'require(process.argv[1])' "$VSCODE/node_modules/node-pty" \
  || die "node-pty does not load after the rebuild; see the npm output above"
date -Is >"$MARKER"
log "code-server $VERSION installed in $(( $(now_s) - started ))s"
echo "$TOOLS"
