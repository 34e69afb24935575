#!/usr/bin/env bash
# Whole-process figures for README's "Performance" section:
#   (a) `protime --version`;
#   (b) time to first frame and resident memory with a 5-year journal.
#
# Needs: python3, hyperfine (`apt-get install hyperfine` or `cargo install hyperfine`), tmux, GNU time
# (/usr/bin/time, `apt-get install time`).
#
# How (b) is measured: protime runs in a real terminal (a tmux pane) on a generated 5-year
# journal. Before each run hyperfine's --prepare step types `q` into that pane, so the key is
# already waiting when protime starts: protime loads today's file, scans the journal for sync
# conflict copies, starts the file watcher, draws its first frame, then reads the `q` and quits.
# The time measured is the whole process (start, first frame, restoring the terminal, exit), so
# it is an upper bound on the time to first frame. Memory is GNU time's maximum resident set size
# over the same runs.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-30}
DAYS=${DAYS:-1826} # 5 years; DAYS=1 shows what the journal's size costs
for tool in python3 hyperfine tmux /usr/bin/time; do
  if ! command -v "$tool" >/dev/null; then
    echo "startup.sh needs $tool: apt-get install -y hyperfine tmux time (or cargo install hyperfine)" >&2
    exit 1
  fi
done

cargo build --release --quiet
BIN=$PWD/target/release/protime
WORK=$(mktemp -d)

# Prints runs, mean ± σ, median, min and max of a hyperfine JSON export.
summary() {
  python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
ms = lambda s: f"{s * 1000:.1f} ms"
print(f"   {len(r['times'])} runs: median {ms(r['median'])}, mean {ms(r['mean'])} ± {ms(r['stddev'])}, "
      f"min {ms(r['min'])}, max {ms(r['max'])}; CPU: user {ms(r['user'])}, system {ms(r['system'])}")
PY
}
SOCKET="protime-bench-$$"
SOCKET_PATH="${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCKET"
cleanup() { tmux -L "$SOCKET" kill-server 2>/dev/null || true; rm -rf "$WORK" "$SOCKET_PATH"; }
trap cleanup EXIT

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== protime $("$BIN" --version)"

PROTIME_DATA_DIR="$WORK/data" "$BIN" generate --days "$DAYS" --end 2026-11-26 --seed 1
echo "== journal: $(find "$WORK/data/journal" -name '*.toml' | wc -l) day files"

echo "== (a) protime --version"
hyperfine -N --warmup 20 --runs 300 --export-json "$WORK/version.json" "$BIN --version"
summary "$WORK/version.json"

# (b) inside a 120x40 tmux pane: hyperfine runs protime there, with the output on the terminal.
cat >"$WORK/inner.sh" <<EOF
set -e
trap 'touch "$WORK/done"' EXIT
export PROTIME_DATA_DIR="$WORK/data" XDG_CONFIG_HOME="$WORK/config"
typeq="tmux -L $SOCKET send-keys -t bench q"
hyperfine -N --output=inherit --warmup 3 --runs $RUNS --prepare "\$typeq" \
  --export-json "$WORK/first-frame.json" "$BIN"
hyperfine -N --output=inherit --runs $RUNS --prepare "\$typeq" \
  "/usr/bin/time -a -o $WORK/rss.txt -f %M $BIN"
EOF
tmux -f /dev/null -L "$SOCKET" new-session -d -s bench -x 120 -y 40 "bash $WORK/inner.sh; sleep 600"
for _ in $(seq 1200); do # up to 2 minutes
  [ -e "$WORK/done" ] && break
  sleep 0.1
done
[ -s "$WORK/rss.txt" ] || { echo "the tmux run did not finish; screen:" >&2; tmux -L "$SOCKET" capture-pane -p >&2; exit 1; }

echo "== (b) start → first frame → quit, $DAYS-day journal, in a 120x40 tmux pane"
summary "$WORK/first-frame.json"
sort -n "$WORK/rss.txt" | awk '{ a[NR] = $1 } END {
  printf "   max resident memory over %d runs: median %.1f MB, max %.1f MB\n", NR, a[int((NR + 1) / 2)] / 1024, a[NR] / 1024 }'
