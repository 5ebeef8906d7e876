#!/usr/bin/env bash
# The Debian package and the install: builds bergtop_*.deb from a copy of the tree
# with dpkg-buildpackage, runs lintian, checks the package contents against the
# list of what must be there, unpacks it into a scratch root and runs it from
# there, renders the man page and compares its options with --help, checks the
# translations, the desktop entry, the systemd unit, the configuration file, and
# a `cmake --install` under another prefix.
#   package_test.sh SOURCE_DIR WORK_DIR
set -uo pipefail
src=$(cd "$1" && pwd)
work=$2
fails=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }

rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
version=$(sed -n '1s/^bergtop (\([^)]*\)).*/\1/p' "$src/debian/changelog")
tree="$work/bergtop-$version"
mkdir -p "$tree"
# the files of the tree as git sees them (committed or not), never build folders
(cd "$src" && git ls-files -co --exclude-standard -z | tar --null -T - -cf -) | tar -xf - -C "$tree"

echo "== dpkg-buildpackage"
if (cd "$tree" && dpkg-buildpackage -b -us -uc >"$work/build.log" 2>&1); then
	ok "package built"
else
	tail -30 "$work/build.log"
	bad "dpkg-buildpackage"
	exit 1
fi
deb=$(ls "$work"/bergtop_"$version"_*.deb)

echo "== lintian"
# root in CI; lintian says so on stderr, which is not a finding
lintian --pedantic --info "$deb" >"$work/lintian.txt" 2>"$work/lintian.err"
cat "$work/lintian.txt"
if grep -q '^[EW]:' "$work/lintian.txt"; then bad "lintian reports errors or warnings"; else ok "lintian: no errors, no warnings"; fi

echo "== contents"
dpkg-deb --contents "$deb" | awk '{print $6}' | sed 's#^\./#/#' >"$work/contents.txt"
for f in /usr/bin/bergtop /usr/share/bergtop/scenes/1.1.yaml \
	/usr/share/bergtop/scenes/README.md /usr/share/bergtop/assets/fonts/AtkinsonHyperlegible-Regular.ttf \
	/usr/share/bergtop/assets/icons/berg.svg /usr/share/bergtop/assets/climber/climber.svg \
	/usr/share/man/man1/bergtop.1.gz /lib/systemd/system/bergtop.service \
	/lib/udev/rules.d/70-bergtop.rules /etc/bergtop/bergtop.conf \
	/usr/share/applications/bergtop.desktop /usr/share/icons/hicolor/scalable/apps/bergtop.svg \
	/usr/share/locale/nl/LC_MESSAGES/bergtop.mo /usr/share/locale/en/LC_MESSAGES/bergtop.mo \
	/usr/share/doc/bergtop/copyright; do
	if grep -qxF "$f" "$work/contents.txt"; then ok "has $f"; else bad "missing $f"; fi
done
nscenes=$(ls "$src"/scenes/*.yaml | wc -l)
if [ "$(grep -c '^/usr/share/bergtop/scenes/.*\.yaml$' "$work/contents.txt")" -eq "$nscenes" ]; then
	ok "all $nscenes scene files"
else
	bad "scene files in the package differ from scenes/"
fi
dpkg-deb -I "$deb" >"$work/info.txt"
if grep -q 'Depends:.*libsdl2-2.0-0 (>=' "$work/info.txt" && grep -q 'Depends:.*adduser' "$work/info.txt"; then
	ok "dependencies from shlibs (libsdl2 with a version) plus adduser"
else
	bad "dependencies"
fi
if dpkg-deb -e "$deb" "$work/control" && grep -qx '/etc/bergtop/bergtop.conf' "$work/control/conffiles"; then
	ok "bergtop.conf is a conffile"
else
	bad "bergtop.conf is not a conffile"
fi
if grep -q 'adduser --system' "$work/control/postinst" && grep -q 'rm -rf /var/lib/bergtop' "$work/control/postrm"; then
	ok "maintainer scripts create the user and purge the data"
else
	bad "maintainer scripts"
fi

echo "== run from the unpacked package"
root="$work/root"
dpkg-deb -x "$deb" "$root"
bin="$root/usr/bin/bergtop"
cd /
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
unset LANGUAGE LC_ALL LC_MESSAGES
mkdir -p "$HOME"
n=$("$bin" --list 2>"$work/list.err" | wc -l)
if [ "$n" -eq "$nscenes" ] && [ ! -s "$work/list.err" ]; then
	ok "--list from / finds the $n sessions next to the binary"
else
	cat "$work/list.err"
	bad "--list from the unpacked package ($n sessions)"
fi
if "$bin" --check >/dev/null 2>&1; then ok "--check of the packaged scenes"; else bad "--check of the packaged scenes"; fi
"$bin" --help >"$work/help.nl" 2>&1
LANGUAGE=en "$bin" --help >"$work/help.en" 2>&1
if grep -q '^Gebruik:' "$work/help.nl" && grep -q 'toon deze hulp' "$work/help.nl"; then ok "--help is Dutch by default"; else bad "--help is not Dutch"; fi
if grep -q '^Usage:' "$work/help.en" && grep -q 'show this help' "$work/help.en"; then ok "LANGUAGE=en --help is English"; else bad "LANGUAGE=en --help is not English"; fi
if ! cmp -s "$work/help.nl" "$work/help.en" &&
	[ "$(wc -l <"$work/help.nl")" -eq "$(wc -l <"$work/help.en")" ]; then
	ok "Dutch and English help differ and have the same lines"
else
	bad "Dutch and English help"
fi

echo "== configuration"
mkdir -p "$XDG_CONFIG_HOME/bergtop"
printf '# test\nlanguage = en\nseats = 6\nkleur = blauw\njournal = 7\n' >"$XDG_CONFIG_HOME/bergtop/bergtop.conf"
"$bin" --print-config >"$work/cfg.out" 2>"$work/cfg.err"
st=$?
if [ $st -eq 1 ] && grep -qx 'seats = 6' "$work/cfg.out" && grep -qx 'journal = 7' "$work/cfg.out" &&
	grep -qx 'language = en' "$work/cfg.out" &&
	grep -q "bergtop.conf:4: unknown setting 'kleur'" "$work/cfg.err"; then
	ok "user's bergtop.conf counts; the unknown key is told with file and line (in English, as set)"
else
	cat "$work/cfg.out" "$work/cfg.err"
	bad "user configuration"
fi
"$bin" --print-config --language nl --seats 3 >"$work/cfg2.out" 2>"$work/cfg2.err"
if grep -qx 'seats = 3' "$work/cfg2.out" &&
	grep -q "bergtop.conf:4: Instelling 'kleur' ken ik niet" "$work/cfg2.err"; then
	ok "options override the file; --language nl makes the message Dutch"
else
	cat "$work/cfg2.err"
	bad "command line over configuration"
fi
if [ "$("$bin" --list 2>/dev/null | wc -l)" -eq "$nscenes" ]; then ok "a bad configuration line never stops bergtop"; else bad "bad configuration stops --list"; fi
rm -rf "$XDG_CONFIG_HOME"

echo "== man page"
man_src="$src/doc/bergtop.1"
if MANWIDTH=80 man --warnings -l "$man_src" >"$work/man.txt" 2>"$work/man.err" && [ ! -s "$work/man.err" ] &&
	grep -q 'EXIT STATUS' "$work/man.txt"; then
	ok "man -l renders without warnings"
else
	cat "$work/man.err"
	bad "man page rendering"
fi
grep -o -- '--[a-z][a-z-]*' "$work/help.en" | sort -u >"$work/opts.help"
sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$man_src" | grep -o -- '\\-\\-[a-z][a-z\\-]*' |
	sed 's/\\-/-/g' | sort -u >"$work/opts.man"
if [ -s "$work/opts.help" ] && diff "$work/opts.help" "$work/opts.man" >"$work/opts.diff"; then
	ok "--help and the man page list the same $(wc -l <"$work/opts.help") options"
else
	cat "$work/opts.diff"
	bad "--help and the man page differ"
fi
missing=0
for key in scenes_dir data_dir assets_dir language seats journal sound quit_keys display screen; do
	grep -q "^\.BR\? $key\b\|^\.BI $key\b" "$man_src" || { bad "man page lacks setting $key"; missing=1; }
	grep -q "^#$key = " "$src/data/bergtop.conf" || { bad "bergtop.conf lacks setting $key"; missing=1; }
done
[ $missing = 0 ] && ok "every setting is in the man page and in bergtop.conf"

echo "== translations"
pot="$work/bergtop.pot"
(cd "$src" && find src -name '*.c' | LC_ALL=C sort | xargs xgettext --language=C --from-code=UTF-8 \
	--keyword=_ --keyword=N_ -o "$pot")
for po in nl en; do
	if msgcmp "$src/po/$po.po" "$pot" 2>"$work/msgcmp.$po"; then
		ok "po/$po.po has every message of the source"
	else
		head -20 "$work/msgcmp.$po"
		bad "po/$po.po lacks messages: run cmake --build build --target update-po"
	fi
	stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$src/po/$po.po" 2>&1)
	if echo "$stats" | grep -q 'untranslated\|fuzzy'; then bad "po/$po.po: $stats"; else ok "po/$po.po: $stats"; fi
done

echo "== desktop entry, unit, rule"
if desktop-file-validate "$src/data/bergtop.desktop"; then ok "desktop entry valid"; else bad "desktop entry"; fi
# the unit as installed; ExecStart's binary may not be installed on this machine
systemd-analyze verify --man=no "$root/lib/systemd/system/bergtop.service" >"$work/verify.txt" 2>&1
if ! grep -v 'is not executable\|No such file or directory' "$work/verify.txt" | grep -q .; then
	ok "systemd-analyze verify"
else
	cat "$work/verify.txt"
	bad "systemd-analyze verify"
fi
sec=$(systemd-analyze security --offline=yes "$src/data/bergtop.service" 2>/dev/null | grep 'Overall exposure')
echo "     $sec"
if echo "$sec" | grep -q 'SAFE\|OK'; then ok "hardening: $sec"; else bad "hardening: $sec"; fi
for k in Type=notify WatchdogSec=30s ProtectClock=yes PrivateNetwork=yes NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes User=bergtop Restart=on-failure StateDirectory=bergtop; do
	grep -qx "$k" "$src/data/bergtop.service" || bad "unit lacks $k"
done
if grep -q 'GROUP="input"' "$src/data/70-bergtop.rules" && grep -q 'SYMLINK+="input/bergtop/' "$src/data/70-bergtop.rules"; then
	ok "udev rule: group input and a name by port"
else
	bad "udev rule"
fi

echo "== cmake --install under another prefix"
prefix="$work/prefix"
if cmake -S "$tree" -B "$work/cmake-build" -DBT_TESTS=OFF -DCMAKE_INSTALL_PREFIX="$prefix" >/dev/null &&
	cmake --build "$work/cmake-build" -j2 >/dev/null && cmake --install "$work/cmake-build" >/dev/null; then
	ok "cmake --install"
else
	bad "cmake --install"
fi
for f in bin/bergtop etc/bergtop/bergtop.conf share/man/man1/bergtop.1 lib/systemd/system/bergtop.service \
	lib/udev/rules.d/70-bergtop.rules share/locale/nl/LC_MESSAGES/bergtop.mo share/bergtop/scenes/README.md; do
	[ -e "$prefix/$f" ] || bad "prefix lacks $f"
done
mv "$prefix" "$work/moved" # relocated after installing: data is found from the binary's place
if [ "$("$work/moved/bin/bergtop" --list 2>/dev/null | wc -l)" -eq "$nscenes" ] &&
	"$work/moved/bin/bergtop" --help | grep -q '^Gebruik:'; then
	ok "an installed tree moved elsewhere still finds its scenes and Dutch messages"
else
	bad "relocated install"
fi

echo "$fails failed"
[ "$fails" -eq 0 ]
