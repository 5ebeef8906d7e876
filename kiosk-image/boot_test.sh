#!/usr/bin/env bash
# Boot smoke test of the kiosk image in QEMU: boots IMAGE, waits until bergtop says
# it opened the screen through KMSDRM, takes a screendump and shuts QEMU down.
#
#   kiosk-image/boot_test.sh IMAGE OUTDIR
#
# Writes OUTDIR/serial.log (kernel, systemd and journal on ttyS0), OUTDIR/screen.ppm
# and OUTDIR/screen.png, OUTDIR/qemu.log. Prints the boot-to-bergtop time.
# Exit status 0 when bergtop came up and the screen shows more than one colour.
#
# Needs qemu-system-x86 and ovmf (Debian 12). TCG only: /dev/kvm exists on the CI
# machines but cannot run a stock Debian kernel, and a TCG boot takes 30-60 s.
# Environment: BOOT_TIMEOUT (seconds, default 300) is the hard limit for the boot.
set -euo pipefail

[ $# -eq 2 ] || {
	echo "usage: $0 IMAGE OUTDIR" >&2
	exit 2
}
image=$(realpath "$1")
outdir=$2
timeout=${BOOT_TIMEOUT:-300}
ovmf=/usr/share/ovmf/OVMF.fd
for f in "$image" "$ovmf"; do
	[ -f "$f" ] || {
		echo "boot_test.sh: missing $f" >&2
		exit 1
	}
done
command -v qemu-system-x86_64 >/dev/null || {
	echo "boot_test.sh: qemu-system-x86_64 missing (apt-get install qemu-system-x86 ovmf)" >&2
	exit 1
}
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)
serial="$outdir/serial.log"
qmp="$outdir/qmp.sock"
rm -f "$serial" "$qmp" "$outdir/screen.ppm" "$outdir/screen.png"

# One QMP command per connection: greeting, qmp_capabilities, the command, its reply.
# Python from the standard library only (python3 is on every Debian CI host).
qmp_cmd() {
	python3 - "$qmp" "$1" <<'EOF'
import json, socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(30)
s.connect(sys.argv[1])
f = s.makefile("rw")
def reply():
    while True:
        msg = json.loads(f.readline())
        if "return" in msg or "error" in msg:
            return msg
json.loads(f.readline())  # greeting
f.write(json.dumps({"execute": "qmp_capabilities"}) + "\n"); f.flush()
reply()
f.write(sys.argv[2] + "\n"); f.flush()
msg = reply()
if "error" in msg:
    sys.exit("QMP: " + json.dumps(msg["error"]))
EOF
}

# PPM (what QMP's screendump writes) to PNG, and a verdict: "blank" when (nearly)
# every pixel has one colour (black screen, or bergtop's background without its
# text), "drawn" otherwise. Standard library only.
ppm_to_png() {
	python3 - "$1" "$2" <<'EOF'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
fields, pos = [], 0
while len(fields) < 4:  # P6 width height maxval, separated by white space
    while data[pos:pos + 1].isspace():
        pos += 1
    end = pos
    while not data[end:end + 1].isspace():
        end += 1
    fields.append(data[pos:end]); pos = end
pos += 1
assert fields[0] == b"P6" and fields[3] == b"255", fields
w, h = int(fields[1]), int(fields[2])
pix = data[pos:pos + w * h * 3]
raw = b"".join(b"\0" + pix[y * w * 3:(y + 1) * w * 3] for y in range(h))
def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))
open(sys.argv[2], "wb").write(png)
# every 7th pixel is plenty to tell a blank screen from a drawn one
sample = [pix[i:i + 3] for i in range(0, len(pix) - 2, 3 * 7)]
counts = {}
for p in sample:
    counts[p] = counts.get(p, 0) + 1
top, n = max(counts.items(), key=lambda kv: kv[1])
other = 100 * (len(sample) - n) / max(1, len(sample))
kind = "blank" if other < 0.5 else "drawn"
print(f"{kind}: {w}x{h}, background #{top.hex()}, {other:.1f}% of the pixels differ from it")
EOF
}

fail() {
	echo "boot_test.sh: FAIL: $*" >&2
	echo "----- serial log ($serial) -----" >&2
	cat "$serial" >&2 2>/dev/null || true
	echo "----- end of serial log -----" >&2
	exit 1
}

# The machine: q35 with UEFI (OVMF as -bios: no NVRAM needed, systemd-boot is
# EFI/BOOT/BOOTX64.EFI), the image as a virtio disk in snapshot mode (the test
# never changes the image), virtio-vga as the screen (virtio_gpu: KMS), one USB
# keyboard on an xHCI controller, the serial port to a file, no window.
start=$EPOCHREALTIME
qemu-system-x86_64 \
	-accel tcg -machine q35 -cpu "${QEMU_CPU:-max,avx=off,avx2=off,fma=off,f16c=off}" -smp 2 -m 2048 \
	-bios "$ovmf" \
	-drive "file=$image,format=raw,if=none,id=disk0,snapshot=on" \
	-device virtio-blk-pci,drive=disk0 \
	-device virtio-vga \
	-device qemu-xhci,id=xhci -device usb-kbd,bus=xhci.0 \
	-serial "file:$serial" \
	-display none -monitor none \
	-qmp "unix:$qmp,server=on,wait=off" \
	-nic none \
	>"$outdir/qemu.log" 2>&1 &
qemu_pid=$!
# whatever happens below, QEMU does not outlive the test
trap 'kill "$qemu_pid" 2>/dev/null || true; wait "$qemu_pid" 2>/dev/null || true' EXIT

# bergtop logs "screen via KMSDRM" (Dutch: "scherm via KMSDRM") once SDL has the
# screen; the journal forwards it to ttyS0.
up=
while :; do
	if grep -aqi 'bergtop.*via kmsdrm' "$serial" 2>/dev/null; then
		up=$EPOCHREALTIME
		break
	fi
	kill -0 "$qemu_pid" 2>/dev/null || {
		cat "$outdir/qemu.log" >&2
		fail "QEMU ended before bergtop started"
	}
	if grep -aq 'bergtop.*\(Failed\|failed\|no screen\|fails\)' "$serial" 2>/dev/null; then
		sleep 2
		fail "bergtop did not start"
	fi
	# bash's $EPOCHREALTIME: no bc needed; whole seconds are enough for the limit
	if [ $((${EPOCHREALTIME%.*} - ${start%.*})) -gt "$timeout" ]; then
		fail "bergtop did not start within $timeout s"
	fi
	sleep 0.5
done
boot=$(awk -v a="$start" -v b="$up" 'BEGIN { printf "%.1f", b - a }')
guest=$(grep -ai -m1 'bergtop.*via kmsdrm' "$serial" | sed -n 's/^\[ *\([0-9.]*\)\].*/\1/p')
echo "boot_test.sh: bergtop on screen after $boot s from QEMU start (guest clock: ${guest:-?} s after kernel start)"

# The first frame follows the log line (llvmpipe under TCG is slow): take dumps
# until the screen shows more than one colour, for at most 90 s.
verdict=
for _ in $(seq 1 18); do
	sleep 5
	qmp_cmd "{\"execute\": \"screendump\", \"arguments\": {\"filename\": \"$outdir/screen.ppm\"}}" ||
		fail "screendump"
	verdict=$(ppm_to_png "$outdir/screen.ppm" "$outdir/screen.png")
	case $verdict in blank*) ;; *) break ;; esac
done
echo "boot_test.sh: screendump $outdir/screen.png: $verdict"
qmp_cmd '{"execute": "quit"}' || true
wait "$qemu_pid" 2>/dev/null || true
trap - EXIT
# a bergtop that draws and then crashes (systemd restarts it) is no pass either
if grep -aq 'bergtop.service: \(Main process exited\|Failed\)' "$serial"; then
	fail "bergtop.service ended during the test: $(grep -a -m1 'bergtop.service: Main process exited' "$serial")"
fi
case $verdict in blank*) fail "the screen stays blank: $verdict" ;; esac
echo "boot_test.sh: PASS"
