// Browser walkthrough of a mapping change request (issue 16 item 3): the analyst opens the Account
// mapping on the Change requests tab, removes its Phone row and proposes the change with a reason; the
// admin reviews the side-by-side difference, approves it (validated against the Service org as a
// save is) and rolls the mapping back to the version before; each step is then in the audit trail
// as a Configured entry. At 1280 px and 800 px without horizontal overflow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertNoHorizontalOverflow, openTab, shot, walkThroughDemo } from './harness.ts';

/** The Account mapping's rows on the Change requests tab, as the editor lists them. */
async function openAccountMapping(page: Page): Promise<void> {
  await page.getByRole('rowheader', { name: 'Account → Account' }).first().waitFor();
  await page.getByRole('button', { name: 'Edit' }).first().click();
  await page.locator('[data-id="editor"]').waitFor();
}

test(
  'an analyst proposes a mapping change, the admin reviews the difference, approves and rolls back',
  { timeout: 15 * 60_000 },
  async (t) => {
    await walkThroughDemo(t, async ({ page, url }) => {
      await page.setViewportSize({ width: 1280, height: 900 });

      await t.test('the analyst proposes to stop sending the phone, with a reason', async () => {
        await page.goto(`${url}?org=Sales&user=analyst`);
        await openTab(page, 'Change requests');
        await openAccountMapping(page);
        // no Save for the analyst: the reason and Propose change instead
        assert.equal(await page.getByRole('button', { name: 'Save', exact: true }).count(), 0);
        // Support no longer wants the phone sent: the Phone row goes (rows by target field)
        await page.getByRole('button', { name: 'Remove field' }).nth(2).click();
        await page.getByRole('button', { name: 'Propose change' }).waitFor();
        await shot(page, '40-change-requests-analyst-editor.png');
        await page
          .locator('[data-id="reason"] textarea')
          .fill('Support keeps phone numbers in Sales only');
        const proposal = page.waitForResponse((r) =>
          r.url().includes('S2SChangeRequestController.proposeChange')
        );
        await page.getByRole('button', { name: 'Propose change' }).click();
        assert.equal((await proposal).status(), 200, 'the proposal reaches the server');
        await page.goto(`${url}?org=Sales&user=analyst`);
        await openTab(page, 'Change requests');
        await page
          .getByRole('cell', { name: 'Support keeps phone numbers in Sales only' })
          .waitFor();
        await shot(page, '40-change-requests-analyst-proposed.png');
        // the analyst cannot approve
        await page
          .getByRole('button', { name: /^Review MV-/ })
          .first()
          .click();
        await page.locator('[data-id="diff"]').waitFor();
        assert.equal(await page.getByRole('button', { name: 'Approve and activate' }).count(), 0);
      });

      await t.test('the admin reviews the side-by-side difference', async () => {
        await page.goto(`${url}?org=Sales&user=admin`);
        await openTab(page, 'Change requests');
        await page
          .getByRole('cell', { name: 'Support keeps phone numbers in Sales only' })
          .waitFor();
        await page
          .getByRole('button', { name: /^Review MV-/ })
          .first()
          .click();
        const diff = page.locator('[data-id="diff"]');
        await diff.waitFor();
        const text = (await diff.textContent()) ?? '';
        assert.match(text, /Field: Phone/);
        assert.match(text, /Removed/);
        await shot(page, '41-change-requests-admin-diff.png');
        await assertNoHorizontalOverflow(page, 800);
        await shot(page, '42-change-requests-diff-800px.png');
        await page.setViewportSize({ width: 1280, height: 900 });
      });

      await t.test('the admin approves: validated against the peer and activated', async () => {
        // the difference the admin reviewed is open: a comment, then Approve and its confirmation
        await page.locator('[data-id="comment"] textarea').fill('Agreed');
        await page.getByRole('button', { name: 'Approve and activate' }).click();
        const approved = page.waitForResponse((r) =>
          r.url().includes('S2SChangeRequestController.approve')
        );
        await page.getByRole('button', { name: 'OK' }).click();
        const answer = (await (await approved).json()) as { result: { success: boolean } };
        assert.ok(answer.result.success, `approved: ${JSON.stringify(answer)}`);
        await page
          .locator('c-s2s-change-requests [data-id="status"]')
          .getByRole('combobox')
          .click();
        await page.getByRole('option', { name: 'All versions' }).click();
        await page.getByRole('cell', { name: 'Active' }).first().waitFor();
        await shot(page, '43-change-requests-approved.png');
      });

      await t.test('the admin rolls back to the version before', async () => {
        await page.goto(`${url}?org=Sales&user=admin`);
        await openTab(page, 'Change requests');
        await page
          .locator('c-s2s-change-requests [data-id="status"]')
          .getByRole('combobox')
          .click();
        await page.getByRole('option', { name: 'All versions' }).click();
        await page
          .getByRole('row')
          .filter({ hasText: 'Superseded' })
          .getByRole('button')
          .first()
          .click();
        await page
          .locator('[data-id="rollback-reason"] textarea')
          .fill('Service needs the phone for call-backs');
        await page.getByRole('button', { name: 'Roll back to this version' }).click();
        const rolledBack = page.waitForResponse((r) =>
          r.url().includes('S2SChangeRequestController.rollback')
        );
        await page.getByRole('button', { name: 'OK' }).click();
        const answer = (await (await rolledBack).json()) as { result: { success: boolean } };
        assert.ok(answer.result.success, `rolled back: ${JSON.stringify(answer)}`);
        await page.getByRole('cell', { name: 'Service needs the phone for call-backs' }).waitFor();
        await shot(page, '44-change-requests-rolled-back.png');
        await assertNoHorizontalOverflow(page, 800);
        await page.setViewportSize({ width: 1280, height: 900 });
      });

      await t.test('each step is a configuration entry of the audit trail', async () => {
        const entries = await page.evaluate(async () => {
          const response = await fetch(
            '/api/apex/S2SAuditController.getAuditPage?org=Sales&user=admin',
            {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ filter: {}, pageSize: 200, pageNumber: 1 })
            }
          );
          return (await response.json()) as { rows?: Record<string, unknown>[] };
        });
        const operations = JSON.stringify(entries);
        for (const step of ['Propose', 'Approve', 'Rollback']) {
          assert.ok(
            operations.includes(`"${step}"`),
            `${step} is audited: ${operations.slice(0, 400)}`
          );
        }
      });
    });
  }
);
