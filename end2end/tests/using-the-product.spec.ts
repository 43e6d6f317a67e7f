// Runs after schedules-list.spec.ts (files run in name order): its schedules would push that file's
// data off the first page.
import AxeBuilder from '@axe-core/playwright';
import { Page } from '@playwright/test';
import { PASSWORD, apiAs, createSchedule, expect, hydrated, test } from './fixtures';

// Defects found by using the product as a new user would, each with the test that showed it.

async function signIn(page: Page, login: string, next = '') {
  await page.goto(`/signin${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('Username or email').fill(login);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Signed in as')).toBeVisible();
}

async function countNamed(page: Page, name: string): Promise<number> {
  const reply = await page.request.get(`/api/v1/schedules?q=${encodeURIComponent(name)}`);
  return (await reply.json()).count;
}

test('a double click on "Create schedule" creates one schedule, and the button says it is working', async ({ page }) => {
  await signIn(page, 'e2e-ada', '/schedules/new');
  await hydrated(page);
  const name = `Double click ${Date.now()}`;
  await page.getByLabel('Name').fill(name);
  // Slow the answer down, so the pending state can be seen.
  await page.route('**/api/save_schedule*', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 700));
    await route.continue();
  });
  const button = page.getByRole('button', { name: 'Create schedule' });
  await button.dblclick();
  await expect(page.getByRole('button', { name: 'Creating…' })).toBeDisabled();
  await expect(page).toHaveURL(/\/schedules\/\d+\?created=1$/);
  expect(await countNamed(page, name)).toBe(1);
});

test('the same form sent twice without JavaScript creates one schedule', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'e2e-ada', '/schedules/new');
  await expect(page).toHaveURL(/\/schedules\/new$/);
  const name = `Sent twice ${Date.now()}`;
  await page.getByLabel('Name').fill(name);
  const form = page.locator('form.editor');
  const action = (await form.getAttribute('action'))!;
  const fields: Record<string, string> = {};
  for (const field of await form.locator('input[name], select[name]').all()) {
    const type = await field.getAttribute('type');
    if ((type === 'radio' || type === 'checkbox') && !(await field.isChecked())) continue;
    fields[(await field.getAttribute('name'))!] = await field.inputValue();
  }
  expect(fields['idempotency_key']).toMatch(/^form-/);
  for (let attempt = 0; attempt < 2; attempt++) {
    const reply = await page.request.post(action, {
      form: fields,
      headers: { Accept: 'text/html', Referer: page.url(), 'Sec-Fetch-Site': 'same-origin' },
      maxRedirects: 0,
    });
    expect(reply.status()).toBe(302);
    expect(reply.headers()['location']).toMatch(/^\/schedules\/\d+\?created=1$/);
  }
  expect(await countNamed(page, name)).toBe(1);
  // A new rendering of the form is a new key: a second schedule of the same name is fine.
  await page.goto('/schedules/new');
  expect(await page.locator('input[name="idempotency_key"]').inputValue()).not.toBe(fields['idempotency_key']);
  await context.close();
});

test('/login is the sign-in page', async ({ page }) => {
  const reply = await page.request.get('/login?next=%2Fschedules%2Fnew', { maxRedirects: 0, headers: { Accept: 'text/html' } });
  expect(reply.status()).toBe(302);
  expect(reply.headers()['location']).toBe('/signin?next=%2Fschedules%2Fnew');
  await page.goto('/login');
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
});

test('every page has one meta description', async ({ page }) => {
  const api = await apiAs('e2e-ada');
  const id = await createSchedule(api, { name: 'Described', config: { period: 3600 } });
  await signIn(page, 'e2e-ada');
  for (const path of ['/schedules', `/schedules/${id}`, '/schedules/new', `/schedules/${id}/edit`, '/settings/tokens', '/docs/api', '/signup', '/no/such/page']) {
    await page.goto(path);
    const meta = page.locator('meta[name="description"]');
    await expect(meta, path).toHaveCount(1);
    expect((await meta.getAttribute('content'))?.length, path).toBeGreaterThan(20);
  }
  await api.dispose();
});

test('the list says when each schedule runs next, in the viewer\'s zone', async ({ page }) => {
  const api = await apiAs('e2e-ada');
  const name = `Quarter-hourly ${Date.now()}`;
  const anchor = Math.floor(Date.now() / 1000) - 60;
  await createSchedule(api, { name, config: { period: 900, timestamp: anchor } });
  await page.goto(`/schedules?q=${encodeURIComponent(name)}`);
  await hydrated(page);
  const row = page.getByRole('row').filter({ hasText: name });
  const next = row.locator('td').nth(4).locator('time');
  await expect(next).toHaveText(/^in 1[34] minutes \(.*\(Europe\/Paris\)\)$/);
  const expected = new Date((anchor + 900) * 1000).toISOString().replace('.000Z', 'Z');
  await expect(next).toHaveAttribute('datetime', expected);
  await expect(next).toHaveAttribute('data-exact', /\(Europe\/Paris\)$/);
  await expect(page.locator('.count')).toContainText('times in Europe/Paris');
  await api.dispose();
});

test('without JavaScript, times are in UTC and say so', async ({ browser }) => {
  const api = await apiAs('e2e-ada');
  const id = await createSchedule(api, { name: 'UTC times', config: { period: 3600, timestamp: 1893456000 } });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/schedules/${id}`);
  await expect(page.locator('ol.runs li').first()).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC — in /);
  await context.close();
  await api.dispose();
});

test('a page arriving in pieces over a slow network is never painted with its times in UTC', async ({ page }) => {
  const api = await apiAs('e2e-ada');
  const id = await createSchedule(api, { name: 'Slow network', config: { period: 3600, timestamp: 1893456000 } });
  // Just before each frame the browser paints: any time still written in UTC.
  await page.addInitScript(() => {
    const seen: string[] = ((window as any).__utcPainted = []);
    const look = () => {
      for (const at of document.querySelectorAll('time[datetime] .at')) {
        if (at.textContent?.endsWith(' UTC')) seen.push(at.textContent);
      }
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  // 4 KB/s: the page's few kilobytes come in several pieces, each parsed and painted.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 100, downloadThroughput: 4096, uploadThroughput: 65536 });
  await page.goto(`/schedules/${id}`, { waitUntil: 'commit' });
  await expect(page.locator('ol.runs li').last()).toHaveText(/\(Europe\/Paris\) — in /, { timeout: 20_000 });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  expect(await page.evaluate(() => (window as any).__utcPainted)).toEqual([]);
  await api.dispose();
});

test('the editor previews and the detail page lists next runs in the viewer\'s zone', async ({ page }) => {
  await signIn(page, 'e2e-ada', '/schedules/new');
  await hydrated(page);
  await page.getByLabel('Name').fill(`Zoned ${Date.now()}`);
  await page.getByLabel('One-time').check();
  await page.locator('#run-at').fill('2031-06-01T12:30');
  await expect(page.locator('.preview ol.runs li')).toHaveText(/^Sun 1 Jun 2031, 12:30 \(Europe\/Paris\) — in \d+ years?$/);
  await page.getByRole('button', { name: 'Create schedule' }).click();
  await expect(page).toHaveURL(/created=1$/);
  await expect(page.locator('ol.runs li')).toHaveText(/^Sun 1 Jun 2031, 12:30 \(Europe\/Paris\) — in \d+ years?$/);
});

test('on a phone every schedule is a readable block: nothing cut off, nothing to scroll sideways', async ({ page }) => {
  const api = await apiAs('e2e-ada');
  const names = [
    'nightly_warehouse_backup_and_sync_of_every_regional_database',
    'https://example.com/hooks/nightly-warehouse-backup-and-sync?token=abcdefghijklmnop',
    'Nightly <b>backup</b> & sync',
  ];
  for (const name of names) await createSchedule(api, { name, config: { period: 900 } });
  await page.setViewportSize({ width: 360, height: 740 });
  for (const name of names) {
    await page.goto(`/schedules?q=${encodeURIComponent(name)}`);
    await hydrated(page);
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
    expect(widths.page, name).toBeLessThanOrEqual(widths.view);
    for (const cell of await page.locator('table.schedules td').all()) {
      const fits = await cell.evaluate((td) => td.scrollWidth <= td.clientWidth + 1);
      expect(fits, `${name}: ${await cell.innerText()}`).toBeTruthy();
    }
    await expect(page.locator('table.list td:nth-child(4)').first()).toHaveText('Every 15 minutes');
  }
  await api.dispose();
});

test.describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  // Each test loads and scans 16 pages: 15 to 33 s on two cores, so the default 30 s a test
  // was too little on a busy run.
  test.describe.configure({ timeout: 120_000 });
  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [1280, 360]) {
      test(`every page, ${width} px, ${scheme}`, async ({ page }) => {
        const api = await apiAs('e2e-ada');
        const id = await createSchedule(api, { name: `Checked ${scheme} ${width}`, config: { period: 900 }, tags: ['axe', 'team:a11y'] });
        const cal = await createSchedule(api, { name: `Calendar ${scheme} ${width}`, config: { cron: '30 2 * * *', timezone: 'Europe/Paris', timestamp: 1806192000 } });
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height: 800 });
        const pages = ['/signin', '/signup', '/schedules', '/schedules?tag=team%3Aa11y', `/schedules/${id}`, `/schedules/${cal}`, '/schedules/timeline?span=7d', '/docs/api', '/no/such/page'];
        const signedIn = ['/schedules/new', `/schedules/${id}/edit`, `/schedules/${cal}/edit`, '/settings/tokens', `/schedules/${id}?saved=1`, `/schedules?deleted=${id}`, `/schedules/${id}/restore?version=1`, '/schedules/deleted', '/schedules?mine=1&select=all', `/schedules?mine=1&done=clone&n=1&new=${id}`, `/schedules/selected?id=${id}&id=${cal}&back=%2Fschedules%3Fmine%3D1`, '/schedules/import'];
        for (const path of pages) await expectNoViolations(page, path);
        await signIn(page, 'e2e-ada');
        for (const path of [...signedIn, '/schedules?mine=1', '/schedules/load?span=7d']) await expectNoViolations(page, path);
        await api.dispose();
      });
    }
  }
});

async function expectNoViolations(page: Page, path: string) {
  await page.goto(path);
  await hydrated(page);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `${path}\n${found.join('\n')}`).toEqual([]);
}

test('screenshots for review: the main pages at 1280 and 360 px, light and dark', async ({ page }) => {
  // 52 pages loaded and shot: about 45 s on two cores, too close to the default 30 s.
  test.setTimeout(150_000);
  const api = await apiAs('e2e-ada');
  const id = await createSchedule(api, { name: 'nightly_warehouse_backup_and_sync', config: { period: 86400, timestamp: 1893456000 }, tags: ['backups', 'team:data', 'warehouse/eu-west-1'] });
  const cal = await createSchedule(api, { name: 'Paris night run', config: { cron: '30 2 * * *', timezone: 'Europe/Paris', timestamp: 1806192000 } });
  // A history with words to show, and a schedule deleted.
  expect((await api.put(`/api/v1/schedules/${id}`, { data: { name: 'nightly_warehouse_backup', config: { period: 43200, timestamp: 1893456000 } }, headers: { 'X-Change-Note': 'twice%20a%20day%20now' } })).ok()).toBeTruthy();
  const gone = await createSchedule(api, { name: 'Old report', config: { cron: '0 7 * * 1', timezone: 'Europe/Paris' } });
  expect((await api.delete(`/api/v1/schedules/${gone}`)).ok()).toBeTruthy();
  await signIn(page, 'e2e-ada');
  const pages: [string, string][] = [
    ['list', '/schedules?mine=1'],
    ['tag-filter', '/schedules?mine=1&tag=team%3Adata'],
    ['detail', `/schedules/${id}?saved=1`],
    ['editor', `/schedules/${id}/edit`],
    ['calendar-detail', `/schedules/${cal}`],
    ['calendar-editor', `/schedules/${cal}/edit`],
    ['tokens', '/settings/tokens'],
    ['restore', `/schedules/${id}/restore?version=1`],
    ['deleted', '/schedules/deleted'],
    ['selection', '/schedules?mine=1&select=all&done=tag&n=2&changed=1&tags=backups'],
    ['delete-selected', `/schedules/selected?id=${id}&id=${cal}&back=%2Fschedules%3Fmine%3D1`],
    ['timeline', '/schedules/timeline?mine=1&span=7d&start=1806019200'],
    ['load', '/schedules/load?span=7d&start=1806019200'],
  ];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 800 });
      for (const [name, path] of pages) {
        await page.goto(path);
        await hydrated(page);
        // A calendar schedule's preview comes from the server a moment later.
        await expect(page.getByText('Working out the next runs…')).toHaveCount(0);
        await page.screenshot({ path: `screenshots/review-${name}-${width}-${scheme}.png`, fullPage: true });
      }
    }
  }
  await api.dispose();
});
