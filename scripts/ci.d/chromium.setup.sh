# Sourced by .ci/run: Debian's chromium for tests/report/mermaidRender.test.ts (the state diagram rendered by
# mermaid in headless Chromium). Idempotent and quiet; without it that test reports itself skipped.
if [ ! -x /usr/bin/chromium ]; then
  if command -v apt-get >/dev/null 2>&1; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
      >/tmp/ci-chromium-install.log 2>&1 \
      || echo "ci: installing chromium failed (log: /tmp/ci-chromium-install.log); the Mermaid render test will report itself skipped"
  else
    echo "ci: no apt-get and no /usr/bin/chromium; the Mermaid render test will report itself skipped"
  fi
fi
if [ -x /usr/bin/chromium ]; then export CHROMIUM_PATH=/usr/bin/chromium; fi
