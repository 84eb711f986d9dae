// Times the employee import over HTTP against a running Inversa server: for each size, a generated
// semicolon-separated file (email, name, department, role) is imported into the first program of
// the demo program manager, then imported again (the same people, updated).
//
// Usage:
//   node bench/import.mjs <base url> [sizes, default 1000,10000,20000] [--email E] [--password P]
// Start the server with an empty in-memory database and the demo data, e.g.
//   inversa --listen 127.0.0.1:3411 --database mem://
// Prints one line per import: rows, bytes, status and milliseconds. Exit status 1 when an import
// was not answered 200.

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const email = flag('email', 'rrhh@inversa.example');
const password = flag('password', 'inversa-demo-2026');
const [base, sizesArg] = args;
if (!base) {
  console.error('usage: node bench/import.mjs <base url> [sizes] (see the header of this file)');
  process.exit(2);
}
const sizes = (sizesArg ?? '1000,10000,20000').split(',').map(Number);

async function post(path, body, cookie, json = false) {
  return fetch(base + path, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      origin: base,
      accept: 'application/json',
      cookie: cookie ?? '',
      'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
    },
    body: json ? JSON.stringify(body) : body,
  });
}

const signIn = await post('/api/sign_in', new URLSearchParams({ email, password }).toString());
if (signIn.status !== 200) {
  console.error(`sign-in answered ${signIn.status}`);
  process.exit(1);
}
const cookie = signIn.headers
  .getSetCookie()
  .map((c) => c.split(';')[0])
  .join('; ');
const programs = await (await post('/api/list_programs', '', cookie)).json();
const program = programs[0]?.key;
if (!program) {
  console.error('the account has no program to import into');
  process.exit(1);
}

let failed = false;
for (const n of sizes) {
  const lines = ['Email;Nombre;Departamento;Rol'];
  for (let i = 0; i < n; i++) {
    lines.push(`p${n}x${i}@bench.example;Persona ${i};Dept ${i % 40};${i % 2 ? 'mentor' : 'mentee'}`);
  }
  const csv = lines.join('\n') + '\n';
  const body = { program, csv_base64: Buffer.from(csv).toString('base64') };
  for (const round of ['new', 'again']) {
    const started = Date.now();
    const r = await post('/api/commit_import', body, cookie, true);
    const text = await r.text();
    failed ||= r.status !== 200;
    console.log(
      `${String(n).padStart(6)} rows, ${String(csv.length).padStart(8)} bytes, ${round.padEnd(5)}: ` +
        `${r.status} in ${Date.now() - started} ms ${r.status === 200 ? text : text.slice(0, 200)}`,
    );
  }
}
process.exit(failed ? 1 : 0);
