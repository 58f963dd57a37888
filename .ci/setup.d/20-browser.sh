#!/usr/bin/env bash
# The browser for the web app's tests (tests/test_web_browser.py): Debian's chromium, driven
# headless by Playwright for Python (installed with the test extra; never `playwright install`,
# which downloads a browser of its own). Without it those tests skip, saying what to install.
# The front-end build (make assets, run by make test when npm is on the machine) needs only
# Node.js and the npm registry.
set -uo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null)"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "no apt-get: the browser tests will skip (install chromium to run them)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if apt-get update -qq && apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; then
  echo "installed $(/usr/bin/chromium --version 2>/dev/null)"
else
  echo "could not install chromium: the browser tests will skip"
fi
exit 0
