#!/usr/bin/env bash
# Installs what bergtop needs from Debian 12's packages (run as root).
#   deps.sh run    build and run bergtop (window, or KMSDRM on a bare console)
#   deps.sh test   also everything the tests use
#   deps.sh bench  what bench/run.sh uses (Xvfb, xdotool, Chromium)
set -euo pipefail
mode=${1:-run}
run=(
	build-essential cmake pkg-config
	libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libevdev-dev libudev-dev
	libyaml-dev libjansson-dev zlib1g-dev libinih-dev gettext libsystemd-dev
	# SDL's KMSDRM backend needs EGL, GBM and Mesa's DRI drivers even for 2D
	libegl1 libgles2 libgbm1 libgl1-mesa-dri
)
test=(
	libcmocka-dev clang libclang-rt-14-dev cppcheck clang-format
	xvfb xauth xdotool imagemagick python3 valgrind
	# the package test: build the .deb, lint it, read the man page, check the unit
	debhelper dpkg-dev lintian man-db groff-base desktop-file-utils systemd git
	# the kiosk image and its end-to-end test in QEMU
	mmdebstrap dosfstools mtools fdisk e2fsprogs qemu-system-x86 ovmf
)
bench=(
	# bench/run.sh: the screen, keys, /proc readers and the browser to compare with
	xvfb xauth xdotool python3 chromium fonts-dejavu-core
)
pkgs=("${run[@]}")
[ "$mode" = test ] && pkgs+=("${test[@]}")
[ "$mode" = bench ] && pkgs+=("${bench[@]}")
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
