// A session is stored in the database: it survives a server restart. A clean stop (SIGTERM)
// logs nothing at ERROR level.
import { expect, test } from '@playwright/test';
import { DEMO, signIn } from '../fixtures/pages';
import { removeData, startServer, stopServer } from '../fixtures/server';

test('a session survives a server restart', async ({ browser }, info) => {
  const port = info.project.name === 'hydrated' ? 3921 : 3922;
  let server = await startServer(port);
  try {
    const context = await browser.newContext({
      baseURL: server.url,
      locale: 'es-ES',
      javaScriptEnabled: info.project.name === 'hydrated',
    });
    const page = await context.newPage();
    await signIn(page, info, DEMO.admin);
    expect(await stopServer(server)).toBe(0);
    // Log lines carry the level after the timestamp (ANSI colour codes around it).
    expect(server.output.join('').split('\n').filter((l) => /\bERROR\b/.test(l))).toEqual([]);
    server = await startServer(port, server.dataDir);
    await page.goto('/admin/users');
    await expect(page.locator('h1')).toHaveText('Personas y cuentas');
    await expect(page.locator('.account__name')).toHaveText('Admin Inversa');
    await context.close();
  } finally {
    await stopServer(server);
    removeData(server);
  }
});
