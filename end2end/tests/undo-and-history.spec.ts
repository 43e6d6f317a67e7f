// A schedule's history on its page, restoring a version, and undoing a delete. Runs after
// schedules-list.spec.ts (files run in name order): its schedules would push that file's
// data off the first page.
import { apiAs, createSchedule, expect, hydrated, signIn, test } from './fixtures';

test('two edits with notes show in the history in words; restoring the first makes it current', async ({ page }) => {
  const api = await apiAs('e2e-ada');
  const id = await createSchedule(api, { name: 'Backups', config: { period: 900 } });
  await signIn(page, 'e2e-ada', `/schedules/${id}/edit`);
  await expect(page).toHaveURL(new RegExp(`/schedules/${id}/edit$`));
  await hydrated(page);
  await expect(page.getByLabel('Name')).toHaveValue('Backups');
  await page.getByLabel('Name').fill('Nightly backups');
  await page.getByLabel('Why (optional)').fill('a clearer name');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/schedules/${id}\\?saved=1$`));

  await page.goto(`/schedules/${id}/edit`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Hourly' }).click();
  await page.getByLabel('Why (optional)').fill('less often');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/schedules/${id}\\?saved=1$`));

  const versions = page.locator('.history .version');
  await expect(versions).toHaveCount(3);
  await expect(page.locator('.history .count')).toHaveText('3 versions');
  const newest = versions.nth(0);
  await expect(newest.locator('.head')).toContainText('Version 3');
  await expect(newest.locator('.head')).toContainText('current');
  await expect(newest.locator('.head')).toContainText('Changed');
  await expect(newest.locator('.head')).toContainText('signed in');
  await expect(newest.locator('.note')).toHaveText('Why: less often');
  await expect(newest.locator('.changes li')).toHaveText(['when Every 15 minutes → Every hour']);
  await expect(versions.nth(1).locator('.changes li')).toHaveText(['name Backups → Nightly backups']);
  await expect(versions.nth(1).locator('.note')).toHaveText('Why: a clearer name');
  await expect(versions.nth(2).locator('.head')).toContainText('Created');
  await expect(versions.nth(2).locator('.content')).toHaveText('Every 15 minutes');
  await expect(newest.getByRole('link', { name: 'Restore this version' })).toHaveCount(0);

  // Restore the first: the confirmation says what it becomes and what changes.
  await versions.nth(2).getByRole('link', { name: 'Restore this version' }).click();
  await expect(page).toHaveURL(new RegExp(`/schedules/${id}/restore\\?version=1$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Restore version 1 of schedule ${id}?`);
  await expect(page.locator('.lede')).toHaveText('It will become: Every 15 minutes');
  await expect(page.locator('.changes li')).toHaveText(['name Nightly backups → Backups', 'when Every hour → Every 15 minutes']);
  await page.getByLabel('Why (optional)').fill('back to how it was');
  await page.getByRole('button', { name: 'Restore this version' }).click();
  await expect(page).toHaveURL(new RegExp(`/schedules/${id}\\?restored=1$`));
  await expect(page.getByRole('status')).toHaveText('Version restored.');
  await expect(page.getByRole('heading', { name: 'Backups', level: 1 })).toBeVisible();
  await expect(page.locator('.lede')).toHaveText('Every 15 minutes');
  await expect(versions.nth(0).locator('.head')).toContainText('Version 4');
  await expect(versions.nth(0).locator('.head')).toContainText('Restored version 1');
  await expect(versions.nth(0).locator('.head')).toContainText('current');
  await expect(versions.nth(0).locator('.note')).toHaveText('Why: back to how it was');

  // A restore of a copy that changed meanwhile is refused with the usual message.
  await page.goto(`/schedules/${id}/restore?version=2`);
  expect((await api.put(`/api/v1/schedules/${id}`, { data: { name: 'Changed elsewhere' } })).ok()).toBeTruthy();
  await page.getByRole('button', { name: 'Restore this version' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'changed by someone else' })).toBeVisible();
  expect((await (await api.get(`/api/v1/schedules/byid/${id}`)).json()).name).toBe('Changed elsewhere');
  await api.dispose();
});

test('a delete is undone from its notice, and from Recently deleted, with the same id', async ({ page }) => {
  const api = await apiAs('e2e-ada');
  const id = await createSchedule(api, { name: 'Undo me', config: { period: 600 } });
  await signIn(page, 'e2e-ada', `/schedules/${id}`);
  await expect(page).toHaveURL(new RegExp(`/schedules/${id}$`));
  await page.getByLabel('Why (optional)').fill('tidying up');
  await page.getByLabel('Yes, delete this schedule').check();
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(new RegExp(`/schedules\\?deleted=${id}$`));
  await expect(page.getByRole('status')).toHaveText(`Schedule ${id} deleted.`);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page).toHaveURL(new RegExp(`/schedules/${id}\\?restored=1$`));
  await expect(page.getByRole('heading', { name: 'Undo me', level: 1 })).toBeVisible();
  const actions = page.locator('.history .version .head');
  await expect(actions.nth(0)).toContainText('Restored version 2');
  await expect(actions.nth(1)).toContainText('Deleted');
  await expect(page.locator('.history .version').nth(1).locator('.note')).toHaveText('Why: tidying up');

  // Deleted by a script: found among the recently deleted, restored from there.
  expect((await api.delete(`/api/v1/schedules/${id}`)).ok()).toBeTruthy();
  await page.getByRole('link', { name: 'Recently deleted' }).first().click();
  await expect(page).toHaveURL(/\/schedules\/deleted$/);
  const row = page.locator('table.deleted tbody tr').filter({ hasText: 'Undo me' });
  await expect(row).toContainText('Every 10 minutes');
  await row.getByRole('button', { name: 'Restore Undo me' }).click();
  await expect(page).toHaveURL(new RegExp(`/schedules/${id}\\?restored=1$`));
  expect((await api.get(`/api/v1/schedules/byid/${id}`)).status()).toBe(200);
  await page.goto('/schedules/deleted');
  await expect(page.locator('table.deleted tbody tr').filter({ hasText: 'Undo me' })).toHaveCount(0);
  await api.dispose();
});

test('without JavaScript, a version is restored and a delete undone', async ({ browser }) => {
  const api = await apiAs('e2e-ada');
  const id = await createSchedule(api, { name: 'No-JS history', config: { period: 300 } });
  expect((await api.put(`/api/v1/schedules/${id}`, { data: { name: 'No-JS renamed' } })).ok()).toBeTruthy();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'e2e-ada', `/schedules/${id}`);
  await expect(page).toHaveURL(new RegExp(`/schedules/${id}$`));
  await page.locator('.history .version').nth(1).getByRole('link', { name: 'Restore this version' }).click();
  await page.getByRole('button', { name: 'Restore this version' }).click();
  await expect(page).toHaveURL(new RegExp(`/schedules/${id}\\?restored=1$`));
  await expect(page.getByRole('heading', { name: 'No-JS history', level: 1 })).toBeVisible();

  await page.getByLabel('Yes, delete this schedule').check();
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(new RegExp(`/schedules\\?deleted=${id}$`));
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page).toHaveURL(new RegExp(`/schedules/${id}\\?restored=1$`));
  await expect(page.locator('.history .version').first().locator('.head')).toContainText('Version 5');
  await context.close();
  await api.dispose();
});
