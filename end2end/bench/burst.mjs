// Bursts of concurrent requests against a running Inversa server, to measure what a burst costs
// and to find answers that are wrong only under load.
//
// Usage:
//   node bench/burst.mjs signin <base url> <count> [--pid PID] [--emails a@x,b@x] [--password P]
//     <count> sign-ins sent at the same moment, spread over the given emails (default: the demo
//     participants), each on its own connection. Prints the answers by status and, with --pid,
//     the server's resident memory before, at its peak during the burst and after it (read from
//     /proc/PID/status: VmRSS, VmHWM).
//   node bench/burst.mjs pages <base url> <count> <concurrency> <path>... [--email E] [--password P]
//     Signs in (default rrhh@inversa.example) and loads each path <count> times, <concurrency> at
//     a time. A load is wrong when its status is not 200, or when the data sent with the page for
//     hydration carries an error (`"kind":"internal"`), or when it carries a different number of
//     resources than most loads of that path (a resource made twice on the server).
//
// Exit status 1 when any answer was a server error (5xx other than the documented 503 "busy")
// or any page load was wrong.
import { readFileSync } from 'node:fs';
import http from 'node:http';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const pid = flag('pid');
const emailsArg = flag('emails');
const password = flag('password', 'inversa-demo-2026');
const pageEmail = flag('email', 'rrhh@inversa.example');
const [mode, base, ...rest] = args;
if (!mode || !base) {
  console.error('usage: node bench/burst.mjs signin|pages <base url> …  (see the header of this file)');
  process.exit(2);
}
const url = new URL(base);

/** One request on a fresh connection; resolves with status, headers and body. */
function request(method, path, { body, cookie, accept = 'application/json' } = {}) {
  return new Promise((resolve) => {
    const headers = { Accept: accept, 'Accept-Language': 'es', Origin: url.origin, Connection: 'close' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      headers['Content-Length'] = Buffer.byteLength(body);
    }
    if (cookie) headers.Cookie = cookie;
    const req = http.request(
      { host: url.hostname, port: url.port, path, method, headers, agent: false },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
        res.on('error', (e) => resolve({ status: 0, headers: {}, body: String(e) }));
      },
    );
    req.on('error', (e) => resolve({ status: 0, headers: {}, body: String(e) }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const form = (o) => new URLSearchParams(o).toString();

function memory() {
  if (!pid) return null;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0);
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;

function tally(replies) {
  const byStatus = {};
  for (const r of replies) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  return byStatus;
}

async function signIn(email) {
  const r = await request('POST', '/api/sign_in', { body: form({ email, password }) });
  const cookie = [r.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('inversa_session='));
  if (r.status !== 200 || !cookie) throw new Error(`sign-in of ${email} answered ${r.status}: ${r.body}`);
  return cookie.split(';')[0];
}

async function signinBurst() {
  const count = Number(rest[0] ?? 100);
  const emails = emailsArg
    ? emailsArg.split(',')
    : ['james.wilson@inversa.example', 'lucia.fernandez@inversa.example', 'rrhh@inversa.example', 'admin@inversa.example'];
  const before = memory();
  let peak = before?.rss ?? 0;
  const sampler = pid ? setInterval(() => { peak = Math.max(peak, memory().rss); }, 20) : null;
  const t0 = Date.now();
  const replies = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      request('POST', '/api/sign_in', { body: form({ email: emails[i % emails.length], password }) }).then((r) => ({ ...r, ms: Date.now() - t0 })),
    ),
  );
  const elapsed = Date.now() - t0;
  if (sampler) clearInterval(sampler);
  await new Promise((r) => setTimeout(r, 2000));
  const after = memory();
  const ms = replies.filter((r) => r.status === 200).map((r) => r.ms).sort((a, b) => a - b);
  console.log(`${count} sign-ins at once: ${JSON.stringify(tally(replies))} in ${elapsed} ms` +
    (ms.length ? `; 200s answered in ${ms[0]}–${ms[ms.length - 1]} ms (median ${ms[Math.floor(ms.length / 2)]})` : ''));
  const busy = replies.find((r) => r.status === 503);
  if (busy) console.log(`a 503 answer: retry-after ${busy.headers['retry-after']}; ${busy.body}`);
  for (const r of replies.filter((r) => r.status >= 500 && r.status !== 503).slice(0, 3)) console.log(`server error ${r.status}: ${r.body}`);
  if (before) {
    console.log(`server memory: before ${mb(before.rss)}, peak sampled ${mb(peak)}, VmHWM ${mb(after.hwm)}, 2 s after ${mb(after.rss)}`);
  }
  return replies.some((r) => r.status === 0 || (r.status >= 500 && r.status !== 503));
}

async function pageLoads() {
  const [countArg, concArg, ...paths] = rest;
  const count = Number(countArg ?? 20);
  const concurrency = Number(concArg ?? 5);
  const cookie = await signIn(pageEmail);
  let failed = false;
  for (const path of paths) {
    const results = [];
    let next = 0;
    const worker = async () => {
      while (next < count) {
        next += 1;
        const r = await request('GET', path, { cookie, accept: 'text/html' });
        const resources = (r.body.match(/__RESOLVED_RESOURCES\[\d+\] = /g) ?? []).length;
        const internal = /\\"kind\\":\\"internal\\"|"kind":"internal"/.test(r.body);
        results.push({ status: r.status, resources, internal });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const counts = results.map((r) => r.resources);
    const usual = counts.sort((a, b) => counts.filter((c) => c === b).length - counts.filter((c) => c === a).length)[0];
    const wrong = results.filter((r) => r.status !== 200 || r.internal || r.resources !== usual);
    console.log(
      `${path}: ${count} loads, ${concurrency} at a time: ${JSON.stringify(tally(results))}; ` +
        `${results.filter((r) => r.internal).length} with an internal error in the page data; ` +
        `resources per page ${JSON.stringify(Object.fromEntries([...new Set(results.map((r) => r.resources))].map((n) => [n, results.filter((r) => r.resources === n).length])))}; ` +
        `${wrong.length} wrong`,
    );
    failed ||= wrong.length > 0;
  }
  return failed;
}

const failed = mode === 'signin' ? await signinBurst() : mode === 'pages' ? await pageLoads() : (() => { throw new Error(`unknown mode ${mode}`); })();
process.exit(failed ? 1 : 0);
