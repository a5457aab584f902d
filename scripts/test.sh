#!/usr/bin/env bash
# The whole test suite: lint, unit tests, then e2e tests that boot the real apps against the real local
# services (started here when they are not running).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# The project pins its Node (npm package `node`, 24.x): npm scripts find it first; so do these.
export PATH="$ROOT/node_modules/.bin:$PATH"
[[ -d node_modules ]] || npm ci --no-audit --no-fund --loglevel=warn
bash scripts/services.sh up
# shellcheck source=scripts/local-storage.sh
source scripts/local-storage.sh # the suites use the local S3 server, as `npm start` does
echo "[test] docker-compose.yml validates"
install_debian_package() {
  apt-get install -y -qq --no-install-recommends "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "$1" >/dev/null; }
}
command -v docker-compose >/dev/null || install_debian_package docker-compose
docker-compose config -q
# The live page's browser test drives Debian's Chromium (playwright-core cannot download browsers here).
[[ -x /usr/bin/chromium ]] || { echo "[test] installing chromium (once)"; install_debian_package chromium; }
# Schemathesis (PyPI) runs over the real API in test/trust-boundary.e2e-spec.ts, from a venv of its own.
SCHEMATHESIS_VERSION=4.32.5
ST_VENV=${MODALFLOW_CACHE:-$HOME/.cache/modalflow}/schemathesis-venv
if [[ ! -x $ST_VENV/bin/schemathesis ]] || ! "$ST_VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  echo "[test] installing schemathesis $SCHEMATHESIS_VERSION (once)"
  python3 -m venv "$ST_VENV" 2>/dev/null || { install_debian_package python3-venv && python3 -m venv "$ST_VENV"; }
  "$ST_VENV/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION"
fi
export SCHEMATHESIS_BIN=$ST_VENV/bin/schemathesis
echo "[test] building the apps"
npm run -s build >/dev/null
echo "[test] lint (ESLint and the architecture rules)"
npm run -s lint
echo "[test] unit tests"
npx jest --ci
echo "[test] e2e tests"
npx jest --ci --config test/jest-e2e.config.js --runInBand
