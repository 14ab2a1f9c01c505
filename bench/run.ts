// `npm run bench [-- suite …]`: prints `name value unit` lines, each next to its floor measured in the
// same run, and appends them to bench/RESULTS.md with the date and the machine.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Figure, machine, ROOT } from './lib.ts';
import { benchAssessmentNational } from './suites/assessment.ts';
import { benchBulletinCity, benchBulletinNational } from './suites/bulletin.ts';
import { benchHttp } from './suites/http.ts';
import { benchNationalList } from './suites/national-list.ts';
import { benchPgliteCity } from './suites/pglite-city.ts';
import { benchPipeline } from './suites/pipeline.ts';
import { benchSoak } from './suites/soak.ts';
import { benchWeb } from './suites/web.ts';
import { benchStartup } from './suites/startup.ts';

const SUITES: Record<string, () => Promise<Figure[]>> = {
  startup: benchStartup,
  http: benchHttp,
  pipeline: benchPipeline,
  'pglite-city': benchPgliteCity,
  'national-list': benchNationalList,
  'bulletin-city': benchBulletinCity,
  'bulletin-national': () => benchBulletinNational(),
  assessment: () => benchAssessmentNational(),
  soak: benchSoak,
  web: benchWeb,
};
/** Suites run when none is named (the long ones are asked for by name). */
const DEFAULT = ['startup', 'http', 'pipeline', 'web', 'bulletin-city', 'bulletin-national', 'assessment'];

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : DEFAULT;
const unknown = names.filter((n) => !SUITES[n]);
if (unknown.length) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}`);
  process.exit(2);
}

const all: Figure[] = [];
for (const name of names) {
  process.stderr.write(`# ${name}\n`);
  try {
    const figures = await SUITES[name]();
    for (const f of figures) {
      const floor = f.floor ? `    (floor: ${f.floor.name} ${f.floor.value} ${f.floor.unit})` : '';
      const target = f.target ? `    target ${f.target}` : '';
      console.log(`${f.name} ${f.value} ${f.unit}${floor}${target}`);
    }
    all.push(...figures);
  } catch (e) {
    console.error(`${name} failed: ${(e as Error).stack ?? e}`);
    all.push({ name: `${name}.failed`, value: 1, unit: (e as Error).message.slice(0, 120) });
  }
}

const commit = (() => {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
  } catch {
    return 'unknown';
  }
})();
const file = path.join(ROOT, 'bench', 'RESULTS.md');
if (!fs.existsSync(file))
  fs.writeFileSync(file, '# Benchmark results\n\nEvery `npm run bench` appends its figures here.\n');
const lines = [
  '',
  `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${commit} · ${names.join(', ')}`,
  '',
  `Machine: ${machine()}`,
  '',
  '| figure | value | unit | floor (same run) | target |',
  '|---|---:|---|---|---|',
  ...all.map(
    (f) =>
      `| ${f.name} | ${f.value} | ${f.unit} | ${f.floor ? `${f.floor.name}: ${f.floor.value} ${f.floor.unit}` : ''} | ${f.target ?? ''} |`,
  ),
];
fs.appendFileSync(file, `${lines.join('\n')}\n`);
process.exit(0);
