# Sourced by the test script: the front end's release build, in the background, so that
# the checks and tests run while it compiles.
#
#   release_start LOG_DIR   starts `cargo leptos build --release --precompress --frontend-only`
#   release_wait            waits for it, prints what it said, fails if it failed
#   release_stop            stops it (for an exit trap)
#
# Its longest phases keep one core busy out of two (the wasm crate's link-time
# optimisation in one codegen unit, wasm-opt, brotli), and it shares no build folder with
# the debug builds (cargo-leptos gives the front end a target folder of its own): beside
# clippy and the test build it fills their gaps (docs/ci.md has the measurements).
release_pid=""
_release_log=""

release_start() {
  _release_log="$1/release-frontend.log"
  # A session of its own, so that stopping it stops the cargo and rustc under it too.
  setsid cargo leptos build --release --precompress --frontend-only >"$_release_log" 2>&1 &
  release_pid=$!
}

release_wait() {
  local status=0
  wait "$release_pid" || status=$?
  cat "$_release_log"
  release_pid=""
  return "$status"
}

release_stop() {
  if [ -n "$release_pid" ]; then
    kill -- "-$release_pid" 2>/dev/null || true
    wait "$release_pid" 2>/dev/null || true
  fi
  release_pid=""
}
