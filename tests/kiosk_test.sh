#!/usr/bin/env bash
# The kiosk image end to end (issue 7): builds the image from the package that
# package_test.sh made, a test copy of it with a test agent and the uinput keypad
# suite, boots that in QEMU (TCG) with six emulated keypads and drives it from
# here (kiosk-image/e2e_test.py). Run as root on Debian 12; needs network access to
# deb.debian.org for mmdebstrap.
#   kiosk_test.sh [WORK_DIR]     (default build-kiosk)
# Figures printed: image size, package count, boot-to-first-frame time.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-build-kiosk}
mkdir -p "$work"
work=$(cd "$work" && pwd)
deb=$(ls build-pkg/bergtop_*_amd64.deb 2>/dev/null | head -1)
[ -n "$deb" ] || {
	echo "kiosk_test.sh: no build-pkg/bergtop_*.deb; run tests/package_test.sh . build-pkg first" >&2
	exit 1
}

echo "== kiosk image build"
rm -rf "$work/build"
start=$SECONDS
KIOSK_WORK="$work/build" bash kiosk-image/build.sh "$work/bergtop.img" "$deb" >"$work/build.log" 2>&1 || {
	tail -40 "$work/build.log"
	exit 1
}
rm -rf "$work/build"
echo "image: $(du -m --apparent-size "$work/bergtop.img" | cut -f1) MiB raw," \
	"$(du -m "$work/bergtop.img" | cut -f1) MiB used," \
	"$(grep -c '^ii' "$work/bergtop.img.packages") packages, built in $((SECONDS - start)) s"

echo "== the keypad suite for the guest (no sanitizers: the image has no libasan)"
cmake -S . -B build-guest -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBT_WERROR=OFF -DBT_SANITIZE=OFF >/dev/null
cmake --build build-guest -j"$(nproc)" --target test_uinput >/dev/null

echo "== test copy of the image"
bash kiosk-image/mktestimage.sh "$work/bergtop.img" "$work/test.img" build-guest/tests/test_uinput

echo "== boot in QEMU and drive it"
# the uinput storm in the guest: 60 s here (BT_GUEST_STORM_SECONDS=600 for ten minutes)
python3 kiosk-image/e2e_test.py "$work/test.img" "$work/e2e" --uinput-test build-guest/tests/test_uinput \
	--storm-seconds "${BT_GUEST_STORM_SECONDS:-60}"
