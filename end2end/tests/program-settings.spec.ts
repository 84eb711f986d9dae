// HR edits a program's topic catalogue and its matching rules and weights, with and without
// JavaScript. Each run works on a program of its own: the demo program keeps its defaults.
import { expect, Page, test, TestInfo } from '@playwright/test';
import { DEMO, open, signIn } from '../fixtures/pages';

async function newProgram(page: Page, info: TestInfo): Promise<string> {
  const name = `Ajustes ${info.project.name} ${Date.now()}`;
  await signIn(page, info, DEMO.manager);
  await open(page, '/programs', info);
  await page.locator('#program-name').fill(name);
  await page.locator('#program-starts').fill('2027-01-11');
  await page.locator('#program-ends').fill('2027-06-30');
  await page.getByRole('button', { name: 'Crear programa' }).click();
  if (info.project.name === 'no-js') {
    await page.getByRole('link', { name }).click();
  }
  await expect(page.locator('h1')).toHaveText(name);
  return new URL(page.url()).pathname;
}

test('a program manager adds a topic and removes it after confirming', async ({ page }, info) => {
  await newProgram(page, info);
  await page.locator('#topic-new-es').fill('Robótica educativa');
  await page.locator('#topic-new-en').fill('Educational robotics');
  await page.getByRole('button', { name: 'Añadir tema' }).click();
  const topic = page.locator('.topic[data-topic="educational_robotics"]');
  await expect(topic.locator('.topic__name')).toHaveText('Robótica educativa');

  // The same name again is refused with a clear message.
  await page.locator('#topic-new-es').fill('Robótica educativa');
  await page.locator('#topic-new-en').fill('Robots');
  await page.getByRole('button', { name: 'Añadir tema' }).click();
  await expect(page.locator('.alert--error')).toHaveText('Este programa ya tiene un tema con ese nombre.');

  await topic.locator('summary').click();
  const remove = topic.getByRole('button', { name: 'Quitar tema' });
  await remove.click();
  // Without the confirmation box ticked, the browser keeps the form from being sent.
  await expect(topic).toHaveCount(1);
  await topic.getByLabel('Confirmo que quiero quitar este tema del catálogo.').check();
  await remove.click();
  await expect(page.locator('.topic[data-topic="educational_robotics"]')).toHaveCount(0);
  await expect(page.locator('.topic[data-topic="ai_tools"]')).toHaveCount(1);
});

test('a program manager changes the matching rules and weights and they are kept', async ({ page }, info) => {
  const path = await newProgram(page, info);
  const card = page.locator('section.matching');
  await expect(card.getByRole('heading', { name: 'Reglas y pesos del emparejamiento' })).toBeVisible();
  await expect(page.locator('#m-shared_language')).toBeChecked();
  await expect(page.locator('#w-mentor_teaches')).toHaveValue('40');

  await page.locator('#m-shared_language').uncheck();
  await page.locator('#m-min_overlap_hours').fill('3');
  await page.locator('#w-mentor_teaches').fill('55');
  await page.locator('#w-different_department').fill('10');
  await card.getByRole('button', { name: 'Guardar reglas y pesos' }).click();
  if (info.project.name === 'hydrated') {
    await expect(card.locator('.alert--ok')).toHaveText('Reglas y pesos guardados. El próximo emparejamiento los usará.');
  }

  await open(page, path, info);
  await expect(page.locator('#m-shared_language')).not.toBeChecked();
  await expect(page.locator('#m-mentor_junior')).toBeChecked();
  await expect(page.locator('#m-min_overlap_hours')).toHaveValue('3');
  await expect(page.locator('#w-mentor_teaches')).toHaveValue('55');
  await expect(page.locator('#w-different_department')).toHaveValue('10');

  // A weight out of range is refused, naming it; nothing is saved.
  await page.locator('#w-shared_interests').fill('1001');
  await card.getByRole('button', { name: 'Guardar reglas y pesos' }).click();
  await expect(card.locator('.alert--error')).toHaveText(
    'No se han guardado las reglas y pesos: el peso «Intereses comunes» debe ser un número entero entre 0 y 1000.',
  );
  await open(page, path, info);
  await expect(page.locator('#w-shared_interests')).toHaveValue('15');
  await expect(page.locator('#w-mentor_teaches')).toHaveValue('55');

  await card.getByRole('button', { name: 'Restaurar valores predeterminados' }).click();
  await expect(page.locator('#w-mentor_teaches')).toHaveValue('40');
  await expect(page.locator('#m-shared_language')).toBeChecked();
  await expect(page.locator('#m-min_overlap_hours')).toHaveValue('2');
});
