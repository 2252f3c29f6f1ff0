#!/usr/bin/env bash
# The whole test suite on a fresh machine, as the README says: a venv with the test extra,
# Debian's Chromium and a CJK font for the browser tests where they can be installed, then
# pytest. Without Chromium the browser tests are skipped and say why; arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"

python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'

have_browser() { command -v chromium >/dev/null && fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei"; }
if ! have_browser; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "test.sh: installing Debian's chromium and fonts-wqy-microhei for the browser tests …" >&2
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; } ||
      echo "test.sh: apt-get could not install them; the browser tests will be skipped" >&2
  else
    echo "test.sh: the browser tests will be skipped: install chromium and fonts-wqy-microhei" \
      "(sudo apt-get install chromium fonts-wqy-microhei) to run them" >&2
  fi
fi

exec .venv/bin/python -m pytest "$@"
