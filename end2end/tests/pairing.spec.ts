// HR pairs the demo program on the board, reads why a pair was chosen, publishes, and a mentee
// sees their mentor. The first project run pairs and publishes; the second finds them published.
import { expect, test } from '@playwright/test';
import { DEMO, open, signIn } from '../fixtures/pages';

const DEMO_PROGRAM = 'Mentoría Inversa 2027 · Piloto';

test('HR runs matching, reads an explanation, publishes; the mentee sees their mentor', async ({ browser }, info) => {
  const js = info.project.name === 'hydrated';
  const hrCtx = await browser.newContext({ locale: 'es-ES', javaScriptEnabled: js });
  const hr = await hrCtx.newPage();
  await signIn(hr, info, DEMO.manager);
  await open(hr, '/programs', info);
  await hr.getByRole('link', { name: DEMO_PROGRAM, exact: true }).click();
  await expect(hr.locator('h1')).toHaveText(DEMO_PROGRAM);
  if ((await hr.locator('.program-head .badge').textContent()) === 'Inscripción') {
    await hr.getByRole('button', { name: 'Pasar a: Emparejamiento' }).click();
    await expect(hr.locator('.program-head .badge')).toHaveText('Emparejamiento');
  }
  await hr.getByRole('link', { name: 'Abrir el tablero de emparejamiento' }).click();
  await expect(hr.locator('h1')).toHaveText('Tablero de emparejamiento');

  const published = hr.locator('.pair-card[data-status="published"]');
  if ((await published.count()) === 0) {
    await hr.getByRole('button', { name: 'Calcular parejas' }).click();
    await expect(hr.locator('.pair-card[data-status="draft"]').first()).toBeVisible();
    // 18 seniors and 22 juniors with two seats each; the CEO heads every junior's reporting
    // line, so 17 can be paired and she is explained as having no eligible mentor.
    await expect(hr.locator('.pair-card')).toHaveCount(17);
    await hr.getByRole('button', { name: 'Publicar parejas' }).click();
    await expect(published.first()).toBeVisible();
  }
  await expect(published).toHaveCount(17);
  await expect(hr.locator('#unpaired-title + ul li')).toHaveCount(1);
  await expect(hr.locator('#unpaired-title + ul li')).toContainText('Carmen Ortega Ruiz');
  await expect(hr.locator('#unpaired-title + ul li')).toContainText('Ningún mentor puede emparejarse');
  const first = hr.locator('.pair-card').first();
  await first.locator('summary').click();
  await expect(first.locator('.why li').first()).toContainText('puntos');
  await expect(hr.locator('.supply tr[data-topic="ai_tools"] td').first()).toHaveText('Herramientas de IA');
  await hrCtx.close();

  const menteeCtx = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: js });
  const mentee = await menteeCtx.newPage();
  await signIn(mentee, info, DEMO.mentee);
  await open(mentee, '/pair', info);
  await expect(mentee.locator('.my-pair')).toContainText('mentors you');
  await expect(mentee.locator('.my-pair')).toContainText('Mentoría Inversa 2027');
  await menteeCtx.close();
});

test('the board keeps other managers out', async ({ browser }, info) => {
  const js = info.project.name === 'hydrated';
  const ctx = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: js });
  const page = await ctx.newPage();
  await signIn(page, info, DEMO.manager);
  await open(page, '/programs', info);
  const href = await page.getByRole('link', { name: DEMO_PROGRAM, exact: true }).getAttribute('href');
  await ctx.close();
  const other = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: js });
  const p2 = await other.newPage();
  await signIn(p2, info, 'hr@inversa.example');
  const res = await p2.goto(`${href}/pairs`);
  expect(res?.status()).toBe(404);
  await other.close();
});
