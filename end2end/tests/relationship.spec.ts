// Life inside a pair, on a phone-sized screen (360×740): a check-in with and without JavaScript
// (with it, a draft survives a reload and a dropped connection), and a meeting the mentor
// proposes, the mentee accepts and downloads as .ics. Each project works on its own meeting.
import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { DEMO, DEMO_PASSWORD, ensurePublished, hydrated, open, signIn } from '../fixtures/pages';

test.use({ viewport: { width: 360, height: 740 } });
test.beforeAll(async ({ browser }) => ensurePublished(browser));

async function noAxeViolations(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

async function noSideScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('a mentee checks in from a phone in under a minute', async ({ browser }, info) => {
  const ctx = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: hydrated(info), viewport: { width: 360, height: 740 } });
  const page = await ctx.newPage();
  await signIn(page, info, DEMO.mentee);
  await open(page, '/checkin', info);
  await expect(page.locator('h1')).toHaveText('Check-in');
  await noSideScroll(page);
  if (hydrated(info)) await noAxeViolations(page);
  const learned = `Prompts for the weekly report (${info.project.name})`;

  // A refusal keeps what was typed and says what is missing.
  await page.getByLabel('4', { exact: true }).check();
  await page.getByRole('button', { name: 'Send the check-in' }).click();
  await expect(page.getByRole('alert')).toContainText('what you learned or what you taught');

  if (hydrated(info)) {
    // The draft is kept on the phone: a reload brings it back.
    await page.getByLabel('What I learned').fill(learned);
    await page.getByLabel('Next step (optional)').fill('Try it on Monday');
    await page.reload();
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
    await expect(page.locator('#checkin-restored')).toBeVisible();
    await expect(page.getByLabel('What I learned')).toHaveValue(learned);
    // The network drops: nothing is lost, and sending again once back online stores it once.
    await ctx.setOffline(true);
    await page.getByLabel('4', { exact: true }).check();
    await page.getByLabel('Something blocks us and we need help').check();
    await page.getByRole('button', { name: 'Send the check-in' }).click();
    await expect(page.locator('#checkin-offline')).toBeVisible();
    await expect(page.getByLabel('What I learned')).toHaveValue(learned);
    await ctx.setOffline(false);
    await page.getByRole('button', { name: 'Send the check-in' }).click();
    await expect(page.locator('#checkin-saved')).toBeVisible();
    await expect(page.getByLabel('What I learned')).toHaveValue('');
  } else {
    await page.getByLabel('4', { exact: true }).check();
    await page.getByLabel('What I learned').fill(learned);
    await page.getByLabel('Next step (optional)').fill('Try it on Monday');
    await page.getByLabel('Something blocks us and we need help').check();
    await page.getByRole('button', { name: 'Send the check-in' }).click();
    await expect(page.locator('#checkin-saved')).toBeVisible();
  }

  // The pair's workspace lists it once, with its rating and blocker.
  await page.getByRole('link', { name: 'Go to the pair workspace' }).click();
  const entry = page.locator('.checkin', { hasText: learned });
  await expect(entry).toHaveCount(1);
  await expect(entry.locator('.rating')).toHaveAttribute('aria-label', '4 out of 5');
  await expect(entry).toHaveAttribute('data-blocker', 'true');
  await ctx.close();
});

test('a mentor proposes a meeting, the mentee accepts and downloads it as .ics', async ({ browser }, info) => {
  const js = hydrated(info);
  const viewport = { width: 360, height: 740 };
  const menteeCtx = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: js, viewport, acceptDownloads: true });
  const mentee = await menteeCtx.newPage();
  await signIn(mentee, info, DEMO.mentee);
  await open(mentee, '/pair', info);
  const workspace = await mentee.locator('.my-pair').first().getByRole('link', { name: 'Open the pair workspace' }).getAttribute('href');
  await open(mentee, workspace!, info);
  const mentorEmail = (await mentee.locator('.person').first().locator('a[href^="mailto:"]').textContent())!.trim();

  // The mentor (every demo employee can sign in) proposes a time in their own time zone.
  const mentorCtx = await browser.newContext({ locale: 'es-ES', javaScriptEnabled: js, viewport });
  const mentor = await mentorCtx.newPage();
  await mentor.goto('/login');
  await mentor.locator('#email').fill(mentorEmail);
  await mentor.locator('#password').fill(DEMO_PASSWORD);
  await mentor.locator('form.form button[type=submit]').click();
  await expect(mentor.locator('.account__name')).toBeVisible();
  await open(mentor, workspace!, info);
  await noSideScroll(mentor);
  const place = `Sala Picasso (${info.project.name} ${Date.now()})`;
  const day = new Date(Date.now() + 9 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await mentor.locator('.new-meeting summary').click();
  await mentor.locator('#new-meeting-date').fill(day);
  await mentor.locator('#new-meeting-time').fill('10:30');
  await mentor.locator('#new-meeting-place').fill(place);
  await mentor.locator('.new-meeting button[type=submit]').click();
  const proposed = mentor.locator('.meeting', { hasText: place });
  await expect(proposed).toHaveAttribute('data-status', 'proposed');
  await expect(proposed.locator('.meeting__waiting')).toBeVisible();
  await mentorCtx.close();

  // The mentee sees it (in his own time zone), accepts, and downloads the calendar file.
  await open(mentee, workspace!, info);
  const meeting = mentee.locator('.meeting', { hasText: place });
  await expect(meeting).toHaveAttribute('data-status', 'proposed');
  if (js) await noAxeViolations(mentee);
  await meeting.getByRole('button', { name: 'Accept' }).click();
  await expect(mentee.locator('.meeting', { hasText: place })).toHaveAttribute('data-status', 'accepted');
  await noSideScroll(mentee);
  const [download] = await Promise.all([
    mentee.waitForEvent('download'),
    mentee.locator('.meeting', { hasText: place }).getByRole('link', { name: 'Add to calendar (.ics)' }).click(),
  ]);
  const ics = await readFile((await download.path())!, 'utf8');
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain('STATUS:CONFIRMED');
  expect(ics).toMatch(/DTSTART:\d{8}T\d{6}Z/);
  expect(ics.replace(/\r\n /g, '')).toContain('Sala Picasso');
  // The private calendar feed (with and without JavaScript): the address is shown once, and the
  // feed lists the meeting.
  await open(mentee, '/pair', info);
  await mentee.locator('#calendar-create').click();
  const url = await mentee.locator('#calendar-url').inputValue();
  expect(url).toMatch(/\/calendar\/[0-9a-f]{64}\.ics$/);
  const feed = await mentee.request.get(new URL(url).pathname);
  expect(feed.status()).toBe(200);
  expect((await feed.text()).replace(/\r\n /g, '')).toContain('Sala Picasso');
  await expect(mentee.locator('#calendar-status')).toContainText('live address');
  await mentee.reload();
  await expect(mentee.locator('#calendar-status')).toContainText('live address');
  await expect(mentee.locator('#calendar-url')).toHaveCount(0);
  await menteeCtx.close();
});
