#!/usr/bin/env bash
# Runs the package's Apex tests in an org with code coverage; results in build/apex-results/<alias>.
# Compare with the local org: npm run test:apex runs the same tests offline.
#   scripts/org/run-tests.sh <alias>
# Real orgs only: never run by the offline gate.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ALIAS="${1:?usage: run-tests.sh <alias>}"
OUT="$ROOT/build/apex-results/$ALIAS"
mkdir -p "$OUT"
"$SF" apex run test \
  --target-org "$ALIAS" \
  --test-level RunLocalTests \
  --code-coverage \
  --result-format human \
  --output-dir "$OUT" \
  --wait 60
