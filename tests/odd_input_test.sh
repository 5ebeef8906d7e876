#!/usr/bin/env bash
# Odd but valid input: a session of 500 scenes (the most the format allows), every
# scene type with every optional field set, every text at its maximum length in wide
# letters, twelve seats voting, at every supported resolution.
#  1. tests/gen_maxscenes.py writes 3.99 (500 scenes), 3.98 (one of every type, four
#     goals of 60 characters, a 120-character notitie everywhere) and 3.97 (3.98 in
#     capitals); bergtop --check must pass them without a single message.
#  2. 3.98 is rendered with twelve seats voting at every size, 3.97 at 4:3 (the
#     narrowest), and every frame goes through render_check as in render_test.sh:
#     inside the screen, no overlap, 7:1 contrast, on its background. Only the
#     minimum text size gives way (render_check --small-ok): text at its longest
#     shrinks, down to 60 % of the minimum, then is cut with "…"; the runs that
#     shrank are counted in the table.
#  3. The 500-scene session is played through by --script (twelve seats voting in
#     every scene, trainer next through all 500) and --dump-state must show the end.
# Prints a table of the renders; times are figures only, never a failure.
# Usage: odd_input_test.sh BERGTOP RENDER_CHECK OUTDIR
set -u
bergtop=$1 check=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
sizes="1920x1080 1280x720 1280x800 1440x1080 3840x2160"
caps_sizes="1440x1080"
rm -rf "$out"
mkdir -p "$out/scenes" "$out/data"
status=0
fail() {
	echo "FAIL $*"
	status=1
}

python3 "$here/gen_maxscenes.py" "$out/scenes" || exit 1

# --- 1. --check: exit 0 and nothing but the count line ("3 goed, 0 met fouten") ---
"$bergtop" --check "$out/scenes" >"$out/check.txt" 2>&1
rc=$?
if [ $rc != 0 ] || [ "$(wc -l <"$out/check.txt")" != 1 ]; then
	fail "bergtop --check $out/scenes (exit $rc):"
	cat "$out/check.txt"
	exit 1
fi
echo "check: $(cat "$out/check.txt")"

# --- the script: per scene the keys that make its type show the most ---
# keys TYPE VARIANT: one scene's lines, after which the trainer goes on.
keys() {
	local type=$1 v=$2 s
	# the green gains of blocks (24 characters, the typed limit); other types ignore text
	local gains=("Weer tijd voor Willemijn" "Meer geld voor Wéékenden" "Minder ruzie met Mohamed")
	if [ "$type" = blocks ]; then
		for s in 1 2 3; do echo "text green $s ${gains[s - 1]}"; done
	fi
	case $type in
	checkin | checkout | poll | scale | blocks | thermometer | valueline | wave)
		echo "trainer enter"
		for ((s = 1; s <= 12; s++)); do
			case $type in
			checkin | checkout) echo "seat $s $(((s - 1) % 5 + 1))" ;;
			poll) echo "seat $s $((v % 2 ? (s - 1) % 4 + 1 : (s - 1) % 6 + 1))" ;;
			scale) echo "seat $s $(((s - 1) % 10))" ;; # 0 too: nul_signaal
			blocks) echo "seat $s $(((s - 1) % 6 + 1))" ;;
			thermometer) # emotion 1..6 (6 is the extra one), then the level; 10 = 1 and 0
				echo "seat $s $(((s - 1) % 6 + 1))"
				if [ $s -ge 11 ]; then printf 'seat %d 1\nseat %d 0\n' $s $s; else echo "seat $s $((s - 1))"; fi ;;
			valueline) echo "seat $s $((s % 2 ? 4 : 6))" ;;
			wave) echo "seat $s $((s % 10))" ;; # the urge, in the first round
			esac
		done
		;;
	certificate) # every seat its moment: the last one is "plek 12"
		for ((s = 1; s <= 12; s++)); do echo "trainer enter"; done ;;
	climber) # the third part at hand, drawn bigger with its label
		printf 'trainer down\n%.0s' 1 2 3 ;;
	roleplay) # roles drawn, the first phase running, one thumb from a watcher
		printf 'trainer k\ntrainer enter\nseat 12 1\n' ;;
	thoughtstop) # three bubbles popped: dark and power thoughts side by side
		printf 'trainer enter\nseat 1 1\nseat 2 1\nseat 3 1\n' ;;
	yarnweb) # eleven threads: the trainer picks seat 1 and throws, seats 1..8 throw on
		# to 2..9 themselves, the trainer throws on to 10 and 11 for them
		printf 'trainer enter\ntrainer enter\n'
		for ((s = 1; s <= 8; s++)); do echo "seat $s $((s + 1))"; done
		printf 'trainer down\ntrainer enter\ntrainer down\ntrainer enter\n' ;;
	keuze) # the list of 300 scenes with long titles, a few down
		printf 'trainer down\n%.0s' 1 2 3 ;;
	break | breathe) echo "trainer enter" ;;
	esac
	echo "trainer next"
}

# script ID: seats 12, then every scene of ID's types file
script() {
	local id=$1 type v
	echo "session $id"
	echo "seats 12"
	while IFS=$'\t' read -r _ type v; do
		keys "$type" "$v"
	done <"$out/scenes/$id.types"
}

# --- 2. renders at every size, checked as in render_test.sh ---
for id in 3.98 3.97; do script $id >"$out/$id.script"; done
rows=()
render() {
	local id=$1 size=$2 dir=$out/render-$1-$2
	local t0 t1 frames result ms small
	t0=$(date +%s%N)
	"$bergtop" --scenes "$out/scenes" --data-dir "$out/data" --render "$dir" --session "$id" \
		--size "$size" --script "$out/$id.script" || fail "bergtop --render $id $size"
	t1=$(date +%s%N)
	frames=$(find "$dir" -name "*.json" | wc -l)
	echo "== $dir"
	"$check" --small-ok "$dir" >"$dir.check" 2>&1
	result=$?
	grep -v '^SMALL' "$dir.check"
	small=$(grep -c '^SMALL' "$dir.check")
	if [ $result = 0 ]; then
		result=ok
	else
		result="FAIL ($(grep -c '^FAIL' "$dir.check") problems in $(grep -o '[0-9]* failed' "$dir.check"))"
		status=1
	fi
	ms=$(((t1 - t0) / 1000000 / (frames > 0 ? frames : 1)))
	rows+=("$(printf '%-10s %-5s %7s   %-36s %6s %8s' "$size" "$id" "$((frames - 1))+end" "$result" "$small" "$ms")")
}
for size in $sizes; do render 3.98 "$size"; done
for size in $caps_sizes; do render 3.97 "$size"; done

# --- 3. the whole 500-scene session through --script, to the closing screen ---
script 3.99 >"$out/3.99.script"
t0=$(date +%s%N)
"$bergtop" --scenes "$out/scenes" --data-dir "$out/data" --script "$out/3.99.script" \
	--dump-state >"$out/3.99.state" 2>"$out/3.99.log"
rc=$?
t1=$(date +%s%N)
cat "$out/3.99.log"
if [ $rc != 0 ]; then
	fail "bergtop --script 3.99 exit $rc"
elif ! python3 - "$out/3.99.state" "$out/scenes/3.99.types" <<'EOF'; then
import json, sys
st = json.load(open(sys.argv[1]))
types = [l.split("\t")[1] for l in open(sys.argv[2])]
bad = []
if st.get("session") != "3.99" or st.get("closed"):
    bad.append("session %s, closed %s" % (st.get("session"), st.get("closed")))
if st.get("scene") != 500 or st.get("at_end") is not True:
    bad.append("stopped at scene %s, at_end %s" % (st.get("scene"), st.get("at_end")))
if st.get("seats") != list(range(1, 13)):
    bad.append("seats %s" % st.get("seats"))
scenes = st.get("scenes", [])
if [s.get("type") for s in scenes] != types:
    bad.append("the scenes are not the 500 of the file")
# every question the twelve seats answered is revealed (all chose)
hidden = [i + 1 for i, s in enumerate(scenes) if "revealed" in s and not s["revealed"]]
if hidden:
    bad.append("not revealed after twelve votes: scenes %s" % hidden[:10])
for b in bad:
    print("FAIL 3.99 --dump-state: " + b)
print("3.99 --dump-state: scene %s of %d, at_end %s, seats %d, %d questions revealed" % (
    st.get("scene"), len(types), st.get("at_end"), len(st.get("seats", [])),
    sum(1 for s in scenes if s.get("revealed"))))
sys.exit(1 if bad else 0)
EOF
	status=1
fi
script_ms=$(((t1 - t0) / 1000000))

echo
echo "resolution session scenes    render_check                         shrunk ms/frame (render incl. PNG encode)"
printf '%s\n' "${rows[@]}"
echo "3.99: $(grep -c . "$out/scenes/3.99.types") scenes, $(grep -c . "$out/3.99.script") script lines through --script in $script_ms ms"
exit $status
