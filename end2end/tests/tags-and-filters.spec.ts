// Tags: shown on the schedule and in the list as links; a tag filters the list, the live
// search keeps the filter, its × removes it; the editor edits them, with and without
// JavaScript. Runs after schedules-list.spec.ts (files run in name order): its schedules
// would push that file's data off the first page.
import * as fs from 'node:fs';
import { apiAs, createSchedule, expect, hydrated, signIn, test } from './fixtures';

test('tags are links on the schedule and the list, and filter the list', async ({ page }) => {
  const api = await apiAs('e2e-ada');
  await createSchedule(api, { name: 'Untagged neighbour', config: { period: 600 } });
  const id = await createSchedule(api, { name: 'Tagged nightly export', config: { period: 3600 }, tags: ['Reports', 'team:eu'] });
  await page.goto(`/schedules/${id}`);
  const onPage = page.locator('dl.facts ul.tags a');
  await expect(onPage).toHaveText(['reports', 'team:eu']);
  await onPage.nth(1).click();
  await expect(page).toHaveURL(/\/schedules\?tag=team%3Aeu$/);
  await hydrated(page);
  const rows = page.locator('table.list tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.locator('td.name > a')).toHaveText('Tagged nightly export');
  await expect(rows.locator('ul.tags a')).toHaveText(['reports', 'team:eu']);
  await expect(page.locator('p.count')).toContainText('1 schedule');

  // The live search keeps the tag filter, in the results and in the address.
  await page.getByLabel('Search by name').fill('neighbour');
  await expect(page).toHaveURL(/\/schedules\?q=neighbour&tag=team%3Aeu$/);
  await expect(page.getByText('No schedule matches this search.')).toBeVisible();
  await page.getByLabel('Search by name').fill('export');
  await expect(rows).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Timeline' })).toHaveAttribute('href', '/schedules/timeline?q=export&tag=team%3Aeu');

  // The × drops the filter and keeps the search.
  await page.getByRole('link', { name: 'Stop filtering by tag team:eu' }).click();
  await expect(page).toHaveURL(/\/schedules\?q=export$/);
  await expect(page.locator('.tag-filter')).toHaveCount(0);

  // The editor shows them, checks them as you type with the API's rules, and saves them;
  // the history says what changed in words.
  await signIn(page, 'e2e-ada', `/schedules/${id}/edit`);
  await expect(page).toHaveURL(new RegExp(`/schedules/${id}/edit$`));
  await hydrated(page);
  const tags = page.getByLabel('Tags (optional)');
  await expect(tags).toHaveValue('reports, team:eu');
  await page.getByLabel('Name').fill('Tagged nightly export, renamed');
  await tags.fill('reports, team:eu, Nightly Jobs');
  await expect(page.locator('#tags-error')).toHaveText(
    'Tags: tag `Nightly Jobs` has a space: tags are letters a–z, digits and - _ . : / only',
  );
  await expect(tags).toHaveAttribute('aria-invalid', 'true');
  await tags.fill('reports, team:eu, Nightly-Jobs,');
  await expect(page.locator('#tags-error')).toBeEmpty();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/schedules/${id}\\?saved=1$`));
  await expect(page.locator('dl.facts ul.tags a')).toHaveText(['nightly-jobs', 'reports', 'team:eu']);
  await expect(page.locator('.history .version').first().locator('.changes li')).toHaveText([
    'name Tagged nightly export → Tagged nightly export, renamed',
    'tags reports, team:eu → nightly-jobs, reports, team:eu',
  ]);
  // A save that leaves the field alone keeps them, and an API client's change shows there.
  await page.goto(`/schedules/${id}/edit`);
  await hydrated(page);
  await page.getByLabel('Why (optional)').fill('only a note');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/schedules/${id}\\?saved=1$`));
  await expect(page.locator('dl.facts ul.tags a')).toHaveText(['nightly-jobs', 'reports', 'team:eu']);
  expect((await api.put(`/api/v1/schedules/${id}`, { data: { tags: [] } })).ok()).toBeTruthy();
  await page.reload();
  await expect(page.locator('dl.facts ul.tags')).toHaveCount(0);
  await expect(page.locator('.history .version').first().locator('.changes li')).toHaveText([
    'tags nightly-jobs, reports, team:eu → none',
  ]);
  await page.goto(`/schedules/${id}/edit`);
  await expect(page.getByLabel('Tags (optional)')).toHaveValue('');
  await api.dispose();
});

test('without JavaScript, a schedule is created with its tags, and a bad tag comes back on its field', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'e2e-ada', '/schedules/new');
  await page.getByLabel('Name').fill('Tagged without script');
  await page.getByLabel('Tags (optional)').fill('ops, two words');
  await page.getByRole('button', { name: 'Create schedule' }).click();
  await expect(page.locator('#tags-error')).toHaveText(
    'Tags: tag `two words` has a space: tags are letters a–z, digits and - _ . : / only',
  );
  await expect(page.getByLabel('Tags (optional)')).toHaveValue('ops, two words');
  await page.getByLabel('Tags (optional)').fill('Ops, two-words');
  await page.getByRole('button', { name: 'Create schedule' }).click();
  await expect(page).toHaveURL(/\/schedules\/\d+\?created=1$/);
  await expect(page.locator('dl.facts ul.tags a')).toHaveText(['ops', 'two-words']);
  await context.close();
});

test('Duplicate opens the editor with a copy named "Copy of …"; nothing is created until it is saved', async ({ page }) => {
  const api = await apiAs('e2e-ada');
  const id = await createSchedule(api, {
    name: 'Weekly report',
    config: { cron: '30 9 * * 1', timezone: 'Europe/Paris' },
    tags: ['reports'],
  });
  const before = (await (await api.get('/api/v1/schedules?mine=1')).json()).count;
  await signIn(page, 'e2e-ada', `/schedules/${id}`);
  await page.getByRole('link', { name: 'Duplicate' }).click();
  await expect(page).toHaveURL(new RegExp(`/schedules/new\\?from=${id}$`));
  await hydrated(page);
  await expect(page.getByLabel('Name')).toHaveValue('Copy of Weekly report');
  await expect(page.getByLabel('Tags (optional)')).toHaveValue('reports');
  await expect(page.getByLabel('Time zone')).toHaveValue('Europe/Paris');
  await expect(page.locator('.preview')).toContainText('Europe/Paris');
  expect((await (await api.get('/api/v1/schedules?mine=1')).json()).count).toBe(before);
  await page.getByRole('button', { name: 'Create schedule' }).click();
  await expect(page).toHaveURL(/\/schedules\/\d+\?created=1$/);
  const copy = Number(page.url().match(/schedules\/(\d+)/)![1]);
  expect(copy).not.toBe(id);
  const stored = await (await api.get(`/api/v1/schedules/byid/${copy}`)).json();
  expect(stored).toEqual({
    id: copy,
    name: 'Copy of Weekly report',
    once: false,
    config: { cron: '30 9 * * 1', timezone: 'Europe/Paris' },
    tags: ['reports'],
  });
  // A schedule that is gone cannot be copied, and the page says so.
  expect((await api.delete(`/api/v1/schedules/${id}`)).ok()).toBeTruthy();
  await page.goto(`/schedules/new?from=${id}`);
  await expect(page.getByRole('alert')).toHaveText('There is no such schedule to copy: it may have been deleted.');
  await api.dispose();
});

test('a list of one\'s own schedules downloads as a JSON bundle and as a crontab, with its filters', async ({ page }) => {
  const api = await apiAs('e2e-ada');
  const id = await createSchedule(api, {
    name: 'Exported nightly',
    config: { cron: '15 2 * * *', timezone: 'Europe/Paris' },
    tags: ['export-me'],
  });
  await createSchedule(api, { name: 'Not exported', config: { period: 600 } });
  await signIn(page, 'e2e-ada', '/schedules?mine=1&tag=export-me');
  await expect(page.locator('table.list tbody tr')).toHaveCount(1);
  const read = async (name: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name, exact: true }).click()]);
    return { file: download.suggestedFilename(), text: fs.readFileSync((await download.path())!, 'utf8') };
  };
  const json = await read('JSON');
  expect(json.file).toBe('schedules.json');
  const bundle = JSON.parse(json.text);
  expect(bundle.format).toBe('kragle-schedules');
  expect(bundle.schedules).toEqual([
    { name: 'Exported nightly', once: false, config: { cron: '15 2 * * *', timezone: 'Europe/Paris' }, tags: ['export-me'] },
  ]);
  const crontab = await read('crontab');
  expect(crontab.file).toBe('schedules.crontab');
  expect(crontab.text).toContain(`CRON_TZ=Europe/Paris\n# Exported nightly\n15 2 * * * : kragle schedule ${id}\n`);
  expect(crontab.text).not.toContain('Not exported');
  // Everyone's list offers no download: an export is of one's own schedules.
  await page.goto('/schedules?tag=export-me');
  await expect(page.locator('p.downloads')).toHaveCount(0);
  await api.dispose();
});
