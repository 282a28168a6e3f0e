#!/usr/bin/env bash
# Installs what building the site needs on a fresh Debian machine: Debian's Chromium and the
# Liberation fonts (they print the PDF handouts; Playwright cannot download a browser here),
# then this package. The README's first command and scripts/test.sh run it.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v chromium >/dev/null || [ ! -f /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null
fi

python3 -m pip install -q --disable-pip-version-check -e .
