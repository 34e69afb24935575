#!/usr/bin/env bash
# Importing a year of a busy calendar (about 5,000 events, with recurrences): wall time and peak
# memory of a preview, the first import and a re-import. Run: bash benches/import.sh
# Needs python3 (to write the export) and /usr/bin/time. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/protime"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
export PROTIME_DATA_DIR="$data" XDG_CONFIG_HOME="$data/config" PROTIME_NOW="2026-11-30T18:00:00+01:00"
python3 benches/import_year.py > "$data/year.ics"
echo "export: $(grep -c '^BEGIN:VEVENT' "$data/year.ics") VEVENTs, $(du -k "$data/year.ics" | cut -f1) KB"
period=(--from 2025-12-01 --to 2026-11-30 --unmatched other)
for step in "preview:--dry-run" "first import:--yes" "re-import:--yes"; do
  name="${step%%:*}"; flag="${step#*:}"
  /usr/bin/time -f "$name: %e s, %M KB peak" "$bin" import calendar "$data/year.ics" "${period[@]}" "$flag" \
    > "$data/out.txt" 2> "$data/time.txt"
  tail -1 "$data/time.txt"
  grep -E '^(Import|Written|Nothing written)' "$data/out.txt" | sed 's/^/  /'
done
