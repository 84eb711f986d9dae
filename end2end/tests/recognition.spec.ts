// Recognition on a phone-sized screen (360×740), with and without JavaScript: a mentor sends
// kudos to a mentee, who finds it on the program's wall; a participant's fifth check-in earns a
// badge shown on their recognition page. The demo database is shared by both projects, so each
// writes its own kudos and the badge is asserted after five more check-ins of its own person.
import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';
import { DEMO, DEMO_PROGRAM, ensurePublished, hydrated, open, signIn } from '../fixtures/pages';

const viewport = { width: 360, height: 740 };
test.use({ viewport });
test.beforeAll(async ({ browser }) => ensurePublished(browser));

async function noAxeViolations(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

async function noSideScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('a mentor sends kudos and the mentee sees it on the wall', async ({ browser }, info) => {
  const js = hydrated(info);
  const message = `Gracias por tu paciencia con mis preguntas (${info.project.name})`;

  const mentorCtx = await browser.newContext({ locale: 'es-ES', javaScriptEnabled: js, viewport });
  const mentor = await mentorCtx.newPage();
  await signIn(mentor, info, DEMO.mentor);
  await open(mentor, '/recognition', info);
  await expect(mentor.locator('h1')).toHaveText('Mis reconocimientos');
  await mentor.getByRole('link', { name: `Reconocimientos · ${DEMO_PROGRAM}` }).click();
  const form = mentor.locator('#kudos-form');
  await form.getByLabel('Para').selectOption({ label: 'James Wilson' });
  await form.getByText('Paciencia', { exact: true }).click();
  await form.getByLabel('Mensaje').fill(message);
  if (js) await noAxeViolations(mentor);
  await mentor.locator('#send-kudos').click();
  await expect(mentor.locator('#kudos-list .kudos', { hasText: message })).toBeVisible();
  await noSideScroll(mentor);
  await mentorCtx.close();

  const menteeCtx = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: js, viewport });
  const mentee = await menteeCtx.newPage();
  await signIn(mentee, info, DEMO.mentee);
  await open(mentee, '/recognition', info);
  await mentee.getByRole('link', { name: `Recognition · ${DEMO_PROGRAM}` }).click();
  const card = mentee.locator('#kudos-list .kudos', { hasText: message });
  await expect(card).toHaveAttribute('data-to-me', 'true');
  await expect(card).toContainText('Patience');
  await expect(card.getByText('Take off the wall…')).toBeVisible();
  if (js) await noAxeViolations(mentee);
  await menteeCtx.close();
});

test('five check-ins earn a badge shown on the recognition page', async ({ browser }, info) => {
  test.setTimeout(90_000);
  const js = hydrated(info);
  // Hydrated: James in English; without JavaScript: Lucía in Spanish.
  const who = js ? DEMO.mentee : DEMO.mentor;
  const w = js
    ? { learned: 'What I learned', send: 'Send the check-in', badge: 'Five check-ins', title: 'My recognition' }
    : { learned: 'Qué aprendí', send: 'Enviar el check-in', badge: 'Cinco check-ins', title: 'Mis reconocimientos' };
  const ctx = await browser.newContext({ locale: js ? 'en-GB' : 'es-ES', javaScriptEnabled: js, viewport });
  const page = await ctx.newPage();
  await signIn(page, info, who);
  for (let i = 1; i <= 5; i++) {
    await open(page, '/checkin', info);
    await page.getByLabel('4', { exact: true }).check();
    await page.getByLabel(w.learned).fill(`Badge run ${info.project.name} ${i}`);
    await page.getByRole('button', { name: w.send }).click();
    await expect(page.locator('#checkin-saved')).toBeVisible();
  }
  await open(page, '/recognition', info);
  await expect(page.locator('h1')).toHaveText(w.title);
  const badge = page.locator('#my-badges li[data-badge="five_checkins"]');
  await expect(badge).toContainText(w.badge);
  await expect(badge.locator('svg[role="img"] title')).toContainText(w.badge);
  await noSideScroll(page);
  if (js) await noAxeViolations(page);
  await ctx.close();
});

test('HR sets certificate criteria; the verification page answers an unknown code without an account', async ({ browser }, info) => {
  const js = hydrated(info);
  const ctx = await browser.newContext({ locale: 'es-ES', javaScriptEnabled: js, viewport });
  const hr = await ctx.newPage();
  await signIn(hr, info, DEMO.manager);
  await open(hr, '/programs', info);
  await hr.getByRole('link', { name: DEMO_PROGRAM, exact: true }).click();
  await hr.getByRole('link', { name: 'Certificados', exact: true }).click();
  await expect(hr.locator('h1')).toHaveText('Certificados de participación');
  // The demo program has not started: nothing can be issued yet, and the page says so.
  await expect(hr.locator('#issue-not-yet')).toBeVisible();
  await expect(hr.locator('#certificate-people .certificate-person').first()).toBeVisible();
  const min = hr.getByLabel('Reuniones celebradas, como mínimo');
  await min.fill('4');
  await hr.locator('#save-criteria').click();
  await expect(hr.getByLabel('Reuniones celebradas, como mínimo')).toHaveValue('4');
  await expect(hr.locator('#certificate-people')).toContainText('de 4 reuniones');
  if (js) await noAxeViolations(hr);
  await noSideScroll(hr);
  await ctx.close();

  // Anyone, signed out: an unknown code is "not found", and the page asks not to be indexed.
  const anon = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: js, viewport });
  const page = await anon.newPage();
  await page.goto(`/verify/${'0'.repeat(32)}`);
  await expect(page.locator('h1')).toHaveText('Certificate verification');
  await expect(page.locator('#verify-unknown')).toBeVisible();
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  if (js) await noAxeViolations(page);
  await anon.close();
});
