// HR pairs a program on the board, publishes, then the data changes under the published pairs:
// the board marks them as needing a decision, HR keeps one and undoes the other, optimises the
// rest and publishes again; a mentee sees her mentor and accepts. Each browser project works on a
// program of its own (its own people), so every form — run, optimise, publish, keep, undo,
// accept — is used both with JavaScript and without it; the hand edits (drag, keyboard move,
// undo, pin) need JavaScript and run in the hydrated project.
import { APIRequestContext, Browser, expect, Locator, Page, test, TestInfo } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, DEMO_PROGRAM, open, signIn } from '../fixtures/pages';

/** One program's people: Lucía teaches AI tools, which James and Carmen want to learn; Ana and
 * Diego have seats; Sergio is senior to everyone; Nuria takes nobody; Begoña's only junior is
 * Nuria, Elena has no junior at all. */
function people(tag: string, luciaCapacity: number) {
  const row = (first: string, level: number, capacity: string, teach: string, learn: string, role: string) =>
    `${first.toLowerCase()}.${tag}@e2e.example;${first} ${SURNAME[first]};${level};${capacity};es;${teach};${learn};${role}`;
  return [
    'email;nombre;nivel;capacidad;idiomas;puede enseñar;quiere aprender;rol',
    row('Lucia', 3, String(luciaCapacity), 'Herramientas de IA', '', 'mentor'),
    row('Ana', 2, '2', '', '', 'mentor'),
    row('Diego', 2, '1', '', '', 'mentor'),
    row('Sergio', 8, '1', '', '', 'mentor'),
    row('Nuria', 1, '0', '', '', 'mentor'),
    row('James', 7, '', '', 'Herramientas de IA', 'mentee'),
    row('Carmen', 7, '', '', 'Herramientas de IA', 'mentee'),
    row('Tomas', 7, '', '', '', 'mentee'),
    row('Marta', 7, '', '', '', 'mentee'),
    row('Begona', 2, '', '', '', 'mentee'),
    row('Elena', 1, '', '', '', 'mentee'),
  ].join('\n') + '\n';
}

const SURNAME: Record<string, string> = {
  Lucia: 'Soler', Ana: 'Costa', Diego: 'Mora', Sergio: 'Pons', Nuria: 'Sanz',
  James: 'Reed', Carmen: 'Vidal', Tomas: 'Prieto', Marta: 'Ibáñez', Begona: 'Lago', Elena: 'Ruiz',
};
const full = (first: string) => `${first} ${SURNAME[first]}`;

/** HR's import of the people file into the program (the import page's own server function; the
 * page itself is tested in import.spec.ts). */
async function importPeople(request: APIRequestContext, program: string, csv: string) {
  const res = await request.post('/api/commit_import', {
    data: { program, csv_base64: Buffer.from(csv, 'utf-8').toString('base64'), options: {} },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** Carmen gets an account (the admin's invitation, accepted), linked to her employee record. */
async function carmenAccount(browser: Browser, info: TestInfo, email: string) {
  const adminCtx = await browser.newContext({ locale: 'es-ES' });
  const admin = await adminCtx.newPage();
  await signIn(admin, { project: { name: 'no-js' } } as TestInfo, DEMO.admin);
  const res = await admin.request.post('/api/invite_user', {
    form: { name: full('Carmen'), email, role: 'participant' },
  });
  expect(res.status(), await res.text()).toBe(200);
  const link: string = (await res.json()).link;
  await adminCtx.close();
  const ctx = await browser.newContext({ locale: 'es-ES', javaScriptEnabled: info.project.name === 'hydrated' });
  const page = await ctx.newPage();
  await open(page, new URL(link).pathname, info);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('#confirm').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Activar mi cuenta' }).click();
  await expect(page.locator('.account__name')).toBeVisible();
  await ctx.close();
}

const cardOf = (page: Page, mentee: string) =>
  page.locator('.pair-card').filter({ has: page.locator('.chip-person[data-side="mentee"] strong', { hasText: full(mentee) }) });
const mentorOf = (card: Locator) => card.locator('.chip-person[data-side="mentor"] strong');
const total = async (page: Page) => Number(await page.locator('.board-total').getAttribute('data-total'));

test('HR pairs, publishes, decides about pairs the data broke, optimises the rest; the mentee accepts', async ({ browser }, info) => {
  test.setTimeout(180_000);
  const js = info.project.name === 'hydrated';
  const tag = `${info.project.name}${Date.now()}`;
  const programName = `Emparejamiento ${info.project.name} ${Date.now()}`;
  const carmenEmail = `carmen.${tag}@e2e.example`;
  // Tall enough for the whole board, so a drag never has to scroll between its two ends.
  const hrCtx = await browser.newContext({ locale: 'es-ES', javaScriptEnabled: js, viewport: { width: 1280, height: 2400 } });
  const hr = await hrCtx.newPage();
  await signIn(hr, info, DEMO.manager);

  // A program of its own, with its people, in its matching stage.
  await open(hr, '/programs', info);
  await hr.locator('#program-name').fill(programName);
  await hr.locator('#program-starts').fill('2027-02-01');
  await hr.locator('#program-ends').fill('2027-07-30');
  await hr.getByRole('button', { name: 'Crear programa' }).click();
  if (!js) await hr.getByRole('link', { name: programName }).click();
  await expect(hr.locator('h1')).toHaveText(programName);
  const programPath = new URL(hr.url()).pathname;
  const program = programPath.split('/').pop()!;
  await importPeople(hr.request, program, people(tag, 2));
  await carmenAccount(browser, info, carmenEmail);
  await hr.getByRole('button', { name: 'Pasar a: Inscripción' }).click();
  await expect(hr.locator('.program-head .badge')).toHaveText('Inscripción');
  await hr.getByRole('button', { name: 'Pasar a: Emparejamiento' }).click();
  await expect(hr.locator('.program-head .badge')).toHaveText('Emparejamiento');
  await hr.getByRole('link', { name: 'Abrir el tablero de emparejamiento' }).click();
  await expect(hr.locator('h1')).toHaveText('Tablero de emparejamiento');
  if (js) await expect(hr.locator('body')).toHaveAttribute('data-hydrated', 'true');

  // The engine: four mentees paired, Lucía with the two who want to learn what she teaches.
  await hr.getByRole('button', { name: 'Calcular parejas' }).click();
  await expect(hr.locator('.pair-card[data-status="draft"]')).toHaveCount(4);
  for (const mentee of ['James', 'Carmen']) await expect(mentorOf(cardOf(hr, mentee))).toHaveText(full('Lucia'));
  expect(await total(hr)).toBe(80);
  const unpaired = hr.locator('#unpaired-title + ul li');
  await expect(unpaired).toHaveCount(2);
  await expect(unpaired.filter({ hasText: full('Elena') })).toContainText('Ningún mentor puede emparejarse');
  await expect(unpaired.filter({ hasText: full('Begona') })).toContainText('no aceptan mentees (capacidad 0)');
  const why = cardOf(hr, 'James').locator('details.why');
  await why.locator('summary').click();
  await expect(why.locator('li').first()).toContainText('puntos');

  if (js) await editByHand(hr);

  await hr.getByRole('button', { name: 'Publicar parejas' }).click();
  await expect(hr.locator('.pair-card[data-status="published"]')).toHaveCount(4);
  await expect(hr.locator('.pair-card[data-needs-decision="true"]')).toHaveCount(0);

  // A re-import lowers Lucía's capacity to 1: her two published pairs need a decision, with
  // the reason, and nothing else is in the way.
  await importPeople(hr.request, program, people(tag, 1));
  await open(hr, `${programPath}/pairs`, info);
  const james = cardOf(hr, 'James');
  const carmen = cardOf(hr, 'Carmen');
  for (const card of [james, carmen]) {
    await expect(card).toHaveAttribute('data-needs-decision', 'true');
    await expect(card.locator('.needs-decision')).toContainText('Necesita una decisión');
    await expect(card.locator('.needs-decision')).toContainText(`${full('Lucia')} tendría 2 mentees y acepta 1`);
  }
  await expect(hr.locator('.pair-card[data-needs-decision="true"]')).toHaveCount(2);

  // HR keeps Carmen's pair and undoes James's, telling both why.
  await carmen.getByRole('button', { name: 'Mantener la pareja' }).click();
  await expect(carmen).toHaveAttribute('data-needs-decision', 'false');
  await expect(carmen.locator('.kept-despite')).toContainText('Mantenida por RR. HH.');
  await expect(james).toHaveAttribute('data-needs-decision', 'true');
  await expect(james.locator('input[name="reason"]')).toHaveValue(`${full('Lucia')} tendría 2 mentees y acepta 1`);
  await james.getByRole('button', { name: 'Deshacer la pareja' }).click();
  await expect(james).toHaveCount(0);
  await expect(unpaired.filter({ hasText: full('James') })).toHaveCount(1);
  await expect(hr.locator('.pair-card[data-status="published"]')).toHaveCount(3);

  // "Optimise the rest" pairs James again, with the seat left (not Lucía: she is full, and they
  // were a pair before); then it is published.
  await hr.getByRole('button', { name: 'Optimizar el resto' }).click();
  await expect(james).toHaveAttribute('data-status', 'draft');
  await expect(mentorOf(james)).not.toHaveText(full('Lucia'));
  await expect(unpaired.filter({ hasText: full('James') })).toHaveCount(0);
  await hr.getByRole('button', { name: 'Publicar parejas' }).click();
  await expect(hr.locator('.pair-card[data-status="published"]')).toHaveCount(4);
  await hrCtx.close();

  // Carmen sees her mentor (notification and pair page) and accepts.
  const menteeCtx = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: js });
  const mentee = await menteeCtx.newPage();
  await signIn(mentee, info, carmenEmail);
  await open(mentee, '/notifications', info);
  await expect(mentee.locator('.notification[data-kind="pair_published"]').first()).toContainText(programName);
  await open(mentee, '/pair', info);
  const pair = mentee.locator('.my-pair').filter({ hasText: programName });
  await expect(pair).toContainText('mentors you');
  await expect(pair).toContainText(full('Lucia'));
  await pair.getByRole('button', { name: 'Accept the pair' }).click();
  await expect(mentee.locator('.my-pair').filter({ hasText: programName }).locator('.accepted')).toContainText(
    'You have accepted the pair',
  );
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

/**
 * Drags `from` onto `to` with the mouse, as a person does: press on the name, move over the
 * target, release. Made once: a drop that does not land fails the test where its outcome is
 * checked.
 */
async function drag(page: Page, from: Locator, to: Locator) {
  await from.locator('strong').hover();
  const box = (await to.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.y >= 0 && box.y + box.height <= viewport.height, 'both ends of the drag are on screen').toBe(true);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + 12, { steps: 8 });
  // A second move over the target: Chromium fires `dragover` on it before the drop.
  await page.mouse.move(box.x + box.width / 2 + 4, box.y + 14, { steps: 2 });
  await page.mouse.up();
}

/** Drag, refuse, reload, keyboard move, undo, pin, optimise the rest — on the drafts. */
async function editByHand(hr: Page) {
  const [james, tomas, marta] = ['James', 'Tomas', 'Marta'].map((m) => cardOf(hr, m));
  const tomasMentor = (await mentorOf(tomas).textContent())!;
  expect(tomasMentor).not.toBe(full('Lucia'));

  // Lucía dragged from James's pair onto Tomás's: the two swap mentors, the board re-scores at
  // once (the 40 points of what she teaches James are lost) and the edit is saved.
  await drag(hr, james.locator('.chip-person[data-side="mentor"]'), tomas);
  await expect(mentorOf(james)).toHaveText(tomasMentor);
  await expect(mentorOf(tomas)).toHaveText(full('Lucia'));
  await expect.poll(() => total(hr)).toBe(40);
  await expect(hr.locator('.save-status')).toHaveText('Cambios guardados');

  // Sergio, senior to everyone, dropped on Marta's pair: refused with the reason, nothing moves.
  const sergio = hr.locator('.pool .chip-person', { hasText: full('Sergio') });
  const before = (await mentorOf(marta).textContent())!;
  await drag(hr, sergio, marta);
  const notice = hr.locator('#board-notice');
  await expect(notice).toContainText(`No se puede: ${full('Marta')} y ${full('Sergio')}`);
  await expect(mentorOf(marta)).toHaveText(before);
  await notice.getByRole('button', { name: 'Cerrar el aviso' }).click();
  await expect(notice).toHaveCount(0);

  // Saved as you go: a reload shows the hand-made board.
  await hr.reload();
  await expect(hr.locator('body')).toHaveAttribute('data-hydrated', 'true');
  await expect(mentorOf(tomas)).toHaveText(full('Lucia'));

  // The keyboard way: "move…" Tomás to the pool, then undo it.
  await tomas.locator('.chip-person[data-side="mentee"] .move-button').click();
  await expect(hr.locator('#move-target')).toBeFocused();
  await hr.locator('#move-target').selectOption('pool');
  await hr.keyboard.press('Enter');
  await expect(tomas).toHaveCount(0);
  await expect(hr.locator('#unpaired-title + ul li', { hasText: full('Tomas') })).toHaveCount(1);
  await hr.locator('#undo').click();
  await expect(mentorOf(tomas)).toHaveText(full('Lucia'));

  // Pin Carmen's pair and optimise the rest: the pin stays, and the rest goes back to the
  // optimum — James with Lucía again, 80 points.
  const carmen = cardOf(hr, 'Carmen');
  await carmen.getByRole('button', { name: 'Fijar' }).click();
  await expect(carmen).toHaveAttribute('data-pinned', 'true');
  await expect(hr.locator('.save-status')).toHaveText('Cambios guardados');
  await hr.getByRole('button', { name: 'Optimizar el resto' }).click();
  await expect(hr.locator('.alert--ok')).toContainText('mentees emparejados');
  await expect(mentorOf(james)).toHaveText(full('Lucia'));
  await expect(mentorOf(tomas)).not.toHaveText(full('Lucia'));
  await expect(carmen).toHaveAttribute('data-pinned', 'true');
  await expect.poll(() => total(hr)).toBe(80);
  await expect(hr.locator('.pair-card')).toHaveCount(4);
}
