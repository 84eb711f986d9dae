// Signing in and out, and a clear message for a wrong password — with and without JavaScript.
import { expect, test } from '@playwright/test';
import { DEMO, LoginPage, open, signIn, signOut } from '../fixtures/pages';

test('the demo admin signs in, sees the organisation dashboard and signs out', async ({ page }, info) => {
  await signIn(page, info, DEMO.admin);
  await expect(page.locator('h1')).toContainText('Hola, Admin Inversa');
  await expect(page.locator('.stats')).toContainText('Cuentas');
  await expect(page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Personas y cuentas' })).toBeVisible();
  await signOut(page);
  await open(page, '/admin/users', info);
  await expect(page).toHaveURL(/\/login\?next=\/admin\/users/);
});

test('a wrong password shows a clear message in Spanish', async ({ page }, info) => {
  const login = new LoginPage(page, info);
  await login.goto();
  await login.signIn(DEMO.admin, 'not-the-password');
  await expect(login.error()).toHaveText('El correo o la contraseña no son correctos.');
  await expect(page.locator('#password')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.account__name')).toHaveCount(0);
});

test('a wrong password shows a clear message in English after switching language', async ({ page }, info) => {
  const login = new LoginPage(page, info);
  await login.goto();
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('h1')).toHaveText('Sign in to Inversa');
  await login.signIn(DEMO.admin, 'not-the-password');
  await expect(login.error()).toHaveText('The email or password is not correct.');
  await page.getByRole('link', { name: 'Español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
});

test('after sign-in the user lands on the page they asked for', async ({ page }, info) => {
  const login = new LoginPage(page, info);
  await login.goto('/admin/users');
  await login.signIn(DEMO.admin);
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.locator('h1')).toHaveText('Personas y cuentas');
});
