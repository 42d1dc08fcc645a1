#!/usr/bin/env bash
# The package test CI runs (as root, after mvn verify): builds the .deb and the .tar.gz with ./opsdeck package,
# installs the .deb with dpkg -i, runs `opsdeck --version` and `opsdeck demo` from the installed files with no JDK
# on the PATH (and checks they use the shipped start-up cache), checks the unit with systemd-analyze verify and the
# service's user and settings file, runs the unpacked .tar.gz elsewhere, then removes the package and checks that the
# data stays. Any failure ends it with the step that failed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="$(mktemp -d)"
fail() { echo "package test: FAILED: $*" >&2; exit 1; }
step() { echo "package test: $*" >&2; }

user_before="$(getent passwd opsdeck || true)"
cleanup() {
  dpkg -r opsdeck >/dev/null 2>&1 || true
  [ -n "$user_before" ] || userdel opsdeck >/dev/null 2>&1 || true
  rm -rf "$scratch"
}
trap cleanup EXIT

step "./opsdeck package"
mapfile -t made < <("$here/opsdeck" package)
deb="$(printf '%s\n' "${made[@]}" | grep '\.deb$')" || fail "no .deb among: ${made[*]}"
tarball="$(printf '%s\n' "${made[@]}" | grep '\.tar\.gz$')" || fail "no .tar.gz among: ${made[*]}"

step "dpkg -i $deb"
dpkg -i "$deb" >/dev/null || fail "dpkg -i"

# A PATH with the shell tools and the installed command only: no java, no JDK anywhere it looks.
bin="$scratch/bin"
mkdir -p "$bin"
for tool in bash env dirname readlink sed head awk ls grep cat find touch mkdir rm stat sha256sum cut tr sort mv cp \
    mktemp basename; do
  ln -s "$(command -v "$tool")" "$bin/$tool"
done
ln -s /usr/bin/opsdeck "$bin/opsdeck"
run() { env -i HOME="$scratch/home" PATH="$bin" "$@"; }

step "opsdeck --version, with no JDK on the PATH"
version="$(run opsdeck --version)" || fail "opsdeck --version"
[[ "$version" == "OpsDeck "* ]] || fail "opsdeck --version printed: $version"

step "opsdeck demo, with no JDK on the PATH"
run opsdeck demo --incident web_5xx --decision approve --data-dir "$scratch/data" >"$scratch/demo.out" \
  2>"$scratch/demo.err" || fail "opsdeck demo: $(cat "$scratch/demo.err")"
grep -q "Resolved" "$scratch/demo.out" || fail "opsdeck demo did not resolve its incident: $(tail -5 "$scratch/demo.out")"
if grep -q "start-up cache" "$scratch/demo.err"; then
  fail "the installed demo did not use its shipped start-up cache: $(cat "$scratch/demo.err")"
fi
[ -s "$scratch/data/logs/opsdeck.log" ] || fail "no log file in the data dir"

step "systemd-analyze verify opsdeck-serve.service"
systemd-analyze verify /lib/systemd/system/opsdeck-serve.service || fail "systemd-analyze verify"
getent passwd opsdeck >/dev/null || fail "no opsdeck system user"
[ "$(stat -c '%a %G' /etc/opsdeck/serve.env)" = "640 opsdeck" ] || fail "serve.env is not 640 root:opsdeck"
[ -f /usr/share/applications/opsdeck.desktop ] || fail "no desktop entry"
[ -f /usr/share/icons/hicolor/scalable/apps/opsdeck.svg ] || fail "no icon"

step "the .tar.gz, unpacked elsewhere"
mkdir -p "$scratch/portable"
tar -C "$scratch/portable" -xzf "$tarball"
run "$scratch/portable/opsdeck/bin/opsdeck" demo --incident storage_io_error --decision approve --data-dir "$scratch/data2" \
  >/dev/null 2>"$scratch/tar.err" || fail "the unpacked app image's demo: $(cat "$scratch/tar.err")"
if grep -q "start-up cache" "$scratch/tar.err"; then
  fail "the unpacked app image did not use its shipped start-up cache: $(cat "$scratch/tar.err")"
fi

step "dpkg -r opsdeck leaves the data"
mkdir -p /var/lib/opsdeck
echo kept >/var/lib/opsdeck/marker
dpkg -r opsdeck >/dev/null || fail "dpkg -r"
[ ! -e /usr/bin/opsdeck ] && [ ! -e /opt/opsdeck ] || fail "files left after dpkg -r: $(find /opt/opsdeck 2>/dev/null | head -3)"
[ "$(cat /var/lib/opsdeck/marker)" = kept ] || fail "the data in /var/lib/opsdeck went with the package"
rm -rf /var/lib/opsdeck
step "passed"
