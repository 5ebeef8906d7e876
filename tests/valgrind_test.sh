#!/usr/bin/env bash
# The whole demo under valgrind's memcheck, on a build without sanitizers: every
# bundled session played through by six simulated seats (each question opened, six
# votes, a changed vote, next, up to closing the session, with its journal), then
# drawn with those votes (--render, 960x540) for eight sessions that together hold
# every scene type (the ASan build draws every session in the render tests). Fails on any memcheck error or a
# definite or indirect leak. Usage: valgrind_test.sh BERGTOP
set -u
bergtop=$1
command -v valgrind >/dev/null || {
	echo "SKIP: valgrind is not installed"
	exit 77
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
vg=(valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=9 -q)
fail=0 sessions=0 events=0
while IFS=$'\t' read -r id _ n; do
	s=$tmp/$id.script
	{
		echo "session $id"
		echo "seats 6"
		for ((i = 0; i < n; i++)); do
			echo "trainer enter"
			for seat in 1 2 3 4 5 6; do echo "seat $seat $(((seat + i) % 3 + 1))"; done
			echo "seat 2 undo"
			echo "seat 2 $((i % 2 + 1))"
			echo "wait 500"
			echo "trainer next"
		done
		echo "trainer next" # closes the session
	} >"$s"
	events=$((events + $(grep -cvE '^(session|wait)' "$s")))
	if ! "${vg[@]}" "$bergtop" --script "$s" --data-dir "$tmp/data" --journal 7 --dump-state \
		>"$tmp/$id.json" 2>"$tmp/$id.err"; then
		echo "FAIL session $id under valgrind:"
		head -40 "$tmp/$id.err"
		fail=1
	fi
	sessions=$((sessions + 1))
done < <("$bergtop" --list)
echo "valgrind: $sessions sessions played with six seats ($events events), journals kept 7 days"
[ "$sessions" -ge 20 ] || {
	echo "FAIL only $sessions sessions listed"
	fail=1
}
for id in 1.2 1.5 2.1 2.8 3.3 3.4 3.5 3.11; do
	if ! "${vg[@]}" "$bergtop" --render "$tmp/render" --session "$id" --script "$tmp/$id.script" \
		--size 960x540 >"$tmp/render-$id.log" 2>&1; then
		echo "FAIL --render of $id under valgrind:"
		head -60 "$tmp/render-$id.log"
		fail=1
	fi
done
types=$(find "$tmp/render" -name '*.png' | sed 's/.*-//; s/\.png$//' | sort -u | wc -l)
echo "valgrind: $(find "$tmp/render" -name '*.png' | wc -l) scenes drawn, $types scene types"
[ "$types" -ge 17 ] || {
	echo "FAIL only $types scene types drawn"
	fail=1
}
[ "$fail" = 0 ] && echo "valgrind_test: PASS (no memcheck error, no leak)" || echo "valgrind_test: FAIL"
exit "$fail"
