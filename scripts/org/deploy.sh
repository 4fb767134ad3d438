#!/usr/bin/env bash
# Deploys the package (force-app) and the test-only metadata (unpackaged) to an org. LWC written in
# TypeScript is compiled first (npm run build:lwc -> build/deploy/), and the deploy runs from there.
#   scripts/org/deploy.sh <alias> [--packaged-only]
# Real orgs only: never run by the offline gate.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ALIAS="${1:?usage: deploy.sh <alias> [--packaged-only]}"
(cd "$ROOT" && npm run --silent build:lwc)
DIRS=(--source-dir force-app)
if [[ "${2:-}" != "--packaged-only" && -d "$ROOT/build/deploy/unpackaged" ]]; then
  DIRS+=(--source-dir unpackaged)
fi
cd "$ROOT/build/deploy"
"$SF" project deploy start "${DIRS[@]}" --target-org "$ALIAS" --wait 30
