// Each role sees its own pages; a participant cannot open admin pages.
import { expect, test } from '@playwright/test';
import { DEMO, ensurePublished, open, signIn } from '../fixtures/pages';

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

test('the participant home tells the truth: her pairs, not "no pair yet"', async ({ page, browser }, info) => {
  await ensurePublished(browser);
  await signIn(page, info, DEMO.mentor);
  await expect(page.locator('.home-pairs li.home-pair').first()).toBeVisible();
  await expect(page.locator('main')).not.toContainText('Todavía no tienes pareja');
});

test('a program manager’s home lists the programs with their stage and next step', async ({ page }, info) => {
  await signIn(page, info, DEMO.manager);
  const pilot = page.locator('li.home-program', { hasText: 'Mentoría Inversa 2027 · Piloto' });
  await expect(pilot).toBeVisible();
  await expect(pilot.locator('[data-count="enrolled"] dd')).toHaveText(/^[1-9][0-9]*$/);
  await expect(page.locator('main')).not.toContainText('Aún no hay programas');
});

test('unknown pages answer 404 with a way back', async ({ page }) => {
  const res = await page.goto('/esto/no/existe');
  expect(res?.status()).toBe(404);
  await expect(page.locator('h1')).toHaveText('Página no encontrada');
  await expect(page.getByRole('link', { name: 'Volver al inicio' })).toBeVisible();
});
