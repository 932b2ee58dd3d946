#!/usr/bin/env bash
# StockDesk bootstrap: one command to run the app or its tests on a fresh machine.
#
#   bash packaging/bootstrap.sh run  [stockdesk args]   # e.g. run --db postgresql://...
#   bash packaging/bootstrap.sh test [pytest args]      # lint + the whole test suite
#
# Idempotent and fast on a machine that is already set up: system libraries are checked with
# dpkg/ldconfig (no apt, no network), the venv is reused, and `pip install -e .[dev]` runs only
# when pyproject.toml changed since the last successful install.
#
# Environment knobs:
#   PYTHON=python3.12          interpreter used to create .venv (default: python3, must be >= 3.11)
#   STOCKDESK_SKIP_APT=1       never call apt-get (report what is missing and carry on)
#   STOCKDESK_TEST_PG=URL      PostgreSQL server for the tests
#                              (default postgresql://postgres@127.0.0.1:5432/test)
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.stockdesk-install-stamp"
PYTHON="${PYTHON:-python3}"
MIN_PY="3.11"
DEFAULT_TEST_PG="postgresql://postgres@127.0.0.1:5432/test"

# Debian packages the app needs at run time, each with a probe that proves it is present even when
# the package has another name (Ubuntu 24.04 renamed several libraries to *t64).
# The Qt list comes from `readelf -d` (NEEDED) on the PySide6 6.11 wheels: libQt6Core/Gui/Widgets/
# DBus/Multimedia/XcbQpa/WaylandClient and the xcb, wayland and ffmpeg plugins. libc/libstdc++/zlib
# are left out (always present); libnss3 and libxcb-xinerama0 are not used by these Qt modules.
SYSTEM_PACKAGES=(
    "libzbar0:lib:libzbar.so.0"                 # pyzbar, the primary barcode decoder
    "poppler-utils:cmd:pdftoppm"                # PDF report previews and report tests
    "libglib2.0-0:lib:libglib-2.0.so.0"         # QtCore event loop
    "libegl1:lib:libEGL.so.1"                   # QtGui
    "libgl1:lib:libGL.so.1"                     # QtGui / QtWidgets / QtCharts
    "libfontconfig1:lib:libfontconfig.so.1"     # QtGui font lookup
    "libfreetype6:lib:libfreetype.so.6"         # QtGui glyphs
    "libx11-6:lib:libX11.so.6"                  # QtGui, offscreen and xcb platforms
    "libx11-xcb1:lib:libX11-xcb.so.1"           # xcb platform plugin
    "libxkbcommon0:lib:libxkbcommon.so.0"       # keyboard handling (QtGui and all platforms)
    "libxkbcommon-x11-0:lib:libxkbcommon-x11.so.0"
    "libdbus-1-3:lib:libdbus-1.so.3"            # QtDBus (desktop integration)
    "libpulse0:lib:libpulse.so.0"               # QtMultimedia will not even import without it
    "libxext6:lib:libXext.so.6"                 # Qt's ffmpeg media plugin
    "libxrandr2:lib:libXrandr.so.2"             # Qt's ffmpeg media plugin
    "libxcb1:lib:libxcb.so.1"
    "libxcb-cursor0:lib:libxcb-cursor.so.0"
    "libxcb-icccm4:lib:libxcb-icccm.so.4"
    "libxcb-image0:lib:libxcb-image.so.0"
    "libxcb-keysyms1:lib:libxcb-keysyms.so.1"
    "libxcb-randr0:lib:libxcb-randr.so.0"
    "libxcb-render0:lib:libxcb-render.so.0"
    "libxcb-render-util0:lib:libxcb-render-util.so.0"
    "libxcb-shape0:lib:libxcb-shape.so.0"
    "libxcb-shm0:lib:libxcb-shm.so.0"
    "libxcb-sync1:lib:libxcb-sync.so.1"
    "libxcb-util1:lib:libxcb-util.so.1"
    "libxcb-xfixes0:lib:libxcb-xfixes.so.0"
    "libxcb-xkb1:lib:libxcb-xkb.so.1"
    "libxcb-glx0:lib:libxcb-glx.so.0"           # xcb GLX integration
    "libwayland-client0:lib:libwayland-client.so.0"  # wayland platform plugin (Wayland desktops)
    "libwayland-cursor0:lib:libwayland-cursor.so.0"
    "libwayland-egl1:lib:libwayland-egl.so.1"
)

say() { printf 'bootstrap: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

usage() {
    cat >&2 <<'EOF'
usage: bash packaging/bootstrap.sh run  [stockdesk arguments]
       bash packaging/bootstrap.sh test [pytest arguments]
EOF
    exit 2
}

# Runs a command as root: directly, through sudo, or not at all.
as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        return 1
    fi
}

python_is_new_enough() {
    "$1" -c "import sys; sys.exit(sys.version_info < (${MIN_PY/./, }))" 2>/dev/null
}

# True when the probe ("lib:soname" or "cmd:name") finds the thing the package provides.
probe_present() {
    local kind="${1%%:*}" what="${1#*:}"
    case "$kind" in
        lib) awk -v soname="$what" '$1 == soname {found = 1} END {exit !found}' <<<"$LDCACHE" ;;
        cmd) command -v "$what" >/dev/null 2>&1 ;;
        *) return 1 ;;
    esac
}

# Prints the packages of SYSTEM_PACKAGES (plus python3-venv when a venv cannot be made) that are missing.
missing_system_packages() {
    local names=() entry installed
    for entry in "${SYSTEM_PACKAGES[@]}"; do names+=("${entry%%:*}"); done
    installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${names[@]}" 2>/dev/null \
        | awk '$2 == "installed" {print $1}' || true)
    LDCACHE=$(ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true)
    for entry in "${SYSTEM_PACKAGES[@]}"; do
        local pkg="${entry%%:*}"
        grep -qxF "$pkg" <<<"$installed" && continue
        probe_present "${entry#*:}" && continue
        echo "$pkg"
    done
    # Debian's python3 ships without ensurepip; `python -m venv` then fails half-way.
    # Only worth installing when the interpreter itself is usable; ensure_venv explains the other cases.
    if [[ ! -x "$VENV/bin/python" ]] && command -v "$PYTHON" >/dev/null 2>&1 \
        && python_is_new_enough "$PYTHON" && ! "$PYTHON" -c "import ensurepip" >/dev/null 2>&1; then
        echo "python3-venv"
    fi
}

ensure_system_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        say "not a Debian/Ubuntu system: make sure zbar, poppler-utils and the Qt 6 xcb libraries are installed"
        return 0
    fi
    local missing
    mapfile -t missing < <(missing_system_packages)
    [[ ${#missing[@]} -eq 0 ]] && return 0
    if [[ "${STOCKDESK_SKIP_APT:-0}" == "1" ]]; then
        say "missing system packages (STOCKDESK_SKIP_APT=1, not installing): ${missing[*]}"
        return 0
    fi
    say "installing system packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        || die "apt-get update failed (run as root or install sudo); missing: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        || die "apt-get install failed; missing: ${missing[*]}"
}

ensure_venv() {
    if [[ -x "$VENV/bin/python" ]]; then
        python_is_new_enough "$VENV/bin/python" \
            || die "$VENV uses Python older than $MIN_PY; delete it and run again"
        return 0
    fi
    command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found; install Python >= $MIN_PY (or set PYTHON=...)"
    python_is_new_enough "$PYTHON" \
        || die "$PYTHON is $("$PYTHON" -V 2>&1); StockDesk needs Python >= $MIN_PY (set PYTHON=python3.11 or newer)"
    say "creating $VENV with $("$PYTHON" -V 2>&1)"
    if ! "$PYTHON" -m venv "$VENV"; then
        rm -rf "$VENV"   # a half-made venv would be mistaken for a good one next time
        die "could not create the virtual environment (on Debian/Ubuntu: apt-get install python3-venv)"
    fi
}

# Reinstalls only when pyproject.toml changed, so a second run costs milliseconds, not a pip resolve.
ensure_installed() {
    local want have=""
    want=$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)
    [[ -f "$STAMP" ]] && have=$(<"$STAMP")
    [[ "$want" == "$have" ]] && return 0
    say "installing StockDesk and its dependencies into $VENV (pyproject.toml changed)"
    (cd "$ROOT" && "$VENV/bin/python" -m pip install --quiet -e ".[dev]") || die "pip install failed"
    printf '%s\n' "$want" >"$STAMP"
}

# The pg-marked tests need a server; start the local cluster if one is installed but stopped.
ensure_postgres() {
    local url="${STOCKDESK_TEST_PG:-$DEFAULT_TEST_PG}"
    if ! command -v pg_isready >/dev/null 2>&1; then
        say "pg_isready not found; PostgreSQL tests need a server at $url"
        return 0
    fi
    pg_isready -q -d "$url" && return 0
    if command -v pg_ctlcluster >/dev/null 2>&1 && [[ -d /etc/postgresql ]]; then
        local version
        version=$(ls /etc/postgresql | sort -V | tail -n 1)
        say "starting PostgreSQL $version/main"
        as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
        local _
        for _ in 1 2 3 4 5 6 7 8 9 10; do
            pg_isready -q -d "$url" && return 0
            sleep 0.5
        done
    fi
    say "warning: PostgreSQL is not reachable at $url; the pg-marked tests will fail"
}

prepare() {
    ensure_system_packages
    ensure_venv
    ensure_installed
}

cmd_run() {
    prepare
    exec "$VENV/bin/stockdesk" "$@"
}

cmd_test() {
    prepare
    cd "$ROOT"
    export QT_QPA_PLATFORM=offscreen
    export STOCKDESK_TEST_PG="${STOCKDESK_TEST_PG:-$DEFAULT_TEST_PG}"
    ensure_postgres
    local lint=0 code=0 arg
    # One worker per core (pytest-xdist) unless the caller chose (-n N, -n 0, -p no:xdist), and a worker
    # that runs out of tests takes some of the other's (worksteal): see docs/testing.md.
    local parallel=(-n auto --dist worksteal)
    for arg in "$@"; do
        case "$arg" in -n | -n* | --numprocesses | --numprocesses=* | no:xdist) parallel=() ;; esac
    done
    "$VENV/bin/ruff" check stockdesk tests bench || lint=$?
    "$VENV/bin/mypy" || lint=$?  # scope and strictness: [tool.mypy] in pyproject.toml
    "$VENV/bin/python" -m pytest "${parallel[@]}" "$@" || code=$?
    if [[ $code -eq 5 ]]; then
        say "pytest collected no tests: that is a failure, not a pass"
    fi
    if [[ $code -eq 0 && $lint -ne 0 ]]; then
        say "tests passed but ruff or mypy found problems"
        code=$lint
    fi
    exit "$code"
}

main() {
    [[ $# -ge 1 ]] || usage
    local command="$1"
    shift
    case "$command" in
        run) cmd_run "$@" ;;
        test) cmd_test "$@" ;;
        -h | --help | help) usage ;;
        *) say "unknown command: $command"; usage ;;
    esac
}

main "$@"
