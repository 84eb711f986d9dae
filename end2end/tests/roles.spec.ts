// Each role sees its own pages; a participant cannot open admin pages.
import { expect, test } from '@playwright/test';
import { DEMO, open, signIn } from '../fixtures/pages';

test('a participant cannot open admin pages', async ({ page }, info) => {
  await signIn(page, info, DEMO.mentor);
  await expect(page.getByRole('link', { name: 'Personas y cuentas' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Mi pareja' })).toBeVisible();
  const res = await page.goto('/admin/users');
  expect(res?.status()).toBe(403);
  await expect(page.locator('h1')).toHaveText('Acceso denegado');
  await expect(page.locator('table')).toHaveCount(0);
  const programs = await page.goto('/programs');
  expect(programs?.status()).toBe(403);
});

test('a program manager sees programs but not accounts', async ({ page }, info) => {
  await signIn(page, info, DEMO.manager);
  await expect(page.getByRole('link', { name: 'Programas' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Personas y cuentas' })).toHaveCount(0);
  await open(page, '/programs', info);
  await expect(page.getByRole('link', { name: 'Mentoría Inversa 2027 · Piloto', exact: true })).toBeVisible();
  const res = await page.goto('/admin/users');
  expect(res?.status()).toBe(403);
});

test('the participant dashboard has a helpful empty state', async ({ page }, info) => {
  await signIn(page, info, DEMO.mentor);
  await expect(page.locator('.empty-state h2')).toHaveText('Todavía no tienes pareja');
});

test('unknown pages answer 404 with a way back', async ({ page }) => {
  const res = await page.goto('/esto/no/existe');
  expect(res?.status()).toBe(404);
  await expect(page.locator('h1')).toHaveText('Página no encontrada');
  await expect(page.getByRole('link', { name: 'Volver al inicio' })).toBeVisible();
});
