// The demo's native Salesforce to Salesforce connection, for Setup → Move from Salesforce to
// Salesforce (docs/migration.md): Sales shares three Opportunities with Service natively (copied,
// linked on both sides), and has forwarded a fourth that Service never accepted. Opportunities
// are not mapped by the demo's S2S Sync connection, so nothing else copies them.
import type { Org } from '../localorg/src/platform/index.ts';
import { addNativeLink, connectNatively } from '../localorg/src/platform/world/native-s2s.ts';

export function seedNativeConnection(sales: Org, service: Org): void {
  const deals = sales.insert(
    'Opportunity',
    ['Acme renewal', 'Globex expansion', 'Initech pilot', 'Umbrella tender'].map((name, i) => ({
      Name: name,
      StageName: 'Prospecting',
      CloseDate: '2026-12-31',
      Amount: 10000 * (i + 1)
    }))
  );
  const { connectionIds } = connectNatively(sales, service, {
    share: [
      {
        from: sales,
        object: 'Opportunity',
        ids: deals.slice(0, 3),
        fields: ['Name', 'StageName', 'CloseDate', 'Amount']
      }
    ]
  });
  addNativeLink(sales, connectionIds[sales.name], { localId: deals[3], status: 'Pending (sent)' });
}
