#!/usr/bin/env bash
# Builds the demo site into site/ from the embedded synthetic data (README command 1).
# Extra arguments go to `reclens build`, e.g. scripts/demo.sh --data ../shared/data/ml-100k
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product reclens
.build/release/reclens build "$@"
echo "open site/index.html"
