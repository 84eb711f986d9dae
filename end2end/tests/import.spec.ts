// HR imports employees from a CSV into a program: a broken row is shown and nothing is written;
// the fixed file imports; importing it again updates the same people instead of adding them.
// Each test uses a program of its own, so the demo program (paired in pairing.spec) is untouched.
import { expect, Page, test, TestInfo } from '@playwright/test';
import { DEMO, open, signIn } from '../fixtures/pages';

/** Signs in as the demo manager, creates a program and opens its import page. */
async function newProgramImportPage(page: Page, info: TestInfo, name: string) {
  await signIn(page, info, DEMO.manager);
  await open(page, '/programs', info);
  await page.locator('#program-name').fill(name);
  await page.locator('#program-starts').fill('2027-01-11');
  await page.locator('#program-ends').fill('2027-06-30');
  await page.getByRole('button', { name: 'Crear programa' }).click();
  await expect(page.locator('h1')).toHaveText(name);
  await page.getByRole('link', { name: 'Importar empleados' }).click();
  await expect(page.locator('h1')).toHaveText('Importar empleados');
}

function csvFile(text: string) {
  return { name: 'empleados.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf-8') };
}

test('HR imports a CSV with a broken row, sees the row error, fixes it and imports', async ({ page }, info) => {
  test.skip(info.project.name === 'no-js', 'the file is read in the browser');
  const run = Date.now();
  const mentor = `Ana Importada ${run}`;
  const mentee = `Julia Jefa ${run}`;
  const file = (start: string) =>
    '\ufeffEmail;Nombre;Departamento;Responsable;Fecha de incorporación;Rol\r\n' +
    `ana.${run}@ejemplo.es;${mentor};Ventas;jefa.${run}@ejemplo.es;2024-03-01;mentora\r\n` +
    `jefa.${run}@ejemplo.es;${mentee};Dirección;;${start};mentee\r\n`;

  await newProgramImportPage(page, info, `Importación ${run}`);
  await expect(page.getByText('Ningún archivo todavía')).toBeVisible();

  // Row 3 has a date that does not exist: it is listed, and the import stays disabled.
  await page.locator('#import-file').setInputFiles(csvFile(file('31/02/2010')));
  const error = page.locator('.import__errors tr[data-row="3"]');
  await expect(error).toBeVisible();
  await expect(error).toContainText('Fecha no válida');
  await expect(error).toContainText('E');
  await expect(error).toContainText('31/02/2010');
  await expect(page.locator('.import__preview')).toContainText('UTF-8 (BOM)');
  await expect(page.locator('.import__preview')).toContainText('punto y coma');
  await expect(page.locator('#import-submit')).toBeDisabled();
  await expect(page.locator('.import__participants')).toHaveAttribute('data-count', '0');

  // The fixed file previews cleanly; "01/02/2010" could be either order, so HR is asked.
  await page.locator('#import-file').setInputFiles(csvFile(file('01/02/2010')));
  await expect(page.getByText('Ninguna fila tiene errores.')).toBeVisible();
  await expect(page.locator('#import-dates')).toHaveAttribute('data-order', 'undecided');
  await expect(page.locator('#import-submit')).toBeDisabled();
  await page.locator('#import-date-day_first').check();
  await expect(page.locator('#import-dates')).toHaveAttribute('data-order', 'day_first');
  await expect(page.locator('.import__counts [data-new]')).toHaveAttribute('data-new', '2');
  await expect(page.locator('.import__counts [data-updated]')).toHaveAttribute('data-updated', '0');
  await expect(page.locator('.import__mapping tr[data-column="4"] select')).toHaveValue('company_start');
  // While the server writes, the steps say what is done and what runs, with the seconds it has
  // run: the write is held back here for 2.5 s so the steps can be read.
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/commit_import', async (route) => {
    await held;
    await route.continue();
  });
  await page.locator('#import-submit').click();
  const steps = page.locator('.import__steps li');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toHaveText('Archivo leído');
  await expect(steps.nth(1)).toHaveText('2 filas comprobadas');
  await expect(steps.nth(2)).toHaveAttribute('aria-current', 'step');
  await expect(steps.nth(2)).toContainText('Guardando 2 personas en una sola operación');
  await expect(page.locator('.import__elapsed')).not.toHaveAttribute('data-seconds', '0', { timeout: 2_500 });
  release();
  const done = page.locator('.import__done');
  await expect(done).toContainText('Importación completada: 2 nuevas, 0 actualizadas');
  await page.unroute('**/api/commit_import');
  await expect(page.locator('.import__steps')).toHaveCount(0);
  await expect(page.locator('.import__participants')).toHaveAttribute('data-count', '2');

  // The same file again updates the same two people.
  await page.locator('#import-file').setInputFiles(csvFile(file('01/02/2010')));
  await page.locator('#import-date-day_first').check();
  await expect(page.locator('.import__counts [data-new]')).toHaveAttribute('data-new', '0');
  await expect(page.locator('.import__counts [data-updated]')).toHaveAttribute('data-updated', '2');
  await expect(done).toHaveCount(0);
  await page.locator('#import-submit').click();
  await expect(done).toContainText('0 nuevas, 2 actualizadas');
  await expect(page.locator('.import__participants')).toHaveAttribute('data-count', '2');

  // Both are enrolled: the board lists them.
  await done.getByRole('link', { name: 'Volver al programa' }).click();
  await page.getByRole('link', { name: 'Abrir el tablero de emparejamiento' }).click();
  // The board's code is a chunk of its own: the program page (which lists them too) stays until
  // it has loaded, with a bar at the top of the window meanwhile.
  await expect(page.locator('.routing-progress--active')).toBeAttached();
  await expect(page.locator('h1')).toHaveText('Tablero de emparejamiento');
  await expect(page.getByText(mentee)).toBeVisible();
  await expect(page.getByText(mentor)).toBeVisible();
});

test('pasted CSV without an email header: HR picks the column and previews again', async ({ page }, info) => {
  test.skip(info.project.name === 'no-js', 'the preview runs from the browser');
  const run = Date.now();
  await page.setViewportSize({ width: 360, height: 800 });
  await newProgramImportPage(page, info, `Pegado ${run}`);
  await page.locator('#import-paste').fill(`Contacto,Nombre,Rol\nluis.${run}@ejemplo.es,Luis Pegado,mentor\n`);
  await page.locator('#import-paste-submit').press('Enter');
  await expect(page.locator('[data-code="missing_email_column"]')).toContainText('Ninguna columna contiene el email');
  const select = page.locator('#import-field-0');
  await select.selectOption('email');
  await expect(page.locator('.import__counts [data-new]')).toHaveAttribute('data-new', '1');
  await expect(page.locator('#import-submit')).toBeEnabled();
  // At 360 px wide tables scroll inside their box; the page itself does not scroll sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('without JavaScript the page says the file needs it', async ({ page }, info) => {
  test.skip(info.project.name !== 'no-js', 'the notice is only shown without JavaScript');
  await signIn(page, info, DEMO.manager);
  await open(page, '/programs', info);
  await page.getByRole('link', { name: 'Mentoría Inversa 2027 · Piloto', exact: true }).click();
  await page.getByRole('link', { name: 'Importar empleados' }).click();
  await expect(page.locator('h1')).toHaveText('Importar empleados');
  await expect(page.getByText('Para leer el archivo esta página necesita JavaScript')).toBeVisible();
});
