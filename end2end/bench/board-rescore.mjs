// Measures how long the pairing board takes to re-score after a drag, in Chromium, on a large
// program. Run through scripts/bench_board.sh, which starts a server with the program loaded.
//
// Usage: node bench/board-rescore.mjs <base url> <program key> [moves]
//
// For every successful drag the page records `data-last-move-ms` on the board: from the drop
// handler starting, through the move, the re-scoring of the changed pairs in WASM, and the
// reactive DOM update, until the executor's next tick. This script also times, from the page's
// side, the drop event to the next animation frame with the new layout computed (the moment the
// browser can paint the re-scored board).
import { chromium } from '@playwright/test';

const [base, key, movesArg] = process.argv.slice(2);
if (!base || !key) {
  console.error('usage: node bench/board-rescore.mjs <base url> <program key> [moves]');
  process.exit(2);
}
const moves = Number(movesArg ?? 40);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-ES' });
page.setDefaultTimeout(120_000);
await page.goto(`${base}/login`);
await page.locator('body[data-hydrated]').waitFor();
await page.locator('#email').fill('rrhh@inversa.example');
await page.locator('#password').fill('inversa-demo-2026');
await page.locator('form.form button[type=submit]').click();
await page.locator('.account__name').waitFor();

const t0 = Date.now();
await page.goto(`${base}/programs/${key}/pairs`);
await page.locator('body[data-hydrated]').waitFor();
const loadMs = Date.now() - t0;
if ((await page.locator('.pair-card').count()) === 0) {
  await page.locator('#run-matching').click();
  await page.locator('.pair-card').first().waitFor();
}
const cards = await page.locator('.pair-card').count();
const people = await page.evaluate(
  () => document.querySelectorAll('.pair-card').length * 2 + document.querySelectorAll('.pool li').length,
);

const inApp = [];
const toPaint = [];
let refused = 0;
for (let i = 0; inApp.length < moves && i < moves * 4; i++) {
  const list = await page.locator('.pair-card[data-status="draft"]').evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-mentee')),
  );
  const a = list[(i * 7) % list.length];
  const b = list[(i * 13 + 5) % list.length];
  if (a === b) continue;
  const before = await page.locator('.board').getAttribute('data-last-move-ms');
  // Dispatch the drag in the page and time it to the second frame after the drop.
  const ms = await page.evaluate(
    ([a, b]) =>
      new Promise((resolve) => {
        const chip = document.querySelector(`.pair-card[data-mentee="${a}"] .chip-person[data-side="mentor"]`);
        const target = document.querySelector(`.pair-card[data-mentee="${b}"]`);
        const dt = new DataTransfer();
        chip.dispatchEvent(new DragEvent('dragstart', { bubbles: true, dataTransfer: dt }));
        target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
        const start = performance.now();
        target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
        requestAnimationFrame(() => {
          void document.body.offsetHeight; // force style and layout of the updated board
          resolve(performance.now() - start);
        });
      }),
    [a, b],
  );
  await page.locator('.pair-card[data-status="draft"]').first().waitFor();
  const after = await page.locator('.board').getAttribute('data-last-move-ms');
  if (after !== null && after !== before && (await page.locator('#board-notice').count()) === 0) {
    inApp.push(Number(after));
    toPaint.push(ms);
  } else {
    refused++;
  }
  // Let the save finish so the next move starts from a quiet page.
  await page.locator('.save-status', { hasText: /guardados|saved/ }).waitFor();
}

const stats = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
};
console.log(
  JSON.stringify(
    {
      people,
      pairs: cards,
      board_load_ms: loadMs,
      refused_moves: refused,
      rescore_in_app_ms: stats(inApp),
      drop_to_next_frame_with_layout_ms: stats(toPaint),
    },
    null,
    2,
  ),
);
await browser.close();
