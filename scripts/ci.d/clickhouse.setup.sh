# Sourced by .ci/run: a real ClickHouse for tests/rows/clickhouse.test.ts (CLICKHOUSE_URL).
if out="$(bash scripts/clickhouse/start.sh)"; then
  eval "$out"
else
  echo "ci: ClickHouse unavailable; the ClickHouse integration test will report itself skipped"
fi
