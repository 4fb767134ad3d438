#!/usr/bin/env bash
# Two scratch orgs that sync with each other: creates them, deploys the package to both, assigns the
# admin permission set to each org's admin, then prints what must be done by hand (Connected App,
# External Credential, Named Credential, integration user, Connection records): docs/real-org.md.
#   scripts/org/setup-two-orgs.sh [aliasA] [aliasB]     default s2s-a and s2s-b
# Real orgs only: never run by the offline gate.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
A="${1:-s2s-a}"
B="${2:-s2s-b}"
for ORG in "$A" "$B"; do
  "$(dirname "${BASH_SOURCE[0]}")/create-scratch.sh" "$ORG"
  "$(dirname "${BASH_SOURCE[0]}")/deploy.sh" "$ORG"
  "$SF" org assign permset --name S2S_Admin --target-org "$ORG"
done
for ORG in "$A" "$B"; do
  "$SF" org display --target-org "$ORG" --json | node -e '
    let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      const r = JSON.parse(s).result;
      console.log(`${process.argv[1]}: org ${r.id}, instance ${r.instanceUrl}, admin ${r.username}`);
    });' "$ORG"
done
cat <<MSG

Both orgs have the package. Finish the link by hand, in each direction (docs/real-org.md):
  1. In the receiving org: an External Client App / Connected App (OAuth, JWT bearer or client
     credentials), an integration user with permission set S2S_Integration.
  2. In the sending org: an External Credential (OAuth 2.0) with a Named Principal, a Named
     Credential on the receiving org's My Domain URL, and principal access for S2S_Admin.
  3. In the sending org: an S2S_Connection__c naming that Named Credential and the peer org Id.
MSG
