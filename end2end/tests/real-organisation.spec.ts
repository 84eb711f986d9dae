// A real organisation end to end, as a new HR user meets it: an employee export written the way
// HR systems write it (Windows-1252, `;`, job titles in the level column, no role column, topic
// names typed by people, a manager from outside the file, day-first dates) imports in one
// sitting without editing the file. HR orders the titles, picks a role rule, maps the unknown
// topics and invites everyone; an imported person opens the invitation read from the SMTP sink,
// finds the profile pre-filled, completes it; HR matches and publishes; that person sees the pair
// and checks in on a 360×740 phone with JavaScript off.
import { Browser, expect, Page, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { DEMO, DEMO_PASSWORD } from '../fixtures/pages';

const run = Date.now();
const domain = `org${run}.example`;

/** One employee row of the export. */
interface Row {
  first: string;
  last: string;
  user: string;
  department: string;
  title: string;
  manager: string;
  start: string;
  teach: string;
  learn: string;
}

// Titles appear in this order in the file, which is not the order of seniority.
const people: Row[] = [
  { first: 'Lucía', last: 'Peña Ortiz', user: 'lucia.pena', department: 'Márketing', title: 'Becario', manager: 'nuria.llorente', start: '15/09/2024', teach: 'redes sociales|HERRAMIENTAS DE IA', learn: 'Liderazgo|Excel avanzado' },
  { first: 'Íñigo', last: 'Sáez Gómez', user: 'inigo.saez', department: 'Finanzas', title: 'Analista', manager: 'nuria.llorente', start: '01/03/2021', teach: 'Herramientas de IA', learn: 'Trabajo en remoto' },
  { first: 'Begoña', last: 'Ruiz Alba', user: 'begona.ruiz', department: 'Dirección', title: 'Director', manager: 'ceo@holding-externo.example', start: '20/01/1998', teach: 'Liderazgo', learn: 'Redes Sociales|IA generativa' },
  { first: 'Tomás', last: 'Vega Lara', user: 'tomas.vega', department: 'Operaciones', title: 'Analista Sénior', manager: 'nuria.llorente', start: '13/02/2017', teach: 'Trabajo en remoto', learn: 'Liderazgo' },
  { first: 'Gerardo', last: 'Núñez Prat', user: 'gerardo.nunez', department: 'Ventas', title: 'Gerente', manager: 'begona.ruiz', start: '30/06/2005', teach: 'Negociación|liderazgo', learn: 'herramientas de ia|IA generativa' },
  { first: 'Nuria', last: 'Llorente Mas', user: 'nuria.llorente', department: 'Personas', title: 'Jefe de equipo', manager: 'begona.ruiz', start: '17/11/2010', teach: 'Liderazgo', learn: 'redes sociales' },
];

function exportFile(): { name: string; mimeType: string; buffer: Buffer } {
  const header = 'Nº empleado;Nombre;Apellidos;Correo electrónico;Departamento;Puesto;Responsable (email);Fecha alta;Zona horaria;Idiomas;Puede enseñar;Quiere aprender';
  const lines = people.map((p, i) => {
    const manager = p.manager.includes('@') ? p.manager : `${p.manager}@${domain}`;
    return [1000 + i, p.first, p.last, `${p.user}@${domain}`, p.department, p.title, manager, p.start, 'Europe/Madrid', 'Español|Inglés', p.teach, p.learn].join(';');
  });
  // Windows-1252: every character used here is in Latin-1, where the two agree.
  const buffer = Buffer.from([header, ...lines].join('\r\n') + '\r\n', 'latin1');
  return { name: 'empleados_export_RRHH.csv', mimeType: 'text/csv', buffer };
}

async function hydratedPage(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
}

async function signInAs(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('form.form button[type=submit]').click();
  await expect(page.locator('.account__name')).toBeVisible();
}

/** The newest email to `to` in the SMTP sink, parsed. */
async function mailTo(to: string) {
  const dir = process.env.INVERSA_MAIL_DIR!;
  const find = () =>
    readdirSync(dir)
      .sort()
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .filter((m) => m.startsWith(`X-Envelope-To: ${to}`));
  await expect.poll(() => find().length, { timeout: 30_000 }).toBeGreaterThan(0);
  const all = find();
  return simpleParser(all[all.length - 1]);
}

async function hrContext(browser: Browser) {
  const ctx = await browser.newContext({ locale: 'es-ES', javaScriptEnabled: true });
  const page = await ctx.newPage();
  await signInAs(page, DEMO.manager);
  return { ctx, page };
}

test('an HR export imports in one sitting and an imported person reaches their pair', async ({ browser }, info) => {
  test.skip(info.project.name !== 'hydrated', 'one story; the participant part runs without JavaScript inside it');
  test.skip(!process.env.INVERSA_MAIL_DIR, 'needs the SMTP sink of the test servers');
  test.setTimeout(240_000);
  const { ctx: hrCtx, page: hr } = await hrContext(browser);

  // A program, open for enrolment.
  const programName = `Organisation real ${run}`;
  await hr.goto('/programs');
  await hydratedPage(hr);
  await hr.locator('#program-name').fill(programName);
  await hr.locator('#program-starts').fill('2027-02-01');
  await hr.locator('#program-ends').fill('2027-07-30');
  await hr.getByRole('button', { name: 'Crear programa' }).click();
  await expect(hr.locator('h1')).toHaveText(programName);
  const programPath = new URL(hr.url()).pathname;
  await hr.getByRole('button', { name: 'Pasar a: Inscripción' }).click();
  await expect(hr.locator('.program-head .badge')).toHaveText('Inscripción');

  // The import: every question is asked, none is an error on every row.
  await hr.getByRole('link', { name: 'Importar empleados' }).click();
  await hydratedPage(hr);
  await hr.locator('#import-file').setInputFiles(exportFile());
  await expect(hr.locator('.import__preview')).toContainText('Windows-1252');
  await expect(hr.locator('.import__preview')).toContainText('punto y coma');
  const questions = hr.locator('.import__questions');
  await expect(questions.locator('[data-question="level_titles"]')).toBeVisible();
  await expect(questions.locator('[data-question="roles"]')).toBeVisible();
  await expect(questions.locator('[data-question="topics"]')).toBeVisible();
  await expect(questions.locator('[data-question="unknown_managers"]')).toBeVisible();
  await expect(hr.locator('.import__errors [data-code="invalid_job_level"]')).toHaveCount(0);
  await expect(hr.locator('#import-submit')).toBeDisabled();
  await expect(hr.locator('#import-submit-why')).toBeVisible();

  // Titles, in file order, put in order of seniority with the keyboard: "Director" goes down
  // below "Jefe de equipo" and "Gerente"… one step at a time, focus staying on its arrow.
  const steps = hr.locator('#import-levels .ladder__step');
  await expect(steps).toHaveCount(6);
  const order = async () => (await steps.locator('.ladder__title').allTextContents()).map((t) => t.trim());
  expect(await order()).toEqual(['Becario', 'Analista', 'Director', 'Analista Sénior', 'Gerente', 'Jefe de equipo']);
  const down = hr.locator('#import-levels .ladder__step[data-title="Director"] .ladder__down');
  await down.focus();
  for (let i = 0; i < 3; i++) {
    // The moved step gets the focus back on its arrow after the move is drawn.
    await expect(down).toBeFocused();
    await hr.keyboard.press('Enter');
  }
  await expect.poll(order).toEqual(['Becario', 'Analista', 'Analista Sénior', 'Gerente', 'Jefe de equipo', 'Director']);
  // At the bottom its "down" arrow is disabled: the focus went to its "up" arrow.
  await expect(hr.locator('#import-levels .ladder__step[data-title="Director"] .ladder__up')).toBeFocused();
  const up = hr.locator('#import-levels .ladder__step[data-title="Jefe de equipo"] .ladder__up');
  await up.focus();
  await hr.keyboard.press('Enter');
  await expect.poll(order).toEqual(['Becario', 'Analista', 'Analista Sénior', 'Jefe de equipo', 'Gerente', 'Director']);
  await hr.getByRole('button', { name: 'Usar este orden' }).click();
  await expect(questions.locator('[data-question="level_titles"]')).toHaveCount(0);

  // Roles by level: up to Analista Sénior (3) mentors, from Gerente (5) mentees, between both.
  await hr.locator('#import-rule-level').check();
  await hr.locator('#import-level-mentor').selectOption('3');
  await hr.locator('#import-level-mentee').selectOption('5');
  await hr.locator('#import-rule-apply').click();
  const split = hr.locator('.import__split');
  await expect(split).toHaveAttribute('data-mentors', '3');
  // Begoña's row still has an error (her manager), so she is not counted yet.
  await expect(split).toHaveAttribute('data-mentees', '1');
  await expect(split).toHaveAttribute('data-both', '1');
  await expect(split).toHaveAttribute('data-undecided', '0');

  // Unknown topics: "Excel avanzado" joins the catalogue, "IA generativa" is AI tools.
  const excel = hr.locator('.import__topics tr[data-topic="Excel avanzado"]');
  await excel.locator('select').selectOption('add');
  await excel.locator('input').nth(1).fill('Advanced Excel');
  const generative = hr.locator('.import__topics tr[data-topic="IA generativa"]');
  await generative.locator('select').selectOption('map:ai_tools');
  await hr.locator('#import-topics-apply').click();
  await expect(questions.locator('[data-question="topics"]')).toHaveCount(0);

  // Begoña's manager is outside the organisation: imported without that link.
  await expect(hr.locator('.import__errors [data-code="unknown_manager"]')).toHaveCount(1);
  await hr.locator('#import-managers-unlinked').check();
  await expect(hr.locator('.import__errors [data-code="unknown_manager"]')).toHaveCount(0);
  await expect(split).toHaveAttribute('data-mentees', '2');
  await expect(hr.getByText('No queda nada por decidir.')).toBeVisible();

  await expect(hr.locator('#import-submit')).toBeEnabled();
  await hr.locator('#import-submit').click();
  const done = hr.locator('.import__done');
  await expect(done).toContainText('6 nuevas');
  await expect(done).toBeInViewport();
  await expect(hr.locator('.import__preview')).toHaveCount(0);

  // Invitations for everyone without an account.
  await done.locator('#import-invite').click();
  await expect(hr).toHaveURL(new RegExp(`${programPath}#invitations$`));
  await hydratedPage(hr);
  const invitations = hr.locator('#invitations');
  await expect(invitations.locator('.invitations__counts [data-status="not_invited"]')).toHaveAttribute('data-count', '6');
  await hr.locator('#invite-everyone').click();
  await expect(hr.locator('#invitations-progress')).toHaveAttribute('data-finished', 'true');
  await expect(hr.locator('#invitations-progress')).toHaveAttribute('data-done', '6');
  await expect(invitations.locator('.invitations__counts [data-status="invited"]')).toHaveAttribute('data-count', '6');
  // Sending again invites nobody twice.
  await expect(hr.locator('#invite-everyone')).toBeDisabled();

  // Lucía, junior mentor, on her phone without JavaScript: the invitation from the mail sink.
  const lucia = `${people[0].user}@${domain}`;
  const mail = await mailTo(lucia);
  const link = (mail.text ?? '').match(/https?:\/\/\S+\/invite\/[0-9a-f]+/)?.[0];
  expect(link, mail.text).toBeTruthy();
  const phone = await browser.newContext({ locale: 'es-ES', javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const p = await phone.newPage();
  await p.goto(new URL(link!).pathname);
  await p.locator('#password').fill('una-clave-larga-2027');
  await p.locator('#confirm').fill('una-clave-larga-2027');
  await p.locator('button[type=submit]').last().click();
  // Straight to completing the profile, with what HR imported already filled in.
  await expect(p).toHaveURL(/\/profile\/[0-9a-f]+/);
  await expect(p.locator('h1')).toHaveText('Completa tu perfil');
  await expect(p.locator('#p-department')).toHaveValue('Márketing');
  await expect(p.locator('#can_teach-social_media')).toBeChecked();
  await expect(p.locator('#can_teach-ai_tools')).toBeChecked();
  await expect(p.locator('#wants_to_learn-leadership')).toBeChecked();
  await expect(p.locator('.from-hr[data-field="department"]')).toBeVisible();
  // The program wrote no expectations: it says so instead of empty headings.
  await expect(p.locator('#agreement-none')).toBeVisible();
  // She adds what HR could not know and accepts the agreement; the department stays.
  await p.getByLabel('Martes (mañana)').check();
  await p.getByLabel('Jueves (tarde)').check();
  await p.locator('#p-interests').fill('fotografía, running');
  await p.getByLabel('He leído y acepto el acuerdo del programa').check();
  await p.locator('#profile-save').click();
  await expect(p.locator('#profile-saved')).toContainText('Perfil guardado');
  await expect(p.locator('#p-department')).toHaveValue('Márketing');
  const phoneOverflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(phoneOverflow).toBeLessThanOrEqual(0);

  // HR matches and publishes.
  await hr.goto(programPath);
  await hr.getByRole('button', { name: 'Pasar a: Emparejamiento' }).click();
  await expect(hr.locator('.program-head .badge')).toHaveText('Emparejamiento');
  await hr.getByRole('link', { name: 'Abrir el tablero de emparejamiento' }).click();
  await hydratedPage(hr);
  // Begoña was imported without her manager: the board marks her.
  await expect(hr.locator('.chip-person[data-person] [data-unchecked="true"]').first()).toBeVisible();
  await hr.getByRole('button', { name: 'Calcular parejas' }).click();
  await expect(hr.locator('.pair-card[data-status="draft"]').first()).toBeVisible();
  await hr.getByRole('button', { name: 'Publicar parejas' }).click();
  await expect(hr.locator('.pair-card[data-status="published"]').first()).toBeVisible();
  await expect(hr.getByText('Revisa las parejas y publícalas')).toHaveCount(0);

  // Lucía sees her pair and checks in, still on the phone without JavaScript.
  await p.goto('/pair');
  await expect(p.locator('main')).not.toContainText('Todavía no tienes pareja');
  await expect(p.locator('main')).toContainText('Gerardo Núñez Prat');
  await p.getByRole('button', { name: 'Aceptar la pareja' }).click();
  await p.goto('/checkin');
  await p.getByLabel('4', { exact: true }).check();
  await p.locator('#checkin-learned').fill('Cómo negocia Gerardo con proveedores');
  await p.locator('#checkin-taught').fill('Atajos de IA para resumir informes');
  await p.locator('.checkin-form button[type=submit]').click();
  await expect(p.locator('main')).toContainText('Check-in guardado. ¡Gracias!');
  // At 360 px the five ratings are the same size and the blocker box sits beside its label.
  await p.goto('/checkin');
  const widths = await p.locator('.rating-choice__option').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().width)));
  expect(new Set(widths).size, widths.join(',')).toBe(1);
  const box = await p.locator('.check input[type=checkbox]').boundingBox();
  const label = await p.locator('.check').boundingBox();
  expect(box!.width).toBeLessThan(40);
  expect(Math.abs(box!.y + box!.height / 2 - (label!.y + label!.height / 2))).toBeLessThan(12);
  // Her home page tells the truth: the pair, not "no pair yet".
  await p.goto('/');
  await expect(p.locator('.home-pairs')).toContainText('Gerardo');
  await expect(p.locator('main')).not.toContainText('Todavía no tienes pareja');
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  await phone.close();
  await hrCtx.close();
});
