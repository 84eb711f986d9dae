// The demo mentee opens his pair's workspace from /pair and works on a goal of his own: a
// milestone ticked, progress and status set, a comment — all still there after a reload.
// The demo pairs are published first if pairing.spec.ts has not done it (spec files share one
// server); each project adds its own goal so the two runs do not meet.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { DEMO, ensurePublished, hydrated, open, signIn } from '../fixtures/pages';

test.beforeAll(async ({ browser }) => ensurePublished(browser));

test('a mentee sets a goal with a milestone, progress, status and a comment', async ({ browser }, info) => {
  const ctx = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: hydrated(info) });
  const page = await ctx.newPage();
  await signIn(page, info, DEMO.mentee);
  await open(page, '/pair', info);
  await page.locator('.my-pair').first().getByRole('link', { name: 'Open the pair workspace' }).click();
  await expect(page.locator('h1')).toHaveText('Our mentoring');
  await expect(page.locator('.person').first()).toContainText('Mentor');
  await expect(page.locator('.person', { hasText: '(you)' })).toContainText('James Wilson');
  await expect(page.getByRole('heading', { name: 'The program agreement' })).toBeVisible();
  const mentorColumn = page.locator('[data-direction="mentor_learns"]');
  await expect(mentorColumn).toContainText('No goals in this column yet.');
  // Only the mentee's own column offers a new goal.
  await expect(mentorColumn.getByText('New goal (what I want to learn)')).toHaveCount(0);

  const title = `Summarise reports with AI (${info.project.name})`;
  const column = page.locator('[data-direction="mentee_learns"]');
  await column.getByText('New goal (what I want to learn)').click();
  await column.getByLabel('Title').fill(title);
  await column.getByLabel('Description (optional)').fill('Weekly sales report in ten minutes.');
  await column.getByRole('button', { name: 'Add goal' }).click();
  const goal = column.locator('.goal', { has: page.getByRole('heading', { name: title }) });
  await expect(goal).toBeVisible();
  await expect(goal.locator('.goal__status')).toHaveText('Open');
  await expect(goal).toContainText('No milestones yet.');

  await goal.getByLabel('New milestone').fill('First summary');
  await goal.getByRole('button', { name: 'Add milestone' }).click();
  const milestone = goal.getByRole('button', { name: 'First summary' });
  await expect(milestone).toHaveAttribute('aria-pressed', 'false');
  await milestone.click();
  await expect(goal.getByRole('button', { name: 'First summary' })).toHaveAttribute('aria-pressed', 'true');

  await goal.getByLabel('Progress (%)').fill('60');
  await goal.getByRole('button', { name: 'Save status and progress' }).click();
  await expect(goal.locator('progress')).toHaveAttribute('value', '60');
  await expect(goal.locator('.goal__progress')).toContainText('Progress: 60%');

  await goal.getByLabel('Comment', { exact: true }).fill('Halfway there.');
  await goal.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(goal.locator('.comment')).toContainText('Halfway there.');

  await goal.getByLabel('Status').selectOption('achieved');
  await goal.getByRole('button', { name: 'Save status and progress' }).click();
  await expect(goal.locator('.goal__status')).toHaveText('Achieved');

  // Everything was stored.
  await page.reload();
  if (hydrated(info)) await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  await expect(goal.locator('.goal__status')).toHaveText('Achieved');
  await expect(goal.locator('progress')).toHaveAttribute('value', '100');
  await expect(goal).toContainText('Weekly sales report in ten minutes.');
  await expect(goal.getByRole('button', { name: 'First summary' })).toHaveAttribute('aria-pressed', 'true');
  await expect(goal.locator('.comment')).toContainText('James Wilson');
  await expect(goal.locator('.comment')).toContainText('Halfway there.');
  await ctx.close();
});

test('a pair workspace is not found for anyone outside the pair', async ({ browser }, info) => {
  const mentee = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: hydrated(info) });
  const page = await mentee.newPage();
  await signIn(page, info, DEMO.mentee);
  await open(page, '/pair', info);
  const href = await page.locator('.my-pair').first().getByRole('link', { name: 'Open the pair workspace' }).getAttribute('href');
  await mentee.close();

  const hr = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: hydrated(info) });
  const other = await hr.newPage();
  await signIn(other, info, DEMO.manager);
  await open(other, href!, info);
  await expect(other.locator('.alert--error[role=alert]')).toContainText('No hemos encontrado'); // HR's account is in Spanish
  await expect(other.locator('.goal')).toHaveCount(0);
  await hr.close();
});

test('the workspace has no axe violations and fits a 360px phone', async ({ browser }, info) => {
  test.skip(info.project.name !== 'hydrated', 'one run is enough: axe reads the rendered page');
  const ctx = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 800 } });
  const page = await ctx.newPage();
  await signIn(page, info, DEMO.mentee);
  await open(page, '/pair', info);
  const href = await page.locator('.my-pair').first().getByRole('link', { name: 'Open the pair workspace' }).getAttribute('href');
  await open(page, href!, info);
  await expect(page.locator('.goal').first()).toBeVisible();
  await page.locator('.new-goal summary').click();
  await page.screenshot({ path: info.outputPath('workspace-360.png'), fullPage: true });
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(overflow).toBe(false);
  await ctx.close();
});
