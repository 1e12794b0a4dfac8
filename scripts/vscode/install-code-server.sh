#!/usr/bin/env bash
# Installs code-server (VS Code's own server build) for the extension's tests, into
# .vscode-test/code-server (git-ignored), following shared/spec/testing.md. No desktop
# VS Code can be downloaded here; code-server's extension host is the real one, so the
# extension, its language client and the language server all run for real.
#
# Idempotent: a marker file holding the version is written last, and when it matches
# nothing is done. A half-finished install (no marker) is removed and redone.
#
# Needs the Debian packages libkrb5-dev, pkg-config and ripgrep (.ci/run installs them):
#   apt-get install -y --no-install-recommends libkrb5-dev pkg-config ripgrep
# Usage: scripts/vscode/install-code-server.sh [--force]
set -euo pipefail

VERSION=4.100.3 # VS Code 1.100.3: the newest code-server line that runs on Node 20
root="$(cd "$(dirname "$0")/../.." && pwd)"
dest="${MARKPOINT_CODE_SERVER_DIR:-$root/.vscode-test/code-server}"
marker="$dest/.markpoint-installed"

if [ "${1:-}" != --force ] && [ -f "$marker" ] && [ "$(cat "$marker")" = "$VERSION" ] \
  && [ -f "$dest/node_modules/code-server/out/node/entry.js" ]; then
  echo "code-server $VERSION is already installed in $dest"
  exit 0
fi

# The build prerequisites: native modules (kerberos, node-pty, argon2) and ripgrep.
missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
[ -f /usr/include/krb5.h ] || [ -f /usr/include/krb5/krb5.h ] || missing+=(libkrb5-dev)
[ -x /usr/bin/rg ] || missing+=(ripgrep)
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-code-server: missing Debian packages: ${missing[*]}" >&2
  echo "  apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" = 20 ] || echo "install-code-server: warning: code-server $VERSION expects Node 20, this is $(node --version)" >&2

start=$SECONDS
echo "== installing code-server $VERSION into $dest"
rm -rf "$dest"
mkdir -p "$dest"
cd "$dest"
# A package.json of its own, so that npm installs here and not into the project above.
echo '{ "name": "markpoint-code-server", "private": true }' > package.json

export npm_config_yes=true       # node-pty's build runs `npx node-gyp`
export npm_config_nodedir=/usr   # build against the installed Node headers: no header download
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export npm_config_loglevel=error

# 1. code-server without its install scripts (as root they fail, and its postinstall
#    would download ripgrep); then build argon2, its password hashing module.
npm install --ignore-scripts --no-save "code-server@$VERSION"
npm rebuild argon2

# 2. VS Code's own server dependencies, again without scripts, with ripgrep taken from
#    Debian instead of downloaded, then the native modules built.
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
npm rebuild
# VS Code looks its modules up in node_modules.asar in a built product.
ln -sfn node_modules node_modules.asar
# The links code-server's postinstall would have made.
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)

# 3. The built-in extensions' dependencies (the Markdown language features among them).
(cd extensions && npm install --omit=dev)

echo "$VERSION" > "$marker"
echo "== code-server $VERSION installed in $((SECONDS - start)) s"
