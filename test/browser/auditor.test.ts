// The auditor's walkthrough (issue 16 item 5): a change followed across both orgs in the audit
// detail view (this org's entries and the peer's, through the peer's audit endpoint), Verify chain
// after a row of the audit is edited directly in the local org (reported as broken at that row),
// the access review export, and the audit screen at 1280 and 800 px without horizontal scrolling.
// The edit goes through the demo's test-only hook (S2S_DEMO_TEST_HOOKS=1), as anyone with edit
// access to the audit object could make it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { apexIn, assertNoHorizontalOverflow, openTab, shot, walkThroughDemo } from './harness.ts';

process.env.S2S_DEMO_TEST_HOOKS = '1';

test(
  'an auditor follows a change across orgs, catches an edited audit row and exports the access review',
  { timeout: 15 * 60_000 },
  async (t) => {
    await walkThroughDemo(t, async ({ page, url }) => {
      await t.test('a change is synced from Sales (as the admin)', async () => {
        await page.goto(`${url}?org=Sales`);
        await openTab(page, 'Accounts');
        await page.getByText('Globex').click();
        await page.getByLabel('Phone').fill('+33 1 44 55 66 77');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByText('Saved.', { exact: true }).waitFor();
      });

      await t.test('the detail view follows the change into the Service org', async () => {
        await page.goto(`${url}?org=Sales&user=auditor`);
        await openTab(page, 'Audit');
        await page.getByRole('button', { name: 'Details' }).first().click();
        await page.locator('[data-id="detail-peer"]').waitFor();
        await page.locator('[data-id="peer-entry"]').first().waitFor();
        const peer = await page.locator('[data-id="detail-peer"]').innerText();
        assert.match(peer, /Applied/, `the Service org's entry of the change:\n${peer}`);
        await shot(page, '24-auditor-detail-across-orgs.png');
        await page.getByRole('button', { name: 'Close' }).click();
      });

      await t.test(
        'an audit row edited directly is reported as the first broken link',
        async () => {
          await apexIn(
            page,
            url,
            'Sales',
            "S2S_Audit_Log__c row = [SELECT Id FROM S2S_Audit_Log__c WHERE Chain_Sequence__c != null ORDER BY Chain_Sequence__c LIMIT 1 OFFSET 1]; row.Error__c = 'forged'; update row;"
          );
          await page.getByRole('button', { name: 'Verify chain' }).click();
          await page.getByText(/^Chain broken: Entry 2/).waitFor();
          await shot(page, '25-auditor-verify-chain-broken.png');
        }
      );

      await t.test('the access review exports as CSV', async () => {
        const download = page.waitForEvent('download');
        await page
          .locator('c-s2s-access-review')
          .getByRole('button', { name: /Export/ })
          .click();
        const csv = fs.readFileSync(String(await (await download).path()), 'utf8');
        assert.ok(csv.split('\n').length > 2, `the review should list holders:\n${csv}`);
        await shot(page, '26-auditor-access-review.png');
      });

      await t.test('the audit screen fits 1280 and 800 px', async () => {
        await assertNoHorizontalOverflow(page, 1280);
        await assertNoHorizontalOverflow(page, 800);
        await shot(page, '27-auditor-audit-800.png');
        await page.setViewportSize({ width: 1400, height: 1000 });
      });
    });
  }
);
