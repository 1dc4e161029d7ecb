#!/usr/bin/env bash
# Starts a throwaway ClickHouse (Debian's clickhouse-server, 18.x) on loopback with its data in a temporary
# folder. Prints `export` lines for CLICKHOUSE_URL, CLICKHOUSE_DIR and CLICKHOUSE_PIDFILE; stop with scripts/clickhouse/stop.sh.
# The server runs in UTC: DateTime text is read in the server's zone, and rows carry UTC times.
# Usage: eval "$(bash scripts/clickhouse/start.sh)"
set -euo pipefail
port="${CLICKHOUSE_HTTP_PORT:-18123}"
tcp="${CLICKHOUSE_TCP_PORT:-19000}"

if ! command -v clickhouse-server >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "clickhouse: installing Debian's clickhouse-server (apt-get)" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clickhouse-server clickhouse-client >&2
  else
    echo "clickhouse: clickhouse-server is not installed and cannot be installed here" >&2
    exit 1
  fi
fi

dir="$(mktemp -d /tmp/workbench-clickhouse.XXXXXX)"
mkdir -p "$dir/data/" "$dir/tmp/" "$dir/log"
cat >"$dir/users.xml" <<XML
<yandex>
  <profiles><default></default></profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>::/0</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default></default></quotas>
</yandex>
XML
cat >"$dir/config.xml" <<XML
<yandex>
  <logger><level>warning</level><log>$dir/log/server.log</log><errorlog>$dir/log/error.log</errorlog></logger>
  <http_port>$port</http_port>
  <tcp_port>$tcp</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <timezone>UTC</timezone>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>5368709</mark_cache_size>
</yandex>
XML
clickhouse-server --config-file="$dir/config.xml" >"$dir/log/stdout.log" 2>&1 &
echo $! >"$dir/pid"
for _ in $(seq 1 60); do
  if curl -sf "http://127.0.0.1:$port/" --data-binary 'SELECT 1' >/dev/null 2>&1; then
    echo "export CLICKHOUSE_URL=http://127.0.0.1:$port"
    echo "export CLICKHOUSE_DIR=$dir"
    echo "export CLICKHOUSE_PIDFILE=$dir/pid"
    echo "clickhouse: up on 127.0.0.1:$port (data in $dir)" >&2
    exit 0
  fi
  sleep 0.5
done
echo "clickhouse: did not answer within 30 s; last log lines:" >&2
tail -n 20 "$dir/log/stdout.log" "$dir/log/error.log" >&2 2>/dev/null || true
kill "$(cat "$dir/pid")" 2>/dev/null || true
exit 1
