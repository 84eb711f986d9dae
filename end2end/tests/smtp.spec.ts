// Email leaves over real SMTP: the server delivers its outbox to the test mail sink (a real SMTP
// server, fixtures/smtp.ts). Publishing the pairs (pairing.spec.ts, or here if it has not) wrote
// an email to the demo mentee; it arrives with its subject and a link to his pair.
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { ensurePublished } from '../fixtures/pages';

test('the outbox is delivered over SMTP', async ({ browser }) => {
  const dir = process.env.INVERSA_MAIL_DIR;
  test.skip(!dir, 'the server under test was started elsewhere, without the mail sink');
  await ensurePublished(browser);
  const toJames = () =>
    readdirSync(dir!)
      .map((f) => readFileSync(join(dir!, f), 'utf8'))
      .filter((m) => m.startsWith('X-Envelope-To: james.wilson@inversa.example'));
  // The server delivers every few seconds.
  await expect.poll(() => toJames().length, { timeout: 20_000 }).toBeGreaterThan(0);
  const mail = await simpleParser(toJames()[0]);
  expect(mail.subject).toMatch(/^Your mentor for Mentoría Inversa 2027/);
  expect(mail.from?.value[0]?.address).toBe('no-reply@inversa.local');
  expect(mail.text).toContain('http://127.0.0.1:3917/pair');
});
