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
