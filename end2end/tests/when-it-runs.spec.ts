// The timeline: a view of the list as lanes of runs, drawn on the server. Runs last (files
// run in name order), so its schedules push no other file's data off a first page.
import { Page } from '@playwright/test';
import { apiAs, createSchedule, expect, hydrated, PASSWORD, test } from './fixtures';

test('the timeline of a filtered list: one lane a schedule, its marks, windows and pages that keep the filters', async ({ page }) => {
  const api = await apiAs('e2e-ada');
  const tag = `tl${Date.now()}`;
  // Every 6 hours since 2025-01-01 00:00 UTC (a grid that fits any 24 hours four times);
  // every minute: 1,440 runs a day.
  const sixHourly = await createSchedule(api, { name: `${tag} six-hourly`, config: { period: 21600, timestamp: 1735689600 } });
  await createSchedule(api, { name: `${tag} minutely`, config: { cron: '* * * * *', timezone: 'Europe/Paris' } });
  for (let i = 0; i < 10; i++) await createSchedule(api, { name: `${tag} filler ${i}`, config: { period: 86400 } });

  await page.goto(`/schedules?q=${tag}`);
  await hydrated(page);
  await page.getByRole('link', { name: 'Timeline' }).click();
  await expect(page).toHaveURL(new RegExp(`/schedules/timeline\\?q=${tag}$`));
  // The viewer's zone (Europe/Paris in these tests) reaches the server once the page has run.
  await expect(page.locator('.timeline-range')).toContainText('times in Europe/Paris');
  await expect(page.locator('.lane-names li:not(.axis-space)')).toHaveCount(10);
  await expect(page.locator(`g.mark[aria-label^="${tag} six-hourly:"]`)).toHaveCount(4);
  await expect(page.locator(`g.band[aria-label^="${tag} minutely:"]`)).toHaveAttribute('data-count', '1440');
  await expect(page.locator('line.now')).toHaveCount(1);
  // A mark names its schedule and time when focused.
  const mark = page.locator(`g.mark[aria-label^="${tag} six-hourly:"]`).first();
  await mark.focus();
  await expect(mark.locator('text')).toBeVisible();
  expect(await mark.getAttribute('aria-label')).toMatch(/^tl\d+ six-hourly: \w{3} \d+ \w{3} \d{4}, \d\d:00 \(Europe\/Paris\)$/);
  // Each lane links to its schedule.
  await expect(page.locator('.lane-names a', { hasText: `${tag} six-hourly` })).toHaveAttribute('href', `/schedules/${sixHourly}`);

  // 7 days: the same filters, 28 marks.
  await page.getByRole('link', { name: '7 days' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${tag}&span=7d$`));
  await expect(page.locator(`g.mark[aria-label^="${tag} six-hourly:"]`)).toHaveCount(28);
  // The next page: the 11th and 12th schedules, window and filters kept.
  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${tag}&page=2&span=7d$`));
  await expect(page.locator('.lane-names li:not(.axis-space)')).toHaveCount(2);
  // Later, then back to the list with the filters.
  await page.getByRole('link', { name: 'Later →' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${tag}&page=2&span=7d&start=\\d+$`));
  await page.getByRole('link', { name: 'List', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/schedules\\?q=${tag}&page=2$`));
  await expect(page.locator('table.list tbody tr')).toHaveCount(2);
  // Back to the timeline with the browser's button: the page is drawn by the server again.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`q=${tag}&page=2&span=7d&start=\\d+$`));
  await expect(page.locator('.lane-names li:not(.axis-space)')).toHaveCount(2);
  await api.dispose();
});

test('without JavaScript the timeline is drawn in UTC and says so', async ({ browser }) => {
  const api = await apiAs('e2e-ada');
  const tag = `tlnojs${Date.now()}`;
  await createSchedule(api, { name: `${tag} hourly`, config: { period: 3600, timestamp: 1735689600 } });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/schedules/timeline?q=${tag}`);
  await expect(page.getByText('Times are in UTC')).toBeVisible();
  await expect(page.locator('.timeline-range')).toContainText('times in UTC');
  await expect(page.locator('g.mark')).toHaveCount(24);
  await expect(page.locator('table.timeline-table tbody tr')).toHaveCount(1);
  await context.close();
  await api.dispose();
});

test('a clock change in the viewer\'s zone is shaded and named, on a first visit too', async ({ browser }) => {
  // A new browser has no zone cookie yet: the first drawing is in UTC, then in its zone.
  const context = await browser.newContext();
  const page = await context.newPage();
  const api = await apiAs('e2e-ada');
  const tag = `tldst${Date.now()}`;
  await createSchedule(api, { name: `${tag} night`, config: { cron: '30 2 * * *', timezone: 'Europe/Paris' } });
  // The week of 29 Mar 2026 in Paris: clocks go forward, and 02:30 runs at 03:30 that day.
  await page.goto(`/schedules/timeline?q=${tag}&span=7d&start=1774220400`);
  await hydrated(page);
  await expect(page.locator('.clock-shift text')).toHaveText('clocks go forward 1 h');
  await expect(page.locator('g.mark.shifted')).toHaveCount(1);
  expect(await page.locator('g.mark.shifted').getAttribute('aria-label')).toContain('02:30 does not exist on Sun 29 Mar 2026 in Europe/Paris — runs at 03:30');
  await expect(page.locator('.timeline-range')).toContainText('times in Europe/Paris');
  await context.close();
  await api.dispose();
});

test('the load view of a user\'s own schedules names the busiest minute and links to the timeline there', async ({ page }) => {
  // A new user, so the schedules counted are exactly these.
  const name = `e2e-load-${Date.now()}`;
  await page.goto('/signup');
  await hydrated(page);
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Email').fill(`${name}@example.com`);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Signed in as')).toContainText(name);
  const api = await apiAs(name);
  // The week from Mon 2 Nov 2026 00:00 Paris: three schedules at 09:00 Paris every day, one
  // every hour on the hour, one at 12:30 on weekdays, and a one-time run on Wednesday at
  // 09:00 Paris: that minute has five schedules, every other 09:00 four.
  for (const n of [1, 2, 3]) await createSchedule(api, { name: `Morning ${n}`, config: { cron: '0 9 * * *', timezone: 'Europe/Paris' } });
  await createSchedule(api, { name: 'Hourly', config: { period: 3600, timestamp: 1735689600 } });
  await createSchedule(api, { name: 'Lunch', config: { cron: '30 12 * * 1-5', timezone: 'Europe/Paris' } });
  await createSchedule(api, { name: 'Wednesday once', once: true, config: { timestamp: 1793779200 } });

  await page.goto('/schedules?mine=1');
  await hydrated(page);
  await page.getByRole('link', { name: 'Load', exact: true }).click();
  await expect(page).toHaveURL(/\/schedules\/load$/);
  await expect(page.locator('.timeline-range')).toContainText('times in Europe/Paris');
  await page.goto('/schedules/load?span=7d&start=1793574000');
  await hydrated(page);
  // 7 × 3 mornings + 168 hourly + 5 lunches + 1 = 195 runs.
  await expect(page.locator('.load-summary')).toContainText('Your 6 schedules start 195 runs in these 7 days.');
  await expect(page.locator('svg.load-strip rect.bar')).toHaveCount(168);
  await expect(page.locator('svg.heatmap title', { hasText: /^Wed 09:00–10:00: / })).toHaveText('Wed 09:00–10:00: 5 runs');
  await expect(page.locator('svg.heatmap title', { hasText: /^Mon 12:00–13:00: / })).toHaveText('Mon 12:00–13:00: 2 runs');
  const busiest = page.locator('ol.busiest li');
  await expect(busiest.first()).toHaveText('09:00 Wed 4 Nov: 5 schedules — Morning 1, Morning 2, Morning 3, Hourly, Wednesday once');
  await expect(busiest.nth(1)).toHaveText('09:00 Mon 2 Nov: 4 schedules — Morning 1, Morning 2, Morning 3, Hourly');
  // The same counts as a table, for people who prefer one.
  await page.getByText('The counts as tables').click();
  await expect(page.locator('table.heat-table tbody tr').nth(2).locator('td').nth(9)).toHaveText('5');
  // The busiest minute's link: the timeline of the user's schedules from an hour before.
  await busiest.first().getByRole('link', { name: '09:00 Wed 4 Nov' }).click();
  await expect(page).toHaveURL(/\/schedules\/timeline\?mine=1&span=24h&start=1793775600$/);
  await expect(page.locator('g.mark[aria-label="Wednesday once: Wed 4 Nov 2026, 09:00 (Europe/Paris)"]')).toHaveCount(1);
  await api.dispose();
});
