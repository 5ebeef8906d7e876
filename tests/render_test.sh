#!/usr/bin/env bash
# Renders every bundled session headless at one size, three times: untouched,
# mid-vote (five of six seats chose) and revealed (all six chose); then checks
# every frame with render_check.
# Usage: render_test.sh BERGTOP RENDER_CHECK OUTDIR WxH
set -eu
bergtop=$1 check=$2 out=$3 size=$4
rm -rf "$out"
mkdir -p "$out"
status=0
"$bergtop" --render "$out/plain" --size "$size" || status=1
# every session's vote states at the widest and the narrowest aspect (16:9 and 4:3);
# the other sizes draw every scene untouched (the 4K frames are slow to write)
if [ "$size" = 1920x1080 ] || [ "$size" = 1440x1080 ]; then
	while IFS=$'\t' read -r id title scenes; do
		for voters in 5 6; do
			script="$out/$id-$voters.script"
			{
				echo "session $id"
				echo "seats 6"
				echo "seat 2 hand"
				echo "seat 5 hand"
				for ((i = 0; i < scenes; i++)); do
					# boards get items; scenes that take no text ignore these
					echo "text add Ruzie met mijn familie"
					echo "text add Geen geld meer"
					echo "trainer enter"
					# 1 or 2 for polls and faces, then 4 or 6 (the value line's sides;
					# a later valid key changes the choice, an invalid one is ignored)
					for ((s = 1; s <= voters; s++)); do
						echo "seat $s $(((s % 2) + 1))"
						echo "seat $s $((4 + 2 * (s % 2)))"
					done
					echo "trainer next"
				done
			} >"$script"
			"$bergtop" --render "$out/votes-$voters" --session "$id" --size "$size" \
				--script "$script" || status=1
		done
	done < <("$bergtop" --list)
fi
for d in "$out"/*/; do
	echo "== $d"
	"$check" "$d" || status=1
done
exit $status
