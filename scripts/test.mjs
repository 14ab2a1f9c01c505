#!/usr/bin/env node
// `npm test`: lint and type check, the unit and API tests on PGlite, the same tests on PostgreSQL,
// then the browser tests in Chromium. Under CI=true a suite that cannot run is a failure, never a skip.
//
//   npm test                       everything
//   npm test -- --only pglite      one step: check | pglite | postgres | e2e (comma list)
//   npm test -- <vitest filters>   extra arguments go to vitest (e.g. a file path)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ci = ['1', 'true'].includes(String(process.env.CI).toLowerCase());
const args = process.argv.slice(2);
let only = null;
const i = args.indexOf('--only');
if (i >= 0) {
  only = new Set(args[i + 1].split(','));
  args.splice(i, 2);
}
const want = (step) => !only || only.has(step);
const pgUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const results = [];

function run(name, cmd, cmdArgs, env = {}) {
  const started = Date.now();
  console.log(`\n━━━ ${name} ━━━`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  results.push({ name, ok: r.status === 0, note: `${secs} s` });
}

function cannotRun(name, why) {
  if (ci) {
    console.error(`\n✗ ${name} cannot run: ${why} (CI=true: this is a failure)`);
    results.push({ name, ok: false, note: `cannot run: ${why}` });
  } else {
    console.warn(`\n! ${name} skipped: ${why} (set CI=true to make this a failure)`);
    results.push({ name, ok: true, note: `SKIPPED: ${why}` });
  }
}

if (want('check')) run('lint, format and types (npm run check)', 'npm', ['run', '--silent', 'check']);
if (want('pglite'))
  run('unit + API tests on PGlite', process.execPath, [vitest, 'run', ...args], {
    MAGNET_TEST_ENGINE: 'pglite',
  });
if (want('postgres')) {
  if (!pgUrl) cannotRun('unit + API tests on PostgreSQL', 'TEST_DATABASE_URL (or DATABASE_URL) is not set');
  else
    run('unit + API tests on PostgreSQL', process.execPath, [vitest, 'run', ...args], {
      MAGNET_TEST_ENGINE: 'postgres',
      TEST_DATABASE_URL: pgUrl,
    });
}
if (want('e2e')) {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(chromium))
    cannotRun('browser tests', `${chromium} is missing (apt-get install chromium)`);
  else if (!fs.existsSync(path.join(root, 'e2e', 'vitest.config.ts')))
    cannotRun('browser tests', 'e2e/vitest.config.ts is missing');
  else
    run('browser tests in Chromium', process.execPath, [
      vitest,
      'run',
      '--config',
      'e2e/vitest.config.ts',
      ...args,
    ]);
}

console.log('\n━━━ summary ━━━');
for (const r of results) console.log(`${r.ok ? '✓' : '✗'} ${r.name} (${r.note})`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
