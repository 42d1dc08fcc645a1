#!/usr/bin/env bash
# The floor under the console's first window on this machine: a JVM that starts JavaFX and shows one window with a
# label, nothing of OpsDeck (BareWindow.java), timed as `./opsdeck bench startup --console` times the console (from
# starting the process to the "window shown" line), without and with a start-up cache of its own (made by one
# training run first, not timed), interleaved; also the JVM alone (main reached, no JavaFX). Same JDK, JavaFX jars and
# JVM options as the console. Needs a display and a build (./opsdeck once, or mvn package):
#   xvfb-run -a -s "-screen 0 1440x900x24" desktop/bench/bare-window.sh [RUNS]
# Prints one JSON line: each figure's median and every run, ms.
set -euo pipefail
runs="${1:-5}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
java="${OPSDECK_JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -n 1)}"
[ -x "$java" ] || { echo "bare-window: no JDK 25 found; set OPSDECK_JAVA to its java" >&2; exit 1; }
cp_file="$root/desktop/target/classpath.txt"
[ -f "$cp_file" ] || { echo "bare-window: no build; run ./opsdeck --version (or mvn -DskipTests package) first" >&2; exit 1; }
fx="$(tr ':' '\n' < "$cp_file" | grep '/javafx-' | paste -sd:)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bin="$(dirname "$java")"
"$bin/javac" -d "$work/classes" -cp "$fx" "$here/BareWindow.java"
"$bin/jar" --create --file "$work/bare.jar" -C "$work/classes" .   # a start-up cache covers classes from jars only
opts=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
      "@$root/desktop/console.jvmopts" -cp "$work/bare.jar:$fx")
"$java" "${opts[@]}" -XX:AOTCacheOutput="$work/bare.aot" BareWindow >"$work/training.log" 2>&1
"$java" "${opts[@]}" -XX:AOTCacheOutput="$work/jvm.aot" BareWindow jvm >>"$work/training.log" 2>&1

# ms from starting the process to its line saying $2
once() {
  local cache="$1" want="$2" arg="$3" t0 t1="" line
  t0=$(date +%s%N)
  while IFS= read -r line; do
    if [[ "$line" == "$want"* ]]; then t1=$(date +%s%N); fi
  done < <("$java" "${opts[@]}" ${cache:+-XX:AOTCache="$cache"} BareWindow $arg 2>&1)
  [ -n "$t1" ] || { echo "bare-window: no '$want' line" >&2; exit 1; }
  echo $(( (t1 - t0) / 1000000 ))
}

declare -A all
for ((i = 0; i < runs; i++)); do
  all[window_without]+="$(once "" "window shown" "") "
  all[window_with]+="$(once "$work/bare.aot" "window shown" "") "
  all[jvm_without]+="$(once "" "main reached" jvm) "
  all[jvm_with]+="$(once "$work/jvm.aot" "main reached" jvm) "
done

json() {  # one figure: {"median": m, "runs": [...]}
  local values=($1) sorted
  sorted=($(printf '%s\n' "${values[@]}" | sort -n))
  local n=${#sorted[@]} median
  if (( n % 2 )); then median=${sorted[n / 2]}; else median=$(( (sorted[n / 2 - 1] + sorted[n / 2]) / 2 )); fi
  printf '{"median": %s, "runs": [%s]}' "$median" "$(IFS=,; echo "${values[*]}")"
}
printf '{"bench": "bare-window", "runs": %s, "java": "%s", "cores": %s, "load_average": "%s",' "$runs" \
  "$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.vm.version = //p')" "$(nproc)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
printf ' "window_ms": {"without_cache": %s, "with_cache": %s},' "$(json "${all[window_without]}")" "$(json "${all[window_with]}")"
printf ' "jvm_only_ms": {"without_cache": %s, "with_cache": %s}}\n' "$(json "${all[jvm_without]}")" "$(json "${all[jvm_with]}")"
