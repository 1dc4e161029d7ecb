# Run by .ci/run at exit.
bash scripts/clickhouse/stop.sh
