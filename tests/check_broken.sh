#!/usr/bin/env bash
# Checks that bergtop --check finds the one mistake in each broken scene file.
#
# usage: check_broken.sh BERGTOP_BINARY SOURCE_DIR
#
# Reads SOURCE_DIR/tests/broken/expected.tsv: one case a line,
#   relative path <TAB> line number (0: a message about the whole file) <TAB> substring
# For each case it runs  BERGTOP --check SOURCE_DIR/PATH  and wants
#   - exit status 1,
#   - a stderr line that starts with the file name followed by ":LINE: " (or ": " for 0)
#     and contains the substring.
# When PATH is a folder, the message must be about the last *.yaml file in it
# (sorted by name), e.g. dup-b.yaml for a duplicate session id.
#
# It also checks that a folder with one good and one broken file still lists the
# good session with --list (a broken file never stops the other sessions).
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 BERGTOP_BINARY SOURCE_DIR" >&2
	exit 2
fi
bergtop=$1
src=${2%/}
table=$src/tests/broken/expected.tsv

if [ ! -x "$bergtop" ]; then
	echo "$0: $bergtop is not an executable" >&2
	exit 2
fi
if [ ! -r "$table" ]; then
	echo "$0: cannot read $table" >&2
	exit 2
fi

passed=0
failed=0
errfile=$(mktemp)
trap 'rm -f "$errfile"' EXIT

pass() {
	echo "ok $1"
	passed=$((passed + 1))
}

fail() {
	echo "FAIL $1: $2"
	failed=$((failed + 1))
}

while IFS=$'\t' read -r rel line sub || [ -n "$rel" ]; do
	rel=${rel%$'\r'}
	sub=${sub%$'\r'}
	case $rel in '' | '#'*) continue ;; esac
	name=${rel#tests/broken/}
	name=${name%.yaml}
	target=$src/$rel

	if [ ! -e "$target" ]; then
		fail "$name" "expected the file $target, got nothing there"
		continue
	fi

	# The file the message must be about.
	file=$target
	if [ -d "$target" ]; then
		last=$(cd "$target" && LC_ALL=C ls -1 -- *.yaml 2>/dev/null | tail -n 1)
		if [ -z "$last" ]; then
			fail "$name" "expected *.yaml files in the folder $target, got none"
			continue
		fi
		file=$target/$last
	fi
	if [ "$line" = 0 ]; then
		prefix="$file: "
	else
		prefix="$file:$line: "
	fi

	"$bergtop" --check "$target" >/dev/null 2>"$errfile"
	status=$?

	found=no
	while IFS= read -r l; do
		if [[ $l == "$prefix"* && $l == *"$sub"* ]]; then
			found=yes
			break
		fi
	done <"$errfile"

	got=$(grep -F -- "$file" "$errfile" | head -n 3 | sed 's/$/ | /' | tr -d '\n')
	[ -n "$got" ] || got=$(head -n 3 "$errfile" | tr '\n' ' ')
	[ -n "$got" ] || got="(no message)"

	if [ "$status" -ne 1 ]; then
		fail "$name" "expected exit status 1, got $status; stderr: $got"
	elif [ "$found" != yes ]; then
		fail "$name" "expected '${prefix}...${sub}...', got: $got"
	else
		pass "$name"
	fi
done <"$table"

# A broken file must not stop the good session in the same folder.
mixed=$src/tests/broken/mixed
out=$("$bergtop" --list --scenes "$mixed" 2>/dev/null)
if printf '%s\n' "$out" | grep -q $'^3\\.99\t'; then
	pass mixed-list
else
	fail mixed-list "expected a line '3.99<TAB>...' from --list --scenes $mixed, got: ${out:-(nothing)}"
fi
"$bergtop" --check "$mixed" >"$errfile" 2>/dev/null
status=$?
if [ "$status" -eq 1 ] && grep -q '^1 goed, 1 met fouten' "$errfile"; then
	pass mixed-check
else
	fail mixed-check "expected exit status 1 and '1 goed, 1 met fouten', got $status and: $(cat "$errfile")"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
