#!/usr/bin/env bash
# Makes a test copy of a kiosk image for the end-to-end test (kiosk-image/e2e_test.py):
#
#   kiosk-image/mktestimage.sh IMAGE OUT [TEST_UINPUT]
#
# OUT is a sparse copy of IMAGE with
# - in the root partition (2, ext4): the test agent (testagent/agent.sh as
#   /usr/local/lib/bergtop-test/agent.sh, its unit bergtop-test-agent.service in
#   /etc/systemd/system, enabled by a link in multi-user.target.wants);
# - with TEST_UINPUT (the keypad suite tests/test_uinput, built without sanitizers):
#   the suite, the shared libraries it needs that the image lacks, and the Dutch
#   catalogue it reads at run time, all under /usr/local/lib/bergtop-test/;
# - on the ESP (partition 1, FAT): modprobe.blacklist=bochs on the kernel command line,
#   so the guest leaves the test's dummy bochs-display devices alone (they only exist
#   to give each keypad a QEMU console of its own) and draws on virtio-vga only.
#
# IMAGE is never changed. No loop devices and no mount (works in containers): each
# partition is cut out with dd, changed with debugfs -w (ext4) or mtools (FAT), checked,
# and written back into OUT. Needs sfdisk, debugfs, e2fsck, mtools, python3 (and ldd,
# dpkg for TEST_UINPUT). Run as root, like build.sh (file owners in the image).
set -euo pipefail

usage() {
	echo "usage: $0 IMAGE OUT [TEST_UINPUT]" >&2
	exit 2
}
[ $# -eq 2 ] || [ $# -eq 3 ] || usage
image=$(realpath "$1")
out=$(realpath -m "$2")
suite=${3:+$(realpath "$3")}
here=$(cd "$(dirname "$0")" && pwd)
agentdir=$here/testagent
testdir=/usr/local/lib/bergtop-test # in the image

die() {
	echo "mktestimage.sh: $*" >&2
	exit 1
}
[ -f "$image" ] || die "no such image: $image"
[ "$image" != "$out" ] || die "OUT must not be IMAGE (the image itself is never changed)"
[ -z "$suite" ] || [ -x "$suite" ] || die "not an executable: $3"
for tool in sfdisk debugfs e2fsck mtype mcopy python3 dd; do
	command -v "$tool" >/dev/null || die "$tool is missing (apt-get install fdisk e2fsprogs mtools python3)"
done
for f in agent.sh bergtop-test-agent.service; do
	[ -f "$agentdir/$f" ] || die "missing $agentdir/$f"
done

# debugfs pipes some output through a pager; never here
export DEBUGFS_PAGER=__none__ PAGER=cat
# mtools refuses FAT images whose geometry it finds odd unless told not to check
export MTOOLS_SKIP_CHECK=1

work=$(mktemp -d "$out.work.XXXXXX")
trap 'rm -rf "$work"' EXIT

cp --sparse=always "$image" "$out"

# start and size (in 512-byte sectors) of partition N (1-based) of OUT
part_geometry() {
	sfdisk -J "$out" | python3 -c '
import json, sys
p = json.load(sys.stdin)["partitiontable"]["partitions"][int(sys.argv[1]) - 1]
print(p["start"], p["size"])' "$1"
}
extract() { # N FILE
	local start size
	read -r start size < <(part_geometry "$1")
	dd if="$out" of="$2" bs=512 skip="$start" count="$size" conv=sparse status=none
}
put_back() { # N FILE
	local start size
	read -r start size < <(part_geometry "$1")
	[ "$(stat -c %s "$2")" -eq $((size * 512)) ] || die "partition $1 changed size"
	dd if="$2" of="$out" bs=512 seek="$start" conv=notrunc,sparse status=none
}

# --- ESP: the kernel command line ----------------------------------------------------

esp=$work/esp.part
extract 1 "$esp"
entry=::/loader/entries/bergtop.conf
mtype -i "$esp" "$entry" >"$work/entry.conf" || die "no $entry on the ESP"
grep -q '^options ' "$work/entry.conf" || die "$entry has no options line"
# idempotent: an image made from a test image already has it
if ! grep -q '^options .*modprobe\.blacklist=bochs' "$work/entry.conf"; then
	sed -i 's/^options .*/& modprobe.blacklist=bochs/' "$work/entry.conf"
fi
mcopy -o -i "$esp" "$work/entry.conf" "$entry"
mtype -i "$esp" "$entry" | grep -q '^options .*modprobe\.blacklist=bochs' ||
	die "the kernel command line on the ESP did not change"
put_back 1 "$esp"
rm -f "$esp"
echo "mktestimage.sh: kernel command line: $(sed -n 's/^options //p' "$work/entry.conf")"

# --- root: agent, unit, suite --------------------------------------------------------

root=$work/root.part
extract 2 "$root"
e2fsck -fn "$root" >"$work/fsck-before.log" 2>&1 ||
	die "the root partition of $image is not clean: $(tail -n 5 "$work/fsck-before.log")"

exists() { debugfs -R "stat \"$1\"" "$root" 2>/dev/null | grep -q '^Inode:'; }
cmds=$work/debugfs.cmds
: >"$cmds"
# Every file written is listed here (image path<TAB>local file) and read back after.
written=$work/written.list
: >"$written"

# mkdir -p. Only for folders that are not there yet: debugfs's mkdir of an existing
# name leaves an allocated, unconnected inode behind (e2fsck then finds errors).
made_dirs=" "
mkdir_p() {
	local d=$1
	[ "$d" = / ] && return 0
	case "$made_dirs" in *" $d "*) return 0 ;; esac
	mkdir_p "$(dirname "$d")"
	if ! exists "$d"; then
		printf 'mkdir "%s"\nsif "%s" mode 040755\nsif "%s" uid 0\nsif "%s" gid 0\n' \
			"$d" "$d" "$d" "$d" >>"$cmds"
	fi
	made_dirs="$made_dirs$d "
}
# put LOCAL at PATH in the image, owned by root, with MODE (octal permissions)
put_file() { # LOCAL PATH MODE
	mkdir_p "$(dirname "$2")"
	# an older copy (a test image made from a test image) is replaced
	exists "$2" && echo "rm \"$2\"" >>"$cmds"
	printf 'write "%s" "%s"\nsif "%s" mode 0100%s\nsif "%s" uid 0\nsif "%s" gid 0\n' \
		"$1" "$2" "$2" "$3" "$2" "$2" >>"$cmds"
	printf '%s\t%s\n' "$2" "$1" >>"$written"
}

put_file "$agentdir/agent.sh" "$testdir/agent.sh" 755
put_file "$agentdir/bergtop-test-agent.service" /etc/systemd/system/bergtop-test-agent.service 644
# what systemctl enable does: WantedBy=multi-user.target
wants=/etc/systemd/system/multi-user.target.wants
mkdir_p "$wants"
exists "$wants/bergtop-test-agent.service" && echo "rm \"$wants/bergtop-test-agent.service\"" >>"$cmds"
echo "symlink \"$wants/bergtop-test-agent.service\" /etc/systemd/system/bergtop-test-agent.service" >>"$cmds"

if [ -n "$suite" ]; then
	put_file "$suite" "$testdir/test_uinput" 755
	if ldd "$suite" | grep -q 'not found'; then
		die "$suite needs libraries this host does not have: $(ldd "$suite" | grep 'not found' | tr -s ' \t\n' ' ')"
	fi
	# Shared libraries: everything ldd resolves that the image does not have at the
	# same name in its library folders (libcmocka0 is not in the kiosk). A library the
	# image has is used from the image, so the suite runs against the kiosk's libevdev
	# and libudev, which is the point of running it there.
	while read -r soname path; do
		found=
		for d in /usr/lib/x86_64-linux-gnu /lib/x86_64-linux-gnu /usr/lib /lib; do
			if exists "$d/$soname"; then
				found=$d
				break
			fi
		done
		[ -n "$found" ] && continue
		pkg=$( (dpkg -S "$path" || dpkg -S "$(realpath "$path")" ||
			dpkg -S "/usr$path" || dpkg -S "${path#/usr}") 2>/dev/null | head -n 1 | cut -d: -f1 || true)
		if [ -n "$pkg" ] && grep -q "^ii  ${pkg}[: ]" "$image.packages" 2>/dev/null; then
			echo "mktestimage.sh: note: $soname is from $pkg, which the package list says is in the image, but it is not found there; copying it"
		fi
		echo "mktestimage.sh: the image lacks $soname (host package ${pkg:-unknown}): copying $(realpath "$path")"
		cp -L "$path" "$work/$soname"
		put_file "$work/$soname" "$testdir/lib/$soname" 644
	done < <(ldd "$suite" | awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 }')

	# The suite (through tests/testutil.c) reads bergtop's Dutch catalogue from the
	# build tree it was compiled in (BT_TEST_LOCALEDIR, a path compiled into it) and
	# fails without it. The build tree is ../locale from tests/test_uinput.
	localedir=$(realpath -m "$(dirname "$suite")/../locale")
	[ -f "$localedir/nl/LC_MESSAGES/bergtop.mo" ] ||
		die "no $localedir/nl/LC_MESSAGES/bergtop.mo next to the suite (build the 'translations' target)"
	grep -qaF "$localedir" "$suite" ||
		die "$suite does not name $localedir: its locale folder is somewhere else"
	for mo in "$localedir"/*/LC_MESSAGES/bergtop.mo; do
		lang=$(basename "$(dirname "$(dirname "$mo")")")
		put_file "$mo" "$testdir/locale/$lang/LC_MESSAGES/bergtop.mo" 644
	done
	# Where the compiled path lies on one of the kiosk's RAM file systems (the usual
	# /var/tmp/kiosk-work/build-guest), anything put there in the image is hidden at
	# run time: the agent links it to the copy above just before running the suite.
	# Anywhere else on the root, the catalogue goes straight to the compiled path.
	case "$localedir/" in
	/tmp/* | /var/tmp/* | /var/log/* | /run/* | /var/lib/bergtop/*)
		printf '%s\n' "$localedir" >"$work/localedir"
		put_file "$work/localedir" "$testdir/localedir" 644
		;;
	*)
		for mo in "$localedir"/*/LC_MESSAGES/bergtop.mo; do
			put_file "$mo" "$mo" 644
		done
		;;
	esac
fi

debugfs -w -f "$cmds" "$root" >"$work/debugfs.log" 2>&1 || {
	cat "$work/debugfs.log" >&2
	die "debugfs failed"
}
# debugfs reports a failed command on stderr and carries on with exit status 0: so
# read every file back and compare, and let e2fsck judge the file system
while IFS=$'\t' read -r ipath lpath; do
	rm -f "$work/readback"
	debugfs -R "dump \"$ipath\" \"$work/readback\"" "$root" >/dev/null 2>&1 || true
	cmp -s "$lpath" "$work/readback" || {
		cat "$work/debugfs.log" >&2
		die "$ipath did not land in the image"
	}
done <"$written"
debugfs -R "stat \"$wants/bergtop-test-agent.service\"" "$root" 2>/dev/null | grep -q 'Type: symlink' || {
	cat "$work/debugfs.log" >&2
	die "the link enabling bergtop-test-agent.service is missing"
}
e2fsck -fn "$root" >"$work/fsck-after.log" 2>&1 || {
	cat "$work/debugfs.log" "$work/fsck-after.log" >&2
	die "the root file system has errors after the changes"
}
put_back 2 "$root"
rm -f "$root"

echo "mktestimage.sh: wrote $out ($(wc -l <"$written") files added under / : $(cut -f1 "$written" | tr '\n' ' '))"
