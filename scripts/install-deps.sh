#!/usr/bin/env bash
# Installs what Samla needs on a fresh Debian machine, and only what is missing:
# libxlsxwriter (the XLSX writer), zlib, pkg-config (to find them), tmux and sqlite3 (terminal and store
# tests), PostgreSQL (the shared store's tests), libqrencode (serve's QR code), and the independent
# readers and references the tests check against (openpyxl, PyYAML, scipy, jsonschema,
# snowballstemmer, pyxform: the XLSForm converter KoboToolbox and ODK use), Chromium and Selenium
# for the pages.
set -euo pipefail

need_apt=()
pkg-config --exists xlsxwriter 2>/dev/null || need_apt+=(libxlsxwriter-dev)
# libqrencode, for the QR code of `samla serve`'s participant URL.
pkg-config --exists libqrencode 2>/dev/null || need_apt+=(libqrencode-dev)
# zlib's headers: the workbook's parts are deflated on every core through zlib's own API
# (CXLSXFastPaths).
pkg-config --exists zlib 2>/dev/null || need_apt+=(zlib1g-dev)
# libxml2's push parser, which XLSXReader streams worksheets through.
pkg-config --exists libxml-2.0 2>/dev/null || need_apt+=(libxml2-dev)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
# SQLite's header and library: GRDB and the store's write-coalescing VFS shim build against them.
[ -e /usr/include/sqlite3.h ] || need_apt+=(libsqlite3-dev)
# The time zone database: a survey's time_zone (Europe/Stockholm by default) is looked up in it.
[ -e /usr/share/zoneinfo/Europe/Stockholm ] || need_apt+=(tzdata)
if [ "${1:-}" = "--with-test-tools" ]; then
    command -v tmux >/dev/null || need_apt+=(tmux)
    command -v sqlite3 >/dev/null || need_apt+=(sqlite3)
    # Info-ZIP's unzip -t, an independent check of the packed workbooks.
    command -v unzip >/dev/null || need_apt+=(unzip)
    # The print test: LibreOffice renders the workbook to PDF, poppler's pdftotext reads the pages.
    command -v soffice >/dev/null || need_apt+=(libreoffice-calc)
    command -v pdftotext >/dev/null || need_apt+=(poppler-utils)
    # The PostgreSQL store tests: a throwaway cluster (scripts/test-postgres.sh) and psql.
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
    command -v psql >/dev/null || need_apt+=(postgresql-client)
    # The browser tests of `samla serve`: headless Chromium driven by Selenium.
    command -v chromium >/dev/null || need_apt+=(chromium)
    command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
fi

if [ ${#need_apt[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Installing ${need_apt[*]} ..."
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ "${1:-}" = "--with-test-tools" ]; then
    missing_py=()
    for module in openpyxl:openpyxl yaml:pyyaml scipy:scipy jsonschema:jsonschema snowballstemmer:snowballstemmer==3.1.1 pyxform:pyxform selenium:selenium; do
        python3 -c "import ${module%%:*}" 2>/dev/null || missing_py+=("${module##*:}")
    done
    if [ ${#missing_py[@]} -gt 0 ]; then
        echo "Installing Python packages ${missing_py[*]} ..."
        python3 -m pip install -q --disable-pip-version-check "${missing_py[@]}"
    fi
fi
