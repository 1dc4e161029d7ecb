# Sourced by .ci/run: Debian's python3-pytest for tests/protocol/pythonReplay.test.ts (a parity counterexample
# replayed in-process by python/src/dita_workbench/replay.py under pytest). Idempotent and quiet; without pytest
# that test runs the same test file with plain python3 instead.
if command -v python3 >/dev/null 2>&1 && ! python3 -c 'import pytest' >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pytest; } \
      >/tmp/ci-pytest-install.log 2>&1 \
      || echo "ci: installing python3-pytest failed (log: /tmp/ci-pytest-install.log); the Python replay test runs without pytest"
  fi
fi
