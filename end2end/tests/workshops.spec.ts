// Workshops on a phone-sized screen (360×740), with and without JavaScript: HR plans a workshop
// with one seat starting in half an hour; a mentor takes the last seat, the next person lands on
// the waiting list; HR takes attendance at the door and the mentor sees it. Each project plans its
// own workshop (the demo database is shared), named after the project.
import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';
import { DEMO, DEMO_PROGRAM, hydrated, open, signIn } from '../fixtures/pages';

const viewport = { width: 360, height: 740 };
test.use({ viewport });

async function noAxeViolations(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

/** The date and time (UTC) `minutes` from now, as the form's fields take them. */
function utcIn(minutes: number): { date: string; time: string } {
  const at = new Date(Date.now() + minutes * 60_000).toISOString();
  return { date: at.slice(0, 10), time: at.slice(11, 16) };
}

test('HR plans a workshop; the last seat goes to one, the next waits; HR takes attendance', async ({ browser }, info) => {
  test.setTimeout(120_000);
  const js = hydrated(info);
  const titleEs = `Taller de escucha (${info.project.name})`;
  const titleEn = `Listening workshop (${info.project.name})`;

  // HR plans it from the program's training page.
  const hrCtx = await browser.newContext({ locale: 'es-ES', javaScriptEnabled: js, viewport });
  const hr = await hrCtx.newPage();
  await signIn(hr, info, DEMO.manager);
  await open(hr, '/programs', info);
  await hr.getByRole('link', { name: DEMO_PROGRAM, exact: true }).click();
  await hr.getByRole('link', { name: 'Formación del programa' }).click();
  await hr.locator('#new-workshop').click();
  const form = hr.locator('#workshop-form');
  await expect(form).toBeVisible();
  const start = utcIn(30);
  await form.getByLabel('Título (español)').fill(titleEs);
  await form.getByLabel('Título (inglés)').fill(titleEn);
  await form.getByLabel('Descripción (español)').fill('Practicamos escucha activa por parejas.');
  await form.getByLabel('Descripción (inglés)').fill('We practise active listening in pairs.');
  await form.locator('input[name=date]').fill(start.date);
  await form.locator('input[name=time]').fill(start.time);
  await form.locator('input[name=minutes]').fill('60');
  await form.locator('input[name=time_zone]').fill('UTC');
  await form.locator('input[name=place]').fill('Sala Norte, planta 2');
  await form.getByLabel('Plazas').fill('1');
  if (js) await noAxeViolations(hr);
  await hr.locator('#save-workshop').click();
  const card = hr.locator('#workshop-list .workshop', { hasText: titleEs });
  await expect(card).toBeVisible();
  await expect(card).toContainText('0 de 1 plazas ocupadas');
  await expect(hr.locator('#workshop-editor')).toHaveCount(0);

  // Lucía (mentor, Spanish) takes the only seat.
  const mentorCtx = await browser.newContext({ locale: 'es-ES', javaScriptEnabled: js, viewport });
  const mentor = await mentorCtx.newPage();
  await signIn(mentor, info, DEMO.mentor);
  await open(mentor, '/training', info);
  const mine = mentor.locator('#my-workshops .workshop', { hasText: titleEs });
  await expect(mine).toContainText('Queda 1 plaza');
  await mine.getByRole('button', { name: 'Inscribirme' }).click();
  await expect(mine).toHaveAttribute('data-seat', 'registered');
  await expect(mine.getByRole('link', { name: /al calendario \(\.ics\)/ })).toBeVisible();
  if (js) await noAxeViolations(mentor);

  // James (mentee, English) finds it full and joins the waiting list.
  const menteeCtx = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: js, viewport });
  const mentee = await menteeCtx.newPage();
  await signIn(mentee, info, DEMO.mentee);
  await open(mentee, '/training', info);
  const theirs = mentee.locator('#my-workshops .workshop', { hasText: titleEn });
  await expect(theirs).toContainText('Full');
  await theirs.getByRole('button', { name: 'Join the waiting list' }).click();
  await expect(theirs).toHaveAttribute('data-seat', 'waiting');
  await expect(theirs).toContainText('On the waiting list (place 1)');
  await menteeCtx.close();

  // HR sees one seat taken and one waiting, and takes attendance at the door.
  await open(hr, new URL(hr.url()).pathname, info);
  await expect(card).toContainText('1 de 1 plazas ocupadas');
  await expect(card).toContainText('1 en espera');
  await card.getByRole('link', { name: 'Pasar lista' }).click();
  await expect(hr.locator('h1')).toHaveText('Pasar lista');
  const rows = hr.locator('.attendance-row');
  await expect(rows).toHaveCount(1);
  await rows.first().getByText('Presente').click();
  if (js) await noAxeViolations(hr);
  await hr.locator('#save-attendance').click();
  await expect(hr.locator('#attendance-saved')).toContainText('Asistencia guardada (1 persona)');
  await expect(hr.locator('#attendance-count')).toContainText('1 de 1');
  await hrCtx.close();

  // The mentor sees it.
  await open(mentor, '/training', info);
  await expect(mine).toContainText('Asististe');
  await mentorCtx.close();
});
