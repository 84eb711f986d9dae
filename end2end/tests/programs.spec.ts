// HR designs a program and moves it through its lifecycle, with and without JavaScript.
import { expect, test } from '@playwright/test';
import { DEMO, open, signIn } from '../fixtures/pages';

test('a program manager creates, edits and opens enrolment for a program', async ({ page }, info) => {
  const name = `Piloto ${info.project.name} ${Date.now()}`;
  await signIn(page, info, DEMO.manager);
  await open(page, '/programs', info);
  await page.locator('#program-name').fill(name);
  await page.locator('#program-starts').fill('2027-01-11');
  await page.locator('#program-ends').fill('2027-06-30');
  await page.getByRole('button', { name: 'Crear programa' }).click();
  if (info.project.name === 'no-js') {
    // A plain form post comes back to the list; the new program is in it.
    await page.getByRole('link', { name }).click();
  }
  await expect(page.locator('h1')).toHaveText(name);
  await expect(page.locator('.program-head .badge')).toHaveText('Borrador');
  await expect(page.locator('.chip[data-topic="ai_tools"]')).toHaveText('Herramientas de IA');

  await page.locator('#p-purpose').fill('Acercar la IA a la dirección.');
  await page.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(page.locator('#p-purpose')).toHaveValue('Acercar la IA a la dirección.');

  await page.getByRole('button', { name: 'Pasar a: Inscripción' }).click();
  await expect(page.locator('.program-head .badge')).toHaveText('Inscripción');
  await expect(page.getByRole('button', { name: 'Pasar a: Emparejamiento' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Pasar a: Borrador' })).toHaveCount(0);
});

test('a bad date range is refused with a clear message', async ({ page }, info) => {
  await signIn(page, info, DEMO.manager);
  await open(page, '/programs', info);
  await page.locator('#program-name').fill('Fechas al revés');
  await page.locator('#program-starts').fill('2027-06-30');
  await page.locator('#program-ends').fill('2027-01-11');
  await page.getByRole('button', { name: 'Crear programa' }).click();
  await expect(page.locator('.alert--error')).toHaveText('El programa debe terminar después de empezar.');
});

test('another manager cannot open the program', async ({ browser }, info) => {
  const js = info.project.name === 'hydrated';
  const ctx = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: js });
  const page = await ctx.newPage();
  await signIn(page, info, DEMO.manager);
  await open(page, '/programs', info);
  const href = await page.locator('.program-card__name').first().getAttribute('href');
  expect(href).toMatch(/^\/programs\//);
  await ctx.close();

  const other = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: js });
  const p2 = await other.newPage();
  await signIn(p2, info, 'hr@inversa.example');
  await open(p2, href!, info);
  await expect(p2.locator('h1')).toHaveText('Page not found');
  await other.close();
});
