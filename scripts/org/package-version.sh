#!/usr/bin/env bash
# Creates a version of the managed package from build/deploy/ (the LWC compiled from TypeScript:
# from the repository root a version would ship bundles without JavaScript, since .forceignore
# leaves every *.ts out). Code coverage is computed, as promotion requires. docs/packaging.md.
#   scripts/org/package-version.sh [--installation-key KEY]    default: no installation key
# Needs a Dev Hub with the namespace linked (sf org login web --set-default-dev-hub) and the package
# created once (sf package create, docs/packaging.md). Real orgs only: never run by the offline gate,
# and never run from here (no machine of the project reaches Salesforce): untested against a Dev Hub.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
KEY_FLAGS=(--installation-key-bypass)
if [[ "${1:-}" == "--installation-key" ]]; then
  KEY_FLAGS=(--installation-key "${2:?usage: package-version.sh [--installation-key KEY]}")
fi
(cd "$ROOT" && npm run --silent build:lwc)
cd "$ROOT/build/deploy"
"$SF" package version create \
  --package "S2S Sync" \
  --path force-app \
  --definition-file "$ROOT/config/project-scratch-def.json" \
  --code-coverage \
  "${KEY_FLAGS[@]}" \
  --wait 60
echo "next: install the 04t above in a test org (sf package install), then promote it (docs/packaging.md)"
