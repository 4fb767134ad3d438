// Browser test of the local demo (npm start): the newcomer's path through the admin UI, with a
// screenshot of each screen (harness.ts starts the demo and Chromium; skipped only without it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { NAMESPACE, openTab, shot, walkThroughDemo } from './harness.ts';

test(
  'a newcomer syncs a record between the two demo orgs using only the admin UI',
  { timeout: 15 * 60_000 },
  async (t) => {
    await walkThroughDemo(t, async ({ page, url }) => {
      await t.test('the setup screen lists the seeded connection and mapping', async () => {
        await page.goto(`${url}?org=Sales`);
        // S2S_NAMESPACE (the gate's namespaced pass): the page names the package's schema as the
        // subscriber org does, e.g. the dashboard's channel /event/s2s__S2S_Batch_Outcome__e.
        assert.equal(await page.evaluate('globalThis.S2S_DEMO_NAMESPACE ?? ""'), NAMESPACE);
        await page.getByText('Service org').first().waitFor();
        await page.getByRole('rowheader', { name: 'Account → Account' }).waitFor();
        await shot(page, '01-setup-connections-and-mappings.png');
      });

      await t.test(
        'the mapping is configured against the peer: target fields described, types compatible, saved',
        async () => {
          await page.getByRole('button', { name: 'Edit' }).first().click();
          await page.getByRole('button', { name: 'Load target fields from the peer org' }).click();
          // Name, Industry and Phone: what the Service org's inbound mapping accepts.
          await page.getByText('Compatible', { exact: true }).nth(2).waitFor();
          await shot(page, '02-mapping-editor.png');
          await page.getByRole('button', { name: 'Save' }).click();
          await page.getByText('Mapping saved.').waitFor();
        }
      );

      await t.test(
        'a transform chain is edited without JSON: a "default" step on Name, saved and reloaded',
        async () => {
          await page.getByRole('button', { name: 'Edit' }).first().click();
          await page.getByRole('button', { name: 'Edit transforms of Name' }).click();
          await page.getByRole('button', { name: 'Add step' }).click();
          await page.getByRole('combobox', { name: 'Transform', exact: true }).click();
          await page.getByRole('option', { name: 'Default when blank' }).click();
          // Name is never blank, so the sync below is unchanged by this step.
          await page.getByLabel('Value', { exact: true }).fill('Unnamed');
          await shot(page, '02b-transform-chain-editor.png');
          await page.getByRole('button', { name: 'Close transforms of Name' }).click();
          await page.getByRole('button', { name: 'Save' }).click();
          // Saved: the editor closes (the toast of the first save may still be showing).
          await page.locator('[data-id="editor"]').waitFor({ state: 'detached' });
          await page.getByRole('button', { name: 'Edit' }).first().click();
          await page.getByText('Default when blank', { exact: true }).waitFor();
          await page.getByRole('button', { name: 'Cancel' }).click();
        }
      );

      await t.test(
        'an Account never synced before, edited in Sales and pushed with "Sync now", is in sync',
        async () => {
          await openTab(page, 'Accounts');
          await page.getByText('Globex').click();
          await page.getByText('Never synced').first().waitFor();
          await page.getByLabel('Phone').fill('+33 1 99 99 99 99');
          await page.getByRole('button', { name: 'Save', exact: true }).click();
          await page.getByText('Saved.', { exact: true }).waitFor();
          await page.getByRole('button', { name: 'Refresh' }).click();
          // The edit alone travels in real time, carrying the whole record the peer never had.
          await page.getByText('In sync').first().waitFor();
          await page.getByRole('button', { name: 'Sync now' }).click();
          // queued is not synced: said neutrally, then the card shows the peer's answer
          await page.getByText('Sent to Service org: waiting for its answer.').first().waitFor();
          await page.getByRole('button', { name: 'Refresh' }).click();
          await page.getByText('In sync').first().waitFor();
          await shot(page, '03-record-sync-status.png');
        }
      );

      await t.test('the dashboard shows the deliveries against the objective', async () => {
        await openTab(page, 'Dashboard');
        await page.getByText('Objective: 99.9 % of changes delivered').waitFor();
        await shot(page, '04-dashboard.png');
      });

      await t.test('the audit trail exports as CSV', async () => {
        await openTab(page, 'Audit');
        const download = page.waitForEvent('download');
        // the audit explorer's export (the access review beside it has one too)
        await page
          .locator('c-s2s-audit-explorer')
          .getByRole('button', { name: 'Export CSV' })
          .click();
        const file = await (await download).path();
        const csv = fs.readFileSync(String(file), 'utf8');
        assert.match(csv, /^Event_Time__c,Acting_User,Connection/);
        assert.ok(csv.split('\r\n').length > 2, `the CSV should hold the sync's entries:\n${csv}`);
        await shot(page, '05-audit-explorer.png');
      });

      await t.test('the record is in the Service org', async () => {
        await page.goto(`${url}?org=Service`);
        await openTab(page, 'Accounts');
        await page.getByText('Globex').click();
        assert.equal(await page.getByLabel('Phone').inputValue(), '+33 1 99 99 99 99');
        await shot(page, '06-service-org-record.png');
      });
    });
  }
);
