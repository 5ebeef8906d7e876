#!/usr/bin/env bash
# Storm and soak: twelve seats each press 50 keys a second (a key every 20 ms) for
# BT_STORM_MINUTES minutes (default 10) of session time on the check-in of 1.1,
# through the script input, every vote journaled. Checks: no crash, every seat's
# face is exactly its last scripted key, the journal size is stated and under its
# cap, and memory stays flat (RSS sampled while it runs; the first sample after one
# second against the last). Prints the figures. Usage: storm_test.sh BERGTOP
set -u
bergtop=$1
minutes=${BT_STORM_MINUTES:-10}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
seed=${BT_STORM_SEED:-$$}
fail=0

awk -v secs=$((minutes * 60)) -v seed="$seed" 'BEGIN {
	srand(seed); print "session 1.1"; print "seats 12"; print "trainer enter"
	for (t = 0; t < secs * 50; t++) {
		for (s = 1; s <= 12; s++) { d = 1 + int(rand() * 5); printf "seat %d %d\n", s, d; last[s] = d }
		print "wait 20"
	}
	for (s = 1; s <= 12; s++) printf "%d %d\n", s, last[s] > "/dev/stderr"
}' >"$tmp/storm.script" 2>"$tmp/expected"
keys=$((minutes * 60 * 50 * 12))
echo "storm: $keys keys from 12 seats over $minutes min of session time (seed $seed)"

t0=$(date +%s%N)
"$bergtop" --script "$tmp/storm.script" --data-dir "$tmp/data" --dump-state >"$tmp/state.json" 2>"$tmp/err" &
pid=$!
first= last= peak=0 samples=0
sleep 1
while kill -0 "$pid" 2>/dev/null; do
	rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
	if [ -n "$rss" ]; then
		[ -z "$first" ] && first=$rss
		last=$rss
		[ "$rss" -gt "$peak" ] && peak=$rss
		samples=$((samples + 1))
	fi
	sleep 1
done
wait "$pid"
st=$?
secs=$((($(date +%s%N) - t0) / 1000000))
if [ "$st" != 0 ]; then
	echo "FAIL bergtop exited with $st"
	tail -5 "$tmp/err"
	exit 1
fi
echo "storm: done in $((secs / 1000)).$(((secs % 1000) / 100)) s wall ($((keys * 1000 / (secs + 1))) keys/s, every changed vote written and flushed)"

# every seat's answer is its last key, in the check-in (scene 0)
python3 - "$tmp/state.json" "$tmp/expected" <<'PY' || fail=1
import json, sys
state = json.load(open(sys.argv[1]))
votes = state["scenes"][0]["votes"]
want = dict(l.split() for l in open(sys.argv[2]))
got = {k: str(v) for k, v in votes.items()}
tally = {}
for v in want.values():
    tally[v] = tally.get(v, 0) + 1
print("storm: tally by face", dict(sorted(tally.items())), "- seats", len(got))
if got != want:
    print("FAIL votes differ from the script:", got, "!=", want)
    sys.exit(1)
print("ok every seat's face is its last scripted key")
PY

size=$(stat -c %s "$tmp/data/journal/1.1.journal")
echo "storm: journal $((size / 1024)) KiB after $minutes min ($((size / minutes / 1024)) KiB per storm minute; the cap is 32 MiB, then the trainer is told and the session goes on unsaved)"
if [ "$size" -gt $((32 * 1024 * 1024)) ]; then
	echo "FAIL journal above its cap"
	fail=1
fi
if [ -n "$first" ] && [ "$samples" -ge 3 ]; then
	echo "storm: RSS first $first KiB, last $last KiB, peak $peak KiB ($samples samples)"
	# flat: after the first second, at most 1 MiB more (the ASan build grows its quarantine)
	if [ -z "${BT_STORM_NO_RSS_CHECK:-}" ] && [ $((last - first)) -gt 1024 ]; then
		echo "FAIL memory grew by $((last - first)) KiB"
		fail=1
	else
		echo "ok memory flat"
	fi
else
	echo "storm: the run was too short for RSS samples ($samples)"
fi
# the same run again from its journal: a restart after the storm gives the same state
echo "session 1.1" >"$tmp/nothing.script"
"$bergtop" --script "$tmp/nothing.script" --data-dir "$tmp/data" --dump-state >"$tmp/again.json" 2>/dev/null
if cmp -s "$tmp/state.json" "$tmp/again.json"; then
	echo "ok a restart after the storm resumes the same state"
else
	echo "FAIL the restart after the storm differs"
	fail=1
fi
[ "$fail" = 0 ] && echo "storm_test: PASS" || echo "storm_test: FAIL"
exit "$fail"
