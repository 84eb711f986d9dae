// Switching between Spanish and English, remembered across pages and for the account.
import { expect, test } from '@playwright/test';
import { DEMO, open, signIn } from '../fixtures/pages';

test('a visitor switches to English and back', async ({ page }, info) => {
  await open(page, '/', info);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.locator('h1')).toHaveText('Mentoría inversa, en los dos sentidos');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('h1')).toHaveText('Reverse mentoring, both ways');
  await open(page, '/login', info);
  await expect(page.locator('h1')).toHaveText('Sign in to Inversa');
  await page.getByRole('link', { name: 'Español' }).click();
  await expect(page.locator('h1')).toHaveText('Inicia sesión en Inversa');
});

test('the browser language is the default, and an English-speaking account gets English', async ({ browser }, info) => {
  const context = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: info.project.name === 'hydrated' });
  const page = await context.newPage();
  await open(page, '/login', info);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await context.close();

  const spanish = await browser.newContext({ locale: 'es-ES', javaScriptEnabled: info.project.name === 'hydrated' });
  const p2 = await spanish.newPage();
  await signIn(p2, info, DEMO.mentee);
  await open(p2, '/', info);
  await expect(p2.locator('html')).toHaveAttribute('lang', 'en');
  await expect(p2.locator('h1')).toHaveText('Hello, James Wilson');
  await spanish.close();
});

test('dates are written the way each language writes them', async ({ page }, info) => {
  await signIn(page, info, DEMO.admin);
  await open(page, '/admin/users', info);
  const row = page.locator(`tr[data-email="${DEMO.admin}"]`);
  await expect(row).toContainText(/\d{1,2} de [a-z]+ de \d{4}/);
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator(`tr[data-email="${DEMO.admin}"]`)).toContainText(/\d{1,2} [A-Z][a-z]+ \d{4}/);
  await page.getByRole('link', { name: 'Español' }).click();
});
