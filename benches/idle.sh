#!/usr/bin/env bash
# What protime costs kept open all day: CPU share and wake-ups per second of the process in a
# tmux pane over a window (default 60 s), once with the timer stopped and once with a countdown
# running. Reads /proc/PID/stat (utime+stime ticks) and /proc/PID/status (context switches).
# Run: bash benches/idle.sh [SECONDS]. Needs tmux. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
window="${1:-60}"
cargo build --release --quiet
bin="$PWD/target/release/protime"
data="$(mktemp -d)"
sock="protime-idle-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$data"' EXIT
export PROTIME_DATA_DIR="$data" XDG_CONFIG_HOME="$data/config"
"$bin" generate --days 1826 --end "$(date +%F)" --seed 1 >/dev/null
hz=$(getconf CLK_TCK)

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
switches() { awk '/ctxt_switches/ {s += $2} END {print s}' "/proc/$1/status"; }

measure() {
  local label="$1" pid
  tmux -L "$sock" new-session -d -x 120 -y 40 "$bin"
  pid=$(tmux -L "$sock" display -p '#{pane_pid}')
  [ -n "$pid" ] || { echo "protime did not start"; exit 1; }
  [ "$label" = "running" ] && "$bin" start --category proactive --title idle-bench >/dev/null
  sleep 2 # let start-up settle before the window opens
  local t0 s0 t1 s1
  t0=$(ticks "$pid"); s0=$(switches "$pid")
  sleep "$window"
  t1=$(ticks "$pid"); s1=$(switches "$pid")
  awk -v l="$label" -v t="$((t1 - t0))" -v s="$((s1 - s0))" -v hz="$hz" -v w="$window" \
    'BEGIN { printf "%-8s CPU %.3f%% of one core, %.2f wake-ups/s over %d s\n", l, 100 * t / hz / w, s / w, w }'
  tmux -L "$sock" kill-server
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  "$bin" stop >/dev/null 2>&1 || true
}

measure stopped
measure running
