#!/usr/bin/env bash
# Brings po/ up to date with the source: new or changed strings into bergtop.pot,
# nl.po and en.po. en.po is English = English; nl.po gets the new strings empty
# (tests/po_check.sh then fails until someone writes the Dutch).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find src -name '*.c' | LC_ALL=C sort)
xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --add-comments=TRANSLATORS \
	--add-comments=. --package-name=bergtop --msgid-bugs-address=bergtop@localhost \
	--copyright-holder="bergtop developers" --add-location=file --sort-by-file -o po/bergtop.pot "${files[@]}"
sed -i 's/charset=CHARSET/charset=UTF-8/' po/bergtop.pot
msgmerge --add-location=file --quiet --update --backup=none --no-fuzzy-matching po/nl.po po/bergtop.pot
msgattrib --no-obsolete -o po/nl.po po/nl.po
msginit --no-translator --locale=en_US.UTF-8 -i po/bergtop.pot -o - 2>/dev/null |
	sed 's/^"Language: en_US\\n"/"Language: en\\n"/' >po/en.po
