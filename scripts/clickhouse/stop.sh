#!/usr/bin/env bash
# Stops the ClickHouse started by start.sh (CLICKHOUSE_DIR) and removes its temporary data.
set -u
dir="${CLICKHOUSE_DIR:-}"
[ -n "$dir" ] && [ -f "$dir/pid" ] || exit 0
pid="$(cat "$dir/pid")"
kill "$pid" 2>/dev/null || true
for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
kill -9 "$pid" 2>/dev/null || true
rm -rf "$dir"
