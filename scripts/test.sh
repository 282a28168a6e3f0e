#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine, then runs the whole suite in
# .venv/ (made by scripts/setup.sh). Used as is by CI (.ci/run). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# PDF tests read handouts and printed pages with poppler.
if ! command -v pdftoppm >/dev/null; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
fi

# Debian's Chromium and fonts, then the package and its test extra, in .venv/.
bash scripts/setup.sh test

.venv/bin/python3 -m pytest "$@"
