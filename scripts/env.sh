# Sourced by the run and test scripts: puts the project's npm tools (wasm-opt) first on
# PATH, and links with mold where it is installed (scripts/setup.sh installs it): the
# server and test binaries are large, and mold links them several times faster than ld.
PATH="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export PATH
if command -v mold >/dev/null 2>&1 && [ "$(uname -sm)" = "Linux x86_64" ]; then
  export CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS="-C link-arg=-fuse-ld=mold"
fi
