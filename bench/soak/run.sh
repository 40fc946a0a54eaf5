#!/usr/bin/env bash
# The release engine's soak (issue 10): many random sequences of the model-based test
# (lib/services/releases/release-model.test.ts) on a sandbox and database of its own, so it can
# run beside a test run. Prints each sequence as it ends and the totals: sequences, steps,
# failures (each with its seed and steps, replayable with RELEASE_MODEL_SEED=<seed>
# RELEASE_MODEL_RUNS=1 npx vitest run lib/services/releases/release-model.test.ts), time.
#   bench/soak/run.sh [sequences=200] [first seed=time-based]
# Ports: SOAK_PG_PORT and SOAK_SANDBOX_PORT (default: the dev ports of the env file, SLIPWAY_PG_PORT
# and SANDBOX_PORT; not while `npm run dev` runs on them). The sandbox uses 6 ports from there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
runs="${1:-200}"
seed="${2:-$(( $(date +%s) % 1000000 ))}"
dir="$PWD/.data/soak-sandbox"
export SLIPWAY_TEST_PG_PORT="${SOAK_PG_PORT:-${SLIPWAY_PG_PORT:?set SOAK_PG_PORT}}"
export SLIPWAY_TEST_SANDBOX_PORT="${SOAK_SANDBOX_PORT:-${SANDBOX_PORT:?set SOAK_SANDBOX_PORT}}"
export SLIPWAY_TEST_SANDBOX_DIR="$dir"
export RELEASE_MODEL_RUNS="$runs" RELEASE_MODEL_SEED="$seed"
log="$PWD/.data/soak-$seed.log"
mkdir -p .data
echo "[soak] $runs sequences from seed $seed (log $log)"
stop() { SANDBOX_DIR="$dir" SANDBOX_PORT="$SLIPWAY_TEST_SANDBOX_PORT" bash sandbox/down.sh >/dev/null 2>&1 || true; }
trap stop EXIT
status=0
npx vitest run lib/services/releases/release-model.test.ts --reporter=dot >"$log" 2>&1 || status=$?
# The sequences' lines and the failures' details, without vitest's decoration.
sed -e 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^\[model\]|^  (steps|[a-z].*: )' || true
exit $status
