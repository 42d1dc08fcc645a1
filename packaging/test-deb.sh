#!/usr/bin/env bash
# The package test CI runs (as root, after mvn verify): builds the .deb (jpackage) and the .tar.gz with ./opsdeck
# package, installs the .deb with dpkg -i, runs `opsdeck --version`, `opsdeck demo`, and `opsdeck serve` answering
# /healthz and an `opsdeck smoke` incident as the unit runs it (its user, settings file and data dir), from the
# installed files with no JDK on the PATH (checking they use the shipped start-up caches and write their log where
# README.md says), checks the unit with systemd-analyze verify and
# the service's user and settings file, runs the unpacked .tar.gz elsewhere, then removes the package and checks that
# the data stays and nothing of the app does. Any failure ends it with the step that failed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fail() { echo "package test: FAILED: $*" >&2; exit 1; }
step() { echo "package test: $*" >&2; }

[ ! -e /var/lib/opsdeck ] || fail "/var/lib/opsdeck is here already (an installed OpsDeck's data?): this test would mix its own in"
scratch="$(mktemp -d)"
chmod 755 "$scratch"   # the service's user runs the installed command from a PATH in it
user_before="$(getent passwd opsdeck || true)"
serve_pid=
cleanup() {
  [ -z "$serve_pid" ] || kill "$serve_pid" 2>/dev/null || true
  dpkg --purge opsdeck >/dev/null 2>&1 || true
  [ -n "$user_before" ] || userdel opsdeck >/dev/null 2>&1 || true
  rm -rf /var/lib/opsdeck
  rm -rf "$scratch"
}
trap cleanup EXIT

step "./opsdeck package"
mapfile -t made < <("$here/opsdeck" package)
deb="$(printf '%s\n' "${made[@]}" | grep '\.deb$')" || fail "no .deb among: ${made[*]}"
tarball="$(printf '%s\n' "${made[@]}" | grep '\.tar\.gz$')" || fail "no .tar.gz among: ${made[*]}"

step "dpkg -i $deb"
dpkg -i "$deb" >/dev/null || fail "dpkg -i"
[ "$(dpkg -S /opt/opsdeck/bin/opsdeck /lib/systemd/system/opsdeck-serve.service | cut -d: -f1 | sort -u)" = opsdeck ] \
  || fail "the launcher and the unit are not the package's files"

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
[ -s "$scratch/data/logs/opsdeck.log" ] || fail "no log file in the data dir ($scratch/data/logs/opsdeck.log)"

step "opsdeck serve as the unit runs it (its user, settings and data dir) answers /healthz and an opsdeck smoke incident"
# What opsdeck-serve.service does, without systemd (none runs here): the opsdeck user, /etc/opsdeck/serve.env, the
# state directory /var/lib/opsdeck; port 0 instead of the file's 8000, which may be taken on this machine.
# Its default --pace (600 ms per agent turn) stays: the smoke incident then runs as the installed unit runs it.
install -d -o opsdeck -g opsdeck -m 755 /var/lib/opsdeck
runuser -u opsdeck -- env -i HOME=/var/lib/opsdeck PATH="$bin" bash -c 'set -a; . /etc/opsdeck/serve.env; set +a
  echo $$ >/var/lib/opsdeck/serve.pid; exec opsdeck serve --host "$OPSDECK_HOST" --port 0 --hooks-port 0 --data-dir /var/lib/opsdeck $OPSDECK_SERVE_OPTS' \
  >"$scratch/serve.out" 2>"$scratch/serve.err" &
serve_pid=$!   # runuser's, until the server's own is known
ready=""
for _ in $(seq 1200); do   # its ready line, up to 120 s on a loaded machine; or its end
  ready="$(grep -o 'ws://127.0.0.1:[0-9]*/ws' "$scratch/serve.out" | head -n 1)" && [ -n "$ready" ] && break
  kill -0 "$serve_pid" 2>/dev/null || fail "opsdeck serve ended: $(cat "$scratch/serve.err")"
  sleep 0.1
done
[ -n "$ready" ] || fail "opsdeck serve printed no ready line in 120 s: $(cat "$scratch/serve.out" "$scratch/serve.err")"
port="${ready#ws://127.0.0.1:}" port="${port%/ws}"
runuser_pid="$serve_pid" serve_pid="$(cat /var/lib/opsdeck/serve.pid)"   # the launcher exec'd the JVM: its PID
health="$(curl -sf "http://127.0.0.1:$port/healthz")" || fail "GET /healthz failed"
[[ "$health" == *'"ok":true'* ]] || fail "/healthz said: $health"
run opsdeck smoke --url "$ready" --deadline 120s >"$scratch/smoke.out" 2>&1 || fail "opsdeck smoke: $(cat "$scratch/smoke.out")"
kill "$serve_pid"
wait "$runuser_pid" 2>/dev/null || true
serve_pid=
if grep -q "start-up cache" "$scratch/serve.err"; then
  fail "the installed serve did not use its shipped start-up cache: $(cat "$scratch/serve.err")"
fi
log=/var/lib/opsdeck/logs/opsdeck.log   # serve.env and README.md: the service's log in its data dir
[ -s "$log" ] || fail "no log file at $log"
[ "$(stat -c %U "$log")" = opsdeck ] || fail "$log is not the service user's"
grep -q "bridge" "$log" || fail "serve's log says nothing of its bridge: $(tail -5 "$log")"

step "systemd-analyze verify opsdeck-serve.service"
systemd-analyze verify /lib/systemd/system/opsdeck-serve.service || fail "systemd-analyze verify"
getent passwd opsdeck >/dev/null || fail "no opsdeck system user"
[ "$(stat -c '%a %G' /etc/opsdeck/serve.env)" = "640 opsdeck" ] || fail "serve.env is not 640 root:opsdeck"
[ -f /usr/share/applications/opsdeck.desktop ] || fail "no desktop entry"
[ -f /usr/share/icons/hicolor/scalable/apps/opsdeck.svg ] || fail "no icon"
grep -q '^Exec=/opt/opsdeck/bin/opsdeck$' /usr/share/applications/opsdeck.desktop || fail "the desktop entry runs something else"

step "the .tar.gz, unpacked elsewhere"
mkdir -p "$scratch/portable"
tar -C "$scratch/portable" -xzf "$tarball"
run "$scratch/portable/opsdeck/bin/opsdeck" demo --incident storage_io_error --decision approve --data-dir "$scratch/data2" \
  >/dev/null 2>"$scratch/tar.err" || fail "the unpacked app image's demo: $(cat "$scratch/tar.err")"
if grep -q "start-up cache" "$scratch/tar.err"; then
  fail "the unpacked app image did not use its shipped start-up cache: $(cat "$scratch/tar.err")"
fi

step "dpkg -r opsdeck leaves the data"
echo kept >/var/lib/opsdeck/marker
dpkg -r opsdeck >/dev/null || fail "dpkg -r"
[ ! -e /usr/bin/opsdeck ] && [ ! -L /usr/bin/opsdeck ] && [ ! -e /opt/opsdeck ] \
  && [ ! -L /usr/share/applications/opsdeck.desktop ] && [ ! -L /usr/share/icons/hicolor/scalable/apps/opsdeck.svg ] \
  || fail "files left after dpkg -r: $(ls -d /usr/bin/opsdeck /usr/share/applications/opsdeck.desktop 2>/dev/null) $(find /opt/opsdeck 2>/dev/null | head -3)"
[ "$(cat /var/lib/opsdeck/marker)" = kept ] || fail "the data in /var/lib/opsdeck went with the package"
[ -f /etc/opsdeck/serve.env ] || fail "dpkg -r took the service's settings (only a purge may)"
dpkg --purge opsdeck >/dev/null || fail "dpkg --purge"
[ ! -e /etc/opsdeck ] || fail "dpkg --purge left /etc/opsdeck"
[ "$(cat /var/lib/opsdeck/marker)" = kept ] || fail "the data in /var/lib/opsdeck went with the purge"
step "passed"
