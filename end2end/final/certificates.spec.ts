// Certificates from start to end once every other spec has run (the 'final' project depends on
// both others): HR issues with JavaScript (the page repeats the batches and shows progress), James
// downloads without it, and the verification page is checked both ways. The spec it moves the shared demo program to "active", which the
// earlier specs must not see. By then James's pair has held meetings (review.spec.ts records
// them). axe runs on these pages in recognition.spec.ts (it needs JavaScript). HR issues the
// certificates; James downloads his; anyone can verify it; HR revokes it and
// the verification page says so.
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { DEMO, DEMO_PROGRAM, ensurePublished, open, signIn } from '../fixtures/pages';

const viewport = { width: 360, height: 740 };
test.use({ viewport });

test('HR issues certificates, James downloads his, the verification page shows it valid, then revoked', async ({ browser }, info) => {
  test.setTimeout(120_000);
  await ensurePublished(browser);
  const hrCtx = await browser.newContext({ locale: 'es-ES', javaScriptEnabled: true, viewport });
  const hr = await hrCtx.newPage();
  const hydratedPage = async (path: string) => {
    await hr.goto(path);
    await expect(hr.locator('body')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
  };
  await signIn(hr, info, DEMO.manager);
  await hydratedPage('/programs');
  await hr.getByRole('link', { name: DEMO_PROGRAM, exact: true }).click();
  await expect(hr.locator('body')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
  if ((await hr.locator('.program-head .badge').textContent()) !== 'Activo') {
    await hr.getByRole('button', { name: 'Pasar a: Activo' }).click();
    await expect(hr.locator('.program-head .badge')).toHaveText('Activo');
  }
  const programPath = new URL(hr.url()).pathname;
  await hydratedPage(`${programPath}/certificates`);
  // One held meeting is enough here, and training is not asked.
  await hr.getByLabel('Reuniones celebradas, como mínimo').fill('1');
  await hr.getByLabel('Haber completado la formación obligatoria').uncheck();
  await hr.locator('#save-criteria').click();
  const james = hr.locator('#certificate-people .certificate-person', { hasText: 'James Wilson' });
  await expect(james).toHaveAttribute('data-state', 'qualifies');
  await hr.locator('#issue-certificates').click();
  await expect(hr.locator('#issue-progress')).toHaveAttribute('data-remaining', '0');
  await expect(james).toHaveAttribute('data-state', 'issued');

  // James downloads his certificate from his page.
  const jamesCtx = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: false, viewport });
  const page = await jamesCtx.newPage();
  await signIn(page, info, DEMO.mentee);
  await open(page, '/recognition', info);
  const link = page.locator('#my-certificates a[href$=".pdf"]').first();
  await expect(link).toHaveText('Download PDF');
  const href = (await link.getAttribute('href'))!;
  const code = href.replace('/certificates/', '').replace('.pdf', '');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe('inversa-certificate.pdf');
  const pdf = await readFile((await download.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await jamesCtx.close();

  // Anyone, signed out, checks it, with and without JavaScript.
  for (const javaScriptEnabled of [true, false]) {
    const ctx = await browser.newContext({ locale: 'en-GB', javaScriptEnabled, viewport });
    const visitor = await ctx.newPage();
    await visitor.goto(`/verify/${code}`);
    await expect(visitor.locator('#verify-state')).toHaveAttribute('data-state', 'valid');
    await expect(visitor.locator('#verify-name')).toContainText('James Wilson');
    await expect(visitor.locator('#verify-program')).toHaveText(DEMO_PROGRAM);
    await ctx.close();
  }
  const anonCtx = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: false, viewport });
  const anon = await anonCtx.newPage();

  // HR revokes it with a reason; the page now says revoked.
  await hydratedPage(`${programPath}/certificates`);
  await james.getByText('Revocar…').click();
  await james.locator('textarea[name=reason]').fill('Emitido por error en la prueba');
  await james.getByRole('button', { name: 'Revocar el certificado' }).click();
  await expect(james).toHaveAttribute('data-state', 'revoked');
  await anon.goto(`/verify/${code}`);
  await expect(anon.locator('#verify-state')).toHaveAttribute('data-state', 'revoked');
  await expect(anon.locator('#verify-state')).toContainText('revoked on');
  await anonCtx.close();
  await hrCtx.close();
});
