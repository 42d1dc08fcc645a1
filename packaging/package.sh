#!/usr/bin/env bash
# ./opsdeck package: builds dist/opsdeck_VERSION_amd64.deb and dist/opsdeck-VERSION-linux-x64.tar.gz, each carrying a
# jlinked runtime, the jars, the launcher and the start-up caches trained in place. Called by ../opsdeck with the
# JDK it chose (java binary, major version) after the build; jpackage lays out the app image.
set -euo pipefail
java="$1" java_version="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jdk="$(dirname "$(dirname "$java")")"
say() { echo "opsdeck package: $*" >&2; }

if [ "$java_version" -lt 25 ] || [ ! -x "$jdk/bin/jpackage" ] || [ ! -x "$jdk/bin/jlink" ]; then
  say "needs a JDK 25 with jlink and jpackage (found JDK $java_version at $jdk): install one (e.g. Temurin 25)"
  exit 1
fi
for tool in dpkg-deb objcopy; do
  if ! command -v "$tool" >/dev/null; then
    say "needs $tool: sudo apt-get install dpkg-dev binutils"
    exit 1
  fi
done

version="$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$here/pom.xml" | head -n 1)"
version="${version%-SNAPSHOT}"
work="$here/desktop/target/package"
dist="$here/dist"
rm -rf "$work"
mkdir -p "$work/input" "$dist"

# The jars: the build's own and its class path, names only in the image's class path file.
jar="$(ls "$here"/desktop/target/desktop-*.jar | grep -v -- '-tests.jar' | head -n 1)"
cp -p "$jar" "$work/input/"
names="$(basename "$jar")"
IFS=: read -r -a deps <"$here/desktop/target/classpath.txt" || true   # no newline at its end
for dep in "${deps[@]}"; do
  cp -p "$dep" "$work/input/"
  names="$names:$(basename "$dep")"
done

# The runtime: the modules jdeps finds in the class path (jdeps --print-module-deps --ignore-missing-deps), and
# those loaded by name: charsets, zip file systems, the JDK's HTTP server (alert hooks) and management (CPU times).
modules=java.base,java.compiler,java.desktop,java.naming,java.net.http,java.security.jgss,java.sql,jdk.httpserver
modules=$modules,jdk.jfr,jdk.jsobject,jdk.management,jdk.unsupported,jdk.xml.dom,jdk.charsets,jdk.zipfs,jdk.crypto.ec
say "jlink: a runtime of $modules"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
  --output "$work/runtime"

# The same settings make the .msi and the .dmg on their own machines (--type msi|dmg, with --win-menu or
# --mac-package-identifier dev.opsdeck); see packaging/README.md.
say "jpackage: the app image"
"$jdk/bin/jpackage" --type app-image --name opsdeck --app-version "$version" --vendor OpsDeck \
  --description "The on-call engineer's operator console" \
  --input "$work/input" --main-jar "$(basename "$jar")" --main-class dev.opsdeck.desktop.Launcher \
  --runtime-image "$work/runtime" --java-options "--enable-native-access=ALL-UNNAMED" \
  --java-options "--sun-misc-unsafe-memory-access=allow" --dest "$work/image"
app="$work/image/opsdeck"
# On Linux the launcher script replaces jpackage's native one: it picks each entry point's JVM options and
# start-up cache, as in a checkout.
rm "$app/bin/opsdeck"
cp "$here/opsdeck" "$app/bin/opsdeck"
mkdir -p "$app/lib/opsdeck"
cp "$here/desktop/aot.sh" "$here/desktop/console.jvmopts" "$here/desktop/serve.jvmopts" "$app/lib/opsdeck/"
# SQLite's native library for this machine's Linux, as the launcher expects it (../opsdeck).
sqlite_native="org/sqlite/native/Linux/$(uname -m)"
mkdir -p "$app/lib/native/$sqlite_native"
cp -p "$here/desktop/target/native/$sqlite_native/libsqlitejdbc.so" "$app/lib/native/$sqlite_native/"
echo "$names" >"$app/lib/app/classpath.txt"
cp "$here/README.md" "$app/README.md"

# The start-up caches, trained with the image's own runtime and jars (the console's is made by its first session,
# in the user's cache folder: it needs a person at a display).
for entry in serve demo; do
  say "training the start-up cache: $entry"
  HOME="$work/home" OPSDECK_AOT_DIR="$app/lib/aot" OPSDECK_AOT_TRAIN_ONLY=1 "$app/bin/opsdeck" "$entry"
done
rm -f "$app/lib/aot/"*.log "$app/lib/aot/"*.refused

tarball="$dist/opsdeck-$version-linux-x64.tar.gz"
tar -C "$work/image" -czf "$tarball" opsdeck

# The .deb: the app image in /opt/opsdeck, the command on the PATH, a menu entry and icon, the server's unit.
# Packed by dpkg-deb, not `jpackage --type deb`: that one builds here too, but its copy of the image dates every file
# at the moment of packing, so the trained caches' keys (each jar's size and time: JDK 25 itself loads archived
# classes from a jar changed since training without a word) no longer fit and each user would train again (README.md).
stage="$work/deb"
mkdir -p "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" "$stage/usr/share/icons/hicolor/scalable/apps" \
  "$stage/lib/systemd/system" "$stage/etc/opsdeck" "$stage/DEBIAN"
cp -a "$app" "$stage/opt/opsdeck"
ln -s /opt/opsdeck/bin/opsdeck "$stage/usr/bin/opsdeck"
install -m 644 "$here/packaging/linux/opsdeck.desktop" "$stage/usr/share/applications/"
install -m 644 "$here/packaging/linux/opsdeck.svg" "$stage/usr/share/icons/hicolor/scalable/apps/"
install -m 644 "$here/packaging/linux/opsdeck-serve.service" "$stage/lib/systemd/system/"
install -m 640 "$here/packaging/linux/serve.env" "$stage/etc/opsdeck/serve.env"
install -m 755 "$here/packaging/linux/postinst" "$here/packaging/linux/prerm" "$here/packaging/linux/postrm" "$stage/DEBIAN/"
echo /etc/opsdeck/serve.env >"$stage/DEBIAN/conffiles"
cat >"$stage/DEBIAN/control" <<CONTROL
Package: opsdeck
Version: $version
Architecture: amd64
Maintainer: OpsDeck <opsdeck@localhost>
Section: admin
Priority: optional
Depends: libc6, libgtk-3-0, passwd
Installed-Size: $(du -sk "$stage" | cut -f 1)
Description: The on-call engineer's operator console, with its bundled incident engine
 A desktop console (JavaFX) and a server (opsdeck serve, the opsdeck-serve unit) running a multi-agent
 IT-ops engine; its own Java runtime is included.
CONTROL
deb="$dist/opsdeck_${version}_amd64.deb"
dpkg-deb --root-owner-group -Zgzip --build "$stage" "$deb" >/dev/null
echo "$deb"
echo "$tarball"
