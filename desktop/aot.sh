# The launcher's start-up cache (JDK 25+; JEP 483, 514, 515: classes loaded and linked ahead, method profiles kept,
# so a start skips that work and the JIT starts with the profiles). Sourced by the launcher (../opsdeck) with $java,
# $jvm (the java command up to the class path), $main, $entry (console | serve | cli), $cp, $root (the checkout or the
# installed app), $aot_shipped (an installed app's own caches, made by `./opsdeck package`) and $aot_default set.
#
# One cache per entry point, made once per build by a training run: `serve` a short burst of clients (the bridge
# benchmark's server), the other commands one incident through its sign-off (`demo`); the console's first session is
# its own training run (the cache is assembled in the background after it closes). A cache is used only while its
# key fits: the same JDK, JVM options and class path, none of them changed since (no jar newer); else it is made
# again. A cache the JVM refuses anyway is said in one line by the application (dev.opsdeck.desktop.aot.CacheRefusal)
# and made again at the next start.

aot_at() {
  aot_dir="$1"
  aot_cache="$aot_dir/$entry.aot"
  aot_keyfile="$aot_dir/$entry.key"
  aot_log="$aot_dir/$entry.training.log"
}
aot_at "${OPSDECK_AOT_DIR:-$aot_default}"

# What the cache was made for, in $key: the JVM's command up to the main class (the JDK, its options, the class path),
# paths inside $root counted from it, so an app image keeps its caches wherever it is unpacked or installed (the JVM
# accepts a class path moved whole).
aot_key() {
  local command="${jvm[*]}"
  key="${command//"$root"\//@/}"
}

# The cache fits when its key is this command's and nothing it was made from changed after it: no jar of the class
# path, options file or JDK newer than the key (bash's own tests: a start forks nothing for this). A cache the JVM
# refuses anyway is said by the application and made again at the next start.
aot_fits() {
  local kept="" file
  [ -f "$aot_cache" ] && [ -f "$aot_keyfile" ] && IFS= read -r kept <"$aot_keyfile" && [ "$kept" = "$key" ] \
    || return 1
  # shellcheck disable=SC2086 # the class path's entries, one word each
  for file in ${cp//:/ } ${opts_file:-} "${java%/bin/java}/release" "$java"; do
    if [ "$file" -nt "$aot_keyfile" ]; then return 1; fi
  done
}

# Records what a run loads and how its methods run (AOTMode=record), then assembles the cache from it.
# The JVM's notes on what it skips go to a file, not to a person's terminal.
aot_recording() {
  recording=("${jvm[@]}" -XX:AOTMode=record -XX:AOTConfiguration="$aot_dir/$entry.aotconf" -Xlog:aot*=off \
    -Xlog:cds*=off "-Xlog:aot*=warning,cds*=warning:file=$aot_dir/$entry.record.log:level:filecount=0")
}
aot_record() { aot_recording; "${recording[@]}" "$@"; }
aot_assemble() {
  "${jvm[@]}" -XX:AOTMode=create -XX:AOTConfiguration="$aot_dir/$entry.aotconf" -XX:AOTCache="$aot_cache.new" \
    && mv "$aot_cache.new" "$aot_cache" \
    && echo "$key" >"$aot_keyfile" \
    && rm -f "$aot_dir/$entry.aotconf"
}

# A training run of this entry point's own work, with its output in the training log.
aot_train() {
  local scratch
  scratch="$(mktemp -d)"
  say "making the start-up cache for ${entry/cli/the commands} (once per build; its log: $aot_log)…"
  if {
       if [ "$entry" = serve ]; then
         aot_record "$main" bench bridge --clients 20 --injects 40 --data-dir "$scratch"
       else
         aot_record "$main" demo --incident web_5xx --decision approve --data-dir "$scratch"
       fi
     } >"$aot_log" 2>&1 && aot_assemble >>"$aot_log" 2>&1; then
    rm -rf "$scratch"
    return 0
  fi
  rm -rf "$scratch"
  say "could not make the start-up cache (see $aot_log); starting without it"
  return 1
}

aot_start() {
  aot_key
  local writable="$aot_dir"
  if [ -z "${OPSDECK_AOT_DIR:-}" ] && [ -n "$aot_shipped" ]; then
    aot_at "$aot_shipped"
    aot_fits && aot_use "$@"
    aot_at "$writable"
  fi
  [ -d "$aot_dir" ] || mkdir -p "$aot_dir" 2>/dev/null || true
  if [ ! -w "$aot_dir" ]; then
    say "cannot write the start-up cache in $aot_dir; starting without it"
    exec "${jvm[@]}" "$main" "$@"
  fi
  if ! aot_fits; then
    rm -f "$aot_cache" "$aot_keyfile"
    if [ "$entry" = console ]; then
      # The first session records; once it ends, the cache is assembled in the background.
      say "this first session after a build also records the start-up cache (later starts are faster)"
      # Not exec'd: the launcher waits, passing on a request to stop, so that the JVM ends as it would anyway
      # (it writes what it recorded as it exits), then assembles.
      local pid code=0
      rm -f "$aot_dir/$entry.aotconf"
      aot_recording
      "${recording[@]}" "$main" "$@" &   # the JVM itself, so that $! is its process
      pid=$!
      trap 'kill -TERM "$pid" 2>/dev/null' TERM INT HUP
      wait "$pid" || code=$?
      while kill -0 "$pid" 2>/dev/null; do wait "$pid" || code=$?; done
      trap - TERM INT HUP
      if [ -s "$aot_dir/$entry.aotconf" ]; then
        (aot_assemble >>"$aot_log" 2>&1 &)
      fi
      exit "$code"
    fi
    aot_train || exec "${jvm[@]}" "$main" "$@"
  fi
  [ -z "${OPSDECK_AOT_TRAIN_ONLY:-}" ] || exit 0
  aot_use "$@"
}

aot_use() {
  # The JVM's own words about the cache go to a file, read by the application: one line of ours if it refused it.
  # A shipped cache's folder belongs to the package (and is read-only but for root): then the file is a temporary one.
  local refused="$aot_dir/$entry.refused"
  if [ ! -w "$aot_dir" ] || [ "$aot_dir" = "$aot_shipped" ]; then
    refused="$(mktemp -u -t "opsdeck-$entry-aot.XXXXXX")"
  fi
  [ ! -e "$refused" ] || rm -f "$refused"
  exec "${jvm[@]}" -XX:AOTCache="$aot_cache" -Xlog:aot*=off -Xlog:cds*=off \
    "-Xlog:aot*=warning,cds*=warning:file=$refused:level:filecount=0" \
    -Dopsdeck.aot.refused="$refused" -Dopsdeck.aot.key="$aot_keyfile" "$main" "$@"
}
