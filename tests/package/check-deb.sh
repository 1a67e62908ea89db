#!/usr/bin/env bash
# Checks the .deb `make package-test` built: its control fields and dependencies (resolvable on
# this Debian), the files it installs, then unpacks it into an empty root and starts the
# installed programs there: the CLI answers, and the desktop app opens on the first-run screen
# (tests/package/installed.e2e.mjs, under Xvfb, screenshot in target/e2e/).
# Usage: tests/package/check-deb.sh <folder holding the .deb>
set -euo pipefail

fail() { echo "package-test: $*" >&2; exit 1; }

shopt -s nullglob
debs=("$1"/*.deb)
[ "${#debs[@]}" -eq 1 ] || fail "expected one .deb in $1, found ${#debs[@]}"
deb=$(realpath "${debs[0]}")
echo "package-test: $deb ($(du -h "$deb" | cut -f1))"

[ "$(dpkg-deb -f "$deb" Package)" = "fieldbook" ] || fail "package name is not fieldbook"
[ "$(dpkg-deb -f "$deb" Architecture)" = "$(dpkg --print-architecture)" ] || fail "wrong architecture"
depends=$(dpkg-deb -f "$deb" Depends)
for needed in libwebkit2gtk-4.1-0 libgtk-3-0; do
	grep -q "$needed" <<<"$depends" || fail "Depends lacks $needed: $depends"
done

# Paths as dpkg lists them, without the leading "./" some builders write.
contents=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's#^\./##')
for path in usr/bin/fieldbook-desktop usr/bin/fieldbook \
	usr/share/applications/Fieldbook.desktop \
	usr/share/fieldbook/fonts/NotoSansSC-Regular.ttf \
	usr/share/fieldbook/fonts/NotoSansSC-Bold.ttf \
	usr/share/fieldbook/fonts/NotoSerifSC-Regular.ttf; do
	grep -qx "$path" <<<"$contents" || fail "the package does not install /$path"
done
grep -q '^usr/share/icons/hicolor/.*/apps/fieldbook-desktop.png$' <<<"$contents" ||
	fail "the package installs no icon"

# Every dependency resolves from this machine's Debian archive (a simulation: nothing installed).
apt-get install --simulate --no-install-recommends "$deb" >/tmp/fieldbook-apt-simulate.log 2>&1 ||
	{ cat /tmp/fieldbook-apt-simulate.log; fail "apt cannot satisfy the package's dependencies"; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
grep -q '^Exec=fieldbook-desktop' "$root/usr/share/applications/Fieldbook.desktop" ||
	fail "the menu entry does not start fieldbook-desktop"

# The installed CLI runs and prints with the package's own fonts (not the source tree's).
db="$root/tmp/cli.db"
mkdir -p "$root/tmp"
info=$(env -u FIELDBOOK_FONTS_DIR "$root/usr/bin/fieldbook" --db "$db" info --json) ||
	fail "the installed CLI does not run"
fonts=$(node -e 'console.log(JSON.parse(process.argv[1]).fontsDir)' "$info")
[ "$(realpath "$fonts")" = "$(realpath "$root/usr/share/fieldbook/fonts")" ] ||
	fail "the installed programs take their fonts from $fonts, not the package's"

node tests/package/installed.e2e.mjs "$root/usr/bin/fieldbook-desktop"
echo "package-test: ok"
