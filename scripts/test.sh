#!/usr/bin/env bash
# Runs the test suite (README command 2; CI runs exactly this).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift test "$@"
