# Sourced by .ci/run: what tests/python/package.test.ts needs beyond python3 — a venv module that can bootstrap
# pip (Debian splits it into python3-venv) and mypy for the package's --strict check (python3-mypy; the test looks
# for it under python3 and /usr/bin/python3). Idempotent and quiet; under CI=true that test fails without them.
ci_python_missing=""
if command -v python3 >/dev/null 2>&1; then
  # Debian's python3 lacks ensurepip until python3-venv is installed; then `python3 -m venv` cannot make a venv.
  python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || ci_python_missing="python3-venv"
else
  ci_python_missing="python3 python3-venv"
fi
if ! python3 -m mypy --version >/dev/null 2>&1 && ! /usr/bin/python3 -m mypy --version >/dev/null 2>&1; then
  ci_python_missing="$ci_python_missing python3-mypy"
fi
if [ -n "$ci_python_missing" ] && command -v apt-get >/dev/null 2>&1; then
  # shellcheck disable=SC2086
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $ci_python_missing; } \
    >/tmp/ci-python-install.log 2>&1 \
    || echo "ci: installing$ci_python_missing failed (log: /tmp/ci-python-install.log); tests/python will report it"
fi
unset ci_python_missing
