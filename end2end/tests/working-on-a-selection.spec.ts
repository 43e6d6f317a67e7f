// Acting on a selection of the list: tick rows (the id is each own row's checkbox label),
// add a tag, duplicate, then select three and delete them after the confirmation that names
// how many; the notice says what happened. The same with JavaScript off (the form is plain
// HTML). Runs last (files run in name order): its schedules stay out of the other files'
// first pages.
import { apiAs, createSchedule, expect, hydrated, signIn, test } from './fixtures';

// Each box is named by its id and described by its schedule's name.
const box = async (page: import('@playwright/test').Page, name: string, id: number) => {
  const found = page.locator('table.list').getByRole('checkbox', { name: `Select schedule ${id}`, exact: true });
  await expect(found).toHaveAccessibleDescription(name);
  return found;
};

test('select rows, tag and duplicate them, then select three and delete them', async ({ page }) => {
  const api = await apiAs('e2e-ada');
  const names = ['Selection alpha', 'Selection beta', 'Selection gamma'];
  const ids: number[] = [];
  for (const name of names) ids.push(await createSchedule(api, { name, config: { period: 900 } }));
  const bob = await apiAs('e2e-bob');
  const theirs = await createSchedule(bob, { name: 'Selection of someone else', config: { period: 900 } });

  await signIn(page, 'e2e-ada', '/schedules?q=selection');
  await expect(page).toHaveURL(/\/schedules\?q=selection$/);
  await hydrated(page);
  // Only the viewer's own rows have a box.
  await expect(page.locator('table.list').getByRole('checkbox')).toHaveCount(3);
  await expect(page.getByRole('row').filter({ hasText: 'Selection of someone else' }).getByRole('checkbox')).toHaveCount(0);

  // Two ticked, a tag typed, Enter: the tag is added to both.
  await (await box(page, names[0], ids[0])).check();
  await (await box(page, names[1], ids[1])).check();
  await page.getByLabel('Tag', { exact: true }).fill('Quarterly');
  await page.getByLabel('Tag', { exact: true }).press('Enter');
  await expect(page).toHaveURL(/\/schedules\?q=selection&done=tag&n=2&tags=quarterly$/);
  await expect(page.getByRole('status').filter({ hasText: 'Added tag quarterly to 2 schedules.' })).toBeVisible();
  const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(row(names[0]).locator('ul.tags a')).toHaveText(['quarterly']);
  await expect(row(names[2]).locator('ul.tags a')).toHaveCount(0);

  // Duplicate one: the notice links the copy, named "Copy of …".
  await (await box(page, names[2], ids[2])).check();
  await page.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByRole('status')).toContainText('Duplicated 1 schedule; the copies are named “Copy of …”:');
  const copyLink = page.getByRole('status').getByRole('link', { name: /^schedule \d+$/ });
  await expect(copyLink).toHaveCount(1);
  const copy = Number((await copyLink.textContent())!.replace('schedule ', ''));
  await expect(row(`Copy of ${names[2]}`)).toHaveCount(1);

  // A schedule deleted meanwhile: the action does nothing and says why, the boxes stay ticked.
  await page.goto('/schedules?q=selection');
  await (await box(page, names[0], ids[0])).check();
  await (await box(page, `Copy of ${names[2]}`, copy)).check();
  expect((await api.delete(`/api/v1/schedules/${copy}`)).ok()).toBeTruthy();
  await page.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByRole('alert')).toHaveText(`Nothing was changed: schedule ${copy} does not exist`);
  await expect(await box(page, names[0], ids[0])).toBeChecked();

  // Select all on this page, then delete: the confirmation names how many, and which.
  await page.goto('/schedules?q=selection');
  await page.getByRole('link', { name: 'Select all on this page' }).click();
  await expect(page.locator('table.list').getByRole('checkbox', { checked: true })).toHaveCount(3);
  await page.getByRole('button', { name: 'Delete…' }).click();
  await expect(page).toHaveURL(/\/schedules\/selected\?/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Delete 3 schedules?');
  await expect(page.locator('ul.selected-schedules li a')).toHaveText(names);
  await page.getByLabel('Why (optional)').fill('end of the quarter');
  await page.getByRole('button', { name: 'Delete 3 schedules' }).click();
  await expect(page).toHaveURL(/\/schedules\?q=selection&done=delete&n=3$/);
  await expect(page.getByRole('status').filter({ hasText: 'Deleted 3 schedules.' })).toBeVisible();
  await expect(page.locator('table.list').getByRole('checkbox')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Selection of someone else' })).toBeVisible();
  // Each is restorable, its delete in its history with the note.
  const history = await (await api.get(`/api/v1/schedules/byid/${ids[1]}/history`)).json();
  expect(history.versions[0]).toMatchObject({ action: 'deleted', note: 'end of the quarter' });
  await page.getByRole('status').getByRole('link', { name: 'Recently deleted' }).click();
  for (const name of names) await expect(page.getByText(name, { exact: true })).toBeVisible();
  expect((await bob.delete(`/api/v1/schedules/${theirs}`)).ok()).toBeTruthy();
  await api.dispose();
  await bob.dispose();
});

test('the selection works without JavaScript', async ({ browser }) => {
  const api = await apiAs('e2e-ada');
  const names = ['Scriptless one', 'Scriptless two'];
  const ids: number[] = [];
  for (const name of names) ids.push(await createSchedule(api, { name, config: { period: 1800 }, tags: ['scriptless'] }));
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'e2e-ada', '/schedules?q=scriptless');
  await expect(page).toHaveURL(/\/schedules\?q=scriptless$/);
  await (await box(page, names[0], ids[0])).check();
  await (await box(page, names[1], ids[1])).check();
  await page.getByLabel('Tag', { exact: true }).fill('scriptless');
  await page.getByRole('button', { name: 'Remove tag' }).click();
  await expect(page.getByRole('status')).toHaveText('Removed tag scriptless from 2 schedules.');
  await (await box(page, names[0], ids[0])).check();
  await page.getByRole('button', { name: 'Delete…' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Delete 1 schedule?');
  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect(await box(page, names[0], ids[0])).toBeChecked();
  await page.getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('button', { name: 'Delete 1 schedule' }).click();
  await expect(page.getByRole('status')).toHaveText('Deleted 1 schedule. Recently deleted lists them, to restore any.');
  await expect(page.getByRole('link', { name: names[0], exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: names[1], exact: true })).toBeVisible();
  await context.close();
  await api.dispose();
});
