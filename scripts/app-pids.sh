# Sourced by scripts/start.sh and scripts/stop.sh: the apps they start, by pid file in $RUN.

# An app runs when its pid file names a live process that is that app: after a kill -9 the pid may
# still answer `kill -0` while the process is a zombie, or belong to another process by now.
app_alive() {
  local pid
  pid=$(cat "$RUN/$1.pid" 2>/dev/null) || return 1
  [[ -r /proc/$pid/stat && $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) != Z ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "apps/$1/main.js"
}
