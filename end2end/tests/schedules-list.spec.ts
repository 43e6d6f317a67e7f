import { apiAs, createSchedule, expect, test } from './fixtures';

test.describe('schedules list', () => {
  test.beforeAll(async () => {
    const api = await apiAs('e2e-ada');
    // A worker restarted after a failure runs this again: create the data once only.
    const existing = await (await api.get('/api/v1/schedules?q=Nightly%20backup')).json();
    if (existing.count > 0) return;
    await createSchedule(api, { name: 'Nightly backup', config: { period: 86400 } });
    await createSchedule(api, { name: 'Launch day', once: true, config: { timestamp: 1893456000 } });
    for (let n = 1; n <= 11; n++) {
      await createSchedule(api, { name: `Report ${String(n).padStart(2, '0')}`, config: { period: 300 * n } });
    }
    await api.dispose();
  });

  test('the server-rendered HTML already holds the data', async ({ browser }) => {
    // No JavaScript at all: whatever shows was rendered by the server.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const response = await page.goto('/schedules');
    expect(response?.status()).toBe(200);
    const html = await response!.text();
    expect(html).toContain('Nightly backup');
    await expect(page.getByRole('heading', { name: 'Schedules', level: 1 })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Nightly backup' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Every day' })).toBeVisible();
    const total = (await (await page.request.get('/api/v1/schedules')).json()).count;
    await expect(page.getByText(`${total} schedules`)).toBeVisible();
    // The search form works as a plain GET form.
    await page.getByLabel('Search by name').fill('launch');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/q=launch/);
    await expect(page.getByRole('cell', { name: 'Launch day' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Once on 2030-01-01 00:00 UTC' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Nightly backup' })).toHaveCount(0);
    await context.close();
  });

  test('the app\'s files have hashed names, come compressed and are cached for good', async ({ page }) => {
    const assets = new Map<string, { encoding?: string; cache?: string }>();
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname.startsWith('/pkg/')) {
        const headers = response.headers();
        assets.set(url.pathname, { encoding: headers['content-encoding'], cache: headers['cache-control'] });
      }
    });
    await page.goto('/schedules');
    await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
    const names = [...assets.keys()];
    for (const kind of ['wasm', 'js', 'css']) {
      const name = names.find((n) => n.endsWith(`.${kind}`));
      expect(name, `a .${kind} file was loaded: ${names}`).toMatch(new RegExp(`^/pkg/kragle-schedules\\.[A-Za-z0-9_-]{16,}\\.${kind}$`));
      expect(assets.get(name!)!.encoding, `${name} is served precompressed`).toBe('br');
      expect(assets.get(name!)!.cache).toContain('immutable');
    }
  });

  test('after hydration, the list follows the search box as you type', async ({ page }) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto('/schedules');
    await expect(page.locator('table.schedules')).toBeVisible();
    // Wait for the WebAssembly to take over the page.
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
    await page.evaluate(() => ((window as any).__same_document = true));

    await page.getByLabel('Search by name').pressSequentially('nightly', { delay: 30 });
    await expect(page).toHaveURL(/\/schedules\?q=nightly$/);
    await expect(page.getByRole('cell', { name: 'Nightly backup' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Report 01' })).toHaveCount(0);
    await expect(page.getByText('1 schedule', { exact: true })).toBeVisible();
    // Same document: the list changed without a page load.
    expect(await page.evaluate(() => (window as any).__same_document)).toBe(true);

    await page.getByLabel('Kind').selectOption('One-time');
    await page.getByLabel('Search by name').fill('');
    await page.getByLabel('Search by name').dispatchEvent('input');
    await expect(page).toHaveURL(/\/schedules\?once=1$/);
    await expect(page.getByRole('cell', { name: 'Launch day' })).toBeVisible();

    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('pages through the list with links kept in the URL', async ({ page }) => {
    // The eleven reports: ten on the first page, one on the second.
    await page.goto('/schedules?q=report');
    await expect(page.getByText('11 schedules')).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Report 10' })).toBeVisible();
    await page.getByRole('link', { name: 'Next →' }).click();
    await expect(page).toHaveURL(/\/schedules\?q=report&page=2$/);
    await expect(page.getByRole('link', { name: '2', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('cell', { name: 'Report 11' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Report 10' })).toHaveCount(0);
    await page.getByRole('link', { name: '← Previous' }).click();
    await expect(page).toHaveURL(/\/schedules\?q=report$/);
    await expect(page.getByRole('cell', { name: 'Report 10' })).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(/page=2$/);
    await expect(page.getByRole('cell', { name: 'Report 11' })).toBeVisible();
    await page.screenshot({ path: 'screenshots/schedules-list-desktop.png', fullPage: true });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({ path: 'screenshots/schedules-list-phone.png', fullPage: true });
  });

  test('unknown pages are a real 404', async ({ page }) => {
    const response = await page.goto('/no/such/page');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  });
});
