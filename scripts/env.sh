# Sourced by the run and test scripts: puts the project's npm tools (wasm-opt) first on PATH.
PATH="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PATH
