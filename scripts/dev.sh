#!/usr/bin/env bash
# ValueLens set-up and entry points. Creates .venv on first use, reinstalls only when
# pyproject.toml changes, then either opens the dashboard or runs every test.
#
#   bash scripts/dev.sh dashboard   # set up, then open the dashboard on the sample data
#   bash scripts/dev.sh test        # set up (Chromium and Java too, where possible), run all tests
#   bash scripts/dev.sh docs        # serve the documentation site (docs build: build it, strict)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
VENV=".venv"

die() { echo "error: $*" >&2; exit 1; }

check_python() {
  command -v "$PYTHON" >/dev/null || die "$PYTHON not found; install Python 3.11 or newer \
(Debian: apt-get install python3 python3-venv) or set PYTHON=/path/to/python3.11"
  "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || die "ValueLens needs Python 3.11 or newer; $PYTHON is $("$PYTHON" -V 2>&1). \
Set PYTHON=/path/to/python3.11"
}

setup() {  # $1: extras to install, e.g. "" or "[test]"
  check_python
  if [ ! -x "$VENV/bin/python" ]; then
    echo "Creating $VENV ..."
    "$PYTHON" -m venv "$VENV" 2>/dev/null || { rm -rf "$VENV"; die "could not create a \
virtual environment; on Debian install it with: apt-get install python3-venv"; }
  fi
  local stamp="$VENV/.installed$1-$(cksum < pyproject.toml | cut -d' ' -f1)"
  if [ ! -f "$stamp" ]; then
    echo "Installing ValueLens$1 into $VENV ..."
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e ".$1"
    touch "$stamp"
  fi
}

install_debian() {  # $1: package, $2: what it is for; returns 1 when it cannot
  command -v apt-get >/dev/null || return 1
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  echo "Installing Debian's $1 for $2 ..."
  $sudo apt-get update -qq >/dev/null 2>&1 \
    && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$1" >/dev/null 2>&1
}

ensure_test_tools() {
  [ -x "${VALUELENS_CHROMIUM:-/usr/bin/chromium}" ] || install_debian chromium "the browser tests" \
    || echo "note: Chromium could not be installed here; the browser tests will be skipped" \
            "(install it with: sudo apt-get install chromium)" >&2
  command -v java >/dev/null || install_debian default-jre-headless "the Spark tests" \
    || echo "note: Java could not be installed here; the Spark tests will be skipped" \
            "(install it with: sudo apt-get install default-jre-headless)" >&2
}

case "${1:-}" in
  dashboard)
    setup ""
    headless=true
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ "$(uname)" = Darwin ]; then headless=false; fi
    exec "$VENV/bin/streamlit" run app.py --server.headless "$headless" "${@:2}"
    ;;
  test)
    setup "[test]"
    ensure_test_tools
    "$VENV/bin/ruff" check .
    "$VENV/bin/ruff" format --check .
    exec "$VENV/bin/python" -m pytest "${@:2}"
    ;;
  docs)
    setup "[docs]"
    export NO_MKDOCS_2_WARNING=1
    if [ "${2:-}" = build ]; then
      exec "$VENV/bin/mkdocs" build --strict "${@:3}"
    fi
    exec "$VENV/bin/mkdocs" serve "${@:2}"
    ;;
  *)
    echo "usage: bash scripts/dev.sh dashboard|test|docs [extra arguments]" >&2
    exit 2
    ;;
esac
