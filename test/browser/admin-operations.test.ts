// Browser walkthrough of issue 15's admin operations in the local demo (Sales → Service): a Contact
// mapping created with the Auto-map review, the peer's refusal warning seen and fixed, saved; the
// org compare run before the first save (the mapping as edited) and, once saved, its suggested
// value map and Round applied; a parked change (a Contact without an email,
// edited in Sales, which the Service org's validation rule refused) inspected and discarded; an initial load of the existing Contacts
// with its progress bar, rolled back; the connection paused and resumed. Screenshots
// 10-admin-*.png. Seed: demo/seed-compare.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openTab, shot, walkThroughDemo } from './harness.ts';

const KEEP = ['FirstName', 'LastName', 'Email', 'Phone', 'Tier__c', 'Discount__c', 'Title'];

/** Clicks the Remove button of the field row whose target field is `target`. */
async function removeRow(page: Page, target: string): Promise<void> {
  const index = await page
    .locator('[data-id="editor"] lightning-combobox[data-prop="targetField"]')
    .evaluateAll(
      (boxes, name) => boxes.findIndex((b) => (b as unknown as { value: string }).value === name),
      target
    );
  assert.ok(index >= 0, `a row maps ${target}`);
  await page.locator('[data-id="editor"] [data-id="remove-row"]').nth(index).click();
}

test(
  'an admin creates, checks, compares, loads and operates a Contact mapping in the demo',
  { timeout: 20 * 60_000 },
  async (t) => {
    await walkThroughDemo(t, async ({ page, url }) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${url}?org=Sales`);
      await openTab(page, 'Setup');
      await page.getByText('Service org').first().waitFor();

      await t.test('a Contact mapping is created with the Auto-map review', async () => {
        // A seeded Contact mapping (the workbench's Contacts screen) goes first: one per object.
        const seeded = page.getByRole('button', { name: 'Delete Contact → Contact' });
        if (await seeded.count()) {
          await seeded.click();
          await page.getByRole('button', { name: 'OK' }).click();
          await page
            .getByRole('rowheader', { name: 'Contact → Contact' })
            .waitFor({ state: 'detached' });
        }
        await page.getByRole('button', { name: 'New mapping' }).click();
        await page.getByRole('combobox', { name: 'Source object (this org)' }).click();
        await page.getByRole('option', { name: 'Contact (Contact)' }).click();
        await page.getByLabel('Target object (peer org)').fill('Contact');
        await page.getByRole('button', { name: 'Load target fields from the peer org' }).click();
        await page.getByRole('button', { name: 'Auto-map' }).click();
        const review = page.getByRole('dialog');
        await review.getByRole('checkbox').first().waitFor();
        await shot(page, '10-admin-auto-map-review.png');
        const boxes = review.getByRole('checkbox');
        for (let i = 0; i < (await boxes.count()); i++) {
          const box = boxes.nth(i);
          const name = (
            await box.evaluate(
              (el) =>
                (el as unknown as { labels?: { textContent: string | null }[] }).labels?.[0]
                  ?.textContent ?? ''
            )
          ).trim();
          const wanted = KEEP.some((f) => name === `Map ${f} from ${f}`);
          // The base checkbox's input sits under its styled box: set it directly.
          await box.setChecked(wanted, { force: true });
        }
        await review.getByRole('button', { name: `Add ${KEEP.length} fields` }).click();
      });

      await t.test('the new mapping is compared with the peer before its first save', async () => {
        // Compare with peer sends the mapping as edited (nothing saved yet): the differences of
        // the rows on the screen, with their fixes, before the save.
        await page.getByRole('button', { name: 'Compare with peer' }).click();
        const dialog = page.getByRole('dialog', { name: 'Org compare: Contact → Contact' });
        await dialog.getByRole('heading', { name: /^Will be refused/ }).waitFor();
        await dialog.getByText('Compared as edited, before saving').waitFor();
        await dialog.locator('tr[data-target="Tier__c"]').first().waitFor();
        await dialog.getByRole('combobox', { name: 'Peer value for Bronze' }).waitFor();
        await shot(page, '19-admin-compare-before-save.png');
        await dialog.getByRole('button', { name: 'Close' }).click();
        await dialog.waitFor({ state: 'detached' });
        // Back in the editor, still unsaved: the save below is the mapping's first.
        await page.getByRole('heading', { name: 'New mapping' }).waitFor();
      });

      await t.test("the peer's refusal is a warning; fixed and saved", async () => {
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByText('Saved inactive. Fix these, then save again').waitFor();
        await page.getByText('Field Title: the peer org will refuse it').first().waitFor();
        await shot(page, '11-admin-peer-refusal-warning.png');
        await removeRow(page, 'Title');
        // Saved inactive by the warning: the admin activates it again with the fix.
        const active = page.locator('[data-setting="active"] input');
        await active.evaluate((box) => (box as unknown as { click(): void }).click());
        assert.ok(await active.isChecked(), 'Active is ticked again');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByText('Mapping saved.').first().waitFor();
        await page.getByRole('rowheader', { name: 'Contact → Contact' }).waitFor();
      });

      await t.test(
        'the org compare suggests a value map for Tier, applied in one click',
        async () => {
          await page.getByRole('button', { name: 'Org compare of Contact → Contact' }).click();
          const dialog = page.getByRole('dialog', { name: 'Org compare: Contact → Contact' });
          await dialog.getByRole('heading', { name: 'Will be refused (1)' }).waitFor();
          await shot(page, '12-admin-org-compare.png');
          await dialog.getByRole('rowheader', { name: 'Contact_Needs_Email' }).waitFor();
          const suggested = dialog.getByRole('combobox', { name: 'Peer value for Bronze' });
          assert.match(String(await suggested.textContent()), /Standard/, 'the peer default');
          await dialog.getByRole('button', { name: 'Apply suggested value map' }).click();
          await dialog.getByText('Fix saved in the transforms of Tier__c').waitFor();
          await dialog.getByRole('heading', { name: 'Will be refused (0)' }).waitFor();
          // Discount keeps two decimal places here and none in the peer: a Round step, so both
          // orgs hold the same number.
          const discount = dialog.locator('tr[data-target="Discount__c"][data-kind="scale"]');
          await discount.getByRole('button', { name: 'Round to 0 decimal places' }).click();
          await dialog.getByText('Fix saved in the transforms of Discount__c').waitFor();
          await discount.waitFor({ state: 'detached' });
          await shot(page, '13-admin-org-compare-applied.png');
          const download = page.waitForEvent('download');
          await dialog.getByRole('button', { name: 'Export report (CSV)' }).click();
          assert.equal((await download).suggestedFilename(), 'org-compare-Contact-Contact.csv');
          await dialog.getByRole('button', { name: 'Close' }).click();
        }
      );

      await t.test('the parked change is inspected and discarded with a reason', async () => {
        // The seeded mapping's parked change went with it: Nora, who has no email, is edited under
        // the new mapping, and the Service org's validation rule refuses her (parked at once).
        await openTab(page, 'Contacts');
        await page.getByRole('link', { name: 'Nora Noemail' }).click();
        await page.getByRole('heading', { name: 'Nora Noemail' }).waitFor();
        await page.getByRole('textbox', { name: 'Phone' }).fill('+33 1 20 00 00 00');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByText('Saved.', { exact: true }).waitFor();
        await openTab(page, 'Dashboard');
        const outbox = page.locator('[data-id="outbox"]');
        // The work queue sits below the dashboard: its table draws its rows once scrolled to.
        await outbox.waitFor({ timeout: 120_000 });
        await outbox.scrollIntoViewIfNeeded();
        const rowActions = outbox.getByRole('button', { name: 'Show actions' });
        await rowActions.first().waitFor({ timeout: 120_000 });
        // the Service org's validation rule, in words on the page (the dashboard's last errors)
        await page
          .getByText(/The service desk needs an email/)
          .first()
          .waitFor();
        await rowActions.first().click();
        await page.getByRole('menuitem', { name: 'Inspect' }).click();
        await page.locator('[data-id="inspection"]').waitFor();
        await shot(page, '16-admin-parked-inspect.png');
        await page.locator('[data-id="inspection-close"]').click();
        // The base checkbox's input sits under its styled box: set it directly.
        await outbox.getByRole('checkbox').nth(1).check({ force: true });
        await page.getByLabel('Reason for discarding').fill('Test contact without an email');
        await page.locator('[data-id="discard-outbox"]').click();
        await page
          .getByText(/changes discarded/)
          .first()
          .waitFor();
        await shot(page, '17-admin-parked-discarded.png');
      });

      await t.test(
        'an initial load of the Contacts runs with its progress bar, then is rolled back',
        async () => {
          await openTab(page, 'Initial load');
          await page.getByRole('combobox', { name: 'Mapping' }).click();
          await page.getByRole('option', { name: /: Contact to Service org/ }).click();
          await page.getByRole('button', { name: 'Start load' }).click();
          await page.getByText('Completed', { exact: true }).first().waitFor();
          await page.locator('[data-id="progress"]').first().waitFor();
          await shot(page, '14-admin-initial-load.png');
          await page.getByRole('button', { name: 'Roll back' }).first().click();
          const name = (await page.locator('[data-id="name"]').first().textContent())?.trim() ?? '';
          await page.getByLabel('Name of the run').fill(name);
          await page.getByRole('button', { name: `Roll back ${name}` }).click();
          await page.getByText('Rolled back', { exact: true }).first().waitFor();
          await shot(page, '15-admin-initial-load-rolled-back.png');
        }
      );

      await t.test('the connection is paused and resumed', async () => {
        await openTab(page, 'Setup');
        const connection = page
          .locator('[data-id="connections"]')
          .getByRole('button', { name: 'Show actions' })
          .first();
        await connection.click();
        await page.getByRole('menuitem', { name: 'Pause' }).click();
        await page
          .getByText(/is paused: its changes wait in the outbox/)
          .first()
          .waitFor();
        // read again from the org: the screen says a connection is paused and how to resume it
        await page.goto(`${url}?org=Sales`);
        await openTab(page, 'Setup');
        await page.locator('[data-id="paused"]').waitFor();
        await shot(page, '18-admin-connection-paused.png');
        await connection.click();
        await page.getByRole('menuitem', { name: 'Resume' }).click();
        await page
          .getByText(/^Resumed: /)
          .first()
          .waitFor();
        await page.goto(`${url}?org=Sales`);
        await openTab(page, 'Setup');
        await page.locator('[data-id="connections"]').waitFor();
        assert.equal(await page.locator('[data-id="paused"]').count(), 0, 'no connection paused');
      });
    });
  }
);
