// Simulated people using Inversa at once, for scripts/speed.sh: each signs in, then once a
// second opens a page or does something, in a fixed mix, until the time is up. Prints one JSON
// object: requests, rate, latency percentiles (ms) overall and per kind of request, errors.
//
//   node scripts/load.mjs BASE_URL PROGRAM_KEY [--users 200] [--seconds 60]
//
// The offered load is fixed (every user starts one request a second, or at once when the last
// took longer), so a slower server shows as higher latencies rather than as fewer requests.
// Users are the demo participants (several sessions each), those with a published pair also
// checking in; one user in ten is HR, opening the pairing board. Sign-ins are spread over the first ten seconds (password hashing is bounded on
// purpose, and a burst of 200 is answered 503 "busy"; those are retried and counted).

const [base, program, ...rest] = process.argv.slice(2);
if (!base || !program) {
  console.error('usage: node scripts/load.mjs BASE_URL PROGRAM_KEY [--users N] [--seconds S]');
  process.exit(2);
}
const opt = (name, fallback) => {
  const i = rest.indexOf(name);
  return i >= 0 ? Number(rest[i + 1]) : fallback;
};
const USERS = opt('--users', 200);
const SECONDS = opt('--seconds', 60);
const PASSWORD = 'inversa-demo-2026';
const HR = 'rrhh@inversa.example';

const samples = []; // [kind, ms, ok]
let stopAt = 0;

async function timed(kind, fn) {
  const t0 = performance.now();
  let ok = false;
  try {
    ok = await fn();
  } catch {
    ok = false;
  }
  samples.push([kind, performance.now() - t0, ok]);
  return ok;
}

function cookieOf(res) {
  const set = res.headers.getSetCookie?.() ?? [];
  const c = set.map((s) => s.split(';')[0]).find((s) => s.startsWith('inversa_session='));
  return c ?? null;
}

async function api(cookie, name, form) {
  return fetch(`${base}/api/${name}`, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams(form ?? {}).toString(),
    redirect: 'manual',
  });
}

async function signIn(email) {
  for (let attempt = 0; attempt < 20; attempt++) {
    let cookie = null;
    let retryAfter = 1;
    await timed('sign in', async () => {
      const res = await api(null, 'sign_in', { email, password: PASSWORD });
      await res.arrayBuffer();
      cookie = res.ok ? cookieOf(res) : null;
      if (res.status === 503) retryAfter = Number(res.headers.get('retry-after') ?? 1);
      return cookie !== null;
    });
    if (cookie) return cookie;
    await sleep(retryAfter * 1000 * (0.5 + Math.random()));
  }
  return null;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function page(kind, cookie, path) {
  return timed(kind, async () => {
    const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
    const body = await res.text();
    return res.status === 200 && body.length > 0;
  });
}

async function participant(email, n) {
  const cookie = await signIn(email);
  if (!cookie) return;
  let pair = null;
  await timed('api checkin_targets', async () => {
    const res = await api(cookie, 'checkin_targets');
    const targets = res.ok ? await res.json() : [];
    pair = targets[0]?.pair ?? null;
    return res.ok;
  });
  const steps = [
    () => page('GET /', cookie, '/'),
    () => page('GET /pair', cookie, '/pair'),
    () => page('GET /checkin', cookie, '/checkin'),
    () => (pair ? page('GET /pair/{key}', cookie, `/pair/${pair}`) : page('GET /', cookie, '/')),
    () => page('GET /notifications', cookie, '/notifications'),
    () => page('GET /feedback', cookie, '/feedback'),
    () =>
      pair
        ? timed('POST check-in', async () => {
            const res = await api(cookie, 'submit_checkin', {
              pair,
              rating: '4',
              learned: 'How shared calendars work',
              taught: 'How our clients decide',
              next_step: 'Try it with the team',
              client_id: `load-${n}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
            });
            await res.arrayBuffer();
            return res.ok;
          })
        : page('GET /checkin', cookie, '/checkin'),
  ];
  await loop(steps, n);
}

async function hr(n) {
  const cookie = await signIn(HR);
  if (!cookie) return;
  const steps = [
    () => page('GET /programs/{key}/pairs', cookie, `/programs/${program}/pairs`),
    () =>
      timed('api load_board', async () => {
        const res = await api(cookie, 'load_board', { program });
        await res.arrayBuffer();
        return res.ok;
      }),
    () => page('GET /programs/{key}', cookie, `/programs/${program}`),
  ];
  await loop(steps, n);
}

async function loop(steps, n) {
  let i = n;
  while (performance.now() < stopAt) {
    const t0 = performance.now();
    await steps[i % steps.length]();
    i += 1;
    const wait = 1000 - (performance.now() - t0);
    if (wait > 0) await sleep(wait);
  }
}

function pct(sorted, p) {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, i)] * 10) / 10;
}

function summary(list) {
  const ms = list.map((s) => s[1]).sort((a, b) => a - b);
  return {
    requests: list.length,
    errors: list.filter((s) => !s[2]).length,
    p50_ms: pct(ms, 50),
    p95_ms: pct(ms, 95),
    p99_ms: pct(ms, 99),
  };
}

// Every participant account of the demo organisation (the admin lists them).
const admin = cookieOf(await api(null, 'sign_in', { email: 'admin@inversa.example', password: PASSWORD }));
const accounts = await (await api(admin, 'list_users')).json();
const emails = accounts.filter((a) => a.role === 'participant' && !a.disabled).map((a) => a.email);
if (emails.length === 0) {
  console.error('no participant accounts: is this the demo organisation?');
  process.exit(1);
}

const started = performance.now();
stopAt = started + SECONDS * 1000;
const users = [];
for (let n = 0; n < USERS; n++) {
  const delay = (n / USERS) * 10_000;
  users.push(
    sleep(delay).then(() => (n % 10 === 9 ? hr(n) : participant(emails[n % emails.length], n))),
  );
}
await Promise.all(users);
const elapsed = (performance.now() - started) / 1000;
const kinds = [...new Set(samples.map((s) => s[0]))].sort();
console.log(
  JSON.stringify(
    {
      users: USERS,
      seconds: Math.round(elapsed * 10) / 10,
      rate_per_s: Math.round((samples.length / elapsed) * 10) / 10,
      ...summary(samples),
      by_kind: Object.fromEntries(kinds.map((k) => [k, summary(samples.filter((s) => s[0] === k))])),
    },
    null,
    2,
  ),
);
