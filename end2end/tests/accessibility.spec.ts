// Automated accessibility checks (axe-core) on the main pages, at phone and desktop widths.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { DEMO, open, signIn } from '../fixtures/pages';

for (const width of [360, 1280]) {
  test(`login and dashboard have no axe violations at ${width}px`, async ({ page }, info) => {
    test.skip(info.project.name !== 'hydrated', 'one run is enough: axe reads the rendered page');
    await page.setViewportSize({ width, height: 800 });
    await open(page, '/login', info);
    const login = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(login.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await signIn(page, info, DEMO.admin);
    await open(page, '/admin/users', info);
    const users = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(users.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
  });
}

const axe = async (page: import('@playwright/test').Page) =>
  (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`,
  );

for (const width of [360, 1280]) {
  test(`program, board, signup, pair and notification pages have no axe violations at ${width}px`, async ({
    browser,
  }, info) => {
    test.skip(info.project.name !== 'hydrated', 'one run is enough: axe reads the rendered page');
    const hrCtx = await browser.newContext({ viewport: { width, height: 800 }, locale: 'es-ES' });
    const hr = await hrCtx.newPage();
    // Browser errors (a hydration panic, say) are printed to help diagnose a page that never hydrates.
    hr.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('CONSOLE', m.type(), m.text().slice(0, 600)); });
    hr.on('pageerror', (e) => console.log('PAGEERROR', e.message.slice(0, 600)));
    await signIn(hr, info, DEMO.manager);
    await open(hr, '/programs', info);
    await hr.getByRole('link', { name: 'Mentoría Inversa 2027 · Piloto', exact: true }).click();
    await expect(hr.locator('h1')).toHaveText('Mentoría Inversa 2027 · Piloto');
    const programPath = new URL(hr.url()).pathname;
    for (const path of [programPath, `${programPath}/pairs`]) {
      await open(hr, path, info);
      expect(await axe(hr), path).toEqual([]);
      expect(await hr.evaluate(() => document.documentElement.scrollWidth > window.innerWidth), path).toBe(false);
    }
    await open(hr, programPath, info);
    await hr.getByRole('button', { name: 'Crear enlace de inscripción' }).click();
    const join = new URL(await hr.locator('#signup-link').inputValue()).pathname;
    await hrCtx.close();

    const visitorCtx = await browser.newContext({ viewport: { width, height: 800 }, locale: 'es-ES' });
    const visitor = await visitorCtx.newPage();
    await open(visitor, join, info);
    expect(await axe(visitor), join).toEqual([]);
    await signIn(visitor, info, DEMO.mentor);
    await open(visitor, join, info);
    await expect(visitor.locator('.profile-form')).toBeVisible();
    expect(await axe(visitor), `${join} (profile form)`).toEqual([]);
    await visitorCtx.close();

    const ctx = await browser.newContext({ viewport: { width, height: 800 }, locale: 'en-GB' });
    const page = await ctx.newPage();
    await signIn(page, info, DEMO.mentee);
    for (const path of ['/pair', '/notifications']) {
      await open(page, path, info);
      expect(await axe(page), path).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth), path).toBe(false);
    }
    await ctx.close();
  });
}
