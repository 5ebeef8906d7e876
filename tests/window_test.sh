#!/usr/bin/env bash
# The real window under Xvfb: bergtop opens session 1.2, the trainer's keys and the
# simulated keypads (Tab + digits) drive a check-in, a screenshot is taken and
# checked, the quit chord ends the program with status 0, and the journal of the
# unfinished session stays for resume. Skips (77) without Xvfb or xdotool.
# Usage: window_test.sh BERGTOP RENDER_OUT_DIR
set -u
bergtop=$1 out=$2
for t in Xvfb xdotool import; do
	command -v $t >/dev/null || { echo "SKIP: $t is not installed"; exit 77; }
done
mkdir -p "$out"
tmp=$(mktemp -d)
disp=:$((90 + RANDOM % 100))
Xvfb "$disp" -screen 0 1280x720x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
trap 'kill $xpid 2>/dev/null; rm -rf "$tmp"' EXIT
export DISPLAY=$disp
# Xvfb can take a while on a busy machine (CI runs the render tests beside this)
ready=no
for _ in $(seq 300); do
	if xdotool getdisplaygeometry >/dev/null 2>&1; then ready=yes; break; fi
	sleep 0.1
done
if [ $ready = no ]; then echo "FAIL Xvfb did not start within 30 s"; exit 1; fi

pass=0 fail=0
ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

# Leak checking stays on everywhere else; here D-Bus and Mesa's GL driver (dlclosed
# before LeakSanitizer runs, so their stacks cannot even be named) keep memory of
# their own. AddressSanitizer's other checks stay on.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	"$bergtop" --window --session 1.2 --data-dir "$tmp/data" >"$tmp/log" 2>&1 &
pid=$!
win=""
for _ in $(seq 300); do
	win=$(xdotool search --name '^bergtop$' 2>/dev/null | head -1)
	[ -n "$win" ] && break
	kill -0 $pid 2>/dev/null || break
	sleep 0.1
done
if [ -z "$win" ]; then
	bad "window did not open"; cat "$tmp/log"
	echo "$pass passed, $fail failed"; exit 1
fi
ok "window opened"
xdotool windowactivate --sync "$win" 2>/dev/null || xdotool windowfocus --sync "$win"
k() { xdotool key --window "$win" --delay 60 "$@"; sleep 0.3; }
k Return           # open the check-in question
k 4                # seat 1 chooses 4
k Tab 5            # seat 2 chooses 5
k Tab 2            # seat 3 chooses 2
sleep 0.5
import -window root "$out/window-checkin.png"
colors=$(convert "$out/window-checkin.png" -format %k info:)
if [ "${colors:-0}" -gt 100 ]; then ok "screenshot shows a drawn frame ($colors colours)"; else bad "screenshot looks blank ($colors colours)"; fi
k F1
import -window root "$out/window-help.png"
k Escape          # closes help
k q               # a single key never quits
sleep 0.3
if kill -0 $pid 2>/dev/null; then ok "one key does not quit"; else bad "bergtop quit on one key"; fi
k ctrl+alt+q 2>/dev/null
for _ in $(seq 50); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
if kill -0 $pid 2>/dev/null; then bad "the quit chord did not quit"; kill $pid; else
	wait $pid; st=$?
	if [ $st = 0 ]; then ok "quit chord exits with status 0"; else bad "exit status $st"; cat "$tmp/log"; fi
fi
# the unfinished session is journaled: three seats voted
"$bergtop" --script <(echo "session 1.2") --data-dir "$tmp/data" --dump-state >"$tmp/state.json" 2>/dev/null
if grep -q '"3": 2' "$tmp/state.json" && grep -q '"2": 5' "$tmp/state.json"; then
	ok "the window's votes were journaled and resume"
else
	bad "votes not found after restart"; cat "$tmp/state.json"
fi

# a configured quit chord: Ctrl+Alt+Q no longer quits, the new chord does
printf 'quit_keys = ctrl+shift+x\nlanguage = en\n' >"$tmp/bergtop.conf"
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	"$bergtop" --window --config "$tmp/bergtop.conf" --data-dir "$tmp/data2" >"$tmp/log2" 2>&1 &
pid=$!
win=""
for _ in $(seq 300); do
	win=$(xdotool search --name '^bergtop$' 2>/dev/null | head -1)
	[ -n "$win" ] && break
	kill -0 $pid 2>/dev/null || break
	sleep 0.1
done
if [ -n "$win" ]; then
	xdotool windowactivate --sync "$win" 2>/dev/null || xdotool windowfocus --sync "$win"
	sleep 0.5
	import -window root "$out/window-menu-en.png"
	k ctrl+alt+q 2>/dev/null
	sleep 0.5
	if kill -0 $pid 2>/dev/null; then ok "with quit_keys set, Ctrl+Alt+Q does not quit"; else bad "Ctrl+Alt+Q quit despite quit_keys"; fi
	k ctrl+shift+x 2>/dev/null
	for _ in $(seq 50); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
	if kill -0 $pid 2>/dev/null; then bad "the configured chord did not quit"; kill $pid; else ok "the configured chord quits"; fi
else
	bad "second window did not open"; cat "$tmp/log2"
fi

# A stand-in for systemd's notify socket: every datagram bergtop sends, for
# SECONDS, into OUT.   listen_notify SOCKET SECONDS OUT
listen_notify() {
	python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1]); s.settimeout(0.2)
end = time.time() + float(sys.argv[2])
with open(sys.argv[3], "w") as out:
    while time.time() < end:
        try:
            out.write(s.recv(4096).decode() + "\n---\n"); out.flush()
        except socket.timeout:
            pass
' "$@"
}

# as systemd's Type=notify service: READY=1 after the first frame, then WATCHDOG=1
# at a third of WATCHDOG_USEC while nothing else happens
listen_notify "$tmp/notify" 20 "$tmp/notify.txt" &
lpid=$!
for _ in $(seq 50); do [ -S "$tmp/notify" ] && break; sleep 0.1; done
NOTIFY_SOCKET="$tmp/notify" WATCHDOG_USEC=1500000 ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	"$bergtop" --window --data-dir "$tmp/data3" >"$tmp/log3" 2>&1 &
pid=$!
win=""
for _ in $(seq 300); do
	win=$(xdotool search --name '^bergtop$' 2>/dev/null | head -1)
	[ -n "$win" ] && break
	kill -0 $pid 2>/dev/null || break
	sleep 0.1
done
sleep 4
if grep -q 'READY=1' "$tmp/notify.txt"; then ok "READY=1 sent after the first frame"; else bad "no READY=1"; cat "$tmp/notify.txt"; fi
pings=$(grep -c '^WATCHDOG=1$' "$tmp/notify.txt")
if [ "$pings" -ge 5 ]; then ok "$pings watchdog pings in about 4 s of idling"; else bad "only $pings watchdog pings"; fi
[ -n "$win" ] && xdotool windowactivate --sync "$win" 2>/dev/null
[ -n "$win" ] && k ctrl+alt+q 2>/dev/null
for _ in $(seq 50); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
kill $pid 2>/dev/null
if grep -q 'STOPPING=1' "$tmp/notify.txt"; then ok "STOPPING=1 on quit"; else bad "no STOPPING=1"; fi
kill $lpid 2>/dev/null

# no screen at all (a TV that is off; here: KMSDRM without a GPU): as a service,
# bergtop waits and keeps systemd's timeouts at bay; by hand, it says so and exits
SDL_VIDEODRIVER=kmsdrm "$bergtop" --no-keypads --data-dir "$tmp/data4" >"$tmp/log4" 2>&1
st=$?
if [ $st = 1 ] && grep -q 'geen scherm' "$tmp/log4"; then ok "without a screen and systemd: told and exit 1"; else bad "no screen by hand: status $st"; cat "$tmp/log4"; fi
rm -f "$tmp/notify"
listen_notify "$tmp/notify" 12 "$tmp/notify4.txt" &
lpid=$!
for _ in $(seq 50); do [ -S "$tmp/notify" ] && break; sleep 0.1; done
NOTIFY_SOCKET="$tmp/notify" SDL_VIDEODRIVER=kmsdrm "$bergtop" --no-keypads --data-dir "$tmp/data4" >"$tmp/log5" 2>&1 &
pid=$!
sleep 8
if kill -0 $pid 2>/dev/null && [ "$(grep -c 'EXTEND_TIMEOUT_USEC' "$tmp/notify4.txt")" -ge 2 ] &&
	grep -q 'wacht op een scherm' "$tmp/log5"; then
	ok "without a screen under systemd: waits, extends the start timeout, retries"
else
	bad "waiting for a screen"; cat "$tmp/log5" "$tmp/notify4.txt"
fi
kill $pid 2>/dev/null
wait $pid 2>/dev/null
kill $lpid 2>/dev/null
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
