#!/usr/bin/env bash
# Builds the bergtop kiosk: a bootable x86_64 UEFI disk image from Debian 12 packages.
#
#   kiosk-image/build.sh OUTPUT.img BERGTOP.deb
#
# Run as root on Debian 12 with mmdebstrap, dosfstools, mtools, fdisk (sfdisk) and
# e2fsprogs installed. No Docker and no loop devices: the partitions are made as
# separate files (mkfs.vfat + mtools for the ESP, mkfs.ext4 -d for the ext4 ones)
# and copied into a GPT disk file written by sfdisk, so this also works in
# containers and CI machines without /dev/loop*.
#
# Writes OUTPUT.img (raw GPT disk, sparse) and OUTPUT.packages (dpkg -l of the root).
#
# Environment (all optional):
#   KIOSK_WORK      scratch folder (default: a new folder under /var/tmp/kiosk-work)
#   KIOSK_SNAPSHOT  a snapshot.debian.org time stamp such as 20250520T000000Z: take every
#                   package from that snapshot, so the same sources give the same
#                   package set (default: the live bookworm, bookworm-updates and
#                   bookworm-security)
#   KIOSK_MIRROR    Debian mirror when no snapshot is given (default deb.debian.org)
#   KIOSK_DATA_MB   size of the data partition in MiB (default 512)
set -euo pipefail

usage() {
	echo "usage: $0 OUTPUT.img BERGTOP.deb" >&2
	exit 2
}
[ $# -eq 2 ] || usage
out=$(realpath -m "$1")
deb=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
[ "$(id -u)" -eq 0 ] || {
	echo "build.sh: run as root (mmdebstrap in root mode, file ownership in the image)" >&2
	exit 1
}
[ -f "$deb" ] || {
	echo "build.sh: no such package: $deb" >&2
	exit 1
}
for tool in mmdebstrap mkfs.vfat mmd mcopy mkfs.ext4 sfdisk; do
	command -v "$tool" >/dev/null || {
		echo "build.sh: $tool is missing (apt-get install mmdebstrap dosfstools mtools fdisk e2fsprogs)" >&2
		exit 1
	}
done

# Partition sizes in MiB. The ESP holds systemd-boot, one kernel and one initrd
# (~70 MiB today); 256 MiB leaves room for a second kernel (A/B later).
esp_mb=256
data_mb=${KIOSK_DATA_MB:-512}

mkdir -p /var/tmp/kiosk-work
work=${KIOSK_WORK:-$(mktemp -d /var/tmp/kiosk-work/build.XXXXXX)}
mkdir -p "$work"
root="$work/root"
# a root left by an earlier run would make mmdebstrap refuse (non-empty target)
rm -rf "$root" "$work"/*.part "$work/data"
echo "build.sh: working in $work"

# --- 1. the root file system ---------------------------------------------------------

if [ -n "${KIOSK_SNAPSHOT:-}" ]; then
	# Debian's snapshot archive: the package set is fixed by the time stamp
	sources=(
		"deb [check-valid-until=no] http://snapshot.debian.org/archive/debian/$KIOSK_SNAPSHOT bookworm main"
		"deb [check-valid-until=no] http://snapshot.debian.org/archive/debian/$KIOSK_SNAPSHOT bookworm-updates main"
		"deb [check-valid-until=no] http://snapshot.debian.org/archive/debian-security/$KIOSK_SNAPSHOT bookworm-security main"
	)
else
	mirror=${KIOSK_MIRROR:-http://deb.debian.org/debian}
	sources=(
		"deb $mirror bookworm main"
		"deb $mirror bookworm-updates main"
		"deb http://deb.debian.org/debian-security bookworm-security main"
	)
fi

# What the kiosk needs beyond minbase (Debian's "required" packages and apt):
# - systemd as init, udev for /dev (keypads, DRM), kmod to load drivers
# - the kernel and initramfs-tools (the initramfs finds the root by PARTLABEL)
# - systemd-boot (its EFI binary is copied to the ESP below; bootctl for later)
# - Mesa: SDL 2.26's KMSDRM backend needs EGL and GBM even for 2D, and its software
#   renderer shows a black screen there. libegl-mesa0 is the EGL vendor behind
#   glvnd's libegl1, which only recommends it (mmdebstrap installs no recommends).
# - e2fsprogs for fsck of the root and data partitions at boot
include=systemd,systemd-sysv,udev,kmod,systemd-boot,systemd-boot-efi
include+=,linux-image-amd64,initramfs-tools,e2fsprogs
include+=,libegl1,libegl-mesa0,libgbm1,libgles2,libgl1-mesa-dri

debname=$(basename "$deb")
# bergtop goes in through apt, so its dependencies are resolved like on any Debian
# machine; --no-install-recommends because the Mesa packages it recommends are in
# the list above already and the package set must not depend on apt's mood.
mmdebstrap \
	--variant=minbase \
	--include="$include" \
	--customize-hook="copy-in '$deb' /tmp" \
	--customize-hook="chroot \"\$1\" apt-get install -y --no-install-recommends /tmp/$debname" \
	--customize-hook="rm -f \"\$1\"/tmp/$debname" \
	--customize-hook="'$here/customize.sh' \"\$1\"" \
	--customize-hook="chroot \"\$1\" dpkg -l > '$out.packages'" \
	bookworm "$root" "${sources[@]}"

# A machine-id written now, not at first boot: the root is read-only, and without
# one systemd would make up a new id on every boot (and treat each boot as the first).
# mmdebstrap empties /etc/machine-id at its end, so this comes after it.
tr -d '-' </proc/sys/kernel/random/uuid >"$root/etc/machine-id"

# --- 2. the partitions as files ------------------------------------------------------

kver=$(find "$root/boot" -maxdepth 1 -name 'vmlinuz-*' -printf '%f\n' | sed 's/^vmlinuz-//' | sort -V | tail -n 1)
[ -n "$kver" ] || {
	echo "build.sh: no kernel in $root/boot" >&2
	exit 1
}
[ -f "$root/boot/initrd.img-$kver" ] || {
	echo "build.sh: no initrd for $kver" >&2
	exit 1
}
cmdline="root=PARTLABEL=bergtop-root ro quiet loglevel=3 rd.udev.log_level=3 vt.global_cursor_default=0 sysctl.kernel.sysrq=0 console=ttyS0,115200"

# ESP: FAT32 with systemd-boot as the removable-media loader EFI/BOOT/BOOTX64.EFI,
# so the firmware boots it without a boot entry in NVRAM.
esp="$work/esp.part"
truncate -s "${esp_mb}M" "$esp"
mkfs.vfat -F 32 -n BERGTOP-ESP "$esp" >/dev/null
export MTOOLS_SKIP_CHECK=1
mmd -i "$esp" ::/EFI ::/EFI/BOOT ::/loader ::/loader/entries
mcopy -i "$esp" "$root/usr/lib/systemd/boot/efi/systemd-bootx64.efi" ::/EFI/BOOT/BOOTX64.EFI
mcopy -i "$esp" "$root/boot/vmlinuz-$kver" ::/vmlinuz
mcopy -i "$esp" "$root/boot/initrd.img-$kver" ::/initrd.img
# timeout 0: no menu (a key held at power-on still shows it); editor no: nobody
# at the keyboard can change the kernel command line (init=/bin/sh)
printf 'default bergtop.conf\ntimeout 0\neditor no\n' >"$work/loader.conf"
printf 'title bergtop\nversion %s\nlinux /vmlinuz\ninitrd /initrd.img\noptions %s\n' \
	"$kver" "$cmdline" >"$work/bergtop.conf"
mcopy -i "$esp" "$work/loader.conf" ::/loader/loader.conf
mcopy -i "$esp" "$work/bergtop.conf" ::/loader/entries/bergtop.conf

# Root: ext4 filled from the directory. Sized to what is used plus a quarter and
# 128 MiB; it is mounted read-only, so it never grows at run time.
used_mb=$(du -s --block-size=1M "$root" | cut -f1)
root_mb=$((used_mb + used_mb / 4 + 128))
rootfs="$work/root.part"
mkfs.ext4 -q -F -L bergtop-root -d "$root" "$rootfs" "${root_mb}M"

# Data: ext4 labelled bergtop-data for /var/lib/bergtop, owned by the bergtop user
# (systemd's StateDirectory= keeps owner and mode 0700 right on every start anyway).
uidgid=$(awk -F: '$1 == "bergtop" { print $3 ":" $4 }' "$root/etc/passwd")
[ -n "$uidgid" ] || {
	echo "build.sh: the package did not create the user bergtop" >&2
	exit 1
}
datafs="$work/data.part"
mkfs.ext4 -q -F -L bergtop-data -E "root_owner=$uidgid" "$datafs" "${data_mb}M"

# --- 3. the GPT disk -----------------------------------------------------------------

# 1 MiB in front (protective MBR, GPT, alignment) and 1 MiB behind (backup GPT).
root_mb=$(($(stat -c %s "$rootfs") / 1048576))
total_mb=$((1 + esp_mb + root_mb + data_mb + 1))
rm -f "$out"
truncate -s "${total_mb}M" "$out"
s=2048 # sectors of 512 bytes per MiB
# Partition types: EFI System; "Linux root (x86-64)" of the Discoverable Partitions
# Specification; plain Linux data. Names are what fstab and the kernel command line
# use (PARTLABEL=), labels of the file systems say the same.
sfdisk --quiet --no-reread --no-tell-kernel "$out" <<EOF
label: gpt
unit: sectors
first-lba: $s
start=$((1 * s)), size=$((esp_mb * s)), type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name="bergtop-esp"
start=$(((1 + esp_mb) * s)), size=$((root_mb * s)), type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, name="bergtop-root"
start=$(((1 + esp_mb + root_mb) * s)), size=$((data_mb * s)), type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="bergtop-data"
EOF
# conv=sparse keeps the unused blocks holes, so the file takes only what is used
dd if="$esp" of="$out" bs=1M seek=1 conv=notrunc,sparse status=none
dd if="$rootfs" of="$out" bs=1M seek=$((1 + esp_mb)) conv=notrunc,sparse status=none
dd if="$datafs" of="$out" bs=1M seek=$((1 + esp_mb + root_mb)) conv=notrunc,sparse status=none
sfdisk --verify "$out" >/dev/null

rm -f "$esp" "$rootfs" "$datafs"
echo "build.sh: wrote $out ($total_mb MiB: ESP $esp_mb, root $root_mb, data $data_mb; kernel $kver)"
echo "build.sh: package list in $out.packages ($(grep -c '^ii' "$out.packages") packages)"
