#!/bin/sh
# bergtop end-to-end test agent. It exists only in test copies of the kiosk image
# (kiosk-image/mktestimage.sh puts it there); the real kiosk has no way in at all.
#
# The host (kiosk-image/e2e_test.py) writes one command per line to the virtio-serial
# port org.bergtop.agent; every answer is the command's output followed by a line
# "END <status>". A serial port and not a network socket, because the kiosk must not
# listen anywhere (the test checks exactly that with "listen").
#
# Commands:
#   ping [TOKEN]  "pong TOKEN": the host uses a fresh token to find the start of a
#                 clean answer after a timeout or at connect time
#   state         SIGUSR1 to bergtop, wait for a new /var/lib/bergtop/state.json,
#                 print it as one line (status 3: bergtop not running yet, try again)
#   kill          SIGKILL to bergtop (systemd restarts it)
#   mainpid       bergtop's main PID (0 when it is not running)
#   listen        every TCP socket in LISTEN and every UDP socket, in every network
#                 namespace (bergtop runs with PrivateNetwork=yes, so /proc/net of
#                 the agent alone would not show its sockets); empty = none
#   uinput [N]    the keypad suite on uinput devices, bergtop stopped meanwhile;
#                 with N > 0 also its storm for N seconds (BT_STORM_SECONDS);
#                 status = the suite's exit status (77: no suite in this image)
#   journal       the last 200 lines of bergtop's journal of this boot
#   trace start   restarts bergtop with $BERGTOP_TRACE (a runtime drop-in);
#   trace stop    prints the trace, removes the drop-in and restarts bergtop
#   ttys          every process outside this agent's own service that has a
#                 controlling terminal, a terminal open (/dev/tty*, console, pts,
#                 vcs) or the name of a getty, login or shell; empty = none
#   sysinfo       key=value lines: boot id, uptime, active VT, kernel.sysrq,
#                 kernel.ctrl-alt-del, systemd's CtrlAltDelBurstAction, bergtop's
#                 MainPID and ActiveState, where ss is (none: not in the image)
#   capture start|stop
#                 start: record what arrives on tty1 (the console bergtop's screen
#                 belongs to; raw mode, no echo) and the key events every keyboard's
#                 evdev node delivers to a reader other than bergtop; stop: end
#                 that and print one line per source ("tty1 BYTES HEX..." and
#                 "evdev NODE PHYS DOWN-KEY-CODES..."). A keypad bergtop has
#                 grabbed (EVIOCGRAB) gives nobody else an event, not even the console
#   security      systemd-analyze security bergtop.service (the whole table)
#
# POSIX sh with coreutils, grep, mawk, kmod and systemd only: that is what a Debian
# minbase root with systemd has (no busybox, no socat, no python).

PORT=/dev/virtio-ports/org.bergtop.agent
UNIT=bergtop.service
STATE=/var/lib/bergtop/state.json
DIR=/usr/local/lib/bergtop-test
# the keypad suite takes well under a minute even under emulation
SUITE_LIMIT=300

log() { echo "bergtop-test-agent: $*" >&2; }

# inode and modification time with nanoseconds: bergtop writes the file under another
# name and renames it, so either one changes with every new dump
stamp() { stat -c '%i %y' "$STATE" 2>/dev/null || echo none; }

cmd_state() {
	active=$(systemctl show -p ActiveState --value "$UNIT")
	# a bergtop still starting may not have its SIGUSR1 handler yet, and the default
	# action of SIGUSR1 is to end the process: only ask a running one
	if [ "$active" != active ]; then
		echo "bergtop.service is $active, not active: no state yet"
		return 3
	fi
	before=$(stamp)
	systemctl kill -s USR1 "$UNIT" || return 2
	i=0
	while [ $i -lt 100 ]; do # 100 x 0.2 s: at most 20 s
		now=$(stamp)
		if [ "$now" != none ] && [ "$now" != "$before" ]; then
			# JSON strings cannot hold a raw newline, so joining lines is safe
			tr -d '\n' <"$STATE"
			echo
			return 0
		fi
		sleep 0.2
		i=$((i + 1))
	done
	echo "no new $STATE within 20 s of SIGUSR1 (bergtop: $(systemctl show -p ActiveState,SubState,MainPID --value "$UNIT" | tr '\n' ' '))"
	return 1
}

# Processes that could take input from a console. The agent itself (a shell with a
# virtio-serial port, test copies only) and what it runs are left out by cgroup.
cmd_ttys() {
	# every open terminal, "/proc/PID/fd/N TARGET", in one go (a loop of readlinks
	# takes a minute under emulation)
	open=$(find /proc/[0-9]*/fd -mindepth 1 -maxdepth 1 \( -lname '/dev/tty*' -o \
		-lname /dev/console -o -lname '/dev/pts/*' -o -lname /dev/ptmx -o -lname '/dev/vcs*' \) \
		-printf '%p %l\n' 2>/dev/null)
	for p in /proc/[0-9]*; do
		pid=${p#/proc/}
		read -r cg 2>/dev/null <"$p/cgroup" || continue
		case "$cg" in
		0::*) cg=${cg#0::} ;; # the unified hierarchy: one line
		*) cg=$(sed -n 's/^0:://p' "$p/cgroup") ;;
		esac
		case "$cg" in */bergtop-test-agent.service*) continue ;; esac
		read -r stat 2>/dev/null <"$p/stat" || continue
		comm=${stat#*\(}
		comm=${comm%\)*}
		# after the name: state ppid pgrp session tty_nr
		# shellcheck disable=SC2086
		set -- ${stat##*\) }
		tty=$5
		why=
		if [ "$tty" != 0 ]; then
			why="controlling tty $(((tty >> 8) & 4095)):$(((tty & 255) | ((tty >> 12) & 1048320)))"
		fi
		case "$open" in
		*"/proc/$pid/fd/"*)
			fds=$(printf '%s\n' "$open" | awk -v p="/proc/$pid/fd/" 'index($1, p) == 1 { printf " %s", $2 }')
			why="$why${why:+, }open:$fds"
			;;
		esac
		case "$comm" in
		*getty | login | sulogin | sh | bash | dash | zsh | ash | busybox | su | sudo)
			why="$why${why:+, }a getty, login or shell"
			;;
		esac
		[ -n "$why" ] && echo "pid $pid ($comm) in ${cg:-?}: $why"
	done
	return 0
}

cmd_sysinfo() {
	echo "boot_id=$(cat /proc/sys/kernel/random/boot_id)"
	echo "uptime=$(cut -d' ' -f1 /proc/uptime)"
	echo "active_vt=$(cat /sys/class/tty/tty0/active)"
	echo "console=$(cat /sys/class/tty/console/active)"
	echo "sysrq=$(cat /proc/sys/kernel/sysrq)"
	echo "ctrl_alt_del=$(cat /proc/sys/kernel/ctrl-alt-del)"
	echo "cad_burst_action=$(systemctl show -p CtrlAltDelBurstAction --value)"
	echo "mainpid=$(systemctl show -p MainPID --value "$UNIT")"
	echo "active=$(systemctl show -p ActiveState --value "$UNIT")"
	echo "ss=$(command -v ss || echo none)"
}

CAP=/run/bergtop-test-capture

# the evdev nodes of keyboards (a key A and Enter): the keypads and the trainer's
keyboard_nodes() {
	for d in /sys/class/input/event[0-9]*; do
		caps=$(cat "$d/device/capabilities/key" 2>/dev/null) || continue
		# KEY_A is bit 30 and KEY_ENTER bit 28: the last 8 hex digits of the bitmap
		low=$(echo "$caps" | awk '{ w = $NF; if (length(w) > 8) w = substr(w, length(w) - 7); print w }')
		[ $((0x$low & 0x50000000)) = $((0x50000000)) ] || continue
		echo "${d##*/}"
	done
}

cmd_capture() {
	case "$1" in
	start)
		capture_stop >/dev/null 2>&1
		mkdir -p "$CAP" && rm -f "$CAP"/* || return 2
		: >"$CAP/tty1.cap"
		dd if=/dev/tty1 of="$CAP/tty1.cap" bs=1 status=none </dev/null >/dev/null 2>&1 &
		echo $! >"$CAP/tty1.pid"
		# Raw: every byte arrives at once, Enter or not; nothing echoed on the VT. Set
		# while dd holds tty1 open: a VT's settings go back to the defaults when its
		# last user closes it (which also undoes this when the capture stops).
		sleep 0.5
		stty -F /dev/tty1 -g >"$CAP/tty1.stty" || return 2
		stty -F /dev/tty1 -icanon -echo -isig min 1 time 0 || return 2
		for n in $(keyboard_nodes); do
			: >"$CAP/$n.cap"
			dd if="/dev/input/$n" of="$CAP/$n.cap" bs=4096 status=none </dev/null >/dev/null 2>&1 &
			echo $! >"$CAP/$n.pid"
		done
		echo "capturing tty1 and $(keyboard_nodes | tr '\n' ' ')"
		;;
	stop) capture_stop ;;
	*)
		echo "capture start|stop"
		return 2
		;;
	esac
}

capture_stop() {
	[ -d "$CAP" ] || {
		echo "no capture running"
		return 1
	}
	[ -f "$CAP/tty1.stty" ] && stty -F /dev/tty1 "$(cat "$CAP/tty1.stty")"
	for f in "$CAP"/*.pid; do
		[ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null
	done
	sleep 0.3
	for f in "$CAP"/*.cap; do
		[ -f "$f" ] || continue
		n=$(basename "$f" .cap)
		if [ "$n" = tty1 ]; then
			echo "tty1 $(wc -c <"$f") $(od -An -v -tx1 "$f" | tr -s ' \n' '  ')"
		else
			# struct input_event on x86_64: 16 bytes of time, u16 type, u16 code,
			# s32 value; type 1 (EV_KEY), value 1 (down)
			phys=$(cat "/sys/class/input/$n/device/phys" 2>/dev/null)
			echo "evdev $n ${phys:-?} $(od -An -v -tu2 -w24 "$f" | awk '$9 == 1 && $11 == 1 { printf "%s ", $10 }')"
		fi
	done
	rm -rf "$CAP"
	return 0
}

cmd_listen() {
	seen=" "
	for p in /proc/[0-9]*; do
		ns=$(readlink "$p/ns/net" 2>/dev/null) || continue
		case "$seen" in *" $ns "*) continue ;; esac
		seen="$seen$ns "
		pid=${p#/proc/}
		for f in tcp tcp6 udp udp6; do
			# column 4 is the socket state: 0A is TCP LISTEN; a UDP socket in the
			# table is bound, which is what listening means for UDP
			awk -v f="$f" -v ns="$ns" -v pid="$pid" \
				'NR > 1 && (f ~ /^udp/ || $4 == "0A") {
					print ns " (seen from pid " pid ") " f " local " $2 " state " $4 " inode " $10
				}' "$p/net/$f" 2>/dev/null
		done
	done
}

# The suite's Dutch messages come from the build tree it was compiled in; that path
# is compiled into the binary. mktestimage.sh copied the catalogue next to the suite
# and wrote the compiled path into $DIR/localedir; where that path lies on a RAM file
# system of the kiosk (/var/tmp, /tmp) it can only be made now, as a link.
suite_locale() {
	[ -f "$DIR/localedir" ] || return 0
	want=$(cat "$DIR/localedir")
	[ -e "$want" ] && return 0
	mkdir -p "$(dirname "$want")" && ln -s "$DIR/locale" "$want"
}

cmd_uinput() {
	if [ ! -x "$DIR/test_uinput" ]; then
		echo "no keypad suite in this image (mktestimage.sh was given none)"
		return 77
	fi
	suite_locale || echo "warning: cannot make the suite's locale folder $(cat "$DIR/localedir")"
	# bergtop would grab the suite's uinput keypads and take their keys
	systemctl stop "$UNIT"
	modprobe uinput || echo "modprobe uinput failed"
	cd /tmp || return 2
	# stdbuf: line-buffered output, so that a suite stopped by the time limit still
	# shows how far it got (stdio would hold it in its buffer for a pipe)
	storm=${1:-0}
	case $storm in '' | *[!0-9]*) storm=0 ;; esac
	limit=$((SUITE_LIMIT + 3 * storm))
	BT_STORM_SECONDS=$storm LD_LIBRARY_PATH=$DIR/lib TMPDIR=/tmp timeout -k 10 "$limit" \
		stdbuf -oL -eL "$DIR/test_uinput" </dev/null 2>&1
	rc=$?
	[ $rc -eq 124 ] && echo "TIMEOUT: the keypad suite ran longer than $limit s and was stopped"
	# without waiting for READY (the first frame takes seconds under emulation)
	systemctl start --no-block "$UNIT"
	return $rc
}

TRACE=/var/lib/bergtop/trace.txt
TRACE_DROPIN=/run/systemd/system/$UNIT.d/90-test-trace.conf

cmd_trace() {
	case $1 in
	start)
		mkdir -p "$(dirname "$TRACE_DROPIN")" || return 2
		printf '[Service]\nEnvironment=BERGTOP_TRACE=%s\n' "$TRACE" >"$TRACE_DROPIN"
		rm -f "$TRACE"
		;;
	stop)
		cat "$TRACE" 2>/dev/null || echo "no trace at $TRACE"
		rm -f "$TRACE_DROPIN" "$TRACE"
		;;
	*) return 2 ;;
	esac
	systemctl daemon-reload
	# without waiting for READY (the first frame takes seconds under emulation)
	systemctl restart --no-block "$UNIT"
}

run() {
	case "$1" in
	ping) echo "pong $2" ;;
	state) cmd_state ;;
	kill) systemctl kill -s KILL "$UNIT" ;;
	mainpid) systemctl show -p MainPID --value "$UNIT" ;;
	listen) cmd_listen ;;
	uinput) cmd_uinput "$2" ;;
	trace) cmd_trace "$2" ;;
	journal) journalctl -b -u "$UNIT" --no-pager -o short-monotonic | tail -n 200 ;;
	ttys) cmd_ttys ;;
	sysinfo) cmd_sysinfo ;;
	capture) cmd_capture "$2" ;;
	security) SYSTEMD_COLORS=0 systemd-analyze security --no-pager "$UNIT" ;;
	*)
		echo "unknown command: $*"
		return 2
		;;
	esac
}

while [ ! -e "$PORT" ]; do sleep 1; done
exec 3<>"$PORT" || exit 1
log "listening on $PORT"
while :; do
	# a read while the host is not connected returns end-of-file at once (the port
	# itself stays usable): wait and read again
	if ! IFS= read -r line <&3; then
		sleep 1
		continue
	fi
	line=$(printf '%s' "$line" | tr -d '\r')
	[ -n "$line" ] || continue
	log "$line"
	# shellcheck disable=SC2086 # the words of the command are its arguments
	(run $line) </dev/null >&3 2>&1 3>&-
	echo "END $?" >&3
done
