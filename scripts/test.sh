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

# Debian's Chromium and fonts, then the package with its test, Zensical and lint extras, in .venv/.
bash scripts/setup.sh test zensical lint

# Two checkers from the npm registry: the W3C Nu HTML Checker (vnu.jar, which runs on Java) reads every
# built page, and HTML_CodeSniffer (what pa11y runs) checks them for WCAG 2 AA in Chromium.
if ! command -v java >/dev/null; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
fi
checkers=(vnu-jar@26.9.27 html_codesniffer@2.5.1)
if [ ! -f .cache/npm/node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -f .cache/npm/node_modules/html_codesniffer/build/HTMLCS.js ]; then
  if ! command -v npm >/dev/null; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
  fi
  npm install --prefix .cache/npm --no-audit --no-fund --silent "${checkers[@]}"
fi

# Lint and types first: they take seconds and name the line.
.venv/bin/ruff check generator tests bench scripts
.venv/bin/mypy generator

.venv/bin/python3 -m pytest "$@"
