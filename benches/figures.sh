#!/usr/bin/env bash
# Whole-process timings of the read-only commands on a 5-year synthetic journal:
# `protime status`, `protime report --month`, a year's report. Run: bash benches/figures.sh
# Needs hyperfine (Debian: apt-get install hyperfine). Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "install hyperfine first (apt-get install hyperfine)"; exit 1; }
cargo build --release --quiet
bin="$PWD/target/release/protime"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
export PROTIME_DATA_DIR="$data" XDG_CONFIG_HOME="$data/config" PROTIME_NOW="2026-11-26T10:00:00+01:00"
"$bin" generate --days 1826 --end 2026-11-26 --seed 1 >/dev/null
sessions=$(grep -rh '^\[\[session\]\]' "$data/journal" | wc -l)
echo "journal: $(find "$data/journal" -name '*.toml' | wc -l) day files, $sessions sessions"
"$bin" start --category proactive --title bench >/dev/null
hyperfine --warmup 5 --min-runs 50 -N \
  "$bin --version" \
  "$bin status" \
  "$bin report --month 2026-10" \
  "$bin report --from 2025-11-27 --to 2026-11-26 --by month" \
  --export-markdown "${1:-/dev/stdout}"
