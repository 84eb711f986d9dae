// Training on a phone-sized screen (360×740), with and without JavaScript: HR adds the starter
// set to the demo program; a participant reads a module, ticks a checklist item by item, fails a
// quiz and passes it on a later try, and "My training" counts it. The hydrated project plays the
// mentor, the one without JavaScript the mentee, so each takes the modules once.
import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';
import { DEMO, DEMO_PROGRAM, hydrated, open, signIn } from '../fixtures/pages';

const viewport = { width: 360, height: 740 };

/** What the participant reads: Lucía (the mentor) reads Spanish, James (the mentee) English. */
const WORDS = {
  es: {
    title: 'Mi formación', reading: /La mentoría inversa/, checklist: /Escucha activa/, quiz: /Dar feedback hacia arriba/,
    tick: 'Marcar', allTicked: '7 de 7', send: 'Enviar respuestas', passed: '¡Aprobado!', needed: 'necesitas un 75 %',
    wrong: 'Respuesta incorrecta', counted: '3 de 5 módulos completados',
  },
  en: {
    title: 'My training', reading: /Reverse mentoring and the program agreement/, checklist: /Active listening/,
    quiz: /Giving feedback upwards/, tick: 'Tick', allTicked: '7 of 7', send: 'Send answers', passed: 'Passed!',
    needed: 'you need 75%', wrong: 'Wrong or unanswered', counted: '3 of 5 modules completed',
  },
};
test.use({ viewport });

async function noAxeViolations(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

/** Opens one of my modules from "My training". */
async function openModule(page: Page, title: RegExp) {
  await page.goto('/training');
  await page.locator('.training-item h2 a', { hasText: title }).click();
  await expect(page.locator('h1')).toHaveText(title);
}

test('HR adds the starter set; a participant reads, ticks a checklist and passes a quiz', async ({ browser }, info) => {
  test.setTimeout(120_000);
  const js = hydrated(info);

  // HR adds the starter set from the program page; a second click would add nothing.
  const hrCtx = await browser.newContext({ locale: 'es-ES', javaScriptEnabled: js, viewport });
  const hr = await hrCtx.newPage();
  await signIn(hr, info, DEMO.manager);
  await open(hr, '/programs', info);
  await hr.getByRole('link', { name: DEMO_PROGRAM, exact: true }).click();
  await hr.getByRole('link', { name: 'Formación del programa' }).click();
  await expect(hr.locator('h1')).toHaveText('Formación del programa');
  await hr.getByRole('button', { name: 'Añadir el paquete inicial' }).click();
  await expect(hr.locator('.training-module-row')).toHaveCount(5);
  await expect(hr.locator('.training-module-row').first()).toContainText('La mentoría inversa');
  if (js) await noAxeViolations(hr);
  // HR previews a module: nothing can be taken there.
  await hr.locator('.training-module-row').nth(2).getByRole('link', { name: 'Vista previa' }).click();
  await expect(hr.locator('#preview-note')).toBeVisible();
  await expect(hr.locator('#quiz-form button[type=submit]')).toHaveCount(0);
  await hrCtx.close();

  const ctx = await browser.newContext({ locale: 'es-ES', javaScriptEnabled: js, viewport });
  const page = await ctx.newPage();
  await signIn(page, info, js ? DEMO.mentor : DEMO.mentee);
  const w = js ? WORDS.es : WORDS.en;
  await open(page, '/training', info);
  await expect(page.locator('h1')).toHaveText(w.title);
  await expect(page.locator('.training-item')).toHaveCount(5);
  // Required modules come first; the optional one is last.
  await expect(page.locator('.training-item').last()).toHaveAttribute('data-required', 'false');
  if (js) await noAxeViolations(page);

  // A reading, marked read.
  await openModule(page, w.reading);
  await expect(page.locator('.prose h2').first()).toBeVisible();
  if (await page.locator('#mark-done').isVisible()) await page.locator('#mark-done').click();
  await expect(page.locator('#module-done')).toBeVisible();

  // A checklist, ticked item by item; the module is done when the last one is ticked.
  await openModule(page, w.checklist);
  const open_items = page.locator('.checklist-item[data-ticked="false"]');
  for (let left = await open_items.count(); left > 0; left--) {
    await expect(page.locator('#module-done')).toHaveCount(0);
    await open_items.first().getByRole('button', { name: w.tick, exact: true }).click();
    await expect(open_items).toHaveCount(left - 1);
  }
  await expect(page.locator('#module-done')).toBeVisible();
  await expect(page.locator('#checklist-progress')).toContainText(w.allTicked);

  // A quiz: the first option everywhere fails (the right answers are not all first); each try
  // moves on only the questions marked wrong, until it passes.
  await openModule(page, w.quiz);
  if (js) await noAxeViolations(page);
  const questions = page.locator('#quiz-form fieldset');
  const count = await questions.count();
  const chosen: number[] = Array(count).fill(0);
  let failed = false;
  for (let attempt = 0; attempt < 5; attempt++) {
    for (let q = 0; q < count; q++) {
      await questions.nth(q).locator('label.choice').nth(chosen[q]).click();
    }
    // Wait for this try's answer: the count of tries moves on.
    const tries = page.locator('#quiz-tries');
    const before = (await tries.count()) > 0 ? await tries.textContent() : null;
    await page.getByRole('button', { name: w.send }).click();
    if (before === null) await expect(tries).toBeVisible();
    else await expect(tries).not.toHaveText(before);
    const result = page.locator('#quiz-result');
    if ((await result.textContent())?.includes(w.passed)) break;
    failed = true;
    await expect(result).toContainText(w.needed);
    for (let q = 0; q < count; q++) {
      if ((await questions.nth(q).getAttribute('data-wrong')) === 'true') chosen[q] += 1;
    }
    await expect(page.locator('#quiz-form fieldset[data-wrong="true"]').first()).toContainText(w.wrong);
  }
  expect(failed).toBe(true);
  await expect(page.locator('#quiz-result')).toContainText(w.passed);
  await expect(page.locator('#module-done')).toBeVisible();

  // "My training" counts three of five done.
  await open(page, '/training', info);
  await expect(page.locator('#training-progress')).toContainText(w.counted);
  await expect(page.locator('.training-item[data-done="true"]')).toHaveCount(3);
  await ctx.close();
});

test('with training required before matching, the board shows who is not eligible and HR can waive it', async ({ browser }, info) => {
  test.setTimeout(90_000);
  const js = hydrated(info);
  const ctx = await browser.newContext({ locale: 'es-ES', javaScriptEnabled: js, viewport });
  const hr = await ctx.newPage();
  await signIn(hr, info, DEMO.manager);
  await open(hr, '/programs', info);
  await hr.getByRole('link', { name: DEMO_PROGRAM, exact: true }).click();
  const programUrl = hr.url();
  const setRequired = async (on: boolean) => {
    await open(hr, `${new URL(programUrl).pathname}/training`, info);
    const box = hr.locator('#require-training');
    if (on) await box.check(); else await box.uncheck();
    await hr.locator('#save-require').click();
    if (on) await expect(hr.locator('#require-training')).toBeChecked();
    else await expect(hr.locator('#require-training')).not.toBeChecked();
  };
  // HR's progress view: participants × required modules, readable by assistive technology.
  await open(hr, `${new URL(programUrl).pathname}/training/progress`, info);
  await expect(hr.locator('#training-grid tbody tr').first()).toBeVisible();
  await expect(hr.locator('#training-progress-totals')).toBeVisible();
  if (js) await noAxeViolations(hr);
  // "Remind those who have not finished" says how many it reminded (none when all were
  // reminded in the last day, as on the second project's run).
  await hr.locator('#remind-unfinished').click();
  await expect(hr.locator('#remind-result')).toBeVisible();
  await setRequired(true);
  try {
    await open(hr, `${new URL(programUrl).pathname}/pairs`, info);
    const blocked = hr.locator('.pool li[data-note="TrainingIncomplete"]');
    await expect(blocked.first()).toContainText('No ha completado la formación obligatoria');
    const before = await blocked.count();
    const who = await blocked.first().getAttribute('data-employee');
    await blocked.first().getByRole('button', { name: 'Eximir de la formación' }).click();
    await expect(hr.locator(`.pool li[data-employee="${who}"][data-note="TrainingIncomplete"]`)).toHaveCount(0);
    await expect(blocked).toHaveCount(before - 1);
  } finally {
    await setRequired(false);
  }
  await ctx.close();
});
