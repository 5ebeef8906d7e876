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
#   uinput        the keypad suite on uinput devices, bergtop stopped meanwhile;
#                 status = the suite's exit status (77: no suite in this image)
#   journal       the last 200 lines of bergtop's journal of this boot
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
	LD_LIBRARY_PATH=$DIR/lib TMPDIR=/tmp timeout -k 10 "$SUITE_LIMIT" \
		stdbuf -oL -eL "$DIR/test_uinput" </dev/null 2>&1
	rc=$?
	[ $rc -eq 124 ] && echo "TIMEOUT: the keypad suite ran longer than $SUITE_LIMIT s and was stopped"
	# without waiting for READY (the first frame takes seconds under emulation)
	systemctl start --no-block "$UNIT"
	return $rc
}

run() {
	case "$1" in
	ping) echo "pong $2" ;;
	state) cmd_state ;;
	kill) systemctl kill -s KILL "$UNIT" ;;
	mainpid) systemctl show -p MainPID --value "$UNIT" ;;
	listen) cmd_listen ;;
	uinput) cmd_uinput ;;
	journal) journalctl -b -u "$UNIT" --no-pager -o short-monotonic | tail -n 200 ;;
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
