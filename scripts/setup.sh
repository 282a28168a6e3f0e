#!/usr/bin/env bash
# Installs what building the site needs on a fresh Debian machine: Debian's Chromium and the
# Liberation fonts (they print the PDF handouts; Playwright cannot download a browser here),
# python3-venv when the system Python lacks it, then this package into .venv/ (Debian's own
# python3 is "externally managed": nothing is installed system-wide). Extra arguments name pip
# extras to install too (scripts/test.sh passes "test zensical lint"). The README's first command runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

needed=()
command -v chromium >/dev/null || needed+=(chromium)
[ -f /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || needed+=(fonts-liberation)
# Debian splits venv's pip bootstrap (ensurepip) into python3-venv.
python3 -c 'import ensurepip, venv' 2>/dev/null || needed+=(python3-venv)
if [ "${#needed[@]}" -gt 0 ]; then apt_install "${needed[@]}"; fi

# A venv left by another Python, or half-made (made before python3-venv was there: no pip), is made again.
if ! .venv/bin/python3 -m pip --version >/dev/null 2>&1 \
   || [ "$(.venv/bin/python3 -c 'import sys; print(sys.base_prefix)')" != "$(python3 -c 'import sys; print(sys.base_prefix)')" ]; then
  rm -rf .venv
  python3 -m venv .venv
fi

target=.
if [ "$#" -gt 0 ]; then target=".[$(IFS=,; echo "$*")]"; fi
# constraints.txt holds every package's exact version, so every machine builds with the same ones.
.venv/bin/python3 -m pip install -q --disable-pip-version-check -c constraints.txt -e "$target"
