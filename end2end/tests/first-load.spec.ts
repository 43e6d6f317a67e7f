// What a first visit downloads: the bytes of /pkg/ (WebAssembly, JavaScript, CSS) each page
// fetches while it loads and its islands hydrate, as the server sends them with brotli.
// Chromium may not ask for brotli over plain HTTP, so each file the page fetched is asked
// for again with `Accept-Encoding: br` and its bytes on the wire are counted.
import * as http from 'node:http';
import * as fs from 'node:fs';
import { Page } from '@playwright/test';
import { baseURL } from '../playwright.config';
import { PASSWORD, apiAs, createSchedule, expect, test } from './fixtures';

const KB = 1024;
/** The budgets of issue #23: 150 KB a page, 250 KB where the editor is. */
const PAGE_BUDGET = 150 * KB;
const EDITOR_BUDGET = 250 * KB;

function brotliBytes(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(path, baseURL), { headers: { 'Accept-Encoding': 'br' } }, (response) => {
        expect(response.statusCode, path).toBe(200);
        expect(response.headers['content-encoding'], `${path} is served with brotli`).toBe('br');
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => resolve(bytes));
      })
      .on('error', reject);
  });
}

/** Loads `path` in a fresh page and returns the /pkg/ files it fetched, once hydrated. */
async function pkgFilesOf(page: Page, path: string): Promise<string[]> {
  const files = new Set<string>();
  const listener = (request: { url(): string }) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/pkg/')) files.add(url.pathname);
  };
  page.on('request', listener);
  await page.goto(path);
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
  page.off('request', listener);
  return [...files].sort();
}

test('each page downloads at most its budget of /pkg/ bytes (brotli)', async ({ page }) => {
  const api = await apiAs('e2e-ada');
  const id = await createSchedule(api, { name: 'Weighed', config: { period: 900 } });
  const pages: [string, string, number][] = [
    ['list', '/schedules', PAGE_BUDGET],
    ['detail', `/schedules/${id}`, PAGE_BUDGET],
    ['timeline', '/schedules/timeline?span=7d', PAGE_BUDGET],
    ['API reference', '/docs/api', PAGE_BUDGET],
    ['sign-in', '/signin', PAGE_BUDGET],
    ['sign-up', '/signup', PAGE_BUDGET],
  ];
  const signedIn: [string, string, number][] = [
    ['load', '/schedules/load?span=7d', PAGE_BUDGET],
    ['tokens', '/settings/tokens', PAGE_BUDGET],
    ['new', '/schedules/new', EDITOR_BUDGET],
    ['edit', `/schedules/${id}/edit`, EDITOR_BUDGET],
  ];
  const measured: Record<string, { bytes: number; files: Record<string, number> }> = {};
  const weigh = async ([name, path, budget]: [string, string, number]) => {
    const files: Record<string, number> = {};
    for (const file of await pkgFilesOf(page, path)) files[file] = await brotliBytes(file);
    const bytes = Object.values(files).reduce((sum, n) => sum + n, 0);
    measured[name] = { bytes, files };
    expect(bytes, `${name} (${path}): ${JSON.stringify(files)}`).toBeLessThanOrEqual(budget);
  };
  for (const entry of pages) await weigh(entry);
  await page.goto('/signin');
  await page.getByLabel('Username or email').fill('e2e-ada');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Signed in as')).toBeVisible();
  for (const entry of signedIn) await weigh(entry);
  // The figures, for bench/RESULTS.md and the curious: beside the build, not in
  // test-results/ (which every Playwright run empties); make bench reads them when they are
  // newer than the site.
  fs.writeFileSync('../target/first-load-bytes.json', JSON.stringify(measured, null, 2));
  await api.dispose();
});
