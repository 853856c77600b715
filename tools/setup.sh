#!/usr/bin/env bash
# Installs everything Diptych needs on a fresh Debian machine, idempotently:
#   tools/setup.sh          the site and the translator (.venv with pinned packages)
#   tools/setup.sh --test   plus test tools: pytest & co, Chromium, gettext, Java, npm tools
# torch is installed first, pinned to the CPU build, so that argostranslate (via stanza)
# does not pull several gigabytes of CUDA packages.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    sudo_if_needed apt-get update -qq
    DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$python" -m venv .venv
fi
pip=(.venv/bin/python -m pip install -q --disable-pip-version-check)

# Re-install only when a pin changed: a stamp holds the hash of the requirement files.
stamp=.venv/.diptych-setup
files=(requirements.txt pyproject.toml)
[ $want_tests -eq 1 ] && files+=(requirements-test.txt)
digest=$(cat "${files[@]}" | sha256sum | cut -c1-16)-$want_tests
if [ ! -f "$stamp" ] || ! grep -qx "$digest" "$stamp"; then
  echo "setup: installing Python packages into .venv"
  .venv/bin/python -c "import torch" 2>/dev/null || "${pip[@]}" torch==2.13.0
  "${pip[@]}" -r requirements.txt
  "${pip[@]}" --no-deps -e .
  [ $want_tests -eq 1 ] && "${pip[@]}" -r requirements-test.txt
  echo "$digest" >> "$stamp"
fi

if [ $want_tests -eq 1 ]; then
  # Browser tests drive Debian's Chromium (never a downloaded browser); msgfmt checks
  # catalogs; the Nu Html Checker needs Java.
  apt_install chromium gettext openjdk-17-jre-headless
  if [ -f package-lock.json ] && [ ! -d node_modules ]; then
    echo "setup: installing npm test tools"
    npm ci --silent --no-audit --no-fund
  fi
fi
echo "setup: ready"
