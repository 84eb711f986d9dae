// The browser suite fails when a server it started logged a panic: the check that global
// teardown and stopServer run on the server's output, shown on a sample log.
import { expect, test } from '@playwright/test';
import { assertNoPanics, panicsIn } from '../fixtures/panics';

const log = [
  '\u001b[2m2026-11-30T23:27:03Z\u001b[0m \u001b[32m INFO\u001b[0m server: Inversa is listening address=127.0.0.1:3917',
  '\u001b[2m2026-11-30T23:27:33Z\u001b[0m \u001b[31mERROR\u001b[0m app::ssr::guard: internal error error=AppState missing from context',
  '',
  "thread 'tokio-runtime-worker' panicked at /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/reactive_graph-0.2.16/src/traits.rs:394:39:",
  'Tried to access a reactive value that has already been disposed.',
  'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace',
  '\u001b[2m2026-11-30T23:27:34Z\u001b[0m \u001b[33m WARN\u001b[0m server: a panic in a sentence is not a panic',
].join('\n');

test('a panic in the server output is found with its message', () => {
  const found = panicsIn(log);
  expect(found).toHaveLength(1);
  expect(found[0]).toContain('reactive_graph-0.2.16/src/traits.rs:394:39');
  expect(found[0]).toContain('Tried to access a reactive value that has already been disposed.');
  expect(() => assertNoPanics(log)).toThrow(/panicked 1 time\(s\).*\n.*already been disposed/);
});

test('output without a panic passes', () => {
  const clean = log.split('\n').filter((l) => !l.includes('panicked at')).join('\n');
  expect(panicsIn(clean)).toEqual([]);
  expect(() => assertNoPanics(clean)).not.toThrow();
  expect(panicsIn('')).toEqual([]);
});
