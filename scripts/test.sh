#!/usr/bin/env bash
# The whole test suite: unit tests, then e2e tests that boot the real apps against the real local
# services (started here when they are not running).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
[[ -d node_modules ]] || npm ci --no-audit --no-fund --loglevel=warn
bash scripts/services.sh up
echo "[test] docker-compose.yml validates"
command -v docker-compose >/dev/null || { apt-get install -y -qq --no-install-recommends docker-compose >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq --no-install-recommends docker-compose >/dev/null; }; }
docker-compose config -q
echo "[test] building the apps"
npm run -s build >/dev/null
echo "[test] unit tests"
npx jest --ci
echo "[test] e2e tests"
npx jest --ci --config test/jest-e2e.config.js --runInBand
