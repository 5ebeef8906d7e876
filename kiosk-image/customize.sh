#!/usr/bin/env bash
# Turns the Debian root made by mmdebstrap into the bergtop kiosk. Called by build.sh
# as an mmdebstrap --customize-hook, after the bergtop package is installed:
#   customize.sh ROOTDIR
# Commands that must run inside (systemctl, update-initramfs) go through chroot;
# mmdebstrap has /proc, /sys and /dev mounted there during hooks.
set -euo pipefail
root=$1
[ -x "$root/usr/bin/bergtop" ] || {
	echo "customize.sh: bergtop is not installed in $root" >&2
	exit 1
}
in_root() { chroot "$root" "$@"; }

# --- file systems ----------------------------------------------------------------------
# The root is read-only (power can be cut at any moment, and nothing on it should
# change); only the data partition is written. /tmp and /var/tmp are RAM (bergtop's
# unit has PrivateTmp=yes, for which systemd needs both writable); /var/log too, for
# the utmp/wtmp records systemd writes at boot.
cat >"$root/etc/fstab" <<'EOF'
# bergtop kiosk: read-only root, data on its own partition, the rest in RAM
PARTLABEL=bergtop-root  /                 ext4   ro,noatime                             0 1
PARTLABEL=bergtop-data  /var/lib/bergtop  ext4   rw,noatime,nodev,nosuid,noexec         0 2
tmpfs                   /tmp              tmpfs  mode=1777,nodev,nosuid,size=256M       0 0
tmpfs                   /var/tmp          tmpfs  mode=1777,nodev,nosuid,size=64M        0 0
tmpfs                   /var/log          tmpfs  mode=0755,nodev,nosuid,noexec,size=32M 0 0
EOF
# the mount point on the root (the package made it, but be sure)
mkdir -p "$root/var/lib/bergtop"

# --- journal ---------------------------------------------------------------------------
# Volatile (in /run, lost at power-off): the root is read-only, and bergtop's own
# session journal is on the data partition. A copy of every message goes to the
# serial port: the boot test reads bergtop's "screen via kmsdrm" there, and a
# maintainer with a serial cable sees the logs. TTYPath names ttyS0 explicitly so
# the messages never land on the TV (tty1), whatever /dev/console is.
mkdir -p "$root/etc/systemd/journald.conf.d"
cat >"$root/etc/systemd/journald.conf.d/50-kiosk.conf" <<'EOF'
[Journal]
Storage=volatile
RuntimeMaxUse=32M
ForwardToConsole=yes
TTYPath=/dev/ttyS0
MaxLevelConsole=info
EOF

# --- nothing but bergtop on the screen -------------------------------------------------
# No login anywhere: no getty on tty1 (bergtop's console), none on the serial console
# either (getty.target masked, so the generator's serial-getty is never pulled in),
# and no spare VTs (only tty1 is ever allocated, so Ctrl-Alt-Fn has nowhere to
# switch to). Ctrl-Alt-Del does not reboot. logind is not needed (bergtop is a
# system service with its device groups) and would only fail without D-Bus.
for unit in getty@tty1.service getty.target serial-getty@ttyS0.service autovt@.service \
	ctrl-alt-del.target systemd-logind.service \
	apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer \
	e2scrub_all.timer e2scrub_reap.service fstrim.timer; do
	ln -sf /dev/null "$root/etc/systemd/system/$unit"
done
# Masking ctrl-alt-del.target is not enough: systemd reboots at once ("reboot-force")
# when Ctrl-Alt-Del comes more than 7 times within 2 s, whatever that target is
# (CtrlAltDelBurstAction=; the e2e test's "closed" step found it).
mkdir -p "$root/etc/systemd/system.conf.d"
cat >"$root/etc/systemd/system.conf.d/50-kiosk.conf" <<'EOF'
[Manager]
CtrlAltDelBurstAction=none
EOF
# SysRq off: no magic keys on the kiosk keyboard (50-default.conf of systemd turns
# some on; 90 comes later and wins)
mkdir -p "$root/etc/sysctl.d"
echo 'kernel.sysrq = 0' >"$root/etc/sysctl.d/90-kiosk.conf"

# --- bergtop.service -------------------------------------------------------------------
# The packaged unit is not enabled (it would take over a desktop's console). Here
# it is the only thing the machine does: enabled, on SDL's KMSDRM backend (SDL
# would otherwise also try X11/Wayland and the offscreen driver), and restarted
# whatever way it ends.
mkdir -p "$root/etc/systemd/system/bergtop.service.d"
# OpenGL ES: SDL's default OpenGL renderer drew only the background on Mesa's
# kms_swrast (QEMU). ALSA only: no sound server on the kiosk. After five crashes in
# ten minutes systemd gives up and shows the safe screen instead of a boot loop.
cat >"$root/etc/systemd/system/bergtop.service.d/50-kiosk.conf" <<'EOF'
[Unit]
StartLimitIntervalSec=10min
StartLimitBurst=5
OnFailure=bergtop-safe.service

[Service]
Environment=SDL_VIDEODRIVER=kmsdrm SDL_RENDER_DRIVER=opengles2 SDL_AUDIODRIVER=alsa
Restart=always
RestartSec=2s
EOF
in_root systemctl enable bergtop.service

# The safe screen: bergtop --safe-screen (a pictogram and "switch off and on, then
# call the maintainer"), with the same user and sandbox as bergtop itself.
sed -e 's/^Description=.*/Description=bergtop safe screen after repeated crashes/' \
	-e 's|^ExecStart=.*|ExecStart=/usr/bin/bergtop --fullscreen --safe-screen|' \
	-e 's/^Restart=.*/Restart=no/' -e '/^WatchdogSec=/d' -e '/^\[Install\]/,$d' \
	"$root/lib/systemd/system/bergtop.service" >"$root/etc/systemd/system/bergtop-safe.service"
cat >>"$root/etc/systemd/system/bergtop-safe.service" <<'EOF'
Environment=SDL_VIDEODRIVER=kmsdrm SDL_RENDER_DRIVER=opengles2

[Unit]
Conflicts=bergtop.service
EOF

# --- scene files from a USB stick ------------------------------------------------------
# A stick's file system appears: a root helper mounts it read-only (noexec, in a mount
# namespace of its own) and bergtop, as its own user, checks and takes the files of
# its bergtop/ folder (bergtop --import). Nothing on the stick is run. The helper is
# bound to the device: a stick pulled mid-way stops it, and the import leaves the
# current set as it was until the new one is complete.
mkdir -p "$root/etc/udev/rules.d"
cat >"$root/etc/udev/rules.d/80-bergtop-stick.rules" <<'EOF'
ACTION=="add", SUBSYSTEM=="block", ENV{ID_BUS}=="usb", ENV{ID_FS_USAGE}=="filesystem", TAG+="systemd", ENV{SYSTEMD_WANTS}+="bergtop-stick@%k.service"
EOF
cat >"$root/etc/systemd/system/bergtop-stick@.service" <<'EOF'
[Unit]
Description=bergtop: scene files from USB stick %I
BindsTo=dev-%i.device
After=dev-%i.device

[Service]
Type=oneshot
ExecStart=/usr/local/lib/bergtop/stick-import /dev/%I
RuntimeDirectory=bergtop-stick/%i
RuntimeDirectoryMode=0755
TimeoutStartSec=2min
PrivateMounts=yes
PrivateNetwork=yes
PrivateTmp=yes
ProtectHome=yes
ProtectSystem=strict
ReadWritePaths=/var/lib/bergtop
ProtectKernelTunables=yes
ProtectControlGroups=yes
RestrictAddressFamilies=AF_UNIX
SystemCallArchitectures=native
EOF
mkdir -p "$root/usr/local/lib/bergtop"
cat >"$root/usr/local/lib/bergtop/stick-import" <<'EOF'
#!/bin/sh
# One USB stick file system. Without reports waiting it is mounted read-only and
# bergtop takes the scene files of its bergtop/ folder. When the trainer made a report
# for the dossier (X), the stick is mounted writable for user bergtop only and the
# reports move onto it (bergtop-verslag/). Runs as root only for the mount; bergtop
# does the rest as user bergtop. Nothing from the stick is executed.
set -u
dev=$1
mnt=$RUNTIME_DIRECTORY
data=/var/lib/bergtop
export_to=
if [ -n "$(find "$data/export" -maxdepth 1 -type f ! -name '.*' 2>/dev/null | head -n 1)" ]; then
	uid=$(id -u bergtop) gid=$(id -g bergtop)
	# FAT and exFAT know no owners: the mount gives every file to bergtop, owner-only
	if mount -o rw,nosuid,nodev,noexec,noatime,uid="$uid",gid="$gid",umask=077 "$dev" "$mnt" ||
		mount -o rw,nosuid,nodev,noexec,noatime "$dev" "$mnt"; then
		export_to=$mnt
	fi
fi
if [ -z "$export_to" ] && ! mount -o ro,nosuid,nodev,noexec,noatime "$dev" "$mnt"; then
	echo "bergtop-stick: $dev cannot be read; nothing taken"
	exit 0
fi
trap 'sync; umount -l "$mnt" 2>/dev/null' EXIT
dir=
for d in "$mnt"/*; do
	name=$(basename "$d" | tr 'A-Z' 'a-z')
	if [ "$name" = bergtop ] && [ -d "$d" ] && [ ! -L "$d" ]; then
		dir=$d
	fi
done
if [ -z "$dir" ] && [ -z "$export_to" ]; then
	echo "bergtop-stick: no bergtop folder on $dev; nothing taken"
	exit 0
fi
set --
[ -n "$export_to" ] && set -- "$@" --export-to "$export_to"
[ -n "$dir" ] && set -- "$@" --import "$dir"
setpriv --reuid=bergtop --regid=bergtop --init-groups --no-new-privs --inh-caps=-all \
	-- /usr/bin/bergtop --data-dir=$data "$@"
EOF
chmod 0755 "$root/usr/local/lib/bergtop/stick-import"

# --- identity and accounts -------------------------------------------------------------
# Reproducible regardless of the build host (mmdebstrap copies the host's files).
echo bergtop >"$root/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tbergtop\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' >"$root/etc/hosts"
: >"$root/etc/resolv.conf"
# nobody logs in: root's password locked
in_root passwd --lock root >/dev/null

# --- initramfs -------------------------------------------------------------------------
# MODULES=most (Debian's default) carries virtio, ahci, nvme, ext4 and vfat, so the
# same initrd boots QEMU and the mini-PC. No resume device (no swap). Rebuilt now
# that /etc/fstab says the root is ext4 (the fsck hook reads it).
mkdir -p "$root/etc/initramfs-tools/conf.d"
echo 'RESUME=none' >"$root/etc/initramfs-tools/conf.d/resume"
# the fsck hook cannot see the root's type in a chroot (it probes the device of
# PARTLABEL=bergtop-root, which does not exist at build time): say it, so e2fsck
# goes into the initramfs and the root is checked before it is mounted
echo 'FSTYPE=ext4' >"$root/etc/initramfs-tools/conf.d/fstype"
grep -q '^MODULES=most' "$root/etc/initramfs-tools/initramfs.conf" || {
	echo "customize.sh: initramfs.conf does not say MODULES=most" >&2
	exit 1
}
in_root update-initramfs -u -k all
