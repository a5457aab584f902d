#!/usr/bin/env bash
# Stops the apps started by scripts/start.sh (SIGTERM: they drain and exit), then the local services.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUN=$ROOT/.services/run/apps
# shellcheck source=scripts/app-pids.sh
source "$ROOT/scripts/app-pids.sh"
for f in "$RUN"/*.pid; do
  [[ -f $f ]] || continue
  pid=$(cat "$f")
  if app_alive "$(basename "$f" .pid)"; then
    echo "[stop] $(basename "$f" .pid) (pid $pid)"
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
  rm -f "$f"
done
[[ ${1:-} == --keep-services ]] || bash "$ROOT/scripts/services.sh" down
