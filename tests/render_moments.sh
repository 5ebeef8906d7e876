#!/usr/bin/env bash
# Exercises that change over time, drawn at chosen moments and checked: the wave at
# rise, peak and ebb; breathing in and out; a role-play phase with its countdown;
# the climber with a part spotlighted. Each frame passes render_check and shows the
# words of that moment.
# Usage: render_moments.sh BERGTOP RENDER_CHECK SOURCE_DIR OUTDIR
set -u
bergtop=$1 check=$2 src=$3 out=$4
rm -rf "$out"
mkdir -p "$out"
pass=0 fail=0
# moment NAME SCENE-INDEX EXPECTED-TEXT SCRIPT-LINES...
moment() {
	local name=$1 index=$2 expect=$3
	shift 3
	{
		echo "session 3.90"
		echo "seats 6"
		for ((i = 1; i < index; i++)); do echo "trainer next"; done
		printf '%s\n' "$@"
	} >"$out/$name.script"
	for size in 1920x1080 1440x1080; do
		local dir=$out/$name-$size
		"$bergtop" --scenes "$src/tests/moments" --render "$dir" --session 3.90 --size "$size" \
			--script "$out/$name.script" >/dev/null
		local json
		json=$(printf '%s/3.90-%02d-*.json' "$dir" "$index")
		if ! "$check" "$dir" >"$dir.check" 2>&1; then
			echo "FAIL $name $size: render_check"
			cat "$dir.check"
			fail=$((fail + 1))
		elif ! grep -q -- "$expect" $json; then
			echo "FAIL $name $size: '$expect' is not on screen"
			fail=$((fail + 1))
		else
			echo "ok $name $size"
			pass=$((pass + 1))
		fi
	done
}
moment wave-rise 1 "komt op" "trainer enter" "wait 12000" "trainer up"
moment wave-peak 1 "hoogste punt" "trainer enter" "wait 24000" "trainer up"
moment wave-ebb 1 "wordt minder" "trainer enter" "wait 48000" "trainer up"
moment breathe-in 2 "Adem in" "trainer enter" "wait 2000" "trainer up"
moment breathe-out 2 "Adem uit" "trainer enter" "wait 8000" "trainer up"
moment roleplay-play 3 "01:10" "trainer k" "trainer enter" "wait 20000" "seat 1 1"
moment climber-part 4 "Doel" "trainer down"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
