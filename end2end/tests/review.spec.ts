// Feedback on a phone-sized screen (360×740): HR builds a form to send after each held meeting,
// the mentor records a meeting they had as held, both people answer, and HR sees the aggregate.
// Each project builds its own form (its title names the project) and answers only that one.
import AxeBuilder from '@axe-core/playwright';
import { Browser, expect, Page, test, TestInfo } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, DEMO_PROGRAM, ensurePublished, hydrated, open, signIn } from '../fixtures/pages';

const viewport = { width: 360, height: 740 };
test.use({ viewport });
test.beforeAll(async ({ browser }) => ensurePublished(browser));

async function answer(page: Page, info: TestInfo, title: string, rating: string, comment: string) {
  await open(page, '/feedback', info);
  await page.locator('.feedback-request[data-answered="false"]', { hasText: title }).first().locator('a').click();
  await expect(page.locator('#feedback-form')).toBeVisible();
  if (hydrated(info)) {
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  }
  await page.locator('.question-input--rating label.choice', { hasText: rating }).click();
  await page.locator('.question-input--text textarea').fill(comment);
  await page.locator('#feedback-form button[type=submit]').click();
  await expect(page.locator('#feedback-thanks')).toBeVisible();
  await expect(page.locator('.my-answers')).toContainText(comment);
}

async function signInAs(browser: Browser, email: string, js: boolean, locale: string) {
  const ctx = await browser.newContext({ locale, javaScriptEnabled: js, viewport });
  const page = await ctx.newPage();
  await page.goto('/login');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('form.form button[type=submit]').click();
  await expect(page.locator('.account__name')).toBeVisible();
  return { ctx, page };
}

test('HR builds a form, it is sent after a held meeting, both answer, HR sees the aggregate', async ({ browser }, info) => {
  test.setTimeout(90_000);
  const js = hydrated(info);
  const title = `Pulse ${info.project.name} ${Date.now()}`;

  // HR builds the form: two questions, reordered, previewed, switched on.
  const hrCtx = await browser.newContext({ locale: 'es-ES', javaScriptEnabled: js, viewport });
  const hr = await hrCtx.newPage();
  await signIn(hr, info, DEMO.manager);
  await open(hr, '/programs', info);
  await hr.getByRole('link', { name: DEMO_PROGRAM, exact: true }).click();
  await hr.getByRole('link', { name: 'Abrir las valoraciones' }).click();
  await expect(hr.locator('h1')).toHaveText('Valoraciones');
  await hr.locator('#f-title-es').fill(title);
  await hr.locator('#f-title-en').fill(title);
  await hr.locator('#f-trigger').selectOption('after_meeting');
  await hr.getByLabel('Anónimo: RR. HH. solo ve resultados agregados').uncheck();
  await hr.getByRole('button', { name: 'Crear el formulario' }).click();
  // Without JavaScript the answer is the builder; with it, the list shows the new form.
  const link = hr.getByRole('link', { name: title });
  await expect(hr.locator('.feedback-builder').or(link)).toBeVisible();
  if (await link.isVisible()) await link.click();
  await expect(hr.locator('h1')).toHaveText(title);
  const addQuestion = async (kind: string, es: string, en: string, required: boolean) => {
    if (!(await hr.locator('#q-kind').isVisible())) await hr.locator('.add-question summary').click();
    await hr.locator('#q-kind').selectOption(kind);
    await hr.locator('#q-text-es').fill(es);
    await hr.locator('#q-text-en').fill(en);
    const box = hr.locator('.add-question input[name=required]');
    if (required) await box.check(); else await box.uncheck();
    await hr.getByRole('button', { name: 'Añadir la pregunta' }).click();
    await expect(hr.locator('.question-list .question', { hasText: es })).toHaveCount(1);
  };
  await addQuestion('text', 'Un comentario', 'A comment', false);
  await addQuestion('rating', '¿Cómo fue la reunión?', 'How was the meeting?', true);
  // The whole order, before and after the move: a move that did nothing cannot pass.
  const questions = hr.locator('.question-list .question');
  const preview = hr.locator('.preview .question-input');
  await expect(questions).toContainText(['Un comentario', '¿Cómo fue la reunión?']);
  await expect(preview).toContainText(['Un comentario', '¿Cómo fue la reunión?']);
  await hr.getByRole('button', { name: 'Subir la pregunta 2' }).click();
  await expect(questions).toContainText(['¿Cómo fue la reunión?', 'Un comentario']);
  await expect(preview).toContainText(['¿Cómo fue la reunión?', 'Un comentario']);
  await hr.locator('#toggle-active').click();
  await expect(hr.locator('#form-state')).toHaveText('Activo');
  const builder = hr.url();

  // The mentee's mentor records a meeting they had yesterday and marks it held.
  const mentee = await signInAs(browser, DEMO.mentee, js, 'en-GB');
  await open(mentee.page, '/pair', info);
  const workspace = (await mentee.page.locator('.my-pair').first().getByRole('link', { name: 'Open the pair workspace' }).getAttribute('href'))!;
  await open(mentee.page, workspace, info);
  const mentorEmail = (await mentee.page.locator('.person').first().locator('a[href^="mailto:"]').textContent())!.trim();
  const mentor = await signInAs(browser, mentorEmail, js, 'es-ES');
  await open(mentor.page, workspace, info);
  const place = `Café ${title}`;
  const yesterday = new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 10);
  await mentor.page.locator('.new-meeting summary').click();
  await mentor.page.locator('#new-meeting-date').fill(yesterday);
  await mentor.page.locator('#new-meeting-time').fill('10:00');
  await mentor.page.locator('#new-meeting-place').fill(place);
  await mentor.page.locator('.new-meeting button[type=submit]').click();
  const meeting = mentor.page.locator('.meeting', { hasText: place });
  await expect(meeting).toHaveAttribute('data-status', 'proposed');
  await meeting.locator('form', { has: mentor.page.locator('input[name=change][value=held]') }).locator('button').click();
  await expect(mentor.page.locator('.meeting', { hasText: place })).toHaveAttribute('data-status', 'held');

  // Both answer their request.
  await answer(mentee.page, info, title, '4', 'Patient and clear');
  await answer(mentor.page, info, title, '2', 'Too short');
  await mentee.ctx.close();
  await mentor.ctx.close();

  // HR sees the aggregate: two answers, average 3.0, and (not anonymous) who said what.
  await open(hr, new URL(builder).pathname, info);
  await expect(hr.locator('#respondents')).toContainText('2 personas han respondido');
  const rating = hr.locator('.question-result[data-kind="rating"]');
  await expect(rating.locator('.average')).toHaveText('Media: 3.0');
  await expect(rating.locator('.bar', { hasText: '4' }).locator('.bar__count')).toHaveText('1');
  await expect(hr.locator('.question-result[data-kind="text"] .free-text li')).toHaveCount(2);
  await expect(hr.locator('.individual > li')).toHaveCount(2);
  const overflow = await hr.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  if (js) {
    const axe = await new AxeBuilder({ page: hr }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  }
  await hrCtx.close();
});

test('HR sees a pair at risk with its reason, pauses it and resumes it', async ({ browser }, info) => {
  // James flags a blocker in two check-ins in a row.
  const mentee = await signInAs(browser, DEMO.mentee, hydrated(info), 'en-GB');
  for (const n of [1, 2]) {
    await open(mentee.page, '/checkin', info);
    await mentee.page.getByLabel('1 · Poorly').check();
    await mentee.page.getByLabel('What I learned').fill(`Stuck on the rollout (${info.project.name} ${n})`);
    await mentee.page.getByLabel('Something blocks us and we need help').check();
    await mentee.page.getByRole('button', { name: 'Send the check-in' }).click();
    await expect(mentee.page.locator('#checkin-saved')).toBeVisible();
  }
  await mentee.ctx.close();

  // The demo HR manager works in Spanish.
  const ctx = await browser.newContext({ locale: 'es-ES', javaScriptEnabled: hydrated(info), viewport });
  const hr = await ctx.newPage();
  await signIn(hr, info, DEMO.manager);
  await open(hr, '/programs', info);
  await hr.getByRole('link', { name: DEMO_PROGRAM, exact: true }).click();
  await hr.getByRole('link', { name: 'Parejas en riesgo' }).click();
  await expect(hr.locator('h1')).toHaveText('Parejas en riesgo');
  const card = hr.locator('.risk', { hasText: 'James Wilson' });
  await expect(card).toHaveAttribute('data-reasons', /repeated_blockers/);
  await expect(card.locator('.reasons')).toContainText('bloqueos en los últimos check-ins');
  await card.getByRole('button', { name: 'Pausar' }).click();
  await expect(hr.locator('.risk[data-status="paused"]', { hasText: 'James Wilson' })).toHaveCount(1);
  // The new status is named in the reader's language, not as the stored word.
  if (hydrated(info)) await expect(hr.locator('#risk-done')).toHaveText('Hecho: la pareja está ahora «En pausa».');
  await hr.locator('.risk[data-status="paused"]', { hasText: 'James Wilson' }).getByRole('button', { name: 'Reanudar' }).click();
  await expect(hr.locator('.risk', { hasText: 'James Wilson' })).not.toHaveAttribute('data-status', 'paused');
  if (hydrated(info)) {
    const axe = await new AxeBuilder({ page: hr }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  }
  await ctx.close();
});
