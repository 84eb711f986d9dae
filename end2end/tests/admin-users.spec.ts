// The admin invites someone; the invitation link lets them choose a password and sign in; the
// admin disables the account and the person's session ends.
import { expect, test } from '@playwright/test';
import { DEMO, open, signIn } from '../fixtures/pages';

test('invite, accept, disable', async ({ browser }, info) => {
  const js = info.project.name === 'hydrated';
  // The one-time link is shown once, in the answer of the enhanced form; a plain form post
  // redirects back without it. Sending it by email comes with the notifications issue.
  test.skip(!js, 'the one-time invitation link is shown by the enhanced form only');
  const email = `nuevo.${info.project.name}.${Date.now()}@inversa.example`;
  const adminCtx = await browser.newContext({ locale: 'es-ES', javaScriptEnabled: js });
  const admin = await adminCtx.newPage();
  await signIn(admin, info, DEMO.admin);
  await open(admin, '/admin/users', info);
  await admin.locator('#invite-name').fill('Nuevo Participante');
  await admin.locator('#invite-email').fill(email);
  await admin.locator('#invite-role').selectOption('participant');
  await admin.getByRole('button', { name: 'Crear enlace de invitación' }).click();

  const link = (await admin.locator('.invite-link').textContent()) ?? '';
  expect(link).toMatch(/\/invite\/[0-9a-f]{64}$/);

  const newCtx = await browser.newContext({ locale: 'es-ES', javaScriptEnabled: js });
  const person = await newCtx.newPage();
  await open(person, new URL(link).pathname, info);
  await expect(person.locator('p').first()).toContainText(email);
  await person.locator('#password').fill('una contraseña larga');
  await person.locator('#confirm').fill('una contraseña larga');
  await person.getByRole('button', { name: 'Activar mi cuenta' }).click();
  await expect(person.locator('h1')).toHaveText('Hola, Nuevo Participante');

  await admin.reload();
  const row = admin.locator(`tr[data-email="${email}"]`);
  await expect(row).toContainText('Activa');
  await row.getByRole('button', { name: 'Desactivar' }).click();
  await expect(admin.locator(`tr[data-email="${email}"]`)).toHaveAttribute('data-disabled', 'true');

  await person.reload();
  await expect(person.locator('.account__name')).toHaveCount(0);
  await adminCtx.close();
  await newCtx.close();
});
