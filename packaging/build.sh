#!/usr/bin/env bash
# Build the one-folder desktop bundle with PyInstaller and prove it starts: dist/stockdesk/stockdesk --version.
# Usage: bash packaging/build.sh [--venv DIR]   (default: the repository's .venv, created if missing)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
if [[ "${1:-}" == "--venv" ]]; then VENV="$2"; fi
DIST="${STOCKDESK_DIST:-$ROOT/dist}"
WORK="${STOCKDESK_BUILD_DIR:-$ROOT/build/pyinstaller}"

if [[ ! -x "$VENV/bin/python" ]]; then
    "${PYTHON:-python3}" -m venv "$VENV"
    "$VENV/bin/pip" install -q -e "$ROOT"
fi
if ! "$VENV/bin/python" -c "import PyInstaller" 2>/dev/null; then
    "$VENV/bin/pip" install -q "pyinstaller>=6.10"
fi
# The bundle carries the package metadata (for --version), so it must be installed, not just importable.
"$VENV/bin/python" -c "import importlib.metadata as m; m.version('stockdesk')" 2>/dev/null \
    || "$VENV/bin/pip" install -q --no-deps -e "$ROOT"

cd "$ROOT"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" packaging/stockdesk.spec

VERSION_OUT="$("$DIST/stockdesk/stockdesk" --version)"
echo "$VERSION_OUT"
[[ "$VERSION_OUT" == stockdesk\ * ]] || { echo "bundle did not print its version" >&2; exit 1; }
echo "bundle: $DIST/stockdesk ($(du -sh "$DIST/stockdesk" | cut -f1))"
