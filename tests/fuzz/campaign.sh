#!/usr/bin/env bash
# A longer fuzz campaign: builds the libFuzzer targets and runs each one in turn (one
# process at a time) from its committed seeds and a corpus kept between campaigns, then
# prints one line per target. Exits 1 when any target left a crash, leak, timeout or
# out-of-memory reproducer.
#
#   tests/fuzz/campaign.sh [BUILD_DIR [WORK_DIR]]
#
#   BUILD_DIR  the clang build (default build-fuzz-campaign, in the source tree)
#   WORK_DIR   default /var/tmp/bergtop-fuzz; it holds
#                corpus/<target>/            the corpus, grown by every campaign
#                artifacts/<run>/<target>/   reproducers of this run (crash-*, leak-*,
#                                            timeout-*, oom-*)
#                logs/<run>/<target>.log     libFuzzer's output
#   BT_FUZZ_SECONDS_EACH  seconds per target (default 600)
#   BT_FUZZ_TARGETS       the targets to run (default "scene script journal config import")
#
# A target stops at its first reproducer. To see one again:
#   BUILD_DIR/tests/fuzz/fuzz_<target> REPRODUCER
# and to make it smaller:
#   BUILD_DIR/tests/fuzz/fuzz_<target> -minimize_crash=1 -max_total_time=60 REPRODUCER
# (fuzz_import prints what each import did with BT_FUZZ_IMPORT_VERBOSE=1).
#
# Example, five targets for 8 minutes each, in the background:
#   BT_FUZZ_SECONDS_EACH=480 nohup tests/fuzz/campaign.sh >/var/tmp/bergtop-fuzz/campaign.log 2>&1 &
set -euo pipefail

src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(realpath -m "${1:-$src/build-fuzz-campaign}")
work=$(realpath -m "${2:-/var/tmp/bergtop-fuzz}")
secs=${BT_FUZZ_SECONDS_EACH:-600}
read -r -a targets <<<"${BT_FUZZ_TARGETS:-scene script journal config import}"
run=$(date +%Y%m%d-%H%M%S)
cd "$src"

# committed seeds of each target (read only; new inputs go to the corpus)
seeds() {
	case $1 in
	scene) echo "scenes tests/broken" ;;
	script) echo "tests/scripts" ;;
	*) echo "tests/fuzz/seeds/$1" ;;
	esac
}

echo "== build ($build)"
CC=clang cmake -S . -B "$build" -DBT_FUZZ=ON -DBT_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/fuzz_}" >/dev/null

# fuzz_import's scratch folders, in memory when there is /dev/shm; a crash leaves its own
tmp=$(mktemp -d "$( [ -w /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/bergtop-campaign-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export BT_FUZZ_IMPORT_TMPDIR=$tmp

table=()
total_crashes=0
for t in "${targets[@]}"; do
	corpus=$work/corpus/$t
	art=$work/artifacts/$run/$t
	log=$work/logs/$run/$t.log
	mkdir -p "$corpus" "$art" "$(dirname "$log")"
	read -r -a seed_dirs <<<"$(seeds "$t")"
	echo "== fuzz_$t for ${secs}s (log $log)"
	start=$SECONDS
	rc=0
	"$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$art/" "$corpus" "${seed_dirs[@]}" \
		>"$log" 2>&1 || rc=$?
	took=$((SECONDS - start))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
	if [ -z "$execs" ]; then # no final stats (killed): the last status line
		execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
		execs=${execs:-0}
		rate=$((took > 0 ? execs / took : 0))
	fi
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
	size=$(find "$corpus" -type f | wc -l)
	crashes=$(find "$art" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
		-o -name 'oom-*' \) | wc -l)
	total_crashes=$((total_crashes + crashes))
	echo "   exit $rc, $crashes reproducer(s)"
	find "$art" -type f -printf '   %p\n'
	table+=("$(printf '%-8s %7s %12s %8s %8s %8s %8s' "$t" "$took" "$execs" "$rate" "$size" \
		"${cov:-?}" "$crashes")")
done

echo "== campaign $run: ${#targets[@]} target(s), ${secs}s each, corpus $work/corpus"
printf '%-8s %7s %12s %8s %8s %8s %8s\n' target seconds execs exec/s corpus cov crashes
printf '%s\n' "${table[@]}"
if [ "$total_crashes" -gt 0 ]; then
	echo "reproducers in $work/artifacts/$run"
	exit 1
fi
