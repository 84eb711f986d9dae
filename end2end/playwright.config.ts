import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser. These flags keep it off the (closed) network.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: './tests',
  globalSetup: './fixtures/global-setup.ts',
  globalTeardown: './fixtures/global-teardown.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: process.env.INVERSA_E2E_URL ?? 'http://127.0.0.1:3917',
    locale: 'es-ES',
    headless: true,
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
    trace: 'off',
  },
  projects: [
    { name: 'hydrated', use: { javaScriptEnabled: true } },
    { name: 'no-js', use: { javaScriptEnabled: false } },
    // Last, once the other two are done: specs here change the shared demo program for good
    // (e.g. move it to "active").
    { name: 'final', testDir: './final', dependencies: ['hydrated', 'no-js'], use: { javaScriptEnabled: false } },
  ],
});
