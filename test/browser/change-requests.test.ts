// Browser walkthrough of a mapping change request (issue 16 item 3): the analyst opens the Account
// mapping on the Change requests tab, removes its Phone row and proposes the change with a reason; the
// admin reviews the side-by-side difference, approves it (validated against the Service org as a
// save is) and rolls the mapping back to the version before; each step is then in the audit trail
// as a Configured entry. At 1280 px and 800 px without horizontal overflow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openTab, shot, walkThroughDemo } from './harness.ts';

/** The page scrolls vertically only. */
async function assertNoHorizontalOverflow(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await page.waitForTimeout(200);
  const { scrollWidth, clientWidth } = (await page.evaluate(
    '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })'
  )) as { scrollWidth: number; clientWidth: number };
  assert.ok(
    scrollWidth <= clientWidth,
    `at ${width} px the page is ${scrollWidth} px wide for ${clientWidth} px: it overflows`
  );
}

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
        // The proposal itself goes to the controller as the analyst, with the mapping as edited
        // (its Phone row left out): in the demo the Propose change click does not reach the
        // server yet (docs/admin-ui.md, Browser test), the component's Jest tests cover it.
        // (a script text: tsx would wrap a function passed here with helpers the page lacks)
        const proposed: unknown = await page.evaluate(`(async () => {
          const call = async (method, params) => {
            const response = await fetch('/api/apex/' + method + '?org=Sales&user=analyst', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(params)
            });
            const payload = await response.json();
            if (!response.ok) throw new Error(method + ': ' + payload.message);
            return payload.result;
          };
          const connections = await call('S2SConnectionsController.getConnections', {});
          const mappings = await call('S2SMappingController.getObjectMappings', {
            connectionId: connections[0].Id
          });
          const account = mappings.find((m) => m.Source_Object__c === 'Account') || mappings[0];
          const fields = await call('S2SMappingController.getFieldMappings', {
            objectMappingId: account.Id
          });
          return call('S2SChangeRequestController.proposeChange', {
            mapping: account,
            fields: fields.filter((f) => f.Target_Field__c !== 'Phone'),
            reason: 'Support keeps phone numbers in Sales only'
          });
        })()`);
        assert.match(String(proposed), /^[a-zA-Z0-9]{15,18}$/, `a proposal: ${String(proposed)}`);
        await page.getByRole('button', { name: 'Cancel' }).click();
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

      // The review buttons (Approve and activate, Roll back to this version) do not respond to a
      // click in the demo yet, like Propose change (docs/admin-ui.md, Browser test): the steps go
      // to the controller as the admin, and the screen shows their outcome.
      const asAdmin = (script: string): Promise<unknown> =>
        page.evaluate(`(async () => {
          const call = async (method, params) => {
            const response = await fetch('/api/apex/' + method + '?org=Sales&user=admin', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(params)
            });
            const payload = await response.json();
            if (!response.ok) throw new Error(method + ': ' + payload.message);
            return payload.result;
          };
          ${script}
        })()`);

      await t.test('the admin approves: validated against the peer and activated', async () => {
        const approved = (await asAdmin(`
          const open = await call('S2SChangeRequestController.getVersions', { status: 'Proposed', mappingId: null });
          return call('S2SChangeRequestController.approve', { versionId: open[0].id, comment: 'Agreed' });
        `)) as { success: boolean; errors?: string[] };
        assert.ok(approved.success, `approved: ${JSON.stringify(approved)}`);
        await page.goto(`${url}?org=Sales&user=admin`);
        await openTab(page, 'Change requests');
        await page
          .locator('c-s2s-change-requests [data-id="status"]')
          .getByRole('combobox')
          .click();
        await page.getByRole('option', { name: 'All versions' }).click();
        await page.getByRole('cell', { name: 'Active' }).first().waitFor();
        await shot(page, '43-change-requests-approved.png');
      });

      await t.test('the admin rolls back to the version before', async () => {
        const rolledBack = (await asAdmin(`
          const all = await call('S2SChangeRequestController.getVersions', { status: 'Superseded', mappingId: null });
          return call('S2SChangeRequestController.rollback', {
            versionId: all[0].id,
            reason: 'Service needs the phone for call-backs'
          });
        `)) as { success: boolean; errors?: string[] };
        assert.ok(rolledBack.success, `rolled back: ${JSON.stringify(rolledBack)}`);
        await page.reload();
        await openTab(page, 'Change requests');
        await page
          .locator('c-s2s-change-requests [data-id="status"]')
          .getByRole('combobox')
          .click();
        await page.getByRole('option', { name: 'All versions' }).click();
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
