// The auditor's walkthrough (issue 16 item 5): a change followed across both orgs in the audit
// detail view (this org's entries and the peer's, through the peer's audit endpoint), Verify chain
// after a row of the audit is edited directly in the local org (reported as broken at that row),
// the access review export, and the audit screen at 1280 and 800 px without horizontal scrolling.
// The edit goes through the demo's test-only hook (S2S_DEMO_TEST_HOOKS=1), as anyone with edit
// access to the audit object could make it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { openTab, shot, walkThroughDemo } from './harness.ts';

process.env.S2S_DEMO_TEST_HOOKS = '1';

async function apexIn(page: Page, url: string, org: string, apex: string): Promise<void> {
  const res = await page.request.post(`${url}api/demo/test/apex?org=${org}`, { data: { apex } });
  assert.equal(res.status(), 200, await res.text());
}

async function assertNoHorizontalOverflow(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth
  );
  // on failure, name the elements that reach past the right edge (through shadow roots)
  // on failure, name the elements that reach past the right edge (through shadow roots); a
  // string, so the test's compiler adds nothing to the code the page runs
  const culprits =
    overflow <= 0
      ? []
      : ((await page.evaluate(`(() => {
          const found = [];
          const visit = (root) => {
            for (const element of root.querySelectorAll('*')) {
              const box = element.getBoundingClientRect();
              if (box.right > document.documentElement.clientWidth + 1 && found.length < 8)
                found.push(element.tagName.toLowerCase() + '.' + element.className + ' ' + box.right);
              if (element.shadowRoot) visit(element.shadowRoot);
            }
          };
          visit(document);
          return found;
        })()`)) as string[]);
  assert.ok(
    overflow <= 0,
    `${width} px: the page scrolls sideways by ${overflow} px: ${culprits.join(', ')}`
  );
}

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
