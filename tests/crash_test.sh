#!/usr/bin/env bash
# Kills a scripted session with SIGKILL at several points, restarts it, and checks
# that --dump-state equals the run that was never interrupted. Also: a torn last
# journal record, two kills in a row, owner-only journal, and a normally closed
# session leaving no journal behind.
# Usage: crash_test.sh BERGTOP
set -u
bergtop=$1
exec 2>&1 # bash's "Killed" notices are expected here
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

# A whole session 1.2 with six seats: every question opened, votes, changed votes,
# an undo, a late joiner, navigation back and forth; it stops before the end.
script=$tmp/run.script
n=$("$bergtop" --list | awk -F'\t' '$1=="1.2"{print $3}')
{
	echo "session 1.2"
	echo "seats 5"
	for ((i = 0; i < n; i++)); do
		echo "trainer enter"
		for s in 1 2 3 4 5; do echo "seat $s $(((s + i) % 3 + 1))"; done
		echo "seat 2 undo"
		echo "seat 2 $(((i % 2) + 1))"
		[ "$i" = 3 ] && echo "seat 6 2"
		echo "wait 250"
		echo "trainer next"
		[ "$i" = 5 ] && echo "trainer prev" && echo "trainer next"
	done
	echo "trainer prev"
} >"$script"
events=$(grep -cvE '^(session|wait|#)' "$script")

"$bergtop" --script "$script" --data-dir "$tmp/base" --dump-state >"$tmp/base.json" 2>/dev/null
if [ -s "$tmp/base.json" ] && grep -q '"session": "1.2"' "$tmp/base.json"; then ok baseline; else bad baseline; fi

# the first k events of the script, as a script of their own
prefix() {
	awk -v k="$1" '/^(session|wait|#)/ { print; next } { if (++n > k) exit; print }' "$script"
}
echo "session 1.2" >"$tmp/nothing.script"

for k in 1 2 3 7 16 40 $((events / 2)) $((events - 1)); do
	d=$tmp/k$k
	"$bergtop" --script "$script" --data-dir "$d" --crash-after "$k" >/dev/null 2>&1
	st=$?
	if [ $st -ne 137 ]; then bad "kill-at-$k (exit $st, expected 137 = SIGKILL)"; continue; fi
	# what the journal alone gives back equals an uninterrupted run of those k events
	prefix "$k" >"$tmp/p$k.script"
	"$bergtop" --script "$tmp/p$k.script" --data-dir "$tmp/p$k" --dump-state >"$tmp/p$k.json" 2>/dev/null
	"$bergtop" --script "$tmp/nothing.script" --data-dir "$d" --dump-state >"$tmp/r$k.json" 2>/dev/null
	if cmp -s "$tmp/p$k.json" "$tmp/r$k.json"; then ok "kill-at-$k: the journal replays the state at the kill"; else
		bad "kill-at-$k: replayed state differs from the state at the kill"
		diff "$tmp/p$k.json" "$tmp/r$k.json" | head -20
	fi
	"$bergtop" --script "$script" --data-dir "$d" --dump-state >"$tmp/k$k.json" 2>"$tmp/k$k.err"
	if cmp -s "$tmp/base.json" "$tmp/k$k.json"; then ok "kill-at-$k: the rest of the script ends in the same state"; else
		bad "kill-at-$k resumes to a different state"
		diff "$tmp/base.json" "$tmp/k$k.json" | head -20
	fi
done

# SIGKILL from outside at random moments, so also in the middle of a journal write:
# the restart must show the state after some prefix of the events, never another one
mkdir -p "$tmp/prefixes"
for ((k = 0; k <= events; k++)); do
	prefix "$k" >"$tmp/pk.script"
	"$bergtop" --script "$tmp/pk.script" --data-dir "$tmp/pk$k" --dump-state 2>/dev/null |
		md5sum | cut -d' ' -f1 >>"$tmp/prefixes/all"
	rm -rf "$tmp/pk$k"
done
t0=$(date +%s%N)
"$bergtop" --script "$script" --data-dir "$tmp/timing" >/dev/null 2>&1
run_ms=$((($(date +%s%N) - t0) / 1000000 + 1))
seed=${BT_CRASH_SEED:-$$}
RANDOM=$seed
mid=0 trials=20
for ((i = 0; i < trials; i++)); do
	d=$tmp/rk$i
	delay_ms=$((RANDOM % run_ms))
	"$bergtop" --script "$script" --data-dir "$d" >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf '0.%03d' "$delay_ms")"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	sum=$("$bergtop" --script "$tmp/nothing.script" --data-dir "$d" --dump-state 2>/dev/null |
		md5sum | cut -d' ' -f1)
	k=$(grep -n -m1 -x "$sum" "$tmp/prefixes/all" | cut -d: -f1)
	if [ -z "$k" ]; then
		bad "random kill $i after ${delay_ms} ms: the restart shows a state that never happened"
	elif [ "$k" -gt 2 ] && [ "$k" -le "$events" ]; then
		mid=$((mid + 1))
	fi
	rm -rf "$d"
done
ok "random kills (seed $seed, run ${run_ms} ms, $trials kills, $mid in mid-session): every restart is a prefix state"

# two kills in a row, then the rest
d=$tmp/twice
"$bergtop" --script "$script" --data-dir "$d" --crash-after 10 >/dev/null 2>&1
"$bergtop" --script "$script" --data-dir "$d" --crash-after 30 >/dev/null 2>&1
"$bergtop" --script "$script" --data-dir "$d" --dump-state >"$tmp/twice.json" 2>/dev/null
if cmp -s "$tmp/base.json" "$tmp/twice.json"; then ok "two kills resume to the same state"; else bad "two kills"; fi

# a power cut in the middle of writing: the last record is torn
d=$tmp/torn
"$bergtop" --script "$script" --data-dir "$d" --crash-after 25 >/dev/null 2>&1
j=$d/journal/1.2.journal
size=$(stat -c %s "$j")
truncate -s $((size - 3)) "$j"
"$bergtop" --script "$script" --data-dir "$d" --dump-state >"$tmp/torn.json" 2>"$tmp/torn.err"
if cmp -s "$tmp/base.json" "$tmp/torn.json"; then ok "torn last record is skipped and redone"; else bad "torn record"; fi
if grep -q "overgeslagen" "$tmp/torn.err"; then ok "the torn record is reported"; else bad "no warning for the torn record"; fi

# journals are for the owner only
mode=$(stat -c %a "$tmp/base/journal/1.2.journal")
if [ "$mode" = 600 ]; then ok "journal mode 600"; else bad "journal mode is $mode"; fi
mode=$(stat -c %a "$tmp/base/journal")
if [ "$mode" = 700 ]; then ok "journal folder mode 700"; else bad "journal folder mode is $mode"; fi

# a session closed normally leaves no journal
closing=$tmp/close.script
{ echo "session 1.2"; for ((i = 0; i <= n; i++)); do echo "trainer next"; done; } >"$closing"
"$bergtop" --script "$closing" --data-dir "$tmp/closed" --dump-state >"$tmp/closed.json" 2>/dev/null
if [ ! -e "$tmp/closed/journal/1.2.journal" ] && grep -q '"closed": true' "$tmp/closed.json"; then
	ok "closing the session removes its journal"
else
	bad "journal left after closing"
fi

# retention settings: kept 7 days after closing; never written at all
"$bergtop" --script "$closing" --data-dir "$tmp/kept" --journal 7 --dump-state >/dev/null 2>&1
if [ ! -e "$tmp/kept/journal/1.2.journal" ] && [ -e "$tmp/kept/journal/closed/1.2.1.journal" ]; then
	ok "journal = 7 keeps the closed session's journal in journal/closed/"
else
	bad "journal = 7"; find "$tmp/kept"
fi
"$bergtop" --script "$script" --data-dir "$tmp/kept" --journal never --crash-after 5 >/dev/null 2>&1
if [ -z "$(find "$tmp/kept/journal" -name '*.journal' 2>/dev/null)" ]; then
	ok "journal = never writes nothing, even when killed, and deletes what was kept"
else
	bad "journal = never"; find "$tmp/kept"
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
