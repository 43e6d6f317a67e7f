import { Page } from '@playwright/test';
import { PASSWORD, apiAs, expect, hydrated, test } from './fixtures';

// A viewer in New York building a schedule for Paris: the zones differ, so the preview
// shows both.
test.use({ timezoneId: 'America/New_York' });

/** Signs in and waits until the browser is on `next`. */
async function signIn(page: Page, login: string, next: string) {
  await page.goto(`/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Username or email').fill(login);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[?]/g, '\\?')}$`));
}

test('builds "weekdays at 09:00 in Paris" with the builder, previews it, and finds it everywhere', async ({ page }) => {
  const name = `Paris stand-up ${Date.now()}`;
  await signIn(page, 'e2e-ada', '/schedules/new');
  await hydrated(page);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('At set times').check();
  // A new schedule starts in the viewer's zone.
  await expect(page.getByLabel('Time zone')).toHaveValue('America/New_York');
  await page.getByLabel('Repeats').selectOption('weekdays');
  await page.getByLabel('At', { exact: true }).fill('09:00');
  await page.getByLabel('Time zone').fill('Europe/Paris');
  await expect(page.locator('.preview strong')).toHaveText('Every weekday at 09:00 (Europe/Paris)');
  // The next runs come from the server, in Paris time, with the viewer's time beside them.
  const first = page.locator('.preview ol.runs li').first();
  await expect(first).toContainText(/^\w{3} \d+ \w{3} \d{4}, 09:00 \(Europe\/Paris\)/);
  await expect(first).toContainText(/your time \(America\/New_York\): \w{3} \d+ \w{3} \d{4}, \d\d:00/);
  await expect(page.locator('.preview ol.runs li')).toHaveCount(5);
  await page.getByRole('button', { name: 'Create schedule' }).click();
  await expect(page).toHaveURL(/\/schedules\/\d+\?created=1$/);
  const id = Number(page.url().match(/schedules\/(\d+)/)![1]);
  await expect(page.locator('.lede')).toHaveText('Every weekday at 09:00 (Europe/Paris)');
  await expect(page.locator('.facts')).toContainText('0 9 * * 1-5');
  await expect(page.locator('.facts')).toContainText('Europe/Paris');
  await expect(page.locator('ol.runs li')).toHaveCount(5);
  const stored = await (await page.request.get(`/api/v1/schedules/byid/${id}`)).json();
  expect(stored).toEqual({ id, name, once: false, config: { cron: '0 9 * * 1-5', timezone: 'Europe/Paris' } });

  // In the list, under the calendar kind.
  await page.goto('/schedules?kind=calendar&mine=1');
  await hydrated(page);
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Calendar');
  await expect(row).toContainText('Every weekday at 09:00 (Europe/Paris)');
  await expect(page.getByLabel('Kind')).toHaveValue('calendar');
});

test('an advanced expression that never runs is refused beside its field', async ({ page }) => {
  await signIn(page, 'e2e-ada', '/schedules/new');
  await hydrated(page);
  await page.getByLabel('Name').fill('Never');
  await page.getByLabel('At set times').check();
  await page.getByLabel('Repeats').selectOption('advanced');
  await page.getByLabel('Cron expression').fill('0 0 30 2 *');
  await expect(page.locator('#cron-error')).toContainText('never runs');
  await expect(page.getByLabel('Cron expression')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Cron expression').fill('0 0 29 2 *');
  await expect(page.locator('#cron-error')).toHaveText('');
  await expect(page.locator('.preview strong')).toHaveText(/^On 29 February at 00:00 \(America\/New_York\)$/);
});

test('a clock change is marked in the preview and on the detail page', async ({ page }) => {
  const api = await apiAs('e2e-ada');
  // 02:30 every day in Paris, starting just before the spring-forward of 2027 (28 March).
  const reply = await api.post('/api/v1/schedules', {
    data: { name: 'Nightly 02:30 Paris', config: { cron: '30 2 * * *', timezone: 'Europe/Paris', timestamp: 1806192000 } },
  });
  const id = (await reply.json()).id;
  await signIn(page, 'e2e-ada', `/schedules/${id}`);
  await hydrated(page);
  await expect(page.locator('ol.runs .clock-change')).toHaveText(
    '02:30 does not exist on Sun 28 Mar 2027 in Europe/Paris — runs at 03:30',
  );
  await page.goto(`/schedules/${id}/edit`);
  await hydrated(page);
  await expect(page.getByLabel('Repeats')).toHaveValue('daily');
  await expect(page.locator('.preview .clock-change')).toHaveText(
    '02:30 does not exist on Sun 28 Mar 2027 in Europe/Paris — runs at 03:30',
  );
  await api.dispose();
});

test('without JavaScript a calendar schedule is created in UTC', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, timezoneId: 'America/New_York' });
  const page = await context.newPage();
  await signIn(page, 'e2e-ada', '/schedules/new');
  await page.getByLabel('Name').fill('No-JS calendar');
  await page.getByLabel('At set times').check();
  await expect(page.getByLabel('Repeats')).toBeVisible();
  await expect(page.getByLabel('Time zone')).toHaveValue('UTC');
  await page.getByLabel('At', { exact: true }).fill('06:15');
  await page.getByRole('button', { name: 'Create schedule' }).click();
  await expect(page).toHaveURL(/\/schedules\/\d+\?created=1$/);
  const id = Number(page.url().match(/schedules\/(\d+)/)![1]);
  const stored = await (await page.request.get(`/api/v1/schedules/byid/${id}`)).json();
  expect(stored).toEqual({ id, name: 'No-JS calendar', once: false, config: { cron: '15 6 * * *', timezone: 'UTC' } });
  await expect(page.locator('.lede')).toHaveText('At 06:15 every day (UTC)');
  await context.close();
});
