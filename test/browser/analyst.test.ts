// Browser walkthrough of the analyst (issue 16 items 1, 2): the Service org's admin takes Phone out
// of the inbound Account mapping, a Sales user's phone change is then rejected there, and the
// analyst finds it on the Dashboard page: the charts drawn with Chart.js, the table behind a chart,
// the data-quality view grouping the rejection by reason and field with a masked example, and its
// CSV export; at 1280 px and 800 px without horizontal overflow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { assertNoHorizontalOverflow, openTab, shot, walkThroughDemo } from './harness.ts';

test(
  'the analyst reads trends, latency and a rejection by field on the dashboard, and exports it',
  { timeout: 15 * 60_000 },
  async (t) => {
    await walkThroughDemo(t, async ({ page, url }) => {
      // the machine may be busy (2 cores shared): wait longer than the 30 s default for each step
      page.setDefaultTimeout(120_000);
      await t.test('the Service admin takes Phone out of the inbound Account mapping', async () => {
        await page.goto(`${url}?org=Service`);
        await page.getByRole('rowheader', { name: 'Account → Account' }).waitFor();
        await page.getByRole('button', { name: 'Edit' }).first().click();
        await page.getByRole('button', { name: 'Remove field' }).nth(2).click();
        await page.getByRole('button', { name: 'Save' }).click();
        await page.locator('[data-id="editor"]').waitFor({ state: 'detached' });
      });

      await t.test('a phone change made in Sales is rejected by the Service org', async () => {
        await page.goto(`${url}?org=Sales`);
        await openTab(page, 'Accounts');
        await page.getByText('Globex').click();
        await page.getByLabel('Phone').fill('+33 1 42 42 42 42');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByText('Saved.', { exact: true }).waitFor();
        await page.getByRole('button', { name: 'Refresh' }).click();
        await page.getByText(/Phone/).first().waitFor();
      });

      await t.test('the dashboard charts volume, success and latency with Chart.js', async () => {
        await page.goto(`${url}?org=Service`);
        await openTab(page, 'Dashboard');
        await page.getByText('Volume and success over time').first().waitFor();
        await page
          .getByRole('img', { name: 'Volume and success over time' })
          .waitFor({ state: 'attached' });
        await page.getByRole('img', { name: /End-to-end latency/ }).waitFor({ state: 'attached' });
        const drawn = await page.evaluate(() => typeof (globalThis as { Chart?: unknown }).Chart);
        assert.equal(drawn, 'function', 'Chart.js is loaded from its static resource');
        await assertNoHorizontalOverflow(page, 1280);
        await shot(page, '07-analyst-dashboard-charts.png');
      });

      await t.test('a chart shows the numbers behind it as a table', async () => {
        await page.getByRole('button', { name: 'Show table' }).first().click();
        const table = page.getByRole('table', { name: 'Volume and success over time' });
        await table.getByRole('columnheader', { name: 'Succeeded' }).waitFor();
        await table.getByRole('columnheader', { name: 'Success rate (%)' }).waitFor();
        assert.ok((await table.getByRole('row').count()) > 2, 'one row per hour of the window');
        await shot(page, '08-analyst-chart-table.png');
        await page.getByRole('button', { name: 'Hide table' }).first().click();
      });

      await t.test('the data-quality view groups the rejection by reason and field', async () => {
        const view = page.locator('c-s2s-data-quality');
        const examples = view.getByRole('button', { name: 'Show example' });
        await examples.first().waitFor();
        const title = view.locator('[data-id="example-title"]');
        // groups of equal size come in any order: open each until the Phone rejection's
        for (let i = 0; i < (await examples.count()); i++) {
          await examples.nth(i).click();
          if (/FIELD_NOT_ALLOWED on Account\.Phone/.test((await title.textContent()) ?? '')) break;
        }
        await view.getByText(/Example of FIELD_NOT_ALLOWED on Account\.Phone/).waitFor();
        // the values the receiver recorded, masked; Phone was refused, so it holds none of it
        const values = view.locator('[data-id="example-values"]');
        await values.getByText('Name', { exact: true }).waitFor();
        assert.equal(await values.getByText('****').count(), 2, 'Name and Industry masked');
        assert.equal(await values.getByText('Globex').count(), 0, 'no clear value shown');
        await view
          .getByText('Field Phone is not in the allow-list of this mapping')
          .first()
          .waitFor();
        await shot(page, '09-analyst-data-quality.png');
      });

      await t.test('the data-quality view exports as CSV', async () => {
        const download = page.waitForEvent('download');
        await page
          .locator('c-s2s-data-quality')
          .getByRole('button', { name: 'Export CSV' })
          .click();
        const csv = fs.readFileSync(String(await (await download).path()), 'utf8');
        assert.match(csv, /^Connection,Object,Outcome,Reason,Field,Changes,Mapping rule/);
        assert.match(csv, /Sales org,Account,Rejected,FIELD_NOT_ALLOWED,Phone,1,/);
      });

      await t.test('the dashboard fits 800 px without horizontal scrolling', async () => {
        await assertNoHorizontalOverflow(page, 800);
        await shot(page, '10-analyst-dashboard-800px.png');
      });
    });
  }
);
