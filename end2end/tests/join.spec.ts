// HR shares a program's signup link; a new person creates an account, fills in the profile,
// accepts the agreement and is enrolled; HR then sees them on the pairing board.
import { expect, test, TestInfo } from '@playwright/test';
import { DEMO, open, signIn } from '../fixtures/pages';

test('a new person joins a program through its signup link', async ({ browser }, info) => {
  const js = info.project.name === 'hydrated';
  const name = `Alta ${info.project.name} ${Date.now()}`;

  // HR (with JavaScript: the link is shown once, in the enhanced page) makes a program and a link.
  const hrCtx = await browser.newContext({ locale: 'es-ES', javaScriptEnabled: true });
  const hr = await hrCtx.newPage();
  const withJs = { project: { name: 'hydrated' } } as TestInfo;
  await signIn(hr, withJs, DEMO.manager);
  await open(hr, '/programs', withJs);
  await hr.locator('#program-name').fill(name);
  await hr.locator('#program-starts').fill('2027-02-01');
  await hr.locator('#program-ends').fill('2027-07-31');
  await hr.getByRole('button', { name: 'Crear programa' }).click();
  await expect(hr.locator('h1')).toHaveText(name);
  const programUrl = hr.url();
  await hr.getByRole('button', { name: 'Pasar a: Inscripción' }).click();
  await expect(hr.locator('.program-head .badge')).toHaveText('Inscripción');
  await hr.getByRole('button', { name: 'Crear enlace de inscripción' }).click();
  const link = await hr.locator('#signup-link').inputValue();
  expect(link).toMatch(/\/join\/[0-9a-f]{64}$/);

  // The newcomer, with or without JavaScript.
  const ctx = await browser.newContext({ locale: 'es-ES', javaScriptEnabled: js });
  const page = await ctx.newPage();
  const path = new URL(link).pathname;
  await open(page, path, info);
  await expect(page.locator('.join-program h2')).toHaveText(name);
  await expect(page.locator('#agreement')).toHaveText('Acuerdo del programa');
  const email = `alta.${info.project.name}.${Date.now()}@example.com`;
  await page.locator('#join-name').fill('Marta Nueva');
  await page.locator('#join-email').fill(email);
  await page.locator('#join-password').fill('una-clave-larga-2027');
  await page.getByRole('button', { name: 'Crear cuenta y continuar' }).click();
  await expect(page.locator('.join .muted').first()).toBeVisible();
  await expect(page.getByText('Has iniciado sesión como Marta Nueva.')).toBeVisible();
  // Creating the account loaded the page again: wait until it is hydrated once more, or the
  // next click would post the plain form instead.
  if (js) await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });

  await page.getByLabel('Mentor: enseño').check();
  await page.locator('#p-level').fill('3');
  await page.locator('#p-department').fill('Marketing');
  if (js) {
    // A mentor with nothing to teach is refused with a clear message, and nothing is enrolled.
    await page.getByLabel('He leído y acepto el acuerdo del programa').check();
    await page.getByRole('button', { name: 'Inscribirme' }).click();
    await expect(page.locator('.alert--error')).toHaveText(
      'Elige al menos un tema que puedas enseñar (mentores) o que quieras aprender (mentees).',
    );
  }
  await page.locator('#can_teach-ai_tools').check();
  await page.locator('#wants_to_learn-leadership').check();
  await page.getByLabel('Martes (mañana)').check();
  await page.getByLabel('He leído y acepto el acuerdo del programa').check();
  await page.getByRole('button', { name: 'Inscribirme' }).click();
  if (js) await expect(page.locator('#join-done')).toContainText('Te has inscrito');
  await expect(page.locator('.enrolled')).toContainText('Ya estás inscrito en este programa como mentor');
  await ctx.close();

  // HR sees the newcomer as a mentor with a free seat on the board.
  await hr.goto(`${programUrl}/pairs`);
  await expect(hr.locator('#free-title ~ ul li')).toContainText('Marta Nueva');
  await hrCtx.close();
});

test('an unknown signup link says so', async ({ page }, info) => {
  await open(page, `/join/${'0'.repeat(64)}`, info);
  await expect(page.locator('.alert--error')).toContainText('no es válido');
});
