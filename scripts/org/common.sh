#!/usr/bin/env bash
# Shared settings for the real-org scripts (sourced, not run). These scripts talk to Salesforce: they
# are never run by the offline gate or its tests.
set -euo pipefail
export SF_DISABLE_TELEMETRY=true SF_AUTOUPDATE_DISABLE=true SF_SKIP_NEW_VERSION_CHECK=true
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SF="${SF:-$ROOT/node_modules/.bin/sf}"
if [[ ! -x "$SF" ]]; then
  echo "sf not found at $SF: run npm ci first" >&2
  exit 1
fi
