#!/usr/bin/env bash
# Creates a scratch org from config/project-scratch-def.json (Change Data Capture, platform events,
# Named and External Credentials, API). Needs a Dev Hub: sf org login web --set-default-dev-hub.
#   scripts/org/create-scratch.sh [alias] [days]      default alias s2s-a, 7 days
# Real orgs only: never run by the offline gate.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ALIAS="${1:-s2s-a}"
DAYS="${2:-7}"
"$SF" org create scratch \
  --definition-file "$ROOT/config/project-scratch-def.json" \
  --alias "$ALIAS" \
  --duration-days "$DAYS" \
  --wait 15
echo "scratch org $ALIAS created; next: scripts/org/deploy.sh $ALIAS"
