#!/usr/bin/env bash
# Set up form4-extract on Debian 12 / Python 3.11: system packages, a virtual environment in
# .venv and the package itself (editable, so layouts/ is read from this checkout).
#   ./setup.sh          the tool
#   ./setup.sh --dev    the tool and what the tests need
set -euo pipefail
cd "$(dirname "$0")"

# fonts-liberation: the typefaces of EDGAR's renderings, in which small footnote markers are drawn
# to be told apart (extractor/likeness.py).
system_packages=(tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd fonts-liberation)
# The tests draw print in the typefaces of EDGAR's renderings to check the page clean-up.
if [ "${1:-}" = "--dev" ]; then system_packages+=(fonts-dejavu-core); fi
python3 -c 'import ensurepip, venv' 2>/dev/null || system_packages+=(python3-venv)
missing=()
for pkg in "${system_packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "${1:-}" = "--dev" ]; then
  .venv/bin/python -m pip install -q -e '.[dev]'
else
  .venv/bin/python -m pip install -q -e .
fi
echo "form4-extract is set up in .venv (run .venv/bin/form4-extract --help)"
