#!/usr/bin/env node
// `npm start`: builds the web UI when it is missing or older than its sources, then starts the server
// in this process (PGlite in ./data unless DATABASE_URL is set) from its JavaScript bundle (dist/server, rebuilt
// by scripts/server-bundle.mjs when the sources are newer).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newest, serverEntry } from './server-bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist', 'web', 'index.html');

const sources = [path.join(root, 'web'), path.join(root, 'shared')].filter((d) => fs.existsSync(d));
const stale =
  !fs.existsSync(dist) ||
  Math.max(...sources.map(newest), fs.statSync(path.join(root, 'vite.config.ts')).mtimeMs) >
    fs.statSync(dist).mtimeMs;
if (stale && process.env.MAGNET_SKIP_BUILD !== '1') {
  console.log('Building the web UI (vite build)…');
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) {
    console.error('The web UI failed to build.');
    process.exit(1);
  }
}

await import(await serverEntry('main'));
