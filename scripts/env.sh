# Sourced by the run and test scripts: puts the project's npm tools (wasm-opt) first on
# PATH, then the cargo-installed tools (cargo-leptos, wasm-bindgen).
PATH="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export PATH
