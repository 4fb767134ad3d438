// The end user's walkthrough (issue 16 item 4): a change the peer rejects shows as Failed on the
// record card with the peer's reason in plain words and what to do; "Sync now" says "sent, waiting"
// neutrally, never a green toast, then the real outcome; "My records" lists the record with its
// reason and a Sync now of its own; both screens fit 1280 and 800 px without horizontal scrolling.
// The peer's rejection is set up through the demo's test-only hook (S2S_DEMO_TEST_HOOKS=1): the
// Service org's mapping stops receiving Phone, so a Phone change is refused as FIELD_NOT_ALLOWED.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apexIn,
  assertNoHorizontalOverflow,
  focusedElement,
  openTab,
  shot,
  walkThroughDemo
} from './harness.ts';

process.env.S2S_DEMO_TEST_HOOKS = '1';

test(
  'an end user sees an honest failure with its reason, syncs now and finds it in My records',
  { timeout: 15 * 60_000 },
  async (t) => {
    await walkThroughDemo(t, async ({ page, url }) => {
      await t.test('the peer stops accepting Phone (test hook in the Service org)', async () => {
        await apexIn(
          page,
          url,
          'Service',
          "delete [SELECT Id FROM S2S_Field_Mapping__c WHERE Target_Field__c = 'Phone' OR Source_Field__c = 'Phone'];"
        );
      });

      await t.test(
        'a Phone change the peer rejects is Failed, with its reason and what to do',
        async () => {
          await page.goto(`${url}?org=Sales&user=enduser`);
          await openTab(page, 'Accounts');
          await page.getByText('Globex').click();
          await page.getByLabel('Phone').fill('+33 1 22 33 44 55');
          await page.getByRole('button', { name: 'Save', exact: true }).click();
          await page.getByText('Saved.', { exact: true }).waitFor();
          await page.getByRole('button', { name: 'Refresh' }).click();
          await page.getByText('Failed', { exact: true }).first().waitFor();
          await page
            .getByText('Service org cannot take this change as the sync is set up.')
            .waitFor();
          await page
            .getByText('Ask your Salesforce admin to check the mapping with Service org', {
              exact: false
            })
            .first()
            .waitFor();
          const card = await page.locator('c-s2s-record-sync-status').innerText();
          assert.doesNotMatch(card, /FIELD_NOT_ALLOWED|Exception/, 'no codes or exception names');
          await shot(page, '20-end-user-honest-failure.png');
        }
      );

      await t.test('Sync now says "sent, waiting" neutrally, then the real outcome', async () => {
        await page.getByRole('button', { name: 'Sync now' }).click();
        await page.getByText('Sent to Service org: waiting for its answer.').first().waitFor();
        await page.locator('[data-id="outcome"]').getByText('Service org: Failed').waitFor();
        const focused = await focusedElement(page);
        assert.match(
          String(focused),
          /sync-now|Sync now/,
          `the focus stays on Sync now: ${focused}`
        );
        await shot(page, '21-end-user-sync-now-outcome.png');
      });

      await t.test(
        'My records lists the record with its reason and a Sync now of its own',
        async () => {
          await openTab(page, 'My records');
          await page.getByRole('link', { name: 'Globex' }).waitFor();
          await page
            .getByText('Service org cannot take this change as the sync is set up.')
            .first()
            .waitFor();
          await shot(page, '22-end-user-my-records.png');
          await page.getByRole('button', { name: 'Sync now' }).first().click();
          await page.getByText('Sent to Service org: waiting for its answer.').first().waitFor();
          await assertNoHorizontalOverflow(page, 1280);
          await assertNoHorizontalOverflow(page, 800);
          await shot(page, '23-end-user-my-records-800.png');
          await openTab(page, 'Accounts');
          await assertNoHorizontalOverflow(page, 800);
          await page.setViewportSize({ width: 1400, height: 1000 });
        }
      );
    });
  }
);
