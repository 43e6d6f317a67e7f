import { Page } from '@playwright/test';
import { PASSWORD, apiAs, createSchedule, expect, hydrated, signIn, test } from './fixtures';

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `screenshots/${name}-desktop.png`, fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: `screenshots/${name}-phone.png`, fullPage: true });
  if (size) await page.setViewportSize(size);
}

test('sign in returns to the page asked for, and sign out ends the session', async ({ page }) => {
  await page.goto('/schedules/new');
  await expect(page).toHaveURL(/\/signin\?next=%2Fschedules%2Fnew/);
  await shoot(page, 'sign-in');
  await page.getByLabel('Username or email').fill('e2e-ada');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'password is incorrect' })).toBeVisible();

  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/schedules\/new$/);
  await expect(page.getByText('Signed in as')).toContainText('e2e-ada');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  const me = await page.request.get('/api/v1/me');
  expect(me.status()).toBe(401);
});

test('create a recurring and a one-time schedule, find them, edit, delete', async ({ page }) => {
  await signIn(page, 'e2e-ada@example.com', '/schedules/new');
  await expect(page).toHaveURL(/\/schedules\/new$/);
  await hydrated(page);

  // Recurring, with a preset and live errors while typing.
  await page.getByLabel('Name').fill('Cache warmer');
  await page.locator('#every').fill('30');
  await page.getByLabel('Unit').selectOption('seconds');
  await expect(page.locator('#period-error')).toHaveText('Runs every: at least 1 minute, at most 366 days');
  await expect(page.locator('#every')).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Every 15 minutes' }).click();
  await expect(page.locator('#period-error')).toBeEmpty();
  await expect(page.locator('.preview')).toContainText('Every 15 minutes');
  await page.getByLabel('Name').fill('bad\tname');
  await page.getByLabel('Name').fill('Cache warmer');
  await shoot(page, 'new-schedule');
  await page.getByRole('button', { name: 'Create schedule' }).click();
  await expect(page).toHaveURL(/\/schedules\/\d+\?created=1$/);
  await expect(page.getByRole('status')).toHaveText('Schedule created.');
  await expect(page.getByRole('heading', { name: 'Cache warmer', level: 1 })).toBeVisible();
  await expect(page.locator('.lede')).toHaveText('Every 15 minutes');
  await expect(page.locator('ol.runs li')).toHaveCount(5);
  const recurringId = Number(new URL(page.url()).pathname.split('/').pop());

  // The JSON panel shows what the public API returns.
  await expect(page.locator('pre.json[data-state="loaded"]')).toBeVisible();
  const shown = JSON.parse(await page.locator('pre.json').innerText());
  const api = await (await page.request.get(`/api/v1/schedules/byid/${recurringId}`)).json();
  expect(shown).toEqual(api);
  await expect(page.locator('#curl')).toHaveValue(new RegExp(`^curl http://127\\.0\\.0\\.1:\\d+/api/v1/schedules/byid/${recurringId}$`));
  await shoot(page, 'schedule-detail');

  // One-time, in the browser's zone, with the UTC time shown.
  await page.goto('/schedules/new');
  await hydrated(page);
  await page.getByLabel('Name').fill('Launch party');
  await page.getByLabel('One-time').check();
  await expect(page.locator('#run-at')).toBeVisible();
  await expect(page.getByText('Runs once at — Europe/Paris')).toBeVisible();
  await page.locator('#run-at').fill('2031-06-01T12:30');
  // Paris is two hours ahead of UTC in June.
  await expect(page.locator('#run-at-utc')).toHaveText('= 2031-06-01 10:30 UTC');
  await expect(page.locator('.preview')).toContainText('Once on Sun 1 Jun 2031, 12:30 (Europe/Paris)');
  await page.getByRole('button', { name: 'Create schedule' }).click();
  await expect(page).toHaveURL(/\/schedules\/\d+\?created=1$/);
  await expect(page.locator('.lede')).toContainText('Once on Sun 1 Jun 2031, 12:30 (Europe/Paris) — in ');
  const onceId = Number(new URL(page.url()).pathname.split('/').pop());
  const stored = await (await page.request.get(`/api/v1/schedules/byid/${onceId}`)).json();
  expect(stored).toEqual({ id: onceId, name: 'Launch party', once: true, config: { timestamp: 1938076200 } });

  // Both are in the list, found through the URL.
  await page.goto('/schedules?q=cache%20warm');
  await expect(page.getByRole('cell', { name: 'Cache warmer' })).toBeVisible();
  await page.goto('/schedules?q=launch%20party&once=1');
  await expect(page.getByRole('cell', { name: 'Launch party' })).toBeVisible();

  // Edit.
  await page.goto(`/schedules/${recurringId}/edit`);
  await hydrated(page);
  await page.getByLabel('Name').fill('Cache warmer (hourly)');
  await page.getByRole('button', { name: 'Hourly' }).click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/schedules/${recurringId}\\?saved=1$`));
  await expect(page.getByRole('status')).toHaveText('Changes saved.');
  await expect(page.getByRole('heading', { name: 'Cache warmer (hourly)' })).toBeVisible();
  await expect(page.locator('.lede')).toHaveText('Every hour');

  // Delete, after confirming.
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(new RegExp(`/schedules/${recurringId}\\?saved=1$`), { timeout: 2000 });
  await page.getByLabel('Yes, delete this schedule').check();
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(new RegExp(`/schedules\\?deleted=${recurringId}$`));
  await expect(page.getByRole('status')).toHaveText(`Schedule ${recurringId} deleted.`);
  expect((await page.request.get(`/api/v1/schedules/byid/${recurringId}`)).status()).toBe(404);
});

test('an edit made on a stale copy is refused', async ({ page }) => {
  const api = await apiAs('e2e-ada');
  const id = await createSchedule(api, { name: 'Contended', config: { period: 600 } });
  await signIn(page, 'e2e-ada', `/schedules/${id}/edit`);
  await expect(page).toHaveURL(new RegExp(`/schedules/${id}/edit$`));
  await hydrated(page);
  // After sign-in the editor loads in place: wait until it shows the schedule as it was.
  await expect(page.getByLabel('Name')).toHaveValue('Contended');
  // Someone else (here: the same user from a script) changes it meanwhile.
  expect((await api.put(`/api/v1/schedules/${id}`, { data: { name: 'Changed elsewhere' } })).ok()).toBeTruthy();
  await page.getByLabel('Name').fill('My stale edit');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'changed by someone else' })).toBeVisible();
  const stored = await (await api.get(`/api/v1/schedules/byid/${id}`)).json();
  expect(stored.name).toBe('Changed elsewhere');
  await api.dispose();
});

test('another user sees no edit controls, and the server refuses them anyway', async ({ page }) => {
  const ada = await apiAs('e2e-ada');
  const id = await createSchedule(ada, { name: "Ada's own", config: { period: 3600 } });
  await signIn(page, 'e2e-bob');
  await expect(page.getByText('Signed in as')).toContainText('e2e-bob');
  await page.goto(`/schedules/${id}`);
  await expect(page.getByRole('heading', { name: "Ada's own" })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await page.goto(`/schedules/${id}/edit`);
  await expect(page.getByRole('heading', { name: 'Not yours to edit' })).toBeVisible();
  // Bob's browser session calling the API directly is refused too.
  const put = await page.request.put(`/api/v1/schedules/${id}`, { data: { name: 'Bob was here' }, headers: { 'Sec-Fetch-Site': 'same-origin' } });
  expect(put.status()).toBe(403);
  expect((await put.json()).code).toBe(101);
  const del = await page.request.delete(`/api/v1/schedules/${id}`, { headers: { 'Sec-Fetch-Site': 'same-origin' } });
  expect(del.status()).toBe(403);
  const stored = await (await ada.get(`/api/v1/schedules/byid/${id}`)).json();
  expect(stored.name).toBe("Ada's own");
  await ada.dispose();
});

test('creating a schedule works with JavaScript disabled', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'e2e-ada', '/schedules/new');
  await expect(page).toHaveURL(/\/schedules\/new$/);
  // A server-side error first, shown by the server next to its field.
  await page.getByLabel('Name').fill('No-JS job');
  await page.locator('#every').fill('10');
  await page.getByLabel('Unit').selectOption('seconds');
  await page.getByRole('button', { name: 'Create schedule' }).click();
  await expect(page.locator('#period-error')).toHaveText('Runs every: at least 1 minute, at most 366 days');
  // What was typed is still there.
  await expect(page.getByLabel('Name')).toHaveValue('No-JS job');
  await expect(page.locator('#every')).toHaveValue('10');
  await expect(page.getByLabel('Unit')).toHaveValue('seconds');
  // Then a valid one.
  await page.getByLabel('Unit').selectOption('minutes');
  await page.getByRole('button', { name: 'Create schedule' }).click();
  await expect(page).toHaveURL(/\/schedules\/\d+\?created=1$/);
  await expect(page.getByRole('heading', { name: 'No-JS job' })).toBeVisible();
  await expect(page.locator('.lede')).toHaveText('Every 10 minutes');
  await context.close();
});

test('sign up, then manage API tokens', async ({ page }) => {
  const name = `e2e-new-${Date.now()}`;
  await page.goto('/signup');
  await hydrated(page);
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Email').fill('not-an-email');
  await expect(page.locator('#account-error')).toContainText('email');
  await page.getByLabel('Email').fill(`${name}@example.com`);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await expect(page.locator('#account-error')).toBeEmpty();
  await shoot(page, 'sign-up');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Signed in as')).toContainText(name);

  await page.goto('/settings/tokens');
  await hydrated(page);
  await page.getByLabel('Name').fill('deploy script');
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = await page.locator('#new-token').inputValue();
  expect(token).toMatch(/^kst_/);
  await expect(page.getByRole('cell', { name: 'deploy script', exact: true })).toBeVisible();
  await shoot(page, 'tokens');
  const me = await page.request.get('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
  expect((await me.json()).username).toBe(name);

  await page.getByRole('button', { name: 'Revoke deploy script' }).click();
  await expect(page.getByRole('cell', { name: 'deploy script', exact: true })).toHaveCount(0);
  const after = await page.request.get('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
});

test('the API reference page lists the endpoints and error codes', async ({ page }) => {
  await page.goto('/docs/api');
  await expect(page.getByRole('heading', { name: 'API reference', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'GET /api/v1/schedules/byid/{id}', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'POST /api/v1/authenticate', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'If-Match does not match the current version' })).toBeVisible();
  // Kragle's own numbers keep Kragle's meanings; the product's own codes start at 100.
  const row = (meaning: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name: meaning, exact: true }) });
  await expect(row('the config element of the schedule is not valid').getByRole('cell').first()).toHaveText('26');
  await expect(row('If-Match does not match the current version').getByRole('cell').first()).toHaveText('103');
  await expect(row('authentication required').getByRole('cell').first()).toHaveText('100');
  const codes = await page.locator('table.schedules tbody tr td:first-child').allTextContents();
  expect(codes.map(Number).filter((code) => code === 5 || (code >= 7 && code <= 25) || code === 27)).toEqual([]);
  await shoot(page, 'api-docs');
  await page.goto('/no/such/page');
  await shoot(page, 'not-found');
});
