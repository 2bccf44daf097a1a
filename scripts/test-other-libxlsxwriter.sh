#!/usr/bin/env bash
# The workbook tests against another libxlsxwriter than the machine's: Debian 13's (1.2.x, from
# deb.debian.org), built with its headers and run with its library, with the fast paths on and then
# off. Samla relies on libxlsxwriter's public API only; this is where that is checked on a second
# version. Builds in .build/other-libxlsxwriter (its own scratch path, beside the usual build), or
# in $OTHER_LIBXLSXWRITER_DIR.
#
#   scripts/test-other-libxlsxwriter.sh            # `make test-other-libxlsxwriter`
#   OTHER_LIBXLSXWRITER_SUITE=trixie scripts/test-other-libxlsxwriter.sh
set -euo pipefail
cd "$(dirname "$0")/.."

suite=${OTHER_LIBXLSXWRITER_SUITE:-trixie}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
root=${OTHER_LIBXLSXWRITER_DIR:-$PWD/.build/other-libxlsxwriter}
filter=${WORKBOOK_TESTS:-XLSXWriterTests|XLSXReaderTests|ExportWorkbookTests|WorkbookWhileSummarizingTests|ComparisonWorkbookTests|PrintLayoutTests|ExportEndToEndTests|ContactExportEndToEndTests|XLSXEndToEndTests|LayoutEndToEndTests}
arch=$(dpkg --print-architecture)
multiarch=$(gcc -print-multiarch 2>/dev/null || echo "$(uname -m)-linux-gnu")

# The library and its headers, unpacked (not installed): the machine's own stays as it is.
unpacked="$root/$suite"
if [ ! -e "$unpacked/usr/include/xlsxwriter.h" ]; then
    rm -rf "$unpacked"
    mkdir -p "$unpacked/debs"
    curl -fsS --retry 5 "$mirror/dists/$suite/main/binary-$arch/Packages.xz" -o "$unpacked/Packages.xz"
    for package in libxlsxwriter-dev "libxlsxwriter[0-9]+"; do
        file=$(xz -dc "$unpacked/Packages.xz" | awk -v want="^$package\$" '
            $1 == "Package:" { match_ = ($2 ~ want) } match_ && $1 == "Filename:" && !found { print $2; found = 1 }')
        [ -n "$file" ] || { echo "no $package in $suite's index at $mirror" >&2; exit 1; }
        curl -fsS --retry 5 "$mirror/$file" -o "$unpacked/debs/$(basename "$file")"
        dpkg-deb -x "$unpacked/debs/$(basename "$file")" "$unpacked"
    done
fi
library=$(ls "$unpacked/usr/lib/$multiarch"/libxlsxwriter.so.* | head -n 1)

swift build --build-tests --scratch-path "$root/build" -Xcc -I"$unpacked/usr/include"
tests="$root/build/debug/SamlaPackageTests.xctest"
# The test bundle names the library by the machine's soname (the link finds the machine's first);
# a folder holding that name for the other library comes first in the loader's search.
needed=$(readelf -d "$tests" | sed -n 's/.*Shared library: \[\(libxlsxwriter\.so[^]]*\)\].*/\1/p')
mkdir -p "$root/loader"
ln -sf "$library" "$root/loader/$needed"
export LD_LIBRARY_PATH="$root/loader${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
loaded=$(ldd "$tests" | awk '/libxlsxwriter/ { print $3 }')
[ "$(readlink -f "$loaded")" = "$(readlink -f "$library")" ] || { echo "the tests would load $loaded, not $library" >&2; exit 1; }
echo "workbook tests against $(ls "$unpacked/debs" | grep -v -- -dev) ($library), fast paths on, then off"

swift test --skip-build --scratch-path "$root/build" --disable-swift-testing --filter "$filter"
SAMLA_XLSX_FAST_PATHS=off swift test --skip-build --scratch-path "$root/build" --disable-swift-testing --filter "$filter"
