#!/usr/bin/env bash
# Starts the whole system: local services, then the four apps (built if needed) in the background.
# Prints the web app's sign-in link, the Swagger URL and a token for it. Stop everything with `npm run stop`.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# The project pins its Node (npm package `node`, 24.x): npm scripts find it first; so do these.
export PATH="$ROOT/node_modules/.bin:$PATH"
RUN=.services/run/apps
LOGS=${LOGS_PATH:-.services/logs/apps}
mkdir -p "$RUN" "$LOGS"

bash scripts/services.sh up
# shellcheck source=scripts/local-storage.sh
source scripts/local-storage.sh # object storage on by default, in the local S3 server
[[ -d node_modules ]] || npm ci --no-audit --no-fund --loglevel=warn
if [[ ! -f dist/apps/api/main.js || -n $(find apps libs -newer dist/apps/api/main.js -name '*.ts' -print -quit) ]]; then
  echo "[start] building the apps"
  npm run -s build >"$LOGS/build.log" 2>&1 || { echo "[start] build failed; see $LOGS/build.log" >&2; exit 1; }
fi

# The running system runs its own copy of the build, so that a test run (which builds dist/ again)
# never changes the code under it (the OMA worker starts its analysis threads from its bundle).
DIST=$RUN/dist

# shellcheck source=scripts/app-pids.sh
source "$ROOT/scripts/app-pids.sh"

any_running=false
for app in api fetch-worker processing-worker oma-worker; do
  app_alive "$app" && any_running=true
done
if [[ $any_running == false || ! -f $DIST/apps/api/main.js ]]; then
  rm -rf "$DIST" && cp -r dist "$DIST"
fi

# The workers' Node options, as docker-compose.yml sets them (docs/ingestion.md, "Throughput"); the
# API, which holds no in-flight messages, keeps V8's defaults.
WORKER_NODE_OPTIONS=${NODE_OPTIONS---max-semi-space-size=64}

declare -A PORTS=([api]=${API_PORT:-3000} [fetch-worker]=${FETCH_WORKER_PORT:-3001}
  [processing-worker]=${PROCESSING_WORKER_PORT:-3002} [oma-worker]=${OMA_WORKER_PORT:-3003})

for app in api fetch-worker processing-worker oma-worker; do
  if app_alive "$app"; then
    echo "[start] $app already running"; continue
  fi
  options=$WORKER_NODE_OPTIONS
  [[ $app == api ]] && options=${NODE_OPTIONS-}
  NODE_OPTIONS=$options nohup node "$DIST/apps/$app/main.js" >"$LOGS/$app.log" 2>&1 &
  echo $! >"$RUN/$app.pid"
done

for app in api fetch-worker processing-worker oma-worker; do
  port=${PORTS[$app]}
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    app_alive "$app" || { echo "[start] $app exited; see $LOGS/$app.log" >&2; tail -3 "$LOGS/$app.log" >&2; exit 1; }
    sleep 0.5
  done
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null || { echo "[start] $app not healthy on :$port" >&2; exit 1; }
  echo "[start] $app healthy on http://127.0.0.1:$port/health"
done

TOKEN=$(npm run -s token -- --tenant 9 --user 7 2>/dev/null)
cat <<MSG

ModalFlow is running. Logs: $LOGS/<app>.log

  Web app      http://127.0.0.1:${PORTS[api]}/#token=$TOKEN
               (open this link to sign in; the token stays in the browser tab)
  Swagger UI   http://127.0.0.1:${PORTS[api]}/docs   (Authorize, paste the token below)
  Token        $TOKEN
               (tenant 9, user 7; another: npm run token -- --tenant 1 --user 1)

Stop everything with: npm run stop
MSG
