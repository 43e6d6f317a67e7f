// Importing: paste a crontab (Debian's /etc/crontab, a real one, with its tabs), preview
// what each line becomes, then create; a Kubernetes manifest chosen as a file; the same
// with JavaScript off (the page is a plain form); axe on the preview, and review
// screenshots of it. Runs after the other files (name order): its schedules stay out of
// their first pages.
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { apiAs, expect, hydrated, signIn, test } from './fixtures';

const fixtures = resolve(__dirname, '../../tests/fixtures');
const debianCrontab = readFileSync(`${fixtures}/debian/crontab`, 'utf8');
const kubernetes = `${fixtures}/kubernetes/cronjob-and-deployment.yaml`;

test('paste a crontab, preview it, create its schedules', async ({ page }) => {
  await signIn(page, 'e2e-ada', '/schedules?mine=1');
  await page.getByRole('link', { name: /^import (schedules|them)$/i }).first().click();
  await expect(page).toHaveURL(/\/schedules\/import$/);
  await hydrated(page);
  await page.getByLabel('A system crontab (with a user field)').check();
  await page.getByLabel('Paste it here').fill(`${debianCrontab}61 * * * * root broken\n`);
  await page.getByLabel('Tags for every schedule').fill('debian');
  await page.getByRole('button', { name: 'Preview' }).click();
  await hydrated(page);
  const status = page.getByRole('status');
  await expect(status).toHaveText(/^4 schedules to create, 1 entry with errors \(left out\), \d+ lines skipped\.$/);
  const rows = page.locator('table.import-entries tbody tr');
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(0)).toContainText('cd / && run-parts --report /etc/cron.hourly');
  await expect(rows.nth(0)).toContainText('At 17 minutes past every hour');
  // The next run in the viewer's zone (rewritten by the page's script), not the server's UTC.
  await expect(rows.nth(0).locator('time .at')).not.toContainText('UTC');
  await expect(rows.nth(4)).toContainText('61 is outside 0–59');
  // The text is still there to mend; the skipped lines are listed on request.
  await expect(page.getByLabel('Paste it here')).toHaveValue(`${debianCrontab}61 * * * * root broken\n`);
  await page.getByText(/^Skipped: \d+ lines$/).click();
  await expect(page.locator('details.skipped')).toContainText('sets SHELL for the commands');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await page.getByRole('button', { name: 'Create 4 schedules' }).click();
  await expect(page.getByRole('status')).toContainText('Created 4 schedules. 1 entry with errors left out.');
  await page.getByRole('link', { name: 'See your imported schedules' }).click();
  await expect(page).toHaveURL(/\/schedules\?mine=1&tag=imported$/);
  await expect(page.getByRole('link', { name: 'cd / && run-parts --report /etc/cron.hourly' })).toHaveCount(1);
  const api = await apiAs('e2e-ada');
  const found = await (await api.get('/api/v1/schedules?mine=1&tag=debian')).json();
  expect(found.count).toBe(4);
  await api.dispose();
});

test('choose a Kubernetes manifest as a file, with JavaScript off', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'e2e-bob', '/schedules/import');
  await expect(page).toHaveURL(/\/schedules\/import$/);
  await page.getByLabel('Or choose a file').setInputFiles(kubernetes);
  await page.getByLabel('Time zone of entries that name none').fill('Europe/Paris');
  await page.getByRole('button', { name: 'Preview' }).click();
  // A .yaml file is read as manifests: the CronJob, and the Deployment skipped.
  await expect(page.getByLabel('Kubernetes CronJob manifests (YAML)')).toBeChecked();
  await expect(page.getByRole('status')).toHaveText('1 schedule to create, 1 line skipped.');
  await expect(page.locator('table.import-entries tbody tr')).toContainText('Every minute (Europe/Paris)');
  await page.getByRole('button', { name: 'Create 1 schedule' }).click();
  await expect(page.getByRole('status')).toContainText('Created 1 schedule.');
  await page.getByRole('link', { name: /^Schedule \d+$/ }).click();
  await expect(page.getByRole('heading', { name: 'hello' })).toBeVisible();
  await context.close();
});

test('screenshots for review: the import preview at 1280 and 360 px, light and dark', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'e2e-ada', '/schedules/import');
  await expect(page).toHaveURL(/\/schedules\/import$/);
  const crontab = 'CRON_TZ=Europe/Paris\n# Morning report\n0 9 * * 1-5\t/usr/local/bin/report --daily --mail team@example.com\n@reboot /usr/local/bin/start\n# Backups\n30 2 * * *\tbackup.sh\n0 25 * * * broken\n';
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto('/schedules/import');
      await hydrated(page);
      await page.getByLabel('Paste it here').fill(crontab);
      await page.getByRole('button', { name: 'Preview' }).click();
      await expect(page.getByRole('heading', { name: 'Preview' })).toBeVisible();
      await page.screenshot({ path: `screenshots/review-import-preview-${width}-${scheme}.png`, fullPage: true });
    }
  }
});
