// Browser walkthrough of the move from native Salesforce to Salesforce (docs/migration.md): the
// demo's Sales org shares three Opportunities with Service natively (demo/native-seed.ts); the
// admin reads the dry run on the Setup page, exports it, confirms and sees the result; the new
// connection waits, inactive, for its Named Credential. At 1280 and 800 px wide.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { shot, walkThroughDemo } from './harness.ts';

test(
  'an admin migrates a native Salesforce to Salesforce connection from the Setup page',
  { timeout: 15 * 60_000 },
  async (t) => {
    await walkThroughDemo(t, async ({ page, url }) => {
      await page.setViewportSize({ width: 1280, height: 900 });
      const wizard = page.locator('c-s2s-native-migration');

      await t.test('the dry run shows the shared pairs per object and exports as CSV', async () => {
        await page.goto(`${url}?org=Sales`);
        await wizard.getByText('Move from Salesforce to Salesforce').waitFor();
        const row = wizard.getByRole('row', { name: /Opportunity/ });
        await row.waitFor();
        assert.deepEqual(
          (await row.getByRole('cell').allInnerTexts()).slice(0, 3),
          ['3', '1', '0'],
          'three shared pairs, one never accepted, none stopped'
        );
        await wizard.scrollIntoViewIfNeeded();
        await shot(page, '30-native-migration-dry-run.png');
        const download = page.waitForEvent('download');
        await wizard.getByRole('button', { name: 'Export CSV' }).click();
        const csv = fs.readFileSync((await (await download).path()) as string, 'utf8');
        assert.match(csv, /^Connection,Connection status/);
        assert.match(csv, /Service,Accepted,,Opportunity,3,1,0,0,yes,,\d+/);
      });

      await t.test('the admin chooses the connection and confirms', async () => {
        // the base checkbox's label covers its input: a person clicks the label
        await wizard.getByText('Migrate Service', { exact: true }).click();
        assert.ok(await wizard.getByRole('checkbox', { name: 'Migrate Service' }).isChecked());
        await wizard.getByRole('button', { name: 'Review and migrate' }).click();
        const title = wizard.getByRole('heading', { name: 'Confirm the migration' });
        await title.waitFor();
        assert.ok(
          await title.evaluate((e) => e === e.getRootNode().activeElement),
          'focus on the step'
        );
        await wizard.getByText(/Service: objects Opportunity; 3 pairs to link/).waitFor();
        await shot(page, '31-native-migration-confirm.png');
        await wizard.getByRole('button', { name: 'Migrate', exact: true }).click();
        await wizard.getByRole('heading', { name: 'Migrated' }).waitFor();
        await wizard.getByText(/Opportunity: Already linked 3 \/ 3/).waitFor();
        await shot(page, '32-native-migration-result.png');
      });

      await t.test(
        'the migrated connection waits, inactive, for its Named Credential',
        async () => {
          await wizard.getByRole('button', { name: 'Back to the dry run' }).click();
          await wizard
            .getByText('Migrated, inactive: pick its Named Credential in Connections')
            .waitFor();
          await page.reload();
          // the mapping editor opens on the migrated connection: its mapping, to review
          await page.getByRole('rowheader', { name: 'Opportunity → Opportunity' }).waitFor();
          await page.setViewportSize({ width: 800, height: 900 });
          await wizard.getByRole('row', { name: /Opportunity/ }).waitFor();
          const overflow = await page.evaluate(() => {
            const root = (
              globalThis as unknown as {
                document: { documentElement: { scrollWidth: number; clientWidth: number } };
              }
            ).document.documentElement;
            return root.scrollWidth - root.clientWidth;
          });
          assert.ok(overflow <= 0, `no horizontal scroll of the page at 800 px (${overflow} px)`);
          await wizard.scrollIntoViewIfNeeded();
          await shot(page, '33-native-migration-800px.png');
        }
      );
    });
  }
);
