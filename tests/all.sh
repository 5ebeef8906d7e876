#!/usr/bin/env bash
# Everything CI runs, from a fresh Debian 12 as root: install, check the format and
# run the static analyser, fuzz every parser briefly, then build with
# AddressSanitizer/UBSan and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/deps.sh test

sources=(src/*/*.c src/*/*.h src/core/scenes/*.c tests/*.c tests/*.h tests/fuzz/*.c)
echo "== clang-format"
clang-format --dry-run --Werror "${sources[@]}"
echo "== cppcheck"
cppcheck --error-exitcode=1 --enable=warning,portability,performance --inline-suppr --quiet \
	--std=c11 -I src/core -I src/platform -I src/input src tests

echo "== fuzz (short run; see README for a longer campaign)"
CC=clang cmake -S . -B build-fuzz -DBT_FUZZ=ON -DBT_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzz_scene fuzz_script fuzz_journal fuzz_config fuzz_import >/dev/null
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
mkdir -p "$corpus"/{scene,script,journal,config,import}
secs=${BT_FUZZ_SECONDS:-30}
build-fuzz/tests/fuzz/fuzz_scene -max_total_time="$secs" -timeout=10 "$corpus/scene" scenes tests/broken 2>&1 | tail -1
build-fuzz/tests/fuzz/fuzz_script -max_total_time="$secs" -timeout=10 "$corpus/script" tests/scripts 2>&1 | tail -1
build-fuzz/tests/fuzz/fuzz_journal -max_total_time="$secs" -timeout=10 "$corpus/journal" tests/fuzz/seeds/journal 2>&1 | tail -1
build-fuzz/tests/fuzz/fuzz_config -max_total_time="$secs" -timeout=10 "$corpus/config" tests/fuzz/seeds/config 2>&1 | tail -1
build-fuzz/tests/fuzz/fuzz_import -max_total_time="$secs" -timeout=10 "$corpus/import" tests/fuzz/seeds/import 2>&1 | tail -1
# what the longer campaign once found stays fixed
build-fuzz/tests/fuzz/fuzz_import tests/fuzz/regressions/import/* 2>&1 | tail -1

echo "== build with AddressSanitizer and UBSan, run the tests"
cmake -S . -B build-ci -DCMAKE_BUILD_TYPE=Debug -DBT_SANITIZE=ON >/dev/null
cmake --build build-ci -j"$(nproc)"
export ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
# the uinput suite needs root and /dev/uinput: say here whether it runs or why not
echo "== uinput keypad suite"
st=0
build-ci/tests/test_uinput || st=$?
if [ "$st" = 77 ]; then echo "(skipped, see the reason above; ctest lists it as skipped)"; elif [ "$st" != 0 ]; then exit "$st"; fi
echo "== Debian package, install, man page, translations"
bash tests/package_test.sh . build-pkg
echo "== ctest"
ctest --test-dir build-ci --output-on-failure -j2
# valgrind and the memory figures need a build without sanitizers
cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBT_TESTS=OFF >/dev/null
cmake --build build-rel -j"$(nproc)" --target bergtop >/dev/null
echo "== valgrind: every session with six seats, every scene type drawn (tests/valgrind_test.sh)"
bash tests/valgrind_test.sh build-rel/bergtop
echo "== storm: twelve seats, 50 keys a second each, ten minutes (tests/storm_test.sh)"
bash tests/storm_test.sh build-rel/bergtop
echo "== kiosk image: build, boot in QEMU, six keypads, stick, crash (tests/kiosk_test.sh)"
bash tests/kiosk_test.sh build-kiosk
