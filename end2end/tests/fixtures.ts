import { APIRequestContext, Page, expect, request, test as base } from '@playwright/test';
import { baseURL } from '../playwright.config';

export const PASSWORD = 'correct horse battery';

/** An API client logged in as a new user (created through the sign-up-free CLI path:
 *  the JSON API has no registration, so tests register through the server's own CLI). */
export async function apiAs(username: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  const login = await api.post('/api/v1/authenticate', { data: { username, password: PASSWORD } });
  expect(login.ok(), await login.text()).toBeTruthy();
  return api;
}

export async function createSchedule(api: APIRequestContext, body: object): Promise<number> {
  const reply = await api.post('/api/v1/schedules', { data: body });
  expect(reply.ok(), await reply.text()).toBeTruthy();
  return (await reply.json()).id;
}

/** `test` that also fails on any console error or warning of the page (hydration
 *  mismatches, panics), except the browser's own note about 4xx/5xx answers, which the
 *  tests provoke on purpose. */
export const test = base.extend<{ consoleProblems: string[] }>({
  consoleProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (message) => {
        if ((message.type() === 'error' || message.type() === 'warning') && !message.text().startsWith('Failed to load resource')) {
          problems.push(`${page.url()} ${message.type()}: ${message.text()}`);
        }
      });
      page.on("pageerror", (error) => problems.push(`${page.url()} pageerror: ${error.message}`));
      await use(problems);
      expect(problems, problems.join('\n')).toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Signs in through the sign-in form, then goes to `next` (the form's own redirect). */
export async function signIn(page: Page, login: string, next = '') {
  await page.goto(`/signin${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('Username or email').fill(login);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Waits until the page's islands have started (`data-hydrated` on the body). */
export async function hydrated(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
}
