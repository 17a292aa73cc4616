# Sourced by the test script: the release build, its two halves side by side and in the
# background, so that the tests can run while it compiles.
#
#   release_start LOG_DIR   starts the front end's and the server's builds; sets release_pids
#   release_wait            waits for both, prints what they said, fails if either failed
#   release_stop            stops them (for an exit trap)
#
# `cargo leptos build` makes the front end, then the server, one after the other, so that
# a server could embed the front end's files. Passerelle's server reads them from the
# site folder at run time, so the two halves are independent, and each has long phases
# that keep one core busy out of two (the front end's link-time optimisation, wasm-opt
# and precompression; the server crate's type checking): side by side they fill each
# other's gaps (docs/ci.md has the measurements).
release_pids=()
_release_logs=()

release_start() {
  local log_dir=$1 half
  for half in frontend server; do
    # A session of its own, so that stopping it stops the cargo and rustc under it too.
    setsid cargo leptos build --release --precompress "--$half-only" \
      >"$log_dir/release-$half.log" 2>&1 &
    release_pids+=($!)
    _release_logs+=("$log_dir/release-$half.log")
  done
}

release_wait() {
  local status=0 i
  for i in "${!release_pids[@]}"; do
    wait "${release_pids[$i]}" || status=$?
    cat "${_release_logs[$i]}"
  done
  release_pids=()
  return "$status"
}

release_stop() {
  local pid
  for pid in "${release_pids[@]}"; do
    kill -- "-$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  release_pids=()
}
